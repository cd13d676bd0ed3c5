"""Progress dashboards: the Region's view of a programme against its targets."""

import datetime

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import live_fragments
from .charts import as_data_uri, cumulative_chart
from .enums import AnimationStage, Indicator
from .indicators import Status, cached_programme_indicators, undocumented_animations
from .models import Programme
from .perms import can_view_dashboard

FRAGMENT = "figures"
#: Undocumented animations fetched for the alerts: the oldest ones, bounded.
UNDOCUMENTED_FETCHED = 200
#: Indicators drawn month by month (a trust-circle map is a state, not a flow).
CHARTED = [
    Indicator.ANIMATIONS,
    Indicator.TRAININGS,
    Indicator.CODE_SOURCE_SHEETS,
    Indicator.FEDERATING_EVENTS,
    Indicator.HOTLINE_HALF_DAYS,
]


def journal_url(name: str, **params) -> str:
    """A journal list's address with its filters (``eric``, ``month`` as a date, ``status``)."""
    query = {}
    for key, value in params.items():
        if value is None:
            continue
        if isinstance(value, datetime.date):
            value = value.strftime("%Y-%m")
        query[key] = value
    url = reverse(name)
    return url + "?" + urlencode(query) if query else url


def animations_url(*, eric_id=None, month=None, status=AnimationStage.COUNTED):
    return journal_url("coaching:animation_list", eric=eric_id, month=month, status=status)


def records_url(indicator, *, eric=None, month=None):
    """Where the records behind a figure are listed (None when there is no list yet)."""
    if indicator == Indicator.ANIMATIONS:
        return animations_url(eric_id=eric.pk if eric else None, month=month)
    if indicator == Indicator.TRAININGS:
        return reverse("trainings:training_list")
    if indicator == Indicator.FEDERATING_EVENTS:
        return journal_url("coaching:federating_event_list", month=month)
    if indicator == Indicator.HOTLINE_HALF_DAYS:
        return journal_url("coaching:hotline_call_list", month=month)
    if indicator == Indicator.CODE_SOURCE_SHEETS:
        return "/code-source/"
    if indicator == Indicator.TRUST_CIRCLE_MAPS and eric is not None:
        return reverse("maps:entry_list", args=[eric.slug])
    return None


def _eric_records_url(indicator, eric, user):
    """The map's editing list is for its team, its coach and administrators only."""
    from maps.perms import can_edit_trust_circles

    if indicator == Indicator.TRUST_CIRCLE_MAPS and not can_edit_trust_circles(user, eric):
        return None
    return records_url(indicator, eric=eric)


#: ERIC per page of the per-ERIC table (a national programme has thousands).
ERIC_PAGE_SIZE = 50
#: ``?etat=`` value that keeps the ERIC with at least one figure behind or at risk.
BEHIND_FILTER = "retard"


def _is_behind(acc, per_eric_rows) -> bool:
    return any(
        row.per_eric[acc.eric_id].status in (Status.BEHIND, Status.AT_RISK) for row in per_eric_rows
    )


def charted_rows(result):
    """The indicators drawn month by month, with their chart titles (page and PDF)."""
    for row in result.rows:
        if row.indicator in CHARTED and row.figure.tracked and row.months:
            yield row, str(row.label).capitalize()


def dashboard_context(programme, *, today, user, page=1, behind_only=False):
    """Everything the dashboard shows; a fixed number of queries.

    The per-ERIC table shows one page of ``ERIC_PAGE_SIZE`` ERIC (``page``, optionally
    only those behind); the figures of every ERIC are computed in the same queries."""
    result = cached_programme_indicators(programme, today=today)
    current_month = today.replace(day=1)
    rows = []
    for row in result.rows:
        rows.append(
            {
                "row": row,
                "url": records_url(row.indicator) if row.figure.tracked else None,
            }
        )
    per_eric_rows = [r for r in result.rows if r.is_per_eric and r.figure.tracked]
    listed = result.accompaniments
    if behind_only:
        listed = [acc for acc in listed if _is_behind(acc, per_eric_rows)]
    eric_page = Paginator(listed, ERIC_PAGE_SIZE).get_page(page)
    erics = []
    for acc in eric_page.object_list:
        cells = []
        for row in per_eric_rows:
            cells.append(
                {
                    "indicator": row.indicator,
                    "figure": row.per_eric[acc.eric_id],
                    "url": _eric_records_url(row.indicator, acc.eric, user),
                }
            )
        erics.append(
            {
                "accompaniment": acc,
                "cells": cells,
                "animations_this_month": result.animations_this_month[acc.eric_id],
                "animations_this_month_url": animations_url(
                    eric_id=acc.eric_id, month=current_month
                ),
                "sheets_this_month": result.sheets_this_month[acc.eric_id],
            }
        )
    table_query = {"etat": BEHIND_FILTER} if behind_only else {}
    fragment_query = {"fragment": FRAGMENT, **table_query}
    if eric_page.number > 1:
        fragment_query["page"] = eric_page.number

    charts = []
    for row, title in charted_rows(result):
        charts.append(
            {
                "id": "chart-%s" % row.indicator,
                "title": title,
                "src": as_data_uri(cumulative_chart(title, row.months)),
                "points": [
                    {"point": p, "url": records_url(row.indicator, month=p.month)}
                    for p in row.months
                ],
            }
        )

    # one more than shown, to know whether to say « … et d'autres »
    undocumented = list(undocumented_animations(programme, today=today)[:UNDOCUMENTED_FETCHED])
    alerts = _alerts(result, undocumented, current_month, today)
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
        "alerts": alerts,
        "current_month": current_month,
        "fragment": FRAGMENT,
    }


