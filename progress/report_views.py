"""The reports' pages: a programme's reports (ask for one, see those asked), a report's
status page (progress, download, « Relancer »), the end-of-programme narrative (edit,
preview, freeze).

A report one may not see is a 404, whoever asks: its existence is not told.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.models import MediaItem
from coaching.models import Programme
from coaching.scope import get_scope
from core.storage import private_file_response
from organisations.models import Organisation

from . import report_services
from .forms import EndNarrativeForm, FreezeForm, ReportRequestForm
from .models import Report, ReportFormat, ReportKind
from .periods import report_period
from .perms import (
    can_freeze_end_report,
    can_request_report,
    can_view_dashboard,
    can_view_report,
    can_write_end_narrative,
)
from .programme_end import PHOTO_LICENCES

#: Reports listed on a programme's page (the most recent).
REPORTS_LISTED = 30


def _programme_or_404(user, slug) -> Programme:
    """The programme, if the user may ask for at least one of its reports."""
    programme = get_object_or_404(Programme.objects.select_related("funder"), slug=slug)
    if can_view_dashboard(user, programme) or _team_erics(user, programme).exists():
        return programme
    raise Http404


def _team_erics(user, programme):
    return Organisation.objects.filter(
        pk__in=get_scope(user).team_eric_ids, accompaniments__programme=programme
    ).distinct()


def _visible_reports(user, programme):
    reports = Report.objects.filter(programme=programme).select_related("eric", "requested_by")
    if can_view_dashboard(user, programme):
        return reports
    return reports.filter(eric_id__in=get_scope(user).team_eric_ids)


def _report_or_404(user, pk) -> Report:
    report = get_object_or_404(
        Report.objects.select_related("programme__funder", "eric", "requested_by", "frozen_by"),
        pk=pk,
    )
    if not can_view_report(user, report):
        raise Http404
    return report


@login_required
def programme_reports(request, slug):
    """``/espace/rapports/<programme>/``: ask for a report, see those asked."""
    programme = _programme_or_404(request.user, slug)
    whole = can_view_dashboard(request.user, programme)
    erics = (
        Organisation.objects.filter(accompaniments__programme=programme).order_by("name")
        if whole
        else _team_erics(request.user, programme).order_by("name")
    )
    today = timezone.localdate()
    form = ReportRequestForm(
        request.POST or None, programme=programme, today=today, erics=erics, whole_programme=whole
    )
    if request.method == "POST" and form.is_valid():
        eric = form.cleaned_data["eric"]
        if not can_request_report(request.user, programme, eric):
            raise Http404
        report, created = report_services.request_report(
            by=request.user,
            programme=programme,
            kind=form.cleaned_data["kind"],
            period=form.period(),
            fmt=form.cleaned_data["format"],
            eric=eric,
        )
        if not created and report.finished:
            messages.info(
                request,
                _("Ce rapport est déjà prêt : rien n'a été enregistré depuis qu'il a été demandé."),
            )
        elif not created:
            messages.info(request, _("Ce rapport est déjà en cours de fabrication."))
        return redirect("progress:report_detail", pk=report.pk)
    reports = list(_visible_reports(request.user, programme)[:REPORTS_LISTED])
    return render(
        request,
        "progress/report_list.html",
        {
            "programme": programme,
            "form": form,
            "reports": reports,
            "whole_programme": whole,
            "can_write_end": whole,
        },
    )


@login_required
def report_detail(request, pk):
    """A report's status page; ``?fragment=status`` gives its status block alone (the
    page polls it while the report is being built)."""
    report = _report_or_404(request.user, pk)
    context = {"report": report, "title": report_services.report_title(report)}
    if request.GET.get("fragment") == "status":
        return render(request, "progress/includes/report_status.html", context)
    return render(request, "progress/report_detail.html", context)


@login_required
def report_download(request, pk):
    report = _report_or_404(request.user, pk)
    if not report.file or report.status != "ready":
        raise Http404
    return private_file_response(
        report.file, filename=report.filename, content_type=report.content_type
    )


@login_required
@require_POST
def report_retry(request, pk):
    report = _report_or_404(request.user, pk)
    report = report_services.retry_report(report=report, by=request.user)
    return redirect("progress:report_detail", pk=report.pk)


@login_required
def end_narrative(request, slug):
    """The end-of-programme narrative: write it, preview it, freeze a version."""
    programme = get_object_or_404(Programme.objects.select_related("funder"), slug=slug)
    narrative = report_services.end_narrative_for(programme)
    may_write = can_write_end_narrative(request.user, narrative)
    may_freeze = can_freeze_end_report(request.user, narrative)
    if not (may_write or may_freeze):
        raise Http404
    accompaniments = list(
        programme.accompaniments.select_related("eric").order_by("eric__name", "pk")
    )
    recommendations = (
        dict(narrative.recommendations.values_list("eric_id", "text")) if narrative.pk else {}
    )
    photos = (
        MediaItem.objects.publishable()
        .filter(
            Q(eric__accompaniments__programme=programme) | Q(eric__isnull=True),
            licence__in=PHOTO_LICENCES,
            image__isnull=False,
        )
        .distinct()
    )
    form = EndNarrativeForm(
        request.POST or None,
        instance=narrative,
        accompaniments=accompaniments,
        recommendations=recommendations,
        photos=photos,
    )
    if request.method == "POST":
        if not may_write:
            raise Http404
        if form.is_valid():
            report_services.end_narrative_save(
                by=request.user,
                narrative=narrative,
                data=form.cleaned_data,
                recommendations=form.recommendations(),
                photos=form.cleaned_data["photos"],
            )
            messages.success(request, _("Le brouillon est enregistré."))
            return redirect("progress:end_narrative", slug=programme.slug)
    frozen = Report.objects.frozen().filter(programme=programme).select_related("frozen_by")
    return render(
        request,
        "progress/end_narrative.html",
        {
            "programme": programme,
            "narrative": narrative,
            "form": form,
            "may_write": may_write,
            "may_freeze": may_freeze,
            "freeze_form": FreezeForm(),
            "frozen": frozen,
            "formats": ReportFormat.choices,
        },
    )


def _end_period(programme):
    today = timezone.localdate()
    return report_period(ReportKind.PROGRAMME_END, programme, today, today=today)


@login_required
@require_POST
def end_report_preview(request, slug):
    """Build the draft as it is (a report not frozen)."""
    programme = get_object_or_404(Programme.objects.select_related("funder"), slug=slug)
    narrative = report_services.end_narrative_for(programme)
    if not can_freeze_end_report(request.user, narrative):
        raise Http404
    form = FreezeForm(request.POST)
    fmt = form.cleaned_data["format"] if form.is_valid() else ReportFormat.PDF
    report, _created = report_services.request_report(
        by=request.user,
        programme=programme,
        kind=ReportKind.PROGRAMME_END,
        period=_end_period(programme),
        fmt=fmt,
    )
    return redirect("progress:report_detail", pk=report.pk)


@login_required
@require_POST
def end_report_freeze(request, slug):
    programme = get_object_or_404(Programme.objects.select_related("funder"), slug=slug)
    narrative = report_services.end_narrative_for(programme)
    if not can_freeze_end_report(request.user, narrative):
        raise Http404
    form = FreezeForm(request.POST)
    fmt = form.cleaned_data["format"] if form.is_valid() else ReportFormat.PDF
    report = report_services.freeze_end_report(
        by=request.user, narrative=narrative, fmt=fmt, period=_end_period(programme)
    )
    messages.success(
        request, _("Cette version est figée : elle restera telle quelle, avec son empreinte.")
    )
    return redirect("progress:report_detail", pk=report.pk)
