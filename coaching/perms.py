"""Who may see and change what: the one place that answers it.

A user's reach is computed once per request into a :class:`Scope` (two or three
queries), then every check is a set lookup. Records of an ERIC carry a programme, an
ERIC and a visibility; the generic predicates below decide on those three, and each
record type maps itself onto them (``can_view_milestone`` …). Views call these functions
and hand templates what they answered; lists filter with ``visible_to(user)``, which
reads the same scope (``coaching.scope``).

The matrix (private = not shared with the ERIC's team):

=====================  ========================  =====================  ==============
who                    ERIC record, shared       ERIC record, private   change
=====================  ========================  =====================  ==============
administrator          yes                       yes                    yes
Region officer         programmes it funds       programmes it funds    no
resource person        ERIC it coaches           ERIC it coaches        ERIC it coaches
ERIC team              its own ERIC              no                     per record type
partner                animations it co-organised                       no
=====================  ========================  =====================  ==============

The tiers-lieu maturity grid departs from it on purpose (see its section below): the
team writes it, the resource person validates it, and drafts stay between the two.
"""

from .enums import AssessmentStatus
from .scope import Scope, get_scope

# --- Generic predicates on (programme, ERIC, visibility) -----------------------------


def can_view_eric_record(user, *, programme_id: int, eric_id: int, shared: bool) -> bool:
    """May the user see a record of ERIC ``eric_id`` in programme ``programme_id``?"""
    scope = get_scope(user)
    return (
        scope.sees_everything
        or programme_id in scope.region_programme_ids
        or (programme_id, eric_id) in scope.coached_pairs
        or (shared and eric_id in scope.team_eric_ids)
    )


def can_manage_eric_record(user, *, programme_id: int, eric_id: int) -> bool:
    """May the user create and change the coaching records of this ERIC?"""
    scope = get_scope(user)
    return scope.sees_everything or (programme_id, eric_id) in scope.coached_pairs


# --- Record types --------------------------------------------------------------------


def can_view_programme(user, programme) -> bool:
    """A programme's overview (targets, ERIC list) is open to every member."""
    scope = get_scope(user)
    return scope.is_authenticated and (scope.sees_everything or bool(scope.roles))


def can_view_accompaniment(user, accompaniment) -> bool:
    return can_view_eric_record(
        user,
        programme_id=accompaniment.programme_id,
        eric_id=accompaniment.eric_id,
        shared=True,
    )


def can_manage_accompaniment(user, accompaniment) -> bool:
    return can_manage_eric_record(
        user, programme_id=accompaniment.programme_id, eric_id=accompaniment.eric_id
    )


def can_view_milestone(user, milestone) -> bool:
    return can_view_accompaniment(user, milestone.accompaniment)


def can_change_milestone(user, milestone) -> bool:
    return can_manage_accompaniment(user, milestone.accompaniment)


# --- Coaching journal ----------------------------------------------------------------


def can_view_journal(user) -> bool:
    """Anyone with a coaching scope reaches the journal (each list then filters)."""
    scope = get_scope(user)
    return scope.sees_everything or bool(
        scope.region_programme_ids
        or scope.coached_pairs
        or scope.team_eric_ids
        or scope.partner_organisation_ids
    )


def can_view_hotline_weeks(user) -> bool:
    """The hotline is the programme's, not an ERIC's: its weeks are for those who see
    the programme's slots (administrators, the Region, the resource persons)."""
    scope = get_scope(user)
    return scope.sees_everything or bool(scope.region_programme_ids or scope.coached_pairs)


def can_log_journal(user) -> bool:
    """May the user log calls, sessions and animations (for at least one ERIC)?"""
    scope = get_scope(user)
    return scope.sees_everything or bool(scope.coached_pairs)


def coaches_in_programme(user, programme_id: int) -> bool:
    """Is the user a resource person of at least one ERIC of this programme?"""
    scope = get_scope(user)
    return scope.sees_everything or programme_id in scope.coached_programme_ids


def can_hold_hotline(user, programme) -> bool:
    """May the user record a hotline slot of this programme?"""
    return coaches_in_programme(user, programme.pk)


def _accompaniment_record(user, record, *, shared: bool) -> bool:
    accompaniment = record.accompaniment
    return can_view_eric_record(
        user,
        programme_id=accompaniment.programme_id,
        eric_id=accompaniment.eric_id,
        shared=shared,
    )


def can_view_hotline_call(user, call) -> bool:
    """Coach, Region: every call; the ERIC's team: its shared calls only."""
    return _accompaniment_record(user, call, shared=call.is_shared)


def can_manage_hotline_call(user, call) -> bool:
    return can_manage_accompaniment(user, call.accompaniment)


