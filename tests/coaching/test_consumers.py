"""Live updates: who may join which group, and what reaches them."""

import datetime

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator

from coaching import services
from config.asgi import application

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]


async def connect(user):
    communicator = WebsocketCommunicator(
        application,
        "/ws/changes/",
        headers=[(b"origin", b"http://127.0.0.1:8000"), (b"host", b"127.0.0.1")],
    )
    if user is not None:
        communicator.scope["user"] = user
    connected, _ = await communicator.connect()
    return communicator, connected


@pytest.fixture
def live_world(transactional_db):
    from tests.factories import World

    return World()


async def test_anonymous_is_refused(live_world):
    from django.contrib.auth.models import AnonymousUser

    communicator, connected = await connect(AnonymousUser())
    assert not connected


async def test_a_milestone_change_reaches_its_eric_and_the_region_only(live_world):
    world = live_world
    listeners = {}
    for who in ("team_a", "team_b", "region", "coach_a", "coach_b", "partner"):
        communicator, connected = await connect(getattr(world, who))
        assert connected, who
        listeners[who] = communicator

    await database_sync_to_async(services.milestone_create)(
        by=world.coach_a,
        accompaniment=world.accompaniment_a,
        title="Première animation",
        due_date=datetime.date(2026, 10, 31),
    )

    for who in ("team_a", "region", "coach_a"):
        message = await listeners[who].receive_json_from(timeout=1)
        assert message["event"] == "changed"
        assert message["kind"] == "milestone"
        assert message["eric"] == world.eric_a.pk
    for who in ("team_b", "coach_b", "partner"):
        assert await listeners[who].receive_nothing(timeout=0.2), who
    for communicator in listeners.values():
        await communicator.disconnect()


async def test_private_records_are_not_announced_to_the_team(live_world):
    from core.changes import ChangeKind
    from core.changes import announce as announce_change

    world = live_world
    team, _ = await connect(world.team_a)
    coach, _ = await connect(world.coach_a)

    @database_sync_to_async
    def announce():
        from django.db import transaction

        with transaction.atomic():
            announce_change(
                ChangeKind.HOTLINE_CALL,
                pk=1,
                programme_id=world.programme.pk,
                eric_id=world.eric_a.pk,
                shared=False,
            )

    await announce()
    assert (await coach.receive_json_from(timeout=1))["kind"] == "hotline_call"
    assert await team.receive_nothing(timeout=0.2)
    await team.disconnect()
    await coach.disconnect()


async def test_following_narrows_but_never_widens(live_world):
    world = live_world
    team, _ = await connect(world.team_b)
    # team B asks to follow ERIC A: it still only receives what it may see (nothing of A).
    await team.send_json_to({"follow": {"eric": world.eric_a.pk}})
    await database_sync_to_async(services.milestone_create)(
        by=world.coach_a,
        accompaniment=world.accompaniment_a,
        title="A seulement",
        due_date=datetime.date(2026, 10, 31),
    )
    assert await team.receive_nothing(timeout=0.2)
    await team.disconnect()


async def test_the_pages_figures_come_with_the_change_as_each_viewer_sees_them(live_world):
    """A dashboard or a trajectory asks for its figures; they come with each change,
    rendered for what its user may see: never a dashboard for a team, never a private
    follow-up for the team, and another ERIC's trajectory never."""
    from tests.coaching.journal_helpers import call

    world = live_world

    @database_sync_to_async
    def private_follow_up():
        record = call(world, shared=False, summary="Note privée")
        services.hotline_follow_up_add(
            by=world.coach_a, call=record, action="Rappeler la mairie en privé"
        )

    await private_follow_up()
    pages = {}
    for who, fragment in [
        ("region", {"kind": "dashboard", "programme": world.programme.pk}),
        ("coach_a", {"kind": "trajectory", "accompaniment": world.accompaniment_a.pk}),
        ("team_a", {"kind": "trajectory", "accompaniment": world.accompaniment_a.pk}),
        ("team_b", {"kind": "trajectory", "accompaniment": world.accompaniment_a.pk}),
        ("team_a2", {"kind": "dashboard", "programme": world.programme.pk}),
    ]:
        user = world.team_a if who == "team_a2" else getattr(world, who)
        communicator, connected = await connect(user)
        assert connected, who
        await communicator.send_json_to({"fragment": fragment})
        pages[who] = communicator
    await pages["region"].receive_nothing(timeout=0.2)  # the plans are made

    await database_sync_to_async(services.milestone_create)(
        by=world.coach_a,
        accompaniment=world.accompaniment_a,
        title="Jalon annoncé en direct",
        due_date=datetime.date(2026, 10, 31),
    )
    region = await pages["region"].receive_json_from(timeout=2)
    assert "Objectifs du programme" in region["html"]
    coach = await pages["coach_a"].receive_json_from(timeout=2)
    assert "Jalon annoncé en direct" in coach["html"]
    assert "Rappeler la mairie en privé" in coach["html"]
    team = await pages["team_a"].receive_json_from(timeout=2)
    assert "Jalon annoncé en direct" in team["html"]
    assert "Rappeler la mairie en privé" not in team["html"]
    # a team asking for a dashboard is told of the change, without the figures
    team_dashboard = await pages["team_a2"].receive_json_from(timeout=2)
    assert "html" not in team_dashboard
    # another ERIC's team is not even told
    assert await pages["team_b"].receive_nothing(timeout=0.3)
    for communicator in pages.values():
        await communicator.disconnect()


async def test_pushed_figures_speak_the_language_of_the_page(live_world):
    from django.conf import settings

    world = live_world
    communicator = WebsocketCommunicator(
        application,
        "/ws/changes/",
        headers=[
            (b"origin", b"http://127.0.0.1:8000"),
            (b"host", b"127.0.0.1"),
            (b"cookie", ("sessionid=x; %s=en" % settings.LANGUAGE_COOKIE_NAME).encode()),
        ],
    )
    communicator.scope["user"] = world.region
    connected, _ = await communicator.connect()
    assert connected
    await communicator.send_json_to(
        {"fragment": {"kind": "dashboard", "programme": world.programme.pk}}
    )
    await communicator.receive_nothing(timeout=0.2)
    await database_sync_to_async(services.milestone_create)(
        by=world.coach_a,
        accompaniment=world.accompaniment_a,
        title="Jalon",
        due_date=datetime.date(2026, 10, 31),
    )
    message = await communicator.receive_json_from(timeout=2)
    assert "Programme targets" in message["html"]
    await communicator.disconnect()
