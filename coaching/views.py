from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import selectors, services
from .forms import MilestoneForm
from .models import Accompaniment, Milestone, Programme
from .perms import (
    can_manage_accompaniment,
    can_view_programme,
    get_scope,
)


@login_required
def home(request):
    """A logged-in user's home: what is theirs, and what is theirs to do."""
    today = timezone.localdate()
    scope = get_scope(request.user)
    context = {
        "scope": scope,
        "today": today,
        "programmes": selectors.programmes_for_home(request.user),
        "accompaniments": list(selectors.accompaniments_for_home(request.user, today=today)),
        "milestones_to_act_on": selectors.milestones_to_act_on(request.user, today=today),
        "memberships": list(request.user.memberships.select_related("organisation")),
    }
    return render(request, "coaching/home.html", context)


@login_required
def programme_detail(request, slug):
    programme = get_object_or_404(Programme.objects.select_related("funder"), slug=slug)
    if not can_view_programme(request.user, programme):
        raise PermissionDenied
    context = {"programme": programme, **selectors.programme_overview(programme, request.user)}
    return render(request, "coaching/programme_detail.html", context)


def _get_accompaniment(pk):
    return get_object_or_404(
        Accompaniment.objects.select_related("programme", "eric").prefetch_related(
            "resource_persons",
            Prefetch("milestones", queryset=Milestone.objects.order_by("due_date", "pk")),
        ),
        pk=pk,
    )


@login_required
@require_http_methods(["GET", "POST"])
def milestone_create(request, accompaniment_pk):
    accompaniment = _get_accompaniment(accompaniment_pk)
    if not can_manage_accompaniment(request.user, accompaniment):
        raise PermissionDenied
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
    if not can_manage_accompaniment(request.user, accompaniment):
        raise PermissionDenied
    form = MilestoneForm(request.POST or None, instance=milestone, accompaniment=accompaniment)
    if request.method == "POST" and form.is_valid():
        changes = {field: form.cleaned_data[field] for field in form.changed_data}
        if changes:
            # The form already applied the values to the instance; the service saves them.
            services.milestone_update(by=request.user, milestone=milestone, **changes)
        messages.success(request, _("Le jalon est enregistré."))
        return redirect("progress:accompaniment_detail", pk=accompaniment.pk)
    return render(
        request,
        "coaching/milestone_form.html",
        {"form": form, "accompaniment": accompaniment, "milestone": milestone},
    )
