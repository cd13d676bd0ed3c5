"""Registering oneself or someone from outside, cancelling."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .. import selectors, services
from ..enums import RegistrationStatus
from ..forms import (
    ExternalRegistrationForm,
)
from ..models import Registration, Training
from ..perms import (
    can_manage_training,
)
from .common import error_text, get_training


@login_required
@require_POST
def register_self(request, pk):
    training = get_training(request, pk)
    try:
        registration = services.registration_self(by=request.user, training=training)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        if registration.status == RegistrationStatus.WAITING:
            messages.warning(
                request,
                _(
                    "La formation est complète : vous êtes sur la liste d'attente, en "
                    "position %(position)s. Si une place se libère, elle vous revient."
                )
                % {"position": selectors.waiting_position(registration)},
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
    # a public form when the training is open to all: not hidden as get_training hides
    training = get_object_or_404(
        Training.objects.select_related("programme__funder").prefetch_related(
            "trainer_organisations", "trainers"
        ),
        pk=pk,
    )
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
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("L'inscription est annulée."))
        for person in promoted:
            messages.info(
                request,
                _("%(name)s quitte la liste d'attente et prend la place libérée.")
                % {"name": person.full_name},
            )
    return redirect("trainings:training_detail", pk=registration.training_id)
