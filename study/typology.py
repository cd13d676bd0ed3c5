"""The typology of uses of a programme's study: the tables SKEMA's report rests on, each
with its chart (pygal, server-side SVG, the same for the page and the PDF)."""

from collections import Counter

import pygal
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from core.charts import as_data_uri, cached_svg, render_svg, style

from .enums import Channel, UsageType
from .models import Questionnaire, RemoteCount, StudyEvent, Tally, VisitorEntry
from .selectors import (
    TYPOLOGY_TABLES,
    USAGE_FIRST_VISIT,
    dimension_counts,
    table_titles,
    usage_by_first_visit,
)

CHARTED = ("usage_type", "motivation", "activity")
CROSS = USAGE_FIRST_VISIT


def _percent(count, total) -> int:
    return round(100 * count / total) if total else 0


def _chart(key, title, rows) -> str:
    def draw():
        chart = pygal.HorizontalBar(
            style=style(colors=("#1f5f8b",)),
            js=[],
            show_legend=False,
            width=640,
            height=max(160, 46 * len(rows) + 60),
            print_values=True,
            title=str(title),
        )
        chart.x_labels = [row["label"] for row in rows]
        chart.add(_("Personnes"), [row["count"] for row in rows])
        return render_svg(chart)

    return cached_svg(
        "study-%s" % key, (key, str(title), [(r["label"], r["count"]) for r in rows]), draw
    )


def typology_summary(programme, *, with_charts=True) -> dict | None:
    """The typology of the programme's studies, or ``None`` while nobody has answered
    (the end-of-programme report includes it). A fixed number of queries, whatever the
    number of entries."""
    return _summary(Q(study__programme=programme), with_charts=with_charts)


def typology_summary_for_study(study, *, with_charts=True) -> dict | None:
    return _summary(Q(study=study), with_charts=with_charts)


def _summary(where: Q, *, with_charts) -> dict | None:
    events = list(
        StudyEvent.objects.filter(where)
        .select_related("eric", "questionnaire")
        .annotate(
            on_site=Count("entries", filter=_on_site("entries")),
            remote=Count("entries", filter=~_on_site("entries")),
        )
        .order_by("start_date", "pk")
    )
    if not events:
        return None
    event_ids = [e.pk for e in events]
    entries = VisitorEntry.objects.filter(event_id__in=event_ids, channel=Channel.ON_SITE)
    counts = dimension_counts(entries)
    counts[CROSS] = usage_by_first_visit(entries)
    remote = sum(e.remote for e in events)
    kept_on_site = {e.pk: 0 for e in events}
    for tally in Tally.objects.filter(event_id__in=event_ids):
        if tally.channel == Channel.ON_SITE:
            counts.setdefault(tally.dimension, Counter())[tally.code] += tally.count
            if tally.dimension == "total":
                kept_on_site[tally.event_id] += tally.count
        elif tally.dimension == "total":
            remote += tally.count
    total = counts["total"]["all"]
    if total == 0 and remote == 0:
        return None
    remote_counted = (
        RemoteCount.objects.filter(event_id__in=event_ids).aggregate(n=Sum("count"))["n"] or 0
    )
    labels = {}
    for questionnaire in Questionnaire.objects.filter(
        study__in=StudyEvent.objects.filter(where).values("study")
    ).order_by("version"):
        labels.setdefault("motivations", {}).update(questionnaire.labels("motivations"))
        labels.setdefault("activities", {}).update(questionnaire.labels("activities"))
        labels.setdefault("heard_of", {}).update(questionnaire.labels("heard_of"))
    titles = table_titles()
    tables = []
    for key, label_map in TYPOLOGY_TABLES:
        counter = counts.get(key, Counter())
        names = label_map(labels) if label_map else {code: code for code in counter}
        codes = list(names) + [code for code in counter if code not in names]
        rows = [
            {
                "code": code,
                "label": str(names.get(code, code)),
                "count": counter.get(code, 0),
                "percent": _percent(counter.get(code, 0), total),
            }
            for code in codes
            if counter.get(code, 0) or label_map
        ]
        if key == "motivation_category" and not rows:
            continue
        table = {"key": key, "title": titles[key], "rows": rows}
        if with_charts and key in CHARTED:
            svg = _chart(key, titles[key], rows)
            table["svg"] = svg
            table["src"] = as_data_uri(svg)
        tables.append(table)
    first = {"yes": _("première venue"), "no": _("déjà venu·e"), "none": _("sans réponse")}
    cross = {
        "columns": list(first.values()),
        "rows": [
            {
                "label": str(label),
                "counts": [counts[CROSS].get("%s|%s" % (kind, code), 0) for code in first],
            }
            for kind, label in UsageType.choices
        ],
    }
    return {
        "total": total,
        "remote_form": remote,
        "remote_counted": remote_counted,
        "events": [
            {
                "name": e.name,
                "eric": e.eric.name,
                "place": e.place,
                "start_date": e.start_date,
                "end_date": e.end_date,
                "version": e.questionnaire.version,
                "on_site": e.on_site + kept_on_site[e.pk],
            }
            for e in events
        ],
        "tables": tables,
        "cross": cross,
    }


def _on_site(prefix):
    return Q(**{"%s__channel" % prefix: Channel.ON_SITE})
