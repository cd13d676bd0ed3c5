"""The milestones of an ERIC's trajectory: add one, change one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.forms import guard_edit, model_form_values
from core.views import get_visible_or_404

from .. import services
from ..forms import MilestoneForm
from ..models import Accompaniment, Milestone
from ..perms import can_manage_accompaniment, can_view_accompaniment


@login_required
@require_http_methods(["GET", "POST"])
def milestone_create(request, accompaniment_pk):
    accompaniment = get_visible_or_404(
        Accompaniment.objects.select_related("programme", "eric"),
        can_view_accompaniment,
        request.user,
        may=can_manage_accompaniment,
        pk=accompaniment_pk,
    )
    form = MilestoneForm(request.POST or None, accompaniment=accompaniment)
    if request.method == "POST" and form.is_valid():
        services.milestone_create(by=request.user, accompaniment=accompaniment, **form.cleaned_data)
        messages.success(request, _("Le jalon est ajouté à la trajectoire."))
        return redirect("progress:accompaniment_detail", pk=accompaniment.pk)
    return render(
        request,
        "coaching/milestone_form.html",
        {"form": form, "accompaniment": accompaniment, "milestone": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def milestone_update(request, pk):
    milestone = get_object_or_404(
        Milestone.objects.select_related("accompaniment__programme", "accompaniment__eric"),
        pk=pk,
    )
    accompaniment = milestone.accompaniment
    if not can_view_accompaniment(request.user, accompaniment):
        raise Http404
    if not can_manage_accompaniment(request.user, accompaniment):
        raise PermissionDenied
    form = MilestoneForm(request.POST or None, instance=milestone, accompaniment=accompaniment)
    # another person's save meanwhile: told, not overwritten
    with guard_edit(form, milestone, model_form_values(MilestoneForm)) as locked:
        if request.method == "POST" and form.is_valid():
            changes = {field: form.cleaned_data[field] for field in form.changed_data}
            if changes:
                services.milestone_update(by=request.user, milestone=locked, **changes)
            messages.success(request, _("Le jalon est enregistré."))
            return redirect("progress:accompaniment_detail", pk=accompaniment.pk)
    return render(
        request,
        "coaching/milestone_form.html",
        {"form": form, "accompaniment": accompaniment, "milestone": milestone},
    )
