"""Live figures: a save reaches the open dashboard and trajectory pages that may see it,
whose figures fragment then shows the new value; without a channel layer, the save
still succeeds and the fragment (fetched every 60 s) shows it."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client
from django.urls import reverse

from config.asgi import application

PARIS = ZoneInfo("Europe/Paris")
TODAY = datetime.date(2026, 11, 15)


def animations_actual(html):
    row = re.search(r'<tr data-indicator="animations"[^>]*>(.*?)</tr>', html, re.DOTALL).group(1)
    return re.findall(r'<td class="num">(?:<a [^>]*>)?(\d+)', row)[0]


def fragment(user, url):
    client = Client()
    client.force_login(user)
    response = client.get(url + "?fragment=figures")
    return response.status_code, response.content.decode()


def setup_world():
    from coaching.enums import Basis, Indicator
    from tests.factories import World, make_target

    world = World()
    make_target(
        programme=world.programme,
        indicator=Indicator.ANIMATIONS,
        value=1,
        basis=Basis.PER_ERIC_PER_MONTH,
    )
    return world


def document_animation(world):
    from tests.coaching.journal_helpers import counted_animation

    return counted_animation(world, starts_at=datetime.datetime(2026, 10, 5, 14, tzinfo=PARIS))


async def connect(user, follow=None):
    communicator = WebsocketCommunicator(
        application,
        "/ws/changes/",
        headers=[(b"origin", b"http://127.0.0.1:8000"), (b"host", b"127.0.0.1")],
    )
    communicator.scope["user"] = user
    connected, _ = await communicator.connect()
    assert connected
    if follow:
        await communicator.send_json_to({"follow": follow})
    return communicator


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_a_save_reaches_the_dashboard_and_the_trajectory_never_another_eric(
    time_machine_today,
):
    time_machine_today(TODAY)
    world = await database_sync_to_async(setup_world)()
    dashboard = reverse("progress:programme_dashboard", args=[world.programme.slug])
    trajectory = reverse("progress:accompaniment_detail", args=[world.accompaniment_a.pk])

    region = await connect(world.region, {"programme": world.programme.pk})
    team_a = await connect(world.team_a, {"eric": world.eric_a.pk})
    # team B asks for ERIC A's group: it is never joined, nothing of A reaches it
    team_b = await connect(world.team_b, {"eric": world.eric_a.pk})

    status, html = await database_sync_to_async(fragment)(world.region, dashboard)
    assert status == 200 and animations_actual(html) == "0"

    await database_sync_to_async(document_animation)(world)

    for communicator in (region, team_a):
        message = await communicator.receive_json_from(timeout=1)
        assert message["event"] == "changed"
        assert message["eric"] == world.eric_a.pk
    assert await team_b.receive_nothing(timeout=0.3)

    status, html = await database_sync_to_async(fragment)(world.region, dashboard)
    assert status == 200 and animations_actual(html) == "1"
    status, html = await database_sync_to_async(fragment)(world.team_a, trajectory)
    assert status == 200 and "1 comptée ce mois-ci" not in html  # held in October
    assert 'data-indicator="animations"' in html
    status, _ = await database_sync_to_async(fragment)(world.team_b, trajectory)
    assert status == 404  # another ERIC's trajectory: as a missing one
    status, _ = await database_sync_to_async(fragment)(world.team_a, dashboard)
    assert status == 403

    for communicator in (region, team_a, team_b):
        await communicator.disconnect()


def test_channel_layer_down_the_save_succeeds_and_the_fragment_shows_it(
    db, monkeypatch, time_machine_today, django_capture_on_commit_callbacks
):
    from core import changes

    class BrokenLayer:
        async def group_send(self, group, message):
            raise ConnectionError("redis is down")

    monkeypatch.setattr(changes, "get_channel_layer", lambda: BrokenLayer())
    time_machine_today(TODAY)
    world = setup_world()
    dashboard = reverse("progress:programme_dashboard", args=[world.programme.slug])
    with django_capture_on_commit_callbacks(execute=True):
        document_animation(world)
    status, html = fragment(world.region, dashboard)
    assert status == 200
    assert animations_actual(html) == "1"


def test_pages_load_the_refresh_script_and_no_inline_script(db, time_machine_today):
    time_machine_today(TODAY)
    world = setup_world()
    client = Client()
    client.force_login(world.region)
    html = client.get(
        reverse("progress:programme_dashboard", args=[world.programme.slug])
    ).content.decode()
    assert '<script src="/static/js/live-figures.js" defer></script>' in html
    assert f'data-live-programme="{world.programme.pk}"' in html
    assert re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html) is None
