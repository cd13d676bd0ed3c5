"""Who belongs to which collaborative space: the one place that answers it.

Membership is derived from the roles the platform already knows (``coaching.scope``,
ADR 0002), plus the invitations of each space's managers:

====================  ===========================  ====================  ==================
who                   the programme's space        an ERIC's space       a training's space
====================  ===========================  ====================  ==================
administrator         member, manages              member, manages       member, manages
Region officer        programmes it funds, manages programmes it funds   —
resource person       programmes it coaches in,    the ERIC it coaches,  programmes it
                      manages                      manages               coaches in, manages
ERIC team             programmes its ERIC is in    its own ERIC, manages —
partner               every programme              —                     —
trainer               —                            —                     trainings it gives,
                                                                         manages
registrant            —                            —                     confirmed, member
invited               member                       member                member
====================  ===========================  ====================  ==================

The site's editors, and anyone else, belong to a space only when invited. A user's reach
(:func:`collab_reach`) is computed once per request: the scope's two queries (shared
with every other permission of the request), the training reach's one, then one query
for the spaces. Every later feature (threads, documents, search, notifications) asks
:func:`can_view_space` or filters with ``space_id__in=collab_reach(user).space_ids``.
"""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q

from coaching.scope import get_scope
from organisations.enums import Role
from trainings.enums import RegistrationStatus
from trainings.models import Registration, Training
from trainings.perms import training_reach

from .enums import MemberReason, SpaceKind

_CACHE_ATTR = "_trajectoires_collab_reach"


@dataclass(frozen=True)
class CollabReach:
    is_authenticated: bool = False
    #: Administrators belong to, and manage, every space.
    sees_every_space: bool = False
    space_ids: frozenset = frozenset()
    managed_space_ids: frozenset = frozenset()


ANONYMOUS_REACH = CollabReach()


def _space_model():
    # The models module imports this one (its querysets filter on the reach): the model
    # is looked up in the registry rather than imported, to keep the import one-way.
    return apps.get_model("collab", "Space")


def collab_reach(user) -> CollabReach:
    """The spaces ``user`` belongs to and those they manage, kept on the user object
    for the request (forget it with :func:`forget_collab_reach`)."""
    scope = get_scope(user)
    if not scope.is_authenticated:
        return ANONYMOUS_REACH
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    if scope.is_administrator:
        reach = CollabReach(is_authenticated=True, sees_every_space=True)
        setattr(user, _CACHE_ATTR, reach)
        return reach

    Space = _space_model()
    team_programme_ids = training_reach(user).team_programme_ids if scope.team_eric_ids else set()
    programme_member_ids = (
        scope.region_programme_ids | scope.coached_programme_ids | frozenset(team_programme_ids)
    )
    programme_spaces = Q(kind=SpaceKind.PROGRAMME)
    if not scope.is_partner:
        programme_spaces &= Q(programme_id__in=programme_member_ids)
    eric_spaces = Q(kind=SpaceKind.ERIC) & (
        Q(programme_id__in=scope.region_programme_ids)
        | Q(accompaniment_id__in=scope.coached_accompaniment_ids)
        | Q(accompaniment__eric_id__in=scope.team_eric_ids)
    )
    gives_training = Exists(
        Training.trainers.through.objects.filter(training_id=OuterRef("training_id"), user=user)
    )
    registered = Exists(
        Registration.objects.filter(
            training_id=OuterRef("training_id"), user=user, status=RegistrationStatus.CONFIRMED
        )
    )
    training_spaces = Q(kind=SpaceKind.TRAINING) & (
        Q(programme_id__in=scope.coached_programme_ids) | Q(gives_training) | Q(registered)
    )
    invited = Exists(
        apps.get_model("collab", "SpaceInvitation").objects.filter(
            space=OuterRef("pk"), user=user, revoked_at__isnull=True
        )
    )
    rows = (
        Space.objects.filter(programme_spaces | eric_spaces | training_spaces | Q(invited))
        .annotate(gives_training=gives_training)
        .values_list(
            "pk",
            "kind",
            "programme_id",
            "accompaniment_id",
            "accompaniment__eric_id",
            "gives_training",
        )
    )
    space_ids, managed = set(), set()
    for pk, kind, programme_id, accompaniment_id, eric_id, trainer in rows:
        space_ids.add(pk)
        if kind == SpaceKind.PROGRAMME:
            manages = programme_id in (scope.region_programme_ids | scope.coached_programme_ids)
        elif kind == SpaceKind.ERIC:
            manages = (
                accompaniment_id in scope.coached_accompaniment_ids
                or eric_id in scope.team_eric_ids
            )
        else:
            manages = programme_id in scope.coached_programme_ids or trainer
        if manages:
            managed.add(pk)
    reach = CollabReach(
        is_authenticated=True,
        space_ids=frozenset(space_ids),
        managed_space_ids=frozenset(managed),
    )
    setattr(user, _CACHE_ATTR, reach)
    return reach


