"""The live thread and the bell: who may join which group, and what reaches them."""

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.contrib.auth.models import AnonymousUser

from collab.threads import post_message, thread_create
from config.asgi import application

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]

HEADERS = [(b"origin", b"http://127.0.0.1:8000"), (b"host", b"127.0.0.1")]


async def connect(user, path):
    communicator = WebsocketCommunicator(application, path, headers=HEADERS)
    communicator.scope["user"] = user
    connected, code = await communicator.connect()
    return communicator, connected, code


@pytest.fixture
def live(transactional_db):
    from tests.collab.factories import CollabWorld
    from tests.factories import World

    collab = CollabWorld(World())
    collab.thread = thread_create(
        by=collab.world.team_a, space=collab.space_a, title="Atelier", body="Bonjour"
    )
    return collab


async def test_only_members_of_the_space_join_a_threads_group(live):
    world = live.world
    path = "/ws/plateforme/fils/%d/" % live.thread.pk
    for outsider in (world.team_b, world.coach_b, world.partner, world.outsider):
        communicator, connected, code = await connect(outsider, path)
        assert not connected and code == 4404, outsider.username
    communicator, connected, code = await connect(AnonymousUser(), path)
    assert not connected and code == 4401
    communicator, connected, _code = await connect(world.team_a, "/ws/plateforme/fils/999999/")
    assert not connected


async def test_a_new_message_reaches_the_readers_of_the_thread(live):
    world = live.world
    path = "/ws/plateforme/fils/%d/" % live.thread.pk
    coach, connected, _code = await connect(world.coach_a, path)
    assert connected
    message = await database_sync_to_async(post_message)(
        by=world.team_a, thread=live.thread, body="Nouveau"
    )
    assert await coach.receive_json_from(timeout=2) == {"event": "message", "id": message.pk}
    await coach.disconnect()


async def test_a_reader_who_left_the_space_gets_nothing_more(live):
    world = live.world
    path = "/ws/plateforme/fils/%d/" % live.thread.pk
    coach, connected, _code = await connect(world.coach_a, path)
    assert connected

    def leave():  # no longer ERIC A's resource person: out of its space
        world.accompaniment_a.resource_persons.remove(world.coach_a)

    await database_sync_to_async(leave)()
    await database_sync_to_async(post_message)(by=world.team_a, thread=live.thread, body="Après")
    output = await coach.receive_output(timeout=2)
    assert output["type"] == "websocket.close" and output["code"] == 4404


async def test_the_bell_gets_ones_own_count_only(live):
    world = live.world
    coach, connected, _code = await connect(world.coach_a, "/ws/plateforme/notifications/")
    other, other_connected, _code = await connect(world.team_b, "/ws/plateforme/notifications/")
    assert connected and other_connected
    await database_sync_to_async(post_message)(by=world.team_a, thread=live.thread, body="Hop")
    assert await coach.receive_json_from(timeout=2) == {"event": "count", "count": 2}
    assert await other.receive_nothing(timeout=0.3)
    await coach.disconnect()
    await other.disconnect()
