import pytest

from coaching import perms, scope
from coaching.enums import MilestoneStatus
from coaching.models import Accompaniment, Milestone


@pytest.fixture
def milestone_a(world):
    return Milestone.objects.create(
        accompaniment=world.accompaniment_a,
        title="Diagnostic",
        due_date=world.programme.start_date,
        status=MilestoneStatus.PLANNED,
    )


@pytest.mark.parametrize(
    ("who", "sees_a", "sees_b", "manages_a"),
    [
        ("coach_a", True, False, True),
        ("coach_b", False, True, False),
        ("team_a", True, False, False),
        ("team_b", False, True, False),
        ("region", True, True, False),
        ("partner", False, False, False),
        ("outsider", False, False, False),
        ("admin", True, True, True),
    ],
)
def test_accompaniment_matrix(world, who, sees_a, sees_b, manages_a):
    user = getattr(world, who)
    assert perms.can_view_accompaniment(user, world.accompaniment_a) is sees_a
    assert perms.can_view_accompaniment(user, world.accompaniment_b) is sees_b
    assert perms.can_manage_accompaniment(user, world.accompaniment_a) is manages_a
    visible = set(Accompaniment.objects.visible_to(user))
    assert (world.accompaniment_a in visible) is sees_a
    assert (world.accompaniment_b in visible) is sees_b


def test_private_records_stay_with_coach_and_region(world):
    record = {"programme_id": world.programme.pk, "eric_id": world.eric_a.pk}
    assert perms.can_view_eric_record(world.team_a, shared=True, **record)
    assert not perms.can_view_eric_record(world.team_a, shared=False, **record)
    assert perms.can_view_eric_record(world.coach_a, shared=False, **record)
    assert perms.can_view_eric_record(world.region, shared=False, **record)
    assert not perms.can_view_eric_record(world.team_b, shared=True, **record)
    assert not perms.can_view_eric_record(world.coach_b, shared=False, **record)


def test_region_officer_reaches_only_programmes_their_organisation_funds(world):
    from tests.factories import make_accompaniment, make_programme

    other = make_programme()
    elsewhere = make_accompaniment(programme=other)
    assert not perms.can_view_accompaniment(world.region, elsewhere)


def test_milestone_follows_its_accompaniment(world, milestone_a):
    assert perms.can_view_milestone(world.team_a, milestone_a)
    assert not perms.can_change_milestone(world.team_a, milestone_a)
    assert perms.can_change_milestone(world.coach_a, milestone_a)
    assert not perms.can_view_milestone(world.team_b, milestone_a)


def test_scope_is_computed_once_per_user_object(world, snapshot_queries, django_assert_num_queries):
    user = world.coach_a
    scope.forget_scope(user)
    with snapshot_queries(name="scope") as queries:
        scope.get_scope(user)
    assert len(queries) == 2  # memberships, coached accompaniments
    with django_assert_num_queries(0):
        for _ in range(10):
            perms.can_view_accompaniment(user, world.accompaniment_a)


def test_anonymous_sees_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    anonymous = AnonymousUser()
    assert not perms.can_view_accompaniment(anonymous, world.accompaniment_a)
    assert not Accompaniment.objects.visible_to(anonymous).exists()
