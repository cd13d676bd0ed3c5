"""The progress report for the Comité de suivi: the Region dashboard as a PDF.

The report reads the same indicators as the dashboard (:func:`programme_indicators`,
"as of" a chosen day) and draws the same charts (:func:`charts.cumulative_chart`), each
followed by its data table. It holds aggregated figures and what the Region already
sees on its dashboard and in the journal — never the content of a hotline call, nor the
names of a training's participants.

Rendered by :mod:`core.pdf` like the trainings' PDFs: tagged PDF/UA-1 in French,
vendored DejaVu font (on ``@page`` too, for the running header and footer), a URL
fetcher that reads the static and media folders and, for the charts, ``data:`` SVG
images only.
A fixed number of queries, whatever the number of ERIC.
"""

import datetime

from django.db.models import Count, Exists, Max, Min, OuterRef, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coaching.selectors.counted import counted_animations
from core.charts import as_data_uri
from core.dates import day_after, long_date
from core.pdf import PDF_FONT_FAMILY, css_string
from trainings.enums import AttendanceStatus
from trainings.models import Training
from trainings.selectors import counted_trainings

from .alerts import AlertKind, alert_groups
from .charts import chart_summary, charted_rows, cumulative_chart
from .indicators import Calendar, Status, eric_indicators, programme_indicators

#: Each kind of alert names this many ERIC, weeks or animations, then says how many more.
ALERTS_LISTED = 50
#: Counted animations listed (the most recent); the journal's export has them all.
ANIMATIONS_LISTED = 300
#: The order of the statuses in the summary of the cover.
STATUS_ORDER = [
    Status.ACHIEVED,
    Status.ON_TRACK,
    Status.BEHIND,
    Status.AT_RISK,
    Status.NOT_TRACKED,
]


