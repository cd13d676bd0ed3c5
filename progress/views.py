"""The progress pages: the Region's dashboard and the committee's report, the resource
person's week, an ERIC's trajectory. Each asks its permission first; figures refresh
live through ``?fragment=figures`` (permission-checked like the page)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from coaching.models import Accompaniment, Milestone, Programme
from coaching.perms import can_view_accompaniment, can_view_programme
from core.views import get_visible_or_404

from . import fragments, report_services
from .dashboard import BEHIND_FILTER, FRAGMENT, dashboard_context, dashboard_programmes
from .forms import ReportDateForm
from .models import ReportStatus
from .perms import can_view_dashboard, can_view_week
from .trajectory import trajectory_page_context
from .week import week_context


@login_required
def dashboard_index(request):
    """``/espace/tableau-de-bord/``: straight to the dashboard when there is one."""
    programmes = list(dashboard_programmes(request.user))
    if not programmes:
        raise PermissionDenied
    if len(programmes) == 1:
        return redirect("progress:programme_dashboard", slug=programmes[0].slug)
    return render(request, "progress/dashboard_index.html", {"programmes": programmes})


@login_required
def programme_dashboard(request, slug):
    programme = get_visible_or_404(
        Programme.objects.all(),
        can_view_programme,
        request.user,
        may=can_view_dashboard,
        slug=slug,
    )
    page = request.GET.get("page") or 1
    behind_only = request.GET.get("etat") == BEHIND_FILTER
    if request.GET.get("fragment") == FRAGMENT:
        return HttpResponse(
            fragments.dashboard_fragment(
                programme, request.user, page=page, behind_only=behind_only
            )
        )
    context = dashboard_context(
        programme,
        today=timezone.localdate(),
        user=request.user,
        page=page,
        behind_only=behind_only,
    )
    return render(request, "progress/dashboard.html", context)


@login_required
def programme_report_pdf(request, slug):
    """``?au=AAAA-MM-JJ`` (default today): the committee's report stopped at that day,
    built in the background like every report (no web request lays out a PDF). Sends
    the user to the file when it is ready (built earlier, or at once by the embedded
    default's immediate backend), else to the report's page, which follows the build.
    A date that is not one, or outside the programme, sends the user back to the
    dashboard with the reason in French."""
    programme = get_visible_or_404(
        Programme.objects.select_related("funder"),
        can_view_programme,
        request.user,
        may=can_view_dashboard,
        slug=slug,
    )
    today = timezone.localdate()
    form = ReportDateForm(request.GET, programme=programme, today=today)
    if not form.is_valid():
        for error in form.errors["au"]:
            messages.error(request, error)
        return redirect("progress:programme_dashboard", slug=programme.slug)
    report, _created = report_services.committee_report_as_of(
        by=request.user, programme=programme, as_of=form.cleaned_data["au"], today=today
    )
    report.refresh_from_db(fields=["status"])  # the immediate backend built it on commit
    if report.status == ReportStatus.READY:
        return redirect("progress:report_download", pk=report.pk)
    return redirect("progress:report_detail", pk=report.pk)


@login_required
def my_week(request):
    if not can_view_week(request.user):
        raise PermissionDenied
    context = week_context(request.user, today=timezone.localdate())
    return render(request, "progress/my_week.html", context)


@login_required
def accompaniment_detail(request, pk):
    """An ERIC's trajectory."""
    accompaniment = get_object_or_404(
        Accompaniment.objects.select_related("programme", "eric").prefetch_related(
            "resource_persons",
            Prefetch("milestones", queryset=Milestone.objects.order_by("due_date", "pk")),
        ),
        pk=pk,
    )
    if not can_view_accompaniment(request.user, accompaniment):
        raise Http404  # as a missing one: another ERIC's ids tell nothing
    if request.GET.get("fragment") == FRAGMENT:
        return HttpResponse(fragments.trajectory_fragment(accompaniment, request.user))
    context = trajectory_page_context(accompaniment, request.user, today=timezone.localdate())
    return render(request, "progress/accompaniment_detail.html", context)