def can_view_coaching_session(user, session) -> bool:
    return _accompaniment_record(user, session, shared=session.is_shared)


def can_manage_coaching_session(user, session) -> bool:
    return can_manage_accompaniment(user, session.accompaniment)


def can_view_animation(user, animation) -> bool:
    """Host ERIC's team, its coach, the Region, and partners who co-organised it."""
    if _accompaniment_record(user, animation, shared=True):
        return True
    partner_ids = get_scope(user).partner_organisation_ids
    return bool(partner_ids) and any(
        organisation.pk in partner_ids for organisation in animation.co_organisers.all()
    )


def can_manage_animation(user, animation) -> bool:
    """Plan, change, cancel: the resource person of the host ERIC."""
    return can_manage_accompaniment(user, animation.accompaniment)


def can_document_animation(user, animation) -> bool:
    """Report, attendance, photos: the resource person and the host ERIC's team."""
    return can_manage_animation(user, animation) or (
        animation.accompaniment.eric_id in get_scope(user).team_eric_ids
    )


def can_add_animation_partner(user, accompaniment) -> bool:
    """Add a partner on the spot for an ERIC's animations: the resource person and the
    ERIC's team (who name the partners when they document an animation)."""
    return can_manage_accompaniment(user, accompaniment) or (
        accompaniment.eric_id in get_scope(user).team_eric_ids
    )


def can_view_federating_event(user, event) -> bool:
    """The programme's coaches and Region, and the teams of the ERIC taking part."""
    scope = get_scope(user)
    if (
        scope.sees_everything
        or event.programme_id in scope.region_programme_ids
        or coaches_in_programme(user, event.programme_id)
    ):
        return True
    return any(
        participation.accompaniment.eric_id in scope.team_eric_ids
        for participation in event.participations.all()
    )


def can_manage_federating_event(user, event) -> bool:
    return coaches_in_programme(user, event.programme_id)


def can_document_federating_event(user, event) -> bool:
    """Photos: the programme's coaches and the teams of the ERIC taking part."""
    if can_manage_federating_event(user, event):
        return True
    team_eric_ids = get_scope(user).team_eric_ids
    return any(
        participation.accompaniment.eric_id in team_eric_ids
        for participation in event.participations.all()
    )


# --- Tiers-lieu maturity grid --------------------------------------------------------
# The team assesses itself, its resource person validates. Unlike the journal, drafts
# stay between the team and its coach: the Region and administrators read submitted and
# validated assessments only, and nobody outside the team writes the team's answers.


def _coaches(scope: Scope, accompaniment) -> bool:
    return (accompaniment.programme_id, accompaniment.eric_id) in scope.coached_pairs


def _in_team(scope: Scope, accompaniment) -> bool:
    return accompaniment.eric_id in scope.team_eric_ids


def can_view_maturity_assessment(user, assessment) -> bool:
    """The team and its coach: every status; Region, administrators: once submitted."""
    accompaniment = assessment.accompaniment
    scope = get_scope(user)
    if _in_team(scope, accompaniment) or _coaches(scope, accompaniment):
        return True
    return assessment.is_shared and (
        scope.sees_everything or accompaniment.programme_id in scope.region_programme_ids
    )


def can_fill_maturity_grid(user, accompaniment) -> bool:
    """Only the ERIC's own team fills in (and submits) its self-assessment."""
    return _in_team(get_scope(user), accompaniment)


def can_edit_maturity_assessment(user, assessment) -> bool:
    """The team, while the assessment is a draft or has been sent back."""
    return assessment.is_editable and can_fill_maturity_grid(user, assessment.accompaniment)


def can_review_maturity_grid(user, accompaniment) -> bool:
    """The accompaniment's resource person (not another ERIC's, not an administrator)."""
    return _coaches(get_scope(user), accompaniment)


def can_review_maturity_assessment(user, assessment) -> bool:
    """The accompaniment's resource person validates or sends back a submitted one."""
    return assessment.status == AssessmentStatus.SUBMITTED and can_review_maturity_grid(
        user, assessment.accompaniment
    )


# --- Code-source sheets --------------------------------------------------------------
# The sheets live in the public site (cms, above this layer); the journal offers to write
# one, so who may write for an ERIC is answered here, once, for both.


def can_write_code_source_sheet(user, eric_id: int) -> bool:
    """The ERIC's team, its resource persons, the site's editors and administrators."""
    scope = get_scope(user)
    return scope.is_editor or eric_id in scope.team_eric_ids or eric_id in scope.coached_eric_ids


def sheet_eric_ids(user) -> frozenset | None:
    """The ERIC the user writes sheets for; ``None`` for every ERIC (editors)."""
    scope = get_scope(user)
    if scope.is_editor:
        return None
    return scope.team_eric_ids | scope.coached_eric_ids
