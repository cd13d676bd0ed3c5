"""Who reads the progress pages: the dashboard and its report, the resource person's week.

An ERIC's trajectory page follows its accompaniment (``coaching.perms``)."""

from coaching.perms import coaches_in_programme
from coaching.scope import get_scope


def can_view_dashboard(user, programme) -> bool:
    """A programme's progress dashboard: the funder's Region officers, administrators and
    the programme's resource persons. ERIC teams and partners follow their own pages."""
    scope = get_scope(user)
    return (
        scope.sees_everything
        or programme.pk in scope.region_programme_ids
        or coaches_in_programme(user, programme.pk)
    )


def can_view_week(user) -> bool:
    """« Ma semaine »: the resource persons' page (and administrators')."""
    scope = get_scope(user)
    return scope.is_resource_person or scope.sees_everything
