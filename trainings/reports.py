"""The trainings' PDFs, rendered with WeasyPrint: attendance sheets, certificates, summary.

Tagged PDF/UA-1 documents in French, with the programme's identity and page numbers.
Rendered by :mod:`core.pdf` (vendored font, URL fetcher limited to the static and media
folders).
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from core.pdf import css_string, render_pdf

from . import selectors
from .enums import AttendanceStatus
from .models import Attendance, Registration, Training, TrainingSession


def format_duration(duration: datetime.timedelta | None) -> str:
    """6 h, 6 h 30 — the French way of writing a duration."""
    minutes = int((duration or datetime.timedelta(0)).total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    if minutes:
        return "%d h %02d" % (hours, minutes)
    return "%d h" % hours


def _identity(training: Training) -> dict:
    programme = training.programme
    return {
        "css_header": css_string(programme.name),
        "css_footer": css_string(
            _("Programme financé par %(funder)s") % {"funder": programme.funder.name}
        ),
        "programme": programme,
        "funder": programme.funder,
        "training": training,
        "trainer_names": ", ".join(org.name for org in training.trainer_organisations.all()),
        "generated_on": timezone.localdate(),
    }


def _load_training(training: Training) -> Training:
    return (
        Training.objects.select_related("programme__funder")
        .prefetch_related("trainer_organisations", "trainers")
        .get(pk=training.pk)
    )


def attendance_sheet_pdf(session: TrainingSession) -> bytes:
    """The sheet of one half-day: printable beforehand, statuses once marked."""
    training = _load_training(session.training)
    start = timezone.localtime(session.starts_at)
    end = timezone.localtime(session.ends_at)
    rows = list(selectors.attendance_sheet_rows(session))
    context = {
        **_identity(training),
        "session": session,
        "start": start,
        "end": end,
        "duration": format_duration(session.duration),
        "rows": [
            {
                "registration": row,
                "status": row.session_attendance[0].status if row.session_attendance else None,
                "status_label": (
                    row.session_attendance[0].get_status_display() if row.session_attendance else ""
                ),
            }
            for row in rows
        ],
        "present": AttendanceStatus.PRESENT,
        "title": _("Feuille d'émargement — %(title)s") % {"title": training.title},
    }
    return render_pdf("trainings/pdf/attendance_sheet.html", context)


def no_attendance_message(registration: Registration) -> str:
    return _(
        "%(name)s n'a assisté à aucune demi-journée de cette formation : il n'y a pas "
        "d'attestation de présence à délivrer."
    ) % {"name": registration.full_name}


def _certificate_context(registration: Registration, attended: list) -> dict:
    total = sum((a.session.duration for a in attended), datetime.timedelta(0))
    return {
        "registration": registration,
        "sessions": [
            {
                "session": a.session,
                "start": timezone.localtime(a.session.starts_at),
                "end": timezone.localtime(a.session.ends_at),
                "duration": format_duration(a.session.duration),
            }
            for a in attended
        ],
        "total": format_duration(total),
    }


def _present_attendances(registrations):
    attended: dict[int, list] = {}
    for attendance in (
        Attendance.objects.filter(registration__in=registrations, status=AttendanceStatus.PRESENT)
        .select_related("session")
        .order_by("session__starts_at")
    ):
        attended.setdefault(attendance.registration_id, []).append(attendance)
    return attended


def certificate_pdf(registration: Registration) -> bytes:
    """One participant's certificate; refused for someone who attended nothing."""
    attended = _present_attendances([registration]).get(registration.pk, [])
    if not attended:
        raise ValidationError(no_attendance_message(registration))
    training = _load_training(registration.training)
    context = {
        **_identity(training),
        "certificates": [_certificate_context(registration, attended)],
        "title": _("Attestation de présence — %(name)s") % {"name": registration.full_name},
    }
    return render_pdf("trainings/pdf/certificates.html", context)


def certificates_pdf(training: Training) -> bytes:
    """Every certificate of a training, one page each, for those who attended."""
    training = _load_training(training)
    registrations = list(
        training.registrations.confirmed().select_related("organisation").order_by("full_name")
    )
    attended = _present_attendances(registrations)
    certificates = [
        _certificate_context(registration, attended[registration.pk])
        for registration in registrations
        if registration.pk in attended
    ]
    if not certificates:
        raise ValidationError(
            _("Personne n'a encore émargé : il n'y a pas d'attestation à délivrer.")
        )
    context = {
        **_identity(training),
        "certificates": certificates,
        "title": _("Attestations de présence — %(title)s") % {"title": training.title},
    }
    return render_pdf("trainings/pdf/certificates.html", context)


def summary_pdf(training: Training) -> bytes:
    training = _load_training(training)
    sessions = list(selectors.sessions_with_counts(training))
    for session in sessions:
        session.local_start = timezone.localtime(session.starts_at)
        session.local_end = timezone.localtime(session.ends_at)
    context = {
        **_identity(training),
        "sessions": sessions,
        "counting": selectors.counting_status(training),
        "by_organisation": selectors.participants_by_organisation_and_role(training),
        "attendance": selectors.attendance_rate(training),
        "evaluation": selectors.evaluation_results(training),
        "confirmed_count": training.registrations.confirmed().count(),
        "waiting_count": training.registrations.waiting().count(),
        "title": _("Bilan — %(title)s") % {"title": training.title},
    }
    return render_pdf("trainings/pdf/summary.html", context)
