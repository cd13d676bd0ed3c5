"""A user's home and a programme's overview."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from core.home import home_sections

from .. import selectors
from ..models import Programme
from ..perms import (
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
        # What the apps above this one add (the sheets awaiting review: cms).
        "home_sections": home_sections(request),
    }
    return render(request, "coaching/home.html", context)


@login_required
def programme_detail(request, slug):
    programme = get_object_or_404(Programme.objects.select_related("funder"), slug=slug)
    if not can_view_programme(request.user, programme):
        raise Http404
    context = {"programme": programme, **selectors.programme_overview(programme, request.user)}
    return render(request, "coaching/programme_detail.html", context)
