"""A socket's rights are checked again on each push (issue 18, item 8): a member
removed from a team, or a deactivated account, stops receiving that ERIC's pushes at
once, without reconnecting."""

import datetime

import pytest
from channels.db import database_sync_to_async

from coaching import services
from tests.coaching.test_consumers import connect

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def live_world(transactional_db):
    from tests.factories import World

    return World()


def milestone(world, title):
    return database_sync_to_async(services.milestone_create)(
        by=world.coach_a,
        accompaniment=world.accompaniment_a,
        title=title,
        due_date=datetime.date(2026, 10, 31),
    )


async def test_a_member_removed_from_the_team_stops_receiving_its_pushes(live_world):
    from organisations.models import Membership

    world = live_world
    team, connected = await connect(world.team_a)
    assert connected
    await milestone(world, "Avant")
    assert (await team.receive_json_from(timeout=1))["eric"] == world.eric_a.pk

    await database_sync_to_async(
        lambda: Membership.objects.filter(user=world.team_a, organisation=world.eric_a).delete()
    )()
    await milestone(world, "Après")
    assert await team.receive_nothing(timeout=0.3)
    await team.disconnect()


async def test_a_deactivated_account_stops_receiving_pushes(live_world):
    world = live_world
    coach, connected = await connect(world.coach_a)
    assert connected
    await milestone(world, "Avant")
    assert (await coach.receive_json_from(timeout=1))["kind"] == "milestone"

    def deactivate():
        world.coach_a.__class__.objects.filter(pk=world.coach_a.pk).update(is_active=False)

    await database_sync_to_async(deactivate)()
    await milestone(world, "Après")
    assert await coach.receive_nothing(timeout=0.3)
    await coach.disconnect()
