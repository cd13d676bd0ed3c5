"""Who sees and changes agenda entries, built on coaching.perms' scope."""

from django.db.models import Exists, OuterRef, Q

from coaching.models import Accompaniment, Programme
from coaching.perms import can_manage_eric_record, can_view_eric_record
from coaching.scope import get_scope

from .enums import Visibility

_MEMBER_CACHE = "_trajectoires_member_programmes"


def member_programme_ids(user) -> frozenset:
    """Programmes whose shared agenda the user reads (hotline slot, trainings…).

    Region officers of the funder, resource persons of any of its accompaniments, teams
    of its accompanied ERIC, and partner contributors (they train and co-organise).
    Cached on the user object like the scope.
    """
    scope = get_scope(user)
    if not scope.is_authenticated:
        return frozenset()
    cached = getattr(user, _MEMBER_CACHE, None)
    if cached is not None:
        return cached
    if scope.sees_everything or scope.is_partner:
        ids = frozenset(Programme.objects.values_list("pk", flat=True))
    else:
        ids = (
            scope.region_programme_ids
            | scope.coached_programme_ids
            | frozenset(
                Accompaniment.objects.filter(eric_id__in=scope.team_eric_ids).values_list(
                    "programme_id", flat=True
                )
            )
        )
    setattr(user, _MEMBER_CACHE, ids)
    return ids


def can_view_agenda_entry(user, entry) -> bool:
    if entry.visibility == Visibility.PUBLIC:
        return True
    scope = get_scope(user)
    if not scope.is_authenticated:
        return False
    if entry.visibility == Visibility.PROGRAMME or (
        entry.eric_id is None and entry.visibility == Visibility.TEAM
    ):
        return entry.programme_id in member_programme_ids(user)
    if entry.eric_id is None:  # private programme-level entry
        return (
            scope.sees_everything
            or entry.programme_id in scope.region_programme_ids
            or entry.programme_id in scope.coached_programme_ids
        )
    return can_view_eric_record(
        user,
        programme_id=entry.programme_id,
        eric_id=entry.eric_id,
        shared=entry.visibility == Visibility.TEAM,
    )


def can_manage_agenda_entry(user, entry) -> bool:
    scope = get_scope(user)
    if entry.eric_id is None:
        return scope.sees_everything or entry.programme_id in scope.coached_programme_ids
    return can_manage_eric_record(user, programme_id=entry.programme_id, eric_id=entry.eric_id)


def can_schedule_for_programme(user, programme) -> bool:
    """May the user put programme-level entries (the hotline slot…) in its agenda?"""
    scope = get_scope(user)
    return scope.sees_everything or programme.pk in scope.coached_programme_ids


def visibility_filter(user) -> Q:
    """The same rules as ``can_view_agenda_entry``, as a SQL filter."""
    public = Q(visibility=Visibility.PUBLIC)
    scope = get_scope(user)
    if not scope.is_authenticated:
        return public
    if scope.sees_everything:
        return Q()
    programme_wide = Q(visibility=Visibility.PROGRAMME) | Q(
        visibility=Visibility.TEAM, eric__isnull=True
    )
    condition = public | (programme_wide & Q(programme_id__in=member_programme_ids(user)))
    # Region officers read everything of the programmes their organisation funds.
    condition |= Q(programme_id__in=scope.region_programme_ids)
    coached = scope.coached_programme_ids
    condition |= Q(eric__isnull=True, visibility=Visibility.PRIVATE, programme_id__in=coached)
    if scope.coached_accompaniment_ids:
        # the ERIC they coach, in the programme where they coach it: one subquery,
        # whatever the number of ERIC (not one OR per pair)
        condition |= Q(
            Exists(
                Accompaniment.objects.filter(
                    pk__in=scope.coached_accompaniment_ids,
                    programme_id=OuterRef("programme_id"),
                    eric_id=OuterRef("eric_id"),
                )
            )
        )
    if scope.team_eric_ids:
        condition |= Q(visibility=Visibility.TEAM, eric_id__in=scope.team_eric_ids)
    return condition
