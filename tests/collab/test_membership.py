"""Who belongs to which space, and who manages it: every role of the platform, read from
the user's side (``collab_reach``) and from the space's (``space_member_reasons``)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from collab.enums import MemberReason
from collab.membership import (
    can_manage_space,
    can_view_space,
    collab_reach,
    forget_collab_reach,
    space_member_reasons,
)
from collab.models import Space
from collab.services import invitation_create, invitation_revoke, sync_spaces

pytestmark = pytest.mark.django_db

# user attribute → (spaces they belong to, spaces they manage), among
# P (programme), A (ERIC A), B (ERIC B), T (the training).
EXPECTED = {
    "admin": ("PABT", "PABT"),
    "region": ("PAB", "P"),
    "coach_a": ("PAT", "PAT"),
    "coach_b": ("PBT", "PBT"),
    "team_a": ("PAT", "A"),
    "team_b": ("PB", "B"),  # its registration was cancelled
    "partner": ("P", ""),
    "trainer": ("PT", "T"),  # a partner too: the programme's space
    "editor": ("", ""),
    "outsider": ("", ""),
}


def _user(collab, name):
    return getattr(collab, name, None) or getattr(collab.world, name)


def _spaces(collab):
    return {
        "P": collab.programme_space,
        "A": collab.space_a,
        "B": collab.space_b,
        "T": collab.training_space,
    }


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_role_belongs_to_its_spaces_only(collab, name):
    user = _user(collab, name)
    member_of, manages = EXPECTED[name]
    for letter, space in _spaces(collab).items():
        assert can_view_space(user, space) == (letter in member_of), (name, letter)
        assert can_manage_space(user, space) == (letter in manages), (name, letter)
        reasons = space_member_reasons(space)
        assert (user.pk in reasons) == (letter in member_of), (name, letter)
    visible = set(Space.objects.visible_to(user))
    assert visible == {space for letter, space in _spaces(collab).items() if letter in member_of}


def test_anonymous_belongs_nowhere(collab):
    from django.contrib.auth.models import AnonymousUser

    assert not can_view_space(AnonymousUser(), collab.programme_space)
    assert list(Space.objects.visible_to(AnonymousUser())) == []


def test_member_reasons_say_why(collab):
    world = collab.world
    assert space_member_reasons(collab.space_a)[world.team_a.pk] == {MemberReason.ERIC_TEAM}
    assert space_member_reasons(collab.space_a)[world.coach_a.pk] == {MemberReason.RESOURCE_PERSON}
    assert space_member_reasons(collab.training_space)[world.team_a.pk] == {MemberReason.REGISTRANT}
    assert space_member_reasons(collab.programme_space)[world.region.pk] == {MemberReason.REGION}


def test_an_invitation_lets_in_and_its_revocation_lets_out(collab):
    world = collab.world
    invitation = invitation_create(by=world.team_a, space=collab.space_a, user=world.outsider)
    assert can_view_space(world.outsider, collab.space_a)
    assert not can_manage_space(world.outsider, collab.space_a)
    assert not can_view_space(world.outsider, collab.space_b)
    assert MemberReason.INVITED in space_member_reasons(collab.space_a)[world.outsider.pk]
    invitation_revoke(by=world.coach_a, invitation=invitation)
    assert not can_view_space(world.outsider, collab.space_a)
    assert world.outsider.pk not in space_member_reasons(collab.space_a)


def test_only_managers_invite_and_nobody_twice(collab):
    from django.core.exceptions import ValidationError

    world = collab.world
    with pytest.raises(ValidationError):
        invitation_create(by=world.team_b, space=collab.space_a, user=world.outsider)
    with pytest.raises(ValidationError):
        invitation_create(by=world.partner, space=collab.programme_space, user=world.outsider)
    with pytest.raises(ValidationError, match="fait déjà partie"):
        invitation_create(by=world.coach_a, space=collab.space_a, user=world.team_a)
    invitation_create(by=world.coach_a, space=collab.space_a, user=collab.editor)
    forget_collab_reach(collab.editor)
    with pytest.raises(ValidationError, match="fait déjà partie"):
        invitation_create(by=world.coach_a, space=collab.space_a, user=collab.editor)


def test_the_reach_costs_a_fixed_number_of_queries_once_per_request(collab):
    user = collab.world.team_a
    forget_collab_reach(user)
    with CaptureQueriesContext(connection) as first:
        collab_reach(user)
    # Memberships, the ERIC's programmes, the spaces (the scope may add one more).
    assert len(first) <= 4
    with CaptureQueriesContext(connection) as again:
        can_view_space(user, collab.space_a)
        can_view_space(user, collab.space_b)
    assert len(again) == 0


def test_sync_spaces_is_idempotent_and_follows_new_trainings(collab):
    from tests.trainings.factories import make_training

    assert sync_spaces() == []
    training = make_training(collab.world, title="Deuxième formation")
    created = sync_spaces()
    assert [space.training for space in created] == [training]
    assert created[0].slug == "deuxieme-formation"
