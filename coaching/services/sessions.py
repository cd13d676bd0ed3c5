"""Coaching sessions with an ERIC team."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.changes import ChangeKind
from core.services import apply_changes

from ..models import (
    Accompaniment,
    CoachingSession,
)
from ..perms import (
    can_manage_accompaniment,
    can_manage_coaching_session,
)
from .agenda_sync import sync_coaching_session_agenda
from .records import SESSION_DATED, announce_record, check_within_programme

COACHING_SESSION_FIELDS = (
    "started_at",
    "duration_minutes",
    "format",
    "participants",
    "objectives",
    "notes",
    "next_steps",
    "milestone",
    "visibility",
)


def _check_dates(session: CoachingSession) -> None:
    check_within_programme(
        session.accompaniment.programme, {"started_at": (session.started_at, SESSION_DATED)}
    )


def _check_milestone(session: CoachingSession) -> None:
    if session.milestone_id and session.milestone.accompaniment_id != session.accompaniment_id:
        raise ValidationError({"milestone": _("Ce jalon appartient à un autre ERIC.")})


def coaching_session_create(*, by, accompaniment: Accompaniment, **fields) -> CoachingSession:
    if not can_manage_accompaniment(by, accompaniment):
        raise PermissionDenied
    with transaction.atomic():
        session = CoachingSession(accompaniment=accompaniment, created_by=by)
        apply_changes(session, fields, COACHING_SESSION_FIELDS)
        _check_dates(session)
        _check_milestone(session)
        session.full_clean()
        session.save()
        sync_coaching_session_agenda(session)
        announce_record(ChangeKind.COACHING_SESSION, session, shared=session.is_shared)
    return session


def coaching_session_update(*, by, session: CoachingSession, **changes) -> CoachingSession:
    if not can_manage_coaching_session(by, session):
        raise PermissionDenied
    with transaction.atomic():
        was_shared = session.is_shared
        apply_changes(session, changes, COACHING_SESSION_FIELDS)
        _check_dates(session)
        _check_milestone(session)
        session.full_clean()
        if changes:
            session.save(update_fields=list(changes))
        sync_coaching_session_agenda(session)
        announce_record(
            ChangeKind.COACHING_SESSION, session, shared=session.is_shared or was_shared
        )
    return session
