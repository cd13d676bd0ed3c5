"""The participant's questionnaire, reached through the link of their registration."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import services
from ..enums import RegistrationStatus
from ..forms import (
    EvaluationForm,
)
from ..models import Evaluation, Registration


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
