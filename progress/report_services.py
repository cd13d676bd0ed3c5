"""Every write around the reports: ask for one (built once while it is being built),
build it (called by the task worker), retry a failed one, freeze the end-of-programme
report, save its narrative, and tell whoever asked when it is ready.

The build runs in ``progress.tasks.build_report``; with the immediate backend (the
embedded default) ``enqueue`` runs it at once, after the request's transaction commits.
"""

import logging
import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import IntegrityError, InterfaceError, OperationalError, connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.dates import long_date
from core.versions import programme_version
from organisations.enums import Role

from .models import (
    EricRecommendation,
    ProgrammeEndNarrative,
    Report,
    ReportFormat,
    ReportKind,
    ReportStatus,
    report_request_key,
    sha256,
)
from .periods import report_period

logger = logging.getLogger(__name__)

#: The longest error kept on a failed report (the traceback goes to the log).
ERROR_LENGTH = 500


def _enqueue(report_id: int) -> None:
    # The task module imports this one (it calls build_report_now): imported here, once
    # the worker's module is loaded, to keep the two from importing each other at start.
    from .tasks import build_report

    build_report.enqueue(report_id)


def reusable(*, kind, scheduled: bool, narrative) -> bool:
    """Whether a ready report may be given again for the same request under the same
    data version: not a frozen version (each is its own), not the end-of-programme
    draft (its narrative is not in the data version), not the schedule's (it is the
    period's report the Region is told about)."""
    return narrative is None and not scheduled and kind != ReportKind.PROGRAMME_END


def request_report(
    *, by, programme, kind, period, fmt, eric=None, scheduled=False, narrative=None
) -> tuple[Report, bool]:
    """Queue a report, or return the same one already queued or building, or the same
    one ready and built under the programme's current data version (nothing logged
    since it was asked for: its figures are the dashboard's of now).

    Returns ``(report, created)``. The build starts after the transaction commits."""
    # read before the row is written: a change announced meanwhile makes the next
    # request build anew rather than give a report that may have missed it
    version = programme_version(programme.pk)
    key = report_request_key(
        kind=kind,
        programme_id=programme.pk,
        eric_id=eric.pk if eric else None,
        period_start=period.start,
        period_end=period.end,
        fmt=fmt,
    )
    with transaction.atomic():
        existing = Report.objects.unfinished().filter(request_key=key).first()
        if existing is not None and narrative is None:
            return existing, False
        if version is not None and reusable(kind=kind, scheduled=scheduled, narrative=narrative):
            ready = (
                Report.objects.ready()
                .filter(request_key=key, data_version=version, frozen_by__isnull=True)
                .order_by("-pk")
                .first()
            )
            if ready is not None:
                return ready, False
        try:
            with transaction.atomic():
                report = Report.objects.create(
                    programme=programme,
                    eric=eric,
                    kind=kind,
                    period_start=period.start,
                    period_end=period.end,
                    format=fmt,
                    # each frozen version is its own: never merged with another
                    request_key=key if narrative is None else "%s:%s" % (key, uuid.uuid4().hex),
                    requested_by=by,
                    scheduled=scheduled,
                    frozen_by=by if narrative is not None else None,
                    frozen_at=timezone.now() if narrative is not None else None,
                    narrative=narrative or {},
                    data_version=version,
                )
        except IntegrityError:  # asked at the same moment by someone else
            return Report.objects.unfinished().get(request_key=key), False
        transaction.on_commit(lambda: _enqueue(report.pk))
    return report, True


def committee_report_as_of(*, by, programme, as_of, today) -> tuple[Report, bool]:
    """The dashboard's quick « rapport.pdf?au= »: the committee's report stopped at
    ``as_of``, asked for like any other (built in the background, once while building).

    A ready one is given again while the programme's data version is the one it was
    asked under; once anything is logged (a late animation report of a past day too),
    it is built anew, so that it holds the dashboard's figures of the moment it is
    asked. Returns ``(report, created)``."""
    period = report_period(ReportKind.COMMITTEE, programme, as_of, today=today)
    return request_report(
        by=by, programme=programme, kind=ReportKind.COMMITTEE, period=period, fmt=ReportFormat.PDF
    )


def retry_report(*, report: Report, by) -> Report:
    """Queue a failed report again (the same row); another one queued meanwhile with the
    same request wins."""
    if report.status != ReportStatus.FAILED:
        return report
    with transaction.atomic():
        other = Report.objects.unfinished().filter(request_key=report.request_key).first()
        if other is not None:
            return other
        report.status = ReportStatus.QUEUED
        report.error = ""
        report.requested_by = by
        report.finished_at = None
        report.save(update_fields=["status", "error", "requested_by", "finished_at"])
        transaction.on_commit(lambda: _enqueue(report.pk))
    return report


def build_report_now(report_id: int) -> None:
    """Build the report (the task's body). Idempotent: a ready or failed report is left
    as it is; a report found « building » (a worker stopped mid-way) is built again."""
    with transaction.atomic():
        report = (
            Report.objects.select_for_update(of=("self",))
            .select_related("programme__funder", "eric", "requested_by")
            .filter(pk=report_id)
            .first()
        )
        if report is None or report.finished:
            return
        report.status = ReportStatus.BUILDING
        report.started_at = timezone.now()
        report.save(update_fields=["status", "started_at"])
    # WeasyPrint, python-docx and CairoSVG (≈ 70 MB) are loaded by the task worker that
    # builds a document, never by the web workers at start-up (ADR 0020).
    from . import documents

    try:
        content = documents.build(report)
    except Exception as error:  # noqa: BLE001 — any failure is shown on the report's page
        logger.exception("Report %s failed", report.pk)
        report.status = ReportStatus.FAILED
        report.error = ("%s: %s" % (type(error).__name__, error))[:ERROR_LENGTH]
        report.finished_at = timezone.now()
        _save_after_build(report, ["status", "error", "finished_at"])
        _notify(report)
        return
    report.file.save(report.filename, ContentFile(content), save=False)
    report.checksum = sha256(content)
    report.status = ReportStatus.READY
    report.finished_at = timezone.now()
    _save_after_build(report, ["file", "checksum", "status", "finished_at"])
    _notify(report)