#: Each kind of alert lists this many records, then says how many more and links to them.
ALERTS_SHOWN = 10


def _capped(sources, build, *, more_url, at_least=False):
    """The first alerts of a kind, then one line for the rest (national scale): only the
    shown ones are written. ``at_least``: ``sources`` was cut short, the rest is a lower
    bound."""
    shown = [build(source) for source in sources[:ALERTS_SHOWN]]
    rest = len(sources) - len(shown)
    if rest > 0:
        if at_least:
            text = _("… et au moins %(count)d autres.") % {"count": rest}
        else:
            text = ngettext("… et %(count)d autre.", "… et %(count)d autres.", rest) % {
                "count": rest
            }
        shown.append({"text": text, "url": more_url})
    return shown


def _alerts(result, undocumented, current_month, today):
    alerts = []
    programme = result.programme
    running = programme.start_date <= today <= programme.end_date
    if running:
        alerts += _capped(
            [acc for acc in result.accompaniments if not result.animations_this_month[acc.eric_id]],
            lambda acc: {
                "text": _("%(eric)s : aucune animation multi-partenariale documentée ce mois-ci.")
                % {"eric": acc.eric.name},
                "url": animations_url(eric_id=acc.eric_id, month=current_month, status=None),
            },
            more_url=animations_url(month=current_month, status=None),
        )
        if result.row(Indicator.CODE_SOURCE_SHEETS) is not None:
            alerts += _capped(
                [acc for acc in result.accompaniments if not result.sheets_this_month[acc.eric_id]],
                lambda acc: {
                    "text": _("%(eric)s : aucune fiche « code source » ce mois-ci.")
                    % {"eric": acc.eric.name},
                    "url": "/code-source/",
                },
                more_url="/code-source/",
            )
    if result.row(Indicator.HOTLINE_HALF_DAYS) is not None:
        alerts += _capped(
            list(reversed(result.hotline_weeks_missed)),
            lambda monday: {
                "text": _("Permanence téléphonique non tenue la semaine du %(day)s.")
                % {"day": monday.strftime("%d/%m/%Y")},
                "url": journal_url("coaching:hotline_call_list", month=monday),
            },
            more_url=journal_url("coaching:hotline_call_list"),
        )
    alerts += _capped(
        undocumented,
        lambda animation: {
            "text": _("%(eric)s : « %(title)s », tenue le %(day)s, n'est toujours pas documentée.")
            % {
                "eric": animation.accompaniment.eric.name,
                "title": animation.title,
                "day": timezone.localtime(animation.starts_at).strftime("%d/%m/%Y"),
            },
            "url": reverse("coaching:animation_detail", args=[animation.pk]),
        },
        more_url=animations_url(status=AnimationStage.HELD),
        at_least=len(undocumented) >= UNDOCUMENTED_FETCHED,
    )
    return alerts


@login_required
def programme_dashboard(request, slug):
    programme = get_object_or_404(Programme, slug=slug)
    if not can_view_dashboard(request.user, programme):
        raise PermissionDenied
    today = timezone.localdate()
    page = request.GET.get("page") or 1
    behind_only = request.GET.get("etat") == BEHIND_FILTER

    if request.GET.get("fragment") == FRAGMENT:
        return HttpResponse(
            live_fragments.dashboard_fragment(
                programme, request.user, page=page, behind_only=behind_only
            )
        )
    context = dashboard_context(
        programme, today=today, user=request.user, page=page, behind_only=behind_only
    )
    return render(request, "coaching/dashboard.html", context)


def dashboard_programmes(user):
    """The programmes whose dashboard the user may open."""
    from .perms import get_scope

    scope = get_scope(user)
    programmes = Programme.objects.order_by("-start_date", "name")
    if scope.sees_everything:
        return programmes
    return programmes.filter(pk__in=scope.region_programme_ids | scope.coached_programme_ids)


@login_required
def dashboard_index(request):
    """``/espace/tableau-de-bord/``: straight to the dashboard when there is one."""
    programmes = list(dashboard_programmes(request.user))
    if not programmes:
        raise PermissionDenied
    if len(programmes) == 1:
        return redirect("coaching:programme_dashboard", slug=programmes[0].slug)
    return render(request, "coaching/dashboard_index.html", {"programmes": programmes})
