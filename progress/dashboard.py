"""The Region's dashboard of a programme: each target against what was logged, per ERIC
and month by month, with the alerts; every figure leads to the records it counts."""

from django.core.paginator import Paginator
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coaching.enums import AnimationStage
from coaching.models import Programme
from coaching.scope import get_scope
from core.charts import as_data_uri

from .alerts import AlertKind, alert_groups
from .charts import chart_summary, charted_rows, cumulative_chart
from .indicators import Status, cached_programme_indicators
from .links import (
    animations_url,
    eric_records_url,
    hotline_weeks_url,
    map_url,
    records_url,
    sheets_url,
)

#: ``?fragment=`` value of the figures alone (what a live page swaps in).
FRAGMENT = "figures"
#: ERIC per page of the per-ERIC table (a national programme has thousands).
ERIC_PAGE_SIZE = 50
#: ``?etat=`` value that keeps the ERIC with at least one figure behind or at risk.
BEHIND_FILTER = "retard"
#: Undocumented animations read for the alerts: the oldest ones, bounded.
UNDOCUMENTED_READ = 200
#: Each kind of alert lists this many records, then says how many more and links to them.
ALERTS_SHOWN = 10


def dashboard_programmes(user):
    """The programmes whose dashboard the user may open."""
    scope = get_scope(user)
    programmes = Programme.objects.order_by("-start_date", "name")
    if scope.sees_everything:
        return programmes
    return programmes.filter(pk__in=scope.region_programme_ids | scope.coached_programme_ids)


def _is_behind(acc, per_eric_rows) -> bool:
    return any(
        row.per_eric[acc.eric_id].status in (Status.BEHIND, Status.AT_RISK)
        for row in per_eric_rows
        if row.applies_to(acc.eric_id)
    )


def dashboard_context(programme, *, today, user, page=1, behind_only=False):
    """Everything the dashboard shows; a fixed number of queries.

    The per-ERIC table shows one page of ``ERIC_PAGE_SIZE`` ERIC (``page``, optionally
    only those behind); the figures of every ERIC are computed in the same queries."""
    result = cached_programme_indicators(programme, today=today)
    current_month = today.replace(day=1)
    rows = [{"row": row, "url": records_url(row, programme, today)} for row in result.rows]
    per_eric_rows = [r for r in result.rows if r.is_per_eric and r.figure.tracked]
    listed = result.accompaniments
    if behind_only:
        listed = [acc for acc in listed if _is_behind(acc, per_eric_rows)]
    eric_page = Paginator(listed, ERIC_PAGE_SIZE).get_page(page)
    erics = []
    for acc in eric_page.object_list:
        cells = [
            {
                "indicator": row.indicator,
                "figure": row.per_eric[acc.eric_id],
                "url": eric_records_url(row, programme, today, acc.eric, user),
                "map_url": map_url(row, acc.eric, user),
            }
            if row.applies_to(acc.eric_id)
            else None
            for row in per_eric_rows
        ]
        erics.append(
            {
                "accompaniment": acc,
                "cells": cells,
                "animations_this_month": result.animations_this_month[acc.eric_id],
                "animations_this_month_url": animations_url(
                    programme, today, eric_id=acc.eric_id, month=current_month
                ),
                "sheets_this_month": result.sheets_this_month[acc.eric_id],
                "sheets_this_month_url": sheets_url(
                    programme, today, eric=acc.eric, month=current_month
                ),
            }
        )
    table_query = {"etat": BEHIND_FILTER} if behind_only else {}
    fragment_query = {"fragment": FRAGMENT, **table_query}
    if eric_page.number > 1:
        fragment_query["page"] = eric_page.number

    charts = [
        {
            "id": "chart-%s" % row.key,
            "title": title,
            "src": as_data_uri(cumulative_chart(title, row.months)),
            "alt": chart_summary(title, row.months, row.figure.total, today=today),
            "points": [
                {"point": p, "url": records_url(row, programme, today, month=p.month)}
                for p in row.months
            ],
        }
        for row, title in charted_rows(result)
    ]
    return {
        "programme": programme,
        "today": today,
        "result": result,
        "rows": rows,
        "per_eric_rows": per_eric_rows,
        "erics": erics,
        "eric_page": eric_page,
        "behind_only": behind_only,
        "behind_filter": BEHIND_FILTER,
        "table_query": urlencode(table_query),
        "fragment_query": urlencode(fragment_query),
        "charts": charts,
        "alerts": _alerts(result, programme, today),
        "current_month": current_month,
        "fragment": FRAGMENT,
    }


def _capped(group, build, *, more_url):
    """The first alerts of a kind, then one line for the rest (national scale): only the
    shown ones are written."""
    shown = [build(subject) for subject in group.subjects[:ALERTS_SHOWN]]
    rest = len(group.subjects) - len(shown)
    if rest > 0:
        if group.cut:
            text = _("… et au moins %(count)d autres.") % {"count": rest}
        else:
            text = ngettext("… et %(count)d autre.", "… et %(count)d autres.", rest) % {
                "count": rest
            }
        shown.append({"text": text, "url": more_url})
    return shown


def _alerts(result, programme, today):
    """Each alert as a line with the link to its records."""
    groups = alert_groups(result, undocumented_limit=UNDOCUMENTED_READ)
    month = today.replace(day=1)

    def no_animation(acc):
        return {
            "text": _("%(eric)s : aucune animation comptée ce mois-ci, à mi-mois passé.")
            % {"eric": acc.eric.name},
            "url": animations_url(programme, today, eric_id=acc.eric_id, month=month, status=None),
        }

    def no_sheet(acc):
        if acc is None:
            return {
                "text": _("Aucune fiche « code source » publiée ce mois-ci, à mi-mois passé."),
                "url": sheets_url(programme, today, month=month),
            }
        return {
            "text": _("%(eric)s : aucune fiche « code source » publiée ce mois-ci.")
            % {"eric": acc.eric.name},
            "url": sheets_url(programme, today, eric=acc.eric, month=month),
        }

    writers = {
        AlertKind.NO_ANIMATION_THIS_MONTH: (
            no_animation,
            animations_url(programme, today, month=month, status=None),
        ),
        AlertKind.NO_SHEET_THIS_MONTH: (no_sheet, sheets_url(programme, today, month=month)),
        AlertKind.HOTLINE_MISSED: (
            lambda monday: {
                "text": _("Permanence téléphonique non tenue la semaine du %(day)s.")
                % {"day": monday.strftime("%d/%m/%Y")},
                "url": hotline_weeks_url(programme, today, state="missed"),
            },
            hotline_weeks_url(programme, today, state="missed"),
        ),
        AlertKind.UNDOCUMENTED: (
            lambda animation: {
                "text": _(
                    "%(eric)s : « %(title)s », tenue le %(day)s, n'est toujours pas documentée."
                )
                % {
                    "eric": animation.accompaniment.eric.name,
                    "title": animation.title,
                    "day": timezone.localtime(animation.starts_at).strftime("%d/%m/%Y"),
                },
                "url": reverse("coaching:animation_detail", args=[animation.pk]),
            },
            animations_url(status=AnimationStage.HELD),
        ),
    }
    alerts = []
    for kind, (build, more_url) in writers.items():
        if kind in groups:
            alerts += _capped(groups[kind], build, more_url=more_url)
    return alerts
