"""Live announcements reach open pages of those allowed to see the record, no one else."""

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator

from progress.consumers import ChangesConsumer
from tests.coaching.journal_helpers import call
from tests.factories import World


async def connect(user):
    communicator = WebsocketCommunicator(ChangesConsumer.as_asgi(), "/ws/changes/")
    communicator.scope["user"] = user
    connected, _ = await communicator.connect()
    assert connected
    return communicator


async def next_event(communicator):
    return await communicator.receive_json_from(timeout=2)


async def nothing_for(communicator):
    return await communicator.receive_nothing(timeout=0.3)


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_private_call_reaches_coach_and_region_not_the_team():
    world = await database_sync_to_async(World)()
    coach, team, region, other_team = (
        await connect(world.coach_a),
        await connect(world.team_a),
        await connect(world.region),
        await connect(world.team_b),
    )
    record = await database_sync_to_async(call)(world, eric="a", shared=False)
    coach_event = await next_event(coach)
    assert (coach_event["kind"], coach_event["pk"]) == ("hotline_call", record.pk)
    # The Region follows the programme: the day's slot held, then the call.
    assert (await next_event(region))["kind"] == "hotline_slot"
    assert (await next_event(region))["kind"] == "hotline_call"
    assert await nothing_for(team)
    assert await nothing_for(other_team)

    shared = await database_sync_to_async(call)(world, eric="a", shared=True)
    team_event = await next_event(team)
    assert (team_event["kind"], team_event["pk"]) == ("hotline_call", shared.pk)
    assert await nothing_for(other_team)
    for communicator in (coach, team, region, other_team):
        await communicator.disconnect()