def _save_after_build(report: Report, fields: list[str]) -> None:
    """Save the finished report. A long build leaves the worker's connection idle for
    minutes, and the server may have dropped it meanwhile (a restart, an idle timeout):
    the save is tried once more on a new connection (the worker, and the immediate
    backend's on-commit build, run it outside any transaction), or the report would
    stay « building » — and, unfinished, be given to every later request for it."""
    try:
        report.save(update_fields=fields)
    except (OperationalError, InterfaceError):
        logger.warning("Report %s: connection lost during the build, saved again", report.pk)
        connection.close()
        report.save(update_fields=fields)


def report_title(report: Report) -> str:
    title = _("%(kind)s — %(programme)s, arrêté au %(day)s") % {
        "kind": report.get_kind_display().capitalize(),
        "programme": report.programme.name,
        "day": long_date(report.period_end),
    }
    if report.eric_id:
        title = _("%(title)s — %(eric)s") % {"title": title, "eric": report.eric.name}
    return title


def region_officers(programme):
    """Who a scheduled report is for: the funder's Region officers."""
    return (
        get_user_model()
        .objects.filter(
            memberships__organisation_id=programme.funder_id,
            memberships__role=Role.REGION_OFFICER,
            is_active=True,
        )
        .distinct()
    )


def _recipients(report: Report) -> list[str]:
    if report.requested_by is not None:
        users = [report.requested_by]
    elif report.scheduled:
        users = list(region_officers(report.programme))
    else:
        users = []
    return [user.email for user in users if user.email]


def _notify(report: Report) -> None:
    """The e-mail to whoever asked, or to the Region for a scheduled report (the
    platform's notice is the list of « Mon espace »). A mail that fails is logged; the
    report stands."""
    recipients = _recipients(report)
    if not recipients:
        return
    url = settings_url(reverse("progress:report_detail", args=[report.pk]))
    if report.status == ReportStatus.READY:
        subject = _("Votre rapport est prêt : %(title)s") % {"title": report_title(report)}
        body = _(
            "Bonjour,\n\nLe rapport « %(title)s » (%(format)s) est prêt. "
            "Téléchargez-le depuis cette page :\n%(url)s\n\nEmpreinte SHA-256 : %(checksum)s\n"
        ) % {
            "title": report_title(report),
            "format": report.get_format_display(),
            "url": url,
            "checksum": report.checksum,
        }
    else:
        subject = _("Votre rapport n'a pas pu être fabriqué : %(title)s") % {
            "title": report_title(report)
        }
        body = _(
            "Bonjour,\n\nLe rapport « %(title)s » n'a pas pu être fabriqué. "
            "Vous pouvez le relancer depuis cette page :\n%(url)s\n"
        ) % {"title": report_title(report), "url": url}
    try:
        EmailMessage(subject=subject, body=body, bcc=recipients).send()
    except Exception:  # noqa: BLE001 — the report is built; only the mail is lost
        logger.exception("Could not send the mail of report %s", report.pk)


def settings_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


# --- The end-of-programme narrative ------------------------------------------------------


def end_narrative_for(programme) -> ProgrammeEndNarrative:
    """The programme's narrative, or a new one not saved yet (saved with its first
    draft): reading the page writes nothing."""
    narrative = ProgrammeEndNarrative.objects.filter(programme=programme).first()
    return narrative or ProgrammeEndNarrative(programme=programme)


def end_narrative_save(
    *, by, narrative: ProgrammeEndNarrative, data: dict, recommendations: dict, photos
) -> ProgrammeEndNarrative:
    """Save the draft: its three texts, the recommendations per ERIC (``{eric_id: text}``)
    and the photos retained."""
    with transaction.atomic():
        for field in ("users", "uses", "events"):
            setattr(narrative, field, data.get(field, ""))
        narrative.updated_by = by
        if narrative.pk is None:
            narrative.save()
        else:
            narrative.save(update_fields=["users", "uses", "events", "updated_by", "updated_at"])
        for eric_id, text in recommendations.items():
            EricRecommendation.objects.update_or_create(
                narrative=narrative, eric_id=eric_id, defaults={"text": text}
            )
        narrative.photos.set(photos)
    return narrative


def narrative_snapshot(narrative: ProgrammeEndNarrative) -> dict:
    """What the frozen version keeps of the draft: the texts, the recommendations and the
    photos retained, as they are now."""
    if narrative.pk is None:
        return {"users": "", "uses": "", "events": "", "recommendations": {}, "photos": []}
    return {
        "users": narrative.users,
        "uses": narrative.uses,
        "events": narrative.events,
        "recommendations": {
            str(r.eric_id): r.text for r in narrative.recommendations.all() if r.text.strip()
        },
        "photos": sorted(narrative.photos.values_list("pk", flat=True)),
    }


def freeze_end_report(*, by, narrative: ProgrammeEndNarrative, fmt, period) -> Report:
    """Freeze a version of the end-of-programme report: the narrative copied now, the
    document built in the background, then kept unchanged with its SHA-256."""
    report, _created = request_report(
        by=by,
        programme=narrative.programme,
        kind=ReportKind.PROGRAMME_END,
        period=period,
        fmt=fmt,
        narrative=narrative_snapshot(narrative),
    )
    return report
