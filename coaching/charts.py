"""Month-by-month charts as server-rendered SVG (pygal), for the page and the PDF alike.

The SVG carries no script (pygal's config script is removed, no external JavaScript;
its own CSS is inlined) and is embedded as a ``data:`` image: the page's
Content-Security-Policy forbids inline styles, which an image document keeps to itself.
Every chart goes with a data table.
"""

import base64
import copy
import hashlib
import logging
import math
import re
from dataclasses import dataclass

import pygal
from django.core.cache import cache
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from pygal.style import Style

logger = logging.getLogger(__name__)

SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.DOTALL | re.IGNORECASE)

STYLE_OPTIONS = dict(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1b1b1b",
    foreground_strong="#1b1b1b",
    foreground_subtle="#5f5f5f",
    colors=("#1f5f8b", "#b34700"),
    font_family="Marianne, Arial, sans-serif",
    title_font_size=16,
    label_font_size=12,
    major_label_font_size=12,
    legend_font_size=13,
)
STYLE = Style(**STYLE_OPTIONS)


def month_label(month) -> str:
    return date_format(month, "M Y")


#: Rendered charts are kept this long; their key is their data, so a change shows at once.
CHART_CACHE_SECONDS = 24 * 3600


def cumulative_chart(title: str, points, *, font_family: str | None = None) -> str:
    """Cumulative actual against the expected pace (dashed), month by month, as SVG text.

    ``font_family``: the PDF draws the chart with its vendored font rather than the
    page's (a font missing from the machine would fall back to whatever it has).

    Drawing takes pygal tens of milliseconds a chart; the same data in the same language
    give the same SVG, so it is cached under a digest of them (shared by the workers)."""
    data = repr(
        (
            2,  # bump when the drawing changes
            get_language(),
            str(title),
            font_family,
            [(p.month.isoformat(), p.cumulative, round(p.expected, 1)) for p in points],
        )
    )
    key = "chart:cumulative:" + hashlib.sha256(data.encode()).hexdigest()
    try:
        svg = cache.get(key)
    except Exception:  # Redis down: draw it, the page must not fail for a cache
        logger.warning("Chart cache unreachable", exc_info=True)
        return _draw_cumulative_chart(title, points, font_family)
    if svg is None:
        svg = _draw_cumulative_chart(title, points, font_family)
        try:
            cache.set(key, svg, CHART_CACHE_SECONDS)
        except Exception:
            logger.warning("Chart cache unreachable", exc_info=True)
    return svg


def _draw_cumulative_chart(title: str, points, font_family: str | None = None) -> str:
    style = Style(**{**STYLE_OPTIONS, "font_family": font_family}) if font_family else STYLE
    config = pygal.Config(
        js=[],
        disable_xml_declaration=True,
        style=style,
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
    svg = chart.render(is_unicode=True)
    return SCRIPT.sub("", svg)


def as_data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


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
    from .enums import MaturityCriterion

    style = copy.copy(STYLE)
    style.colors = tuple(PHASE_COLOURS.get(s.phase, "#5f5f5f") for s in series) or STYLE.colors
    style.label_font_size = style.major_label_font_size = 15
    style.legend_font_size = 15
    style.stroke_width = 3  # the phases' lines (pygal's .reactive), not the guides
    style.no_data_font_size = 18
    config = pygal.Config(
        js=[],
        disable_xml_declaration=True,
        style=style,
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
    svg = chart.render(is_unicode=True)
    return SCRIPT.sub("", svg)
