"""Trainings: the list, a training's page, its forms, half-days, materials, invitations
and calendar file."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from core.forms import guard_edit, model_form_values
from core.storage import private_file_response

from .. import reports, selectors, services
from ..enums import RegistrationStatus
from ..forms import (
    MaterialForm,
    SessionForm,
    TrainingFilterForm,
    TrainingForm,
    programmes_for_creation,
    programmes_for_list,
)
from ..ics import training_calendar
from ..models import Evaluation, Material
from ..perms import (
    can_create_training,
    can_manage_training,
    can_read_training_records,
    can_view_material,
    training_reach,
)
from .common import get_training


@login_required
def training_list(request):
    """The trainings the user may see; filtered by the query string (a dashboard's figure
    opens ``?programme=<slug>&counted=1&until=AAAA-MM-JJ``: as many rows as the figure).
    An invalid filter is explained on the page and the list is not filtered."""
    today = timezone.localdate()
    form = TrainingFilterForm(request.GET or None, programmes=programmes_for_list(request.user))
    filters = form.cleaned_data if form.is_filtered() else {}
    trainings = list(selectors.trainings_for_list(request.user, **filters))
    programme = filters.get("programme")
    context = {
        "trainings": trainings,
        # Filtered on a programme, its target's figure is counted by the same day as
        # the rows below.
        "progress": selectors.training_progress(
            {programme.pk} if programme else {t.programme_id for t in trainings},
            until=filters.get("until") or today,
        ),
        "progress_until": filters.get("until"),
        "can_create": can_create_training(request.user),
        "now": timezone.now(),
        "filter_form": form,
        "filter_summary": form.summary(today=today),
    }
    return render(request, "trainings/training_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def training_create(request):
    reach = training_reach(request.user)
    if not can_create_training(request.user):
        raise PermissionDenied
    form = TrainingForm(request.POST or None, programmes=programmes_for_creation(reach))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            training = services.training_create(
                by=request.user,
                trainer_organisations=data.pop("trainer_organisations"),
                **data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("La formation est créée : ajoutez maintenant ses demi-journées.")
            )
            return redirect("trainings:session_create", pk=training.pk)
    return render(request, "trainings/training_form.html", {"form": form, "training": None})


@login_required
@require_http_methods(["GET", "POST"])
def training_update(request, pk):
    training = get_training(request, pk)
    if not can_manage_training(request.user, training):
        raise PermissionDenied
    form = TrainingForm(request.POST or None, instance=training, programmes=None)
    # another person's save meanwhile: told, not overwritten
    with guard_edit(form, training, model_form_values(TrainingForm)) as locked:
        if request.method == "POST" and form.is_valid():
            changes = {
                field: form.cleaned_data[field]
                for field in form.changed_data
                if field in services.TRAINING_EDITABLE_FIELDS
            }
            try:
                services.training_update(
                    by=request.user,
                    training=locked,
                    trainer_organisations=form.cleaned_data["trainer_organisations"],
                    **changes,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("La formation est enregistrée."))
                return redirect("trainings:training_detail", pk=training.pk)
    return render(request, "trainings/training_form.html", {"form": form, "training": training})


@login_required
def training_detail(request, pk):
    training = get_training(request, pk)
    can_manage = can_manage_training(request.user, training)
    can_read = can_read_training_records(request.user, training)
    sessions = list(selectors.sessions_with_counts(training))
    now = timezone.now()
    for session in sessions:
        session.local_start = timezone.localtime(session.starts_at)
        session.local_end = timezone.localtime(session.ends_at)
        session.started = session.starts_at <= now
    my_registration = (
        training.registrations.active()
        .filter(user=request.user)
        .prefetch_related("attendances__session")
        .select_related("evaluation")
        .first()
        if request.user.is_authenticated
        else None
    )
    my_attendances = []
    my_hours = None
    if my_registration:
        my_attendances = sorted(
            my_registration.attendances.all(), key=lambda a: a.session.starts_at
        )
        my_hours = reports.format_duration(selectors.attended_duration(my_registration))
    participants = []
    if can_read:
        participants = list(selectors.registrations_with_hours(training))
        for registration in participants:
            registration.hours = (
                reports.format_duration(registration.attended) if registration.attended else ""
            )
    confirmed_count = training.registrations.confirmed().count()
    context = {
        "training": training,
        "sessions": sessions,
        "materials": list(training.materials.all()),
        "counting": selectors.counting_status(training, now=now),
        "confirmed_count": confirmed_count,
        "seats_left": max(training.capacity - confirmed_count, 0),
        "waiting_count": training.registrations.waiting().count(),
        "my_registration": my_registration,
        "my_attendances": my_attendances,
        "my_hours": my_hours,
        "my_waiting_position": selectors.waiting_position(my_registration)
        if my_registration
        else None,
        "has_evaluation": my_registration is not None
        and Evaluation.objects.filter(registration=my_registration).exists(),
        "can_manage": can_manage,
        "can_read": can_read,
        "participants": participants,
        "confirmed_status": RegistrationStatus.CONFIRMED,
        "waiting_status": RegistrationStatus.WAITING,
    }
    return render(request, "trainings/training_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request, pk):
    training = get_training(request, pk)
    if not can_manage_training(request.user, training):
        raise PermissionDenied
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.session_create(
                by=request.user,
                training=training,
                slot=data["slot"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                activity=data["activity"],
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("La demi-journée est ajoutée."))
            if "another" in request.POST:
                return redirect("trainings:session_create", pk=training.pk)
            return redirect("trainings:training_detail", pk=training.pk)
    return render(
        request,
        "trainings/form_page.html",
        {
            "form": form,
            "training": training,
            "page_title": _("Ajouter une demi-journée"),
            "another_label": _("Enregistrer et ajouter une autre demi-journée"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def material_create(request, pk):
    training = get_training(request, pk)
    if not can_manage_training(request.user, training):
        raise PermissionDenied
    form = MaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        services.material_create(by=request.user, training=training, **form.cleaned_data)
        messages.success(request, _("Le support est partagé avec les participant·es."))
        return redirect("trainings:training_detail", pk=training.pk)
    return render(
        request,
        "trainings/form_page.html",
        {
            "form": form,
            "training": training,
            "page_title": _("Partager un support"),
            "multipart": True,
        },
    )


@login_required
def material_download(request, pk):
    material = get_object_or_404(Material.objects.select_related("training"), pk=pk)
    if not can_view_material(request.user, material):
        raise Http404
    if material.url and not material.file:
        return redirect(material.url)
    if not material.file:
        raise Http404
    return private_file_response(material.file, filename=material.original_name)


@login_required
@require_POST
def send_invitations(request, pk):
    training = get_training(request, pk)
    created = services.invitations_send(by=request.user, training=training)
    messages.success(
        request,
        ngettext(
            "%(count)s invitation envoyée ; les personnes déjà invitées ne le sont pas deux fois.",
            "%(count)s invitations envoyées ; les personnes déjà invitées ne le sont pas deux fois.",
            len(created),
        )
        % {"count": len(created)},
    )
    return redirect("trainings:training_detail", pk=training.pk)


@login_required
@require_POST
def send_evaluations(request, pk):
    training = get_training(request, pk)
    count = services.evaluation_requests_send(by=request.user, training=training)
    messages.success(
        request,
        ngettext(
            "Le questionnaire part à %(count)s participant·e qui n'y a pas encore répondu.",
            "Le questionnaire part à %(count)s participant·es qui n'y ont pas encore répondu.",
            count,
        )
        % {"count": count},
    )
    return redirect("trainings:training_detail", pk=training.pk)


@login_required
def training_ics(request, pk):
    training = get_training(request, pk)
    content = training_calendar(
        training,
        training.sessions.all(),
        url=request.build_absolute_uri(reverse("trainings:training_detail", args=[training.pk])),
    )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="formation-%d.ics"' % training.pk
    return response