def forget_collab_reach(user) -> None:
    """Drop the cached reach (after an invitation or a role changes)."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def can_view_space(user, space) -> bool:
    """May ``user`` read ``space`` and everything in it (and write in it)?"""
    reach = collab_reach(user)
    return reach.sees_every_space or space.pk in reach.space_ids


def can_manage_space(user, space) -> bool:
    """May ``user`` invite people into ``space`` and revoke their invitations?"""
    reach = collab_reach(user)
    return reach.sees_every_space or space.pk in reach.managed_space_ids


def can_propose_sheet(user, space) -> bool:
    """May ``user`` propose a page of ``space`` to the public knowledge base? The
    knowledge base is written by the ERIC teams and their resource persons (cms.editorial)."""
    scope = get_scope(user)
    return can_view_space(user, space) and (
        scope.is_administrator or scope.is_eric_team or scope.is_resource_person
    )


# --- The other way round: who the members of a space are ------------------------------


def space_member_reasons(space) -> dict[int, set]:
    """``{user id: {MemberReason, …}}`` for every member of ``space``: the same rule as
    :func:`collab_reach`, read from the space's side (a fixed number of queries per
    kind of space). The discussion list's mentions and the notifications read it."""
    User = get_user_model()
    sources = [
        (
            MemberReason.ADMINISTRATOR,
            User.objects.filter(Q(is_superuser=True) | Q(memberships__role=Role.ADMINISTRATOR)),
        ),
        (
            MemberReason.INVITED,
            User.objects.filter(
                collab_invitations__space=space, collab_invitations__revoked_at__isnull=True
            ),
        ),
    ]
    region = User.objects.filter(
        memberships__role=Role.REGION_OFFICER,
        memberships__organisation__funded_programmes=space.programme_id,
    )
    coaches_of_programme = User.objects.filter(
        memberships__role=Role.RESOURCE_PERSON,
        coached_accompaniments__programme=space.programme_id,
    )
    if space.kind == SpaceKind.PROGRAMME:
        sources += [
            (MemberReason.REGION, region),
            (MemberReason.RESOURCE_PERSON, coaches_of_programme),
            (
                MemberReason.ERIC_TEAM,
                User.objects.filter(
                    memberships__role=Role.ERIC_TEAM,
                    memberships__organisation__accompaniments__programme=space.programme_id,
                ),
            ),
            (MemberReason.PARTNER, User.objects.filter(memberships__role=Role.PARTNER)),
        ]
    elif space.kind == SpaceKind.ERIC:
        sources += [
            (MemberReason.REGION, region),
            (
                MemberReason.RESOURCE_PERSON,
                User.objects.filter(
                    memberships__role=Role.RESOURCE_PERSON,
                    coached_accompaniments=space.accompaniment_id,
                ),
            ),
            (
                MemberReason.ERIC_TEAM,
                User.objects.filter(
                    memberships__role=Role.ERIC_TEAM,
                    memberships__organisation__accompaniments=space.accompaniment_id,
                ),
            ),
        ]
    else:
        sources += [
            (MemberReason.RESOURCE_PERSON, coaches_of_programme),
            (MemberReason.TRAINER, User.objects.filter(trainings_given=space.training_id)),
            (
                MemberReason.REGISTRANT,
                User.objects.filter(
                    training_registrations__training=space.training_id,
                    training_registrations__status=RegistrationStatus.CONFIRMED,
                ),
            ),
        ]
    reasons: dict[int, set] = {}
    for reason, users in sources:
        for user_id in users.values_list("pk", flat=True).distinct():
            reasons.setdefault(user_id, set()).add(reason)
    return reasons


def space_members(space, reasons: dict | None = None):
    """The members of ``space`` as a user queryset (ordered by name); ``reasons``: what
    :func:`space_member_reasons` answered, when the caller has it already."""
    if reasons is None:
        reasons = space_member_reasons(space)
    return (
        get_user_model()
        .objects.filter(pk__in=list(reasons))
        .order_by("last_name", "first_name", "username")
    )
