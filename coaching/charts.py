"""Month-by-month charts and the maturity radar, drawn with :mod:`core.charts`."""

import copy
import math
from dataclasses import dataclass

import pygal
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.charts import as_data_uri, cached_svg, render_svg, style

from .enums import MaturityCriterion

__all__ = ["as_data_uri", "cumulative_chart", "maturity_radar"]

STYLE = style()


def month_label(month) -> str:
    return date_format(month, "M Y")


def cumulative_chart(title: str, points, *, font_family: str | None = None) -> str:
    """Cumulative actual against the expected pace (dashed), month by month, as SVG text.

    ``font_family``: the PDF draws the chart with its vendored font rather than the
    page's (a font missing from the machine would fall back to whatever it has).

    Drawing takes pygal tens of milliseconds a chart; the same data in the same language
    give the same SVG, so it is cached under a digest of them (shared by the workers)."""
    data = (
        2,  # bump when the drawing changes
        get_language(),
        str(title),
        font_family,
        [(p.month.isoformat(), p.cumulative, round(p.expected, 1)) for p in points],
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
        _("attendu (cumul)"),
        [round(p.expected, 1) for p in points],
        stroke_style={"dasharray": "6, 4"},
    )
    return render_svg(chart)


# --- Tiers-lieu maturity grid ----------------------------------------------------------


@dataclass(frozen=True)
class RadarSeries:
    """One phase of the maturity grid on the radar: its legend and its levels (0–4, or
    ``None`` when unanswered), one per criterion in :class:`MaturityCriterion` order."""

    phase: str
    label: str
    levels: tuple
    validated: bool = False


RADAR_SIZE = 440

#: A phase keeps its colour whichever phases are drawn (début, mi-parcours, fin).
PHASE_COLOURS = {"start": "#1f5f8b", "middle": "#b34700", "end": "#2e6b30"}


def maturity_radar(title: str | None, series) -> str:
    """The maturity grid over time as SVG text: one closed line per phase, from 0 at the
    centre to 4 at the edge; a phase not yet validated is dashed (its legend says so).

    Drawn small with large type, so it stays legible when a phone shrinks it; a page
    whose heading already names the chart passes no ``title``."""
    radar_style = copy.copy(STYLE)
    radar_style.colors = (
        tuple(PHASE_COLOURS.get(s.phase, "#5f5f5f") for s in series) or STYLE.colors
    )
    radar_style.label_font_size = radar_style.major_label_font_size = 15
    radar_style.legend_font_size = 15
    radar_style.stroke_width = 3  # the phases' lines (pygal's .reactive), not the guides
    radar_style.no_data_font_size = 18
    config = pygal.Config(
        js=[],
        disable_xml_declaration=True,
        style=radar_style,
        width=RADAR_SIZE,
        height=RADAR_SIZE,
        show_legend=True,
        legend_at_bottom=True,
        legend_at_bottom_columns=1,
        truncate_legend=-1,
        truncate_label=-1,
        explicit_size=True,
        range=(0, 4),
        no_data_text=_("Pas encore de grille soumise"),
    )
    chart = pygal.Radar(config, title=title, dots_size=4, fill=False)
    # pygal names each chart with a random id: a fixed one makes the same grid give the
    # same bytes, so a live refresh that changes nothing is seen as such (the SVG is its
    # own image document: the id cannot clash with anything on the page).
    chart.uuid = "maturity-radar"
    chart.x_labels = [str(label) for label in MaturityCriterion.labels]
    if series:  # pygal cannot place y labels on an empty radar
        chart.y_labels = [0, 1, 2, 3, 4]
    for item in series:
        stroke = {} if item.validated else {"stroke_style": {"dasharray": "8, 5"}}
        chart.add(item.label, list(item.levels), **stroke)
    return render_svg(chart)
