"""Attendance, half-day by half-day."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..enums import AttendanceStatus
from ..models import (
    Attendance,
    TrainingSession,
)
from ..perms import can_manage_training
from .changes import announce_training


def not_started_message(session: TrainingSession) -> str:
    local = timezone.localtime(session.starts_at)
    return _(
        "Cette demi-journée n'a pas encore commencé : l'émargement ouvrira le %(date)s à %(time)s."
    ) % {"date": date_format(local.date(), "j F Y"), "time": local.strftime("%H:%M")}


def attendance_record(*, by, session: TrainingSession, statuses: dict[int, str]) -> int:
    """Record who attended a half-day: {registration id: status}. Returns how many changed."""
    training = session.training
    if not can_manage_training(by, training):
        raise PermissionDenied
    if not session.has_started():
        raise ValidationError(not_started_message(session))
    valid = set(AttendanceStatus.values)
    with transaction.atomic():
        registrations = set(
            training.registrations.confirmed()
            .filter(pk__in=list(statuses))
            .values_list("pk", flat=True)
        )
        unknown = set(statuses) - registrations
        if unknown or not set(statuses.values()) <= valid:
            raise ValidationError(
                _("La feuille de présence a changé entre-temps : rechargez la page.")
            )
        existing = {a.registration_id: a for a in session.attendances.all()}
        now = timezone.now()
        to_create, to_update = [], []
        for registration_id, status in statuses.items():
            attendance = existing.get(registration_id)
            if attendance is None:
                to_create.append(
                    Attendance(
                        registration_id=registration_id,
                        session=session,
                        status=status,
                        marked_by=by,
                        marked_at=now,
                    )
                )
            elif attendance.status != status:
                attendance.status = status
                attendance.marked_by = by
                attendance.marked_at = now
                to_update.append(attendance)
        Attendance.objects.bulk_create(to_create)
        Attendance.objects.bulk_update(to_update, ["status", "marked_by", "marked_at"])
        announce_training(training)
    return len(to_create) + len(to_update)