def as_of_range(programme, *, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The days a report may be stopped at: from the programme's first day to today
    (only today before the programme starts: a report that says nothing began yet)."""
    return min(programme.start_date, today), today


def _listed(items):
    """The first ``ALERTS_LISTED`` items and how many more there are."""
    return {"items": items[:ALERTS_LISTED], "more": max(0, len(items) - ALERTS_LISTED)}


def _alerts(result, as_of):
    """What the dashboard's alerts say, grouped by kind, as of the report's day."""
    groups = alert_groups(result, undocumented_limit=ALERTS_LISTED)
    month_label = date_format(as_of.replace(day=1), "F Y")
    alerts = []
    if AlertKind.HOTLINE_MISSED in groups:
        weeks = [w.strftime("%d/%m/%Y") for w in groups[AlertKind.HOTLINE_MISSED].subjects]
        alerts.append(
            {
                "title": ngettext(
                    "Permanence téléphonique non tenue : %(count)d semaine",
                    "Permanence téléphonique non tenue : %(count)d semaines",
                    len(weeks),
                )
                % {"count": len(weeks)},
                "lead": _("Semaines du"),
                **_listed(weeks),
            }
        )
    if AlertKind.NO_ANIMATION_THIS_MONTH in groups:
        names = [acc.eric.name for acc in groups[AlertKind.NO_ANIMATION_THIS_MONTH].subjects]
        alerts.append(
            {
                "title": ngettext(
                    "Aucune animation comptée en %(month)s, à mi-mois passé : %(count)d ERIC",
                    "Aucune animation comptée en %(month)s, à mi-mois passé : %(count)d ERIC",
                    len(names),
                )
                % {"month": month_label, "count": len(names)},
                **_listed(names),
            }
        )
    if AlertKind.NO_SHEET_THIS_MONTH in groups:
        subjects = groups[AlertKind.NO_SHEET_THIS_MONTH].subjects
        names = [acc.eric.name for acc in subjects if acc is not None]
        if None in subjects:
            alerts.append(
                {
                    "title": _("Aucune fiche « code source » publiée en %(month)s, à mi-mois passé")
                    % {"month": month_label},
                    "items": [],
                    "more": 0,
                }
            )
        if names:
            alerts.append(
                {
                    "title": ngettext(
                        "Aucune fiche « code source » en %(month)s : %(count)d ERIC",
                        "Aucune fiche « code source » en %(month)s : %(count)d ERIC",
                        len(names),
                    )
                    % {"month": month_label, "count": len(names)},
                    **_listed(names),
                }
            )
    if AlertKind.UNDOCUMENTED in groups:
        group = groups[AlertKind.UNDOCUMENTED]
        alerts.append(
            {
                "title": _("Animations tenues il y a plus de 15 jours et toujours pas documentées"),
                "items": [
                    _("%(day)s — %(eric)s — « %(title)s »")
                    % {
                        "day": timezone.localtime(a.starts_at).strftime("%d/%m/%Y"),
                        "eric": a.accompaniment.eric.name,
                        "title": a.title,
                    }
                    for a in group.subjects
                ],
                "more": 0,
                "more_at_least": group.cut,
                "one_per_line": True,
            }
        )
    return alerts


def _counted_animations(programme, as_of, eric=None):
    """Counted animations held from the programme's start to ``as_of`` (the dashboard's
    definition): the most recent ``ANIMATIONS_LISTED`` in date order, and how many
    there are in all (two queries and one for their co-organisers); ``eric``'s only
    when given."""
    counted = counted_animations(programme, until=as_of)
    if eric is not None:
        counted = counted.filter(accompaniment__eric=eric)
    latest = list(
        counted.select_related("accompaniment__eric")
        .prefetch_related("co_organisers")
        .order_by("-starts_at", "-pk")[:ANIMATIONS_LISTED]
    )
    total = len(latest) if len(latest) < ANIMATIONS_LISTED else counted.count()
    rows = []
    for animation in reversed(latest):
        eric = animation.accompaniment.eric
        rows.append(
            {
                "day": timezone.localtime(animation.starts_at).date(),
                "eric": eric.name,
                "title": animation.title,
                "partners": ", ".join(
                    sorted(o.name for o in animation.co_organisers.all() if o.pk != eric.pk)
                ),
            }
        )
    return rows, total


def _trainings(programme, as_of):
    """Trainings whose first half-day was held by the report's day, with aggregated
    attendance (no participant is named), each saying whether it counts (the
    dashboard's definition, ``counted_trainings``). One query."""
    counted = counted_trainings(programme, until=as_of)
    trainings = (
        Training.objects.for_programme(programme)
        .held(day_after(as_of))
        .annotate(
            first_start=Min("sessions__starts_at"),
            last_end=Max("sessions__ends_at"),
            half_days=Count("sessions", distinct=True),
            present=Count(
                "registrations",
                filter=Q(registrations__attendances__status=AttendanceStatus.PRESENT),
                distinct=True,
            ),
            counts=Exists(counted.filter(pk=OuterRef("pk"))),
        )
        .order_by("first_start", "pk")
    )
    return [
        {
            "training": training,
            "first_day": timezone.localtime(training.first_start).date(),
            "last_day": timezone.localtime(training.last_end).date(),
            "counted": training.counts,
        }
        for training in trainings
    ]


def _per_eric_columns(per_eric_rows) -> list[dict]:
    """The per-ERIC table's columns: each target's label with one ERIC's share — its
    total and what is expected by the report's day, the same for every ERIC — said once
    in the column's head rather than in each of a thousand cells (the layout's time
    and the table's pages follow the number of lines of text)."""
    columns = []
    for row in per_eric_rows:
        share = next(iter(row.per_eric.values()), None)
        columns.append(
            {
                "label": row.label,
                "key": row.key,
                "total": share.total if share else None,
                "expected": share.expected if share else None,
            }
        )
    return columns


def comparison(rows, previous_rows, *, previous_end, as_of, label) -> dict:
    """Each target's figure at the end of the previous period and now, and the change
    (what was achieved during the period): the month's and the quarter's reports."""
    then = {row.key: row.figure for row in previous_rows}
    lines = []
    for row in rows:
        before = then.get(row.key)
        now = row.figure
        tracked = now.tracked and before is not None and before.tracked
        lines.append(
            {
                "label": row.label,
                "key": row.key,
                "total": now.total,
                "then": before.actual if tracked else None,
                "now": now.actual if now.tracked else None,
                "change": now.actual - before.actual if tracked else None,
            }
        )
    return {"previous_end": previous_end, "as_of": as_of, "label": label, "lines": lines}


def _period_label(kind, start):
    if kind == "quarter":
        return _("trimestre du %(start)s") % {"start": long_date(start)}
    return date_format(start, "F Y")


def eric_report_context(accompaniment, *, as_of, generated_at=None, compare=None) -> dict:
    """One ERIC's report: its own figures against the targets it answers for
    (:func:`eric_indicators`, as on its trajectory page) and its counted animations;
    nothing of the other ERIC (no per-ERIC table, no alerts, no charts)."""
    generated_at = timezone.localtime(generated_at or timezone.now())
    programme = accompaniment.programme
    eric = accompaniment.eric
    result = eric_indicators(accompaniment, today=as_of)
    animations, animations_total = _counted_animations(programme, as_of, eric=eric)
    title = _("Rapport d'avancement — %(eric)s — %(programme)s — arrêté au %(day)s") % {
        "eric": eric.name,
        "programme": programme.name,
        "day": long_date(as_of),
    }
    context = {
        **_common(programme, as_of, generated_at, title, result.rows),
        "eric": eric,
        "animations": animations,
        "animations_total": animations_total,
        "per_eric_rows": [],
        "per_eric_columns": [],
        "erics": [],
        "charts": [],
        "alerts": [],
        "trainings": [],
    }
    if compare:
        previous_end, kind, start = compare
        before = eric_indicators(accompaniment, today=previous_end)
        context["comparison"] = comparison(
            result.rows,
            before.rows,
            previous_end=previous_end,
            as_of=as_of,
            label=_period_label(kind, start),
        )
    return context


def _common(programme, as_of, generated_at, title, rows) -> dict:
    statuses = {status: 0 for status in STATUS_ORDER}
    for row in rows:
        statuses[row.figure.status] += 1
    return {
        "title": title,
        "css_header": css_string(
            _("Rapport d'avancement au comité de suivi — arrêté au %(day)s")
            % {"day": long_date(as_of)}
        ),
        "css_footer": css_string(programme.name),
        "css_page": css_string(_("page")),
        "programme": programme,
        "funder": programme.funder,
        "as_of": as_of,
        "generated_at": generated_at,
        "month_number": programme.month_number(as_of),
        "rows": rows,
        "status_summary": [
            {"status": status, "label": Status.LABELS[status], "count": count}
            for status, count in statuses.items()
            if count
        ],
        "current_month": as_of.replace(day=1),
        "progress_percent": round(Calendar(programme, as_of).progress * 100),
    }


def report_context(programme, *, as_of: datetime.date, generated_at=None, compare=None) -> dict:
    """Everything the report shows; a fixed number of queries (twelve more with
    ``compare=(previous_end, kind, period_start)``: the previous period's figures)."""
    generated_at = timezone.localtime(generated_at or timezone.now())
    result = programme_indicators(programme, today=as_of)
    calendar = result.calendar

    statuses = {status: 0 for status in STATUS_ORDER}
    for row in result.rows:
        statuses[row.figure.status] += 1
    status_summary = [
        {"status": status, "label": Status.LABELS[status], "count": count}
        for status, count in statuses.items()
        if count
    ]

    per_eric_rows = [r for r in result.rows if r.is_per_eric and r.figure.tracked]
    per_eric_columns = _per_eric_columns(per_eric_rows)
    erics = [
        {
            "name": acc.eric.name,
            "cells": [row.per_eric.get(acc.eric_id) for row in per_eric_rows],
            "animations_this_month": result.animations_this_month[acc.eric_id],
            "sheets_this_month": result.sheets_this_month[acc.eric_id],
        }
        for acc in result.accompaniments
    ]

    charts = []
    for row, title in charted_rows(result):
        svg = cumulative_chart(title, row.months, font_family=PDF_FONT_FAMILY)
        charts.append(
            {
                "id": "chart-%s" % row.key,
                "title": title,
                "svg": svg,  # the DOCX draws it as a PNG
                "src": as_data_uri(svg),
                "points": row.months,
                "alt": chart_summary(title, row.months, row.figure.total, today=as_of),
            }
        )

    animations, animations_total = _counted_animations(programme, as_of)
    month_number = programme.month_number(as_of)
    title = _("Rapport d'avancement — %(programme)s — arrêté au %(day)s") % {
        "programme": programme.name,
        "day": long_date(as_of),
    }
    context = {
        "title": title,
        "css_header": css_string(
            _("Rapport d'avancement au comité de suivi — arrêté au %(day)s")
            % {"day": long_date(as_of)}
        ),
        "css_footer": css_string(programme.name),
        "css_page": css_string(_("page")),
        "programme": programme,
        "funder": programme.funder,
        "as_of": as_of,
        "generated_at": generated_at,
        "month_number": month_number,
        "months_elapsed": calendar.months_elapsed,
        "progress_percent": round(calendar.progress * 100),
        "result": result,
        "rows": result.rows,
        "status_summary": status_summary,
        "per_eric_rows": per_eric_rows,
        "per_eric_columns": per_eric_columns,
        "erics": erics,
        "current_month": as_of.replace(day=1),
        "charts": charts,
        "alerts": _alerts(result, as_of),
        "animations": animations,
        "animations_total": animations_total,
        "trainings": _trainings(programme, as_of),
    }
    if compare:
        previous_end, kind, start = compare
        before = programme_indicators(programme, today=previous_end)
        context["comparison"] = comparison(
            result.rows,
            before.rows,
            previous_end=previous_end,
            as_of=as_of,
            label=_period_label(kind, start),
        )
    return context
