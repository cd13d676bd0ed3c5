"""Marking attendance, half-day by half-day, and the PDFs: sheets, certificates, summary."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from .. import reports, selectors, services
from ..enums import RegistrationStatus
from ..forms import (
    AttendanceForm,
)
from ..models import Registration, TrainingSession
from ..perms import (
    can_manage_training,
    can_read_training_records,
    can_view_certificate,
    can_view_training,
)
from .common import error_text, get_training, pdf_response


@login_required
@require_http_methods(["GET", "POST"])
def attendance_mark(request, pk):
    """One screen per half-day, made for a phone: a large radio group per participant."""
    session = get_object_or_404(
        TrainingSession.objects.select_related("training__programme"), pk=pk
    )
    training = session.training
    if not can_view_training(request.user, training):
        raise Http404  # another programme's half-day: as a missing one
    if not can_manage_training(request.user, training):
        raise PermissionDenied
    rows = list(selectors.attendance_sheet_rows(session))
    form = AttendanceForm(request.POST or None, rows=rows)
    started = session.has_started()
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.attendance_record(
                by=request.user, session=session, statuses=form.statuses()
            )
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(
                request,
                ngettext(
                    "Émargement enregistré (%(count)s changement).",
                    "Émargement enregistré (%(count)s changements).",
                    changed,
                )
                % {"count": changed},
            )
            return redirect("trainings:attendance_mark", pk=session.pk)
    siblings = list(training.sessions.all())
    index = next(i for i, s in enumerate(siblings) if s.pk == session.pk)
    context = {
        "session": session,
        "training": training,
        "form": form,
        "started": started,
        "not_started_message": None if started else services.not_started_message(session),
        "local_start": timezone.localtime(session.starts_at),
        "local_end": timezone.localtime(session.ends_at),
        "previous": siblings[index - 1] if index > 0 else None,
        "next": siblings[index + 1] if index + 1 < len(siblings) else None,
    }
    return render(request, "trainings/attendance_form.html", context)


@login_required
def attendance_sheet_pdf(request, pk):
    session = get_object_or_404(TrainingSession.objects.select_related("training"), pk=pk)
    if not can_view_training(request.user, session.training):
        raise Http404  # another programme's half-day: as a missing one
    if not can_read_training_records(request.user, session.training):
        raise PermissionDenied
    local = timezone.localtime(session.starts_at)
    filename = "emargement-%s-%s.pdf" % (local.strftime("%Y-%m-%d"), session.slot)
    return pdf_response(reports.attendance_sheet_pdf(session), filename)


@login_required
def certificate_pdf(request, pk):
    registration = get_object_or_404(
        Registration.objects.select_related("training", "organisation"),
        pk=pk,
        status=RegistrationStatus.CONFIRMED,
    )
    if not can_view_certificate(request.user, registration):
        raise Http404
    try:
        content = reports.certificate_pdf(registration)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect("trainings:training_detail", pk=registration.training_id)
    filename = "attestation-%s.pdf" % (slugify(registration.full_name) or registration.pk)
    return pdf_response(content, filename)


@login_required
def certificates_pdf(request, pk):
    training = get_training(request, pk)
    if not can_read_training_records(request.user, training):
        raise PermissionDenied
    try:
        content = reports.certificates_pdf(training)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect("trainings:training_detail", pk=training.pk)
    return pdf_response(content, "attestations-formation-%d.pdf" % training.pk)


@login_required
def summary_pdf(request, pk):
    training = get_training(request, pk)
    if not can_read_training_records(request.user, training):
        raise PermissionDenied
    return pdf_response(reports.summary_pdf(training), "bilan-formation-%d.pdf" % training.pk)
