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
    from coaching.broadcast import broadcast_change

    world = live_world
    team, _ = await connect(world.team_a)
    coach, _ = await connect(world.coach_a)

    @database_sync_to_async
    def announce():
        from django.db import transaction

        with transaction.atomic():
            broadcast_change(
                kind="hotline_call",
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
