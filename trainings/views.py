from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from . import reports, selectors, services
from .enums import RegistrationStatus
from .forms import (
    AttendanceForm,
    EvaluationForm,
    ExternalRegistrationForm,
    MaterialForm,
    SessionForm,
    TrainingForm,
    programmes_for_creation,
)
from .ics import training_calendar
from .models import Evaluation, Material, Registration, Training, TrainingSession
from .perms import (
    can_create_training,
    can_manage_training,
    can_read_training_records,
    can_view_certificate,
    can_view_material,
    can_view_training,
    training_reach,
)


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _get_training(pk) -> Training:
    return get_object_or_404(
        Training.objects.select_related("programme__funder").prefetch_related(
            "trainer_organisations", "trainers"
        ),
        pk=pk,
    )


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="%s"' % filename
    return response


@login_required
def training_list(request):
    trainings = list(selectors.trainings_for_list(request.user))
    context = {
        "trainings": trainings,
        "progress": selectors.training_progress({t.programme_id for t in trainings}),
        "can_create": can_create_training(request.user),
        "now": timezone.now(),
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
    training = _get_training(pk)
    if not can_manage_training(request.user, training):
        raise PermissionDenied
    form = TrainingForm(request.POST or None, instance=training, programmes=None)
    if request.method == "POST" and form.is_valid():
        changes = {
            field: form.cleaned_data[field]
            for field in form.changed_data
            if field in services.TRAINING_EDITABLE_FIELDS
        }
        try:
            services.training_update(
                by=request.user,
                training=training,
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
    training = _get_training(pk)
    if not can_view_training(request.user, training):
        raise PermissionDenied
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
        "my_waiting_position": services.waiting_position(my_registration)
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
    training = _get_training(pk)
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
    training = _get_training(pk)
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
        raise PermissionDenied
    if material.url and not material.file:
        return redirect(material.url)
    if not material.file:
        raise Http404
    return FileResponse(material.file.open("rb"), as_attachment=True)


@login_required
@require_POST
def register_self(request, pk):
    training = _get_training(pk)
    try:
        registration = services.registration_self(by=request.user, training=training)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        if registration.status == RegistrationStatus.WAITING:
            messages.warning(
                request,
                _(
                    "La formation est complète : vous êtes sur la liste d'attente, en "
                    "position %(position)s. Si une place se libère, elle vous revient."
                )
                % {"position": services.waiting_position(registration)},
            )
        else:
            messages.success(
                request,
                _("Vous êtes inscrit·e. L'invitation (.ics) part par e-mail à %(email)s.")
                % {"email": registration.email},
            )
    return redirect("trainings:training_detail", pk=training.pk)


@require_http_methods(["GET", "POST"])
def register_external(request, pk):
    """External participants: by a manager, or by themselves when the training is public."""
    training = _get_training(pk)
    is_manager = can_manage_training(request.user, training)
    if not (is_manager or training.public_registration):
        if not request.user.is_authenticated:
            return redirect("%s?next=%s" % (reverse("login"), request.path))
        raise PermissionDenied
    form = ExternalRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            registration = services.registration_create(
                # A manager registers someone; anyone else uses the public form.
                by=request.user if is_manager else None,
                training=training,
                full_name=data["full_name"],
                email=data["email"],
                organisation_name=data["organisation_name"],
                consent=data["consent"],
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            if registration.status == RegistrationStatus.WAITING:
                messages.warning(
                    request,
                    _("La formation est complète : %(name)s est sur la liste d'attente.")
                    % {"name": registration.full_name},
                )
            else:
                messages.success(
                    request,
                    _("%(name)s est inscrit·e ; la confirmation part à %(email)s.")
                    % {"name": registration.full_name, "email": registration.email},
                )
            if is_manager:
                return redirect("trainings:training_detail", pk=training.pk)
            return redirect("trainings:register_external", pk=training.pk)
    return render(
        request,
        "trainings/form_page.html",
        {
            "form": form,
            "training": training,
            "page_title": _("Inscrire une personne extérieure")
            if is_manager
            else _("S'inscrire à la formation"),
            "public": not request.user.is_authenticated,
        },
    )


@login_required
@require_POST
def registration_cancel(request, pk):
    registration = get_object_or_404(Registration.objects.select_related("training"), pk=pk)
    try:
        promoted = services.registration_cancel(by=request.user, registration=registration)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("L'inscription est annulée."))
        for person in promoted:
            messages.info(
                request,
                _("%(name)s quitte la liste d'attente et prend la place libérée.")
                % {"name": person.full_name},
            )
    return redirect("trainings:training_detail", pk=registration.training_id)


@login_required
@require_POST
def send_invitations(request, pk):
    training = _get_training(pk)
    created = services.invitations_send(by=request.user, training=training)
    messages.success(
        request,
        _(
            "%(count)s invitation(s) envoyée(s) ; les personnes déjà invitées ne le sont pas deux fois."
        )
        % {"count": len(created)},
    )
    return redirect("trainings:training_detail", pk=training.pk)


@login_required
@require_POST
def send_evaluations(request, pk):
    training = _get_training(pk)
    count = services.evaluation_requests_send(by=request.user, training=training)
    messages.success(
        request,
        _("Le questionnaire part à %(count)s participant·e(s) qui n'y ont pas encore répondu.")
        % {"count": count},
    )
    return redirect("trainings:training_detail", pk=training.pk)


@login_required
def training_ics(request, pk):
    training = _get_training(pk)
    if not can_view_training(request.user, training):
        raise PermissionDenied
    content = training_calendar(
        training,
        training.sessions.all(),
        url=request.build_absolute_uri(reverse("trainings:training_detail", args=[training.pk])),
    )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="formation-%d.ics"' % training.pk
    return response


@login_required
@require_http_methods(["GET", "POST"])
def attendance_mark(request, pk):
    """One screen per half-day, made for a phone: a large radio group per participant."""
    session = get_object_or_404(
        TrainingSession.objects.select_related("training__programme"), pk=pk
    )
    training = session.training
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
            messages.error(request, _error_text(error))
        else:
            messages.success(
                request,
                _("Émargement enregistré (%(count)s changement(s)).") % {"count": changed},
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
    if not can_read_training_records(request.user, session.training):
        raise PermissionDenied
    local = timezone.localtime(session.starts_at)
    filename = "emargement-%s-%s.pdf" % (local.strftime("%Y-%m-%d"), session.slot)
    return _pdf_response(reports.attendance_sheet_pdf(session), filename)


@login_required
def certificate_pdf(request, pk):
    registration = get_object_or_404(
        Registration.objects.select_related("training", "organisation"),
        pk=pk,
        status=RegistrationStatus.CONFIRMED,
    )
    if not can_view_certificate(request.user, registration):
        raise PermissionDenied
    try:
        content = reports.certificate_pdf(registration)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect("trainings:training_detail", pk=registration.training_id)
    filename = "attestation-%s.pdf" % (slugify(registration.full_name) or registration.pk)
    return _pdf_response(content, filename)


@login_required
def certificates_pdf(request, pk):
    training = _get_training(pk)
    if not can_read_training_records(request.user, training):
        raise PermissionDenied
    try:
        content = reports.certificates_pdf(training)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect("trainings:training_detail", pk=training.pk)
    return _pdf_response(content, "attestations-formation-%d.pdf" % training.pk)


@login_required
def summary_pdf(request, pk):
    training = _get_training(pk)
    if not can_read_training_records(request.user, training):
        raise PermissionDenied
    return _pdf_response(reports.summary_pdf(training), "bilan-formation-%d.pdf" % training.pk)


@require_http_methods(["GET", "POST"])
def evaluation(request, token):
    """The questionnaire, reached from the link mailed to each participant."""
    registration = get_object_or_404(
        Registration.objects.select_related("training"),
        token=token,
        status=RegistrationStatus.CONFIRMED,
    )
    training = registration.training
    already = Evaluation.objects.filter(registration=registration).exists()
    form = EvaluationForm(request.POST or None)
    if request.method == "POST" and not already and form.is_valid():
        try:
            services.evaluation_submit(registration=registration, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Merci ! Votre avis est enregistré."))
            return redirect("trainings:evaluation", token=token)
    return render(
        request,
        "trainings/evaluation_form.html",
        {"form": form, "training": training, "registration": registration, "already": already},
    )
