"""The indicators month by month, as cumulative charts (page and PDF alike).

Drawn with :mod:`core.charts` (pygal, server-side SVG, no script); every chart goes with
its data table.
"""

import math

import pygal
from django.utils.formats import date_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from coaching.enums import Basis, Indicator
from core.charts import cached_svg, render_svg, style

#: Indicators drawn month by month (a trust-circle map is a state, not a flow).
CHARTED = [
    Indicator.ANIMATIONS,
    Indicator.TRAININGS,
    Indicator.CODE_SOURCE_SHEETS,
    Indicator.FEDERATING_EVENTS,
    Indicator.HOTLINE_HALF_DAYS,
]

STYLE = style()


def charted_rows(result):
    """The indicators drawn month by month, with their chart titles (page and PDF): the
    flows of the programme and the monthly ones, not a per-ERIC deliverable (each ERIC's
    is capped at its own value, a cumulative line would not say so)."""
    for row in result.rows:
        if (
            row.indicator in CHARTED
            and row.target.basis != Basis.PER_ERIC
            and row.figure.tracked
            and row.months
        ):
            yield row, str(row.label).capitalize()


def chart_summary(title: str, points, total: int, *, today=None) -> str:
    """The chart's short text alternative (RGAA 1.3), from its data: where the
    cumulative count stands against the whole target, how the last month ended compares
    with the one before, and whether the pace is kept. A month under way (``today`` in
    it) is not compared with a whole one: it is said as « N depuis le début du mois ».
    The table beside the chart gives every value."""
    if not points:
        return _("%(title)s : pas encore de données.") % {"title": title}
    last = points[-1]
    parts = [
        _("%(title)s : %(actual)s sur %(total)s")
        % {"title": title, "actual": last.cumulative, "total": total}
    ]
    ended = list(points)
    if today is not None and (last.month.year, last.month.month) == (today.year, today.month):
        ended = ended[:-1]
        parts.append(_("%(count)s depuis le début du mois") % {"count": last.value})
    if len(ended) > 1:
        now, before = ended[-1].value, ended[-2].value
        if now > before:
            trend = _("en hausse le mois dernier (%(now)s contre %(before)s)")
        elif now < before:
            trend = _("en baisse le mois dernier (%(now)s contre %(before)s)")
        else:
            trend = _("stable le mois dernier (%(now)s, comme le mois précédent)")
        parts.append(trend % {"now": now, "before": before})
    pace = (
        ngettext(
            "au rythme attendu (%(expected)s attendu à ce jour)",
            "au rythme attendu (%(expected)s attendus à ce jour)",
            last.expected,
        )
        if last.cumulative >= last.expected
        else ngettext(
            "en dessous du rythme attendu (%(expected)s attendu à ce jour)",
            "en dessous du rythme attendu (%(expected)s attendus à ce jour)",
            last.expected,
        )
    )
    parts.append(pace % {"expected": last.expected})
    return ", ".join(parts) + "."


def month_label(month) -> str:
    return date_format(month, "M Y")


def cumulative_chart(title: str, points, *, font_family: str | None = None) -> str:
    """Cumulative actual against the expected pace (dashed), month by month, as SVG text.

    ``font_family``: the PDF draws the chart with its vendored font rather than the
    page's (a font missing from the machine would fall back to whatever it has).

    Drawing takes pygal tens of milliseconds a chart; the same data in the same language
    give the same SVG, so it is cached under a digest of them (shared by the workers)."""
    data = (
        4,  # bump when the drawing changes
        get_language(),
        str(title),
        font_family,
        [(p.month.isoformat(), p.cumulative, p.expected) for p in points],
    )
    return cached_svg(
        "cumulative", data, lambda: _draw_cumulative_chart(title, points, font_family)
    )


def _draw_cumulative_chart(title: str, points, font_family: str | None = None) -> str:
    chart_style = style(font_family=font_family) if font_family else STYLE
    config = pygal.Config(
        js=[],
        disable_xml_declaration=True,
        style=chart_style,
        width=640,
        height=300,
        show_legend=True,
        legend_at_bottom=True,
        print_values=False,
        x_label_rotation=0,
        truncate_label=-1,
        truncate_legend=-1,
        min_scale=2,
        explicit_size=True,
        no_data_text=_("Pas encore de données"),
    )
    chart = pygal.Line(config, title=title, dots_size=4)
    chart.x_labels = [month_label(p.month) for p in points]
    top = max([p.cumulative for p in points] + [p.expected for p in points] + [1])
    if top <= 20:  # small counts: whole steps, never "0.2 formation"
        chart.y_labels = list(range(0, math.ceil(top) + 1))
    chart.add(_("réalisé (cumul)"), [p.cumulative for p in points])
    chart.add(
        _("attendu en fin de mois (cumul)"),
        [p.expected for p in points],
        stroke_style={"dasharray": "6, 4"},
    )
    return render_svg(chart)
