"""Who reaches the study (docs/adr/0016-visitor-study.md). Model-free: reads the scope.

- An event's team pages (kiosks, live view, remote counts): the event's ERIC team, the
  members of the organisations on duty, the study's partner (SKEMA), the Region funding
  the programme, its resource persons, administrators.
- The study's shared data (typology, anonymised export): all of them for any event of
  the study, and the teams of every ERIC accompanied in the programme (pilot 2's ERIC),
  who may also run a later wave in their own place.
- The questionnaire, the categories and the coding of free text: the study's partner
  and administrators (only they read the free text).
"""

from django.db.models import Q

from coaching.scope import get_scope


def _programme_wide(scope, programme_id: int) -> bool:
    return (
        scope.sees_everything
        or programme_id in scope.region_programme_ids
        or programme_id in scope.coached_programme_ids
    )


def can_lead_study(user, study) -> bool:
    """Edit the questionnaire and the categories, code free text, read it."""
    scope = get_scope(user)
    return scope.sees_everything or study.partner_id in scope.partner_organisation_ids


def can_run_event(user, event, *, on_duty_ids=None) -> bool:
    """An event's team pages. ``on_duty_ids``: the event's organisations on duty, when
    already read (one query otherwise)."""
    scope = get_scope(user)
    if not scope.is_authenticated:
        return False
    study = event.study
    if _programme_wide(scope, study.programme_id) or can_lead_study(user, study):
        return True
    if event.eric_id in scope.team_eric_ids:
        return True
    if not scope.partner_organisation_ids:
        return False
    if on_duty_ids is None:
        on_duty_ids = set(event.team_on_duty.values_list("pk", flat=True))
    return bool(set(on_duty_ids) & scope.partner_organisation_ids)


def event_filter(user) -> Q:
    """The events ``can_run_event`` lets the user reach, as a filter."""
    scope = get_scope(user)
    if not scope.is_authenticated:
        return Q(pk__in=[])
    if scope.sees_everything:
        return Q()
    programmes = scope.region_programme_ids | scope.coached_programme_ids
    return (
        Q(study__programme_id__in=programmes)
        | Q(study__partner_id__in=scope.partner_organisation_ids)
        | Q(eric_id__in=scope.team_eric_ids)
        | Q(team_on_duty__in=scope.partner_organisation_ids)
    )


def can_view_study_data(user, study, *, accompanied_eric_ids=None, event_ids=None) -> bool:
    """The shared data: typology, anonymised export. ``accompanied_eric_ids``: the ERIC
    accompanied in the study's programme; ``event_ids``: the events the user runs."""
    scope = get_scope(user)
    if not scope.is_authenticated:
        return False
    if _programme_wide(scope, study.programme_id) or can_lead_study(user, study):
        return True
    if scope.team_eric_ids & set(accompanied_eric_ids or ()):
        return True
    return bool(event_ids)


def can_create_event(user, study, eric_id: int, *, accompanied_eric_ids=()) -> bool:
    """A later wave: an ERIC's team in its own place (an ERIC of the programme), the
    study's partner, the programme's resource persons, administrators."""
    scope = get_scope(user)
    if scope.sees_everything or can_lead_study(user, study):
        return True
    if (study.programme_id, eric_id) in scope.coached_pairs:
        return True
    return eric_id in scope.team_eric_ids and eric_id in set(accompanied_eric_ids)
