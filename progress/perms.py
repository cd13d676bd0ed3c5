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


def can_view_report(user, report) -> bool:
    """A built report: those who see the programme's dashboard get any; an ERIC's team
    gets its own ERIC's report only (a report of the whole programme names the others);
    whoever asked for it (the documentation partner's frozen version) gets it."""
    if can_view_dashboard(user, report.programme) or report.requested_by_id == user.pk:
        return True
    return report.eric_id is not None and report.eric_id in get_scope(user).team_eric_ids


def can_request_report(user, programme, eric=None) -> bool:
    """Asking for a report is reading it: the same rule, before it exists."""
    if can_view_dashboard(user, programme):
        return True
    return eric is not None and eric.pk in get_scope(user).team_eric_ids


def can_write_end_narrative(user, narrative) -> bool:
    """The end-of-programme narrative: the programme's resource persons, the partner that
    documents it (SKEMA), administrators."""
    scope = get_scope(user)
    if scope.sees_everything or narrative.programme_id in scope.coached_programme_ids:
        return True
    partner = narrative.documentation_partner_id
    return partner is not None and partner in scope.partner_organisation_ids


def can_freeze_end_report(user, narrative) -> bool:
    """Freezing a version: those who write it, and the Region that funds the programme."""
    scope = get_scope(user)
    return (
        can_write_end_narrative(user, narrative)
        or narrative.programme_id in scope.region_programme_ids
    )
