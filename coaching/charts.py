"""The tiers-lieu maturity grid drawn as a radar, with :mod:`core.charts`."""

import copy
from dataclasses import dataclass

import pygal
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from core.charts import render_svg, style

from .enums import MaturityCriterion

STYLE = style()


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


def radar_summary(series) -> str:
    """The radar's short text alternative (RGAA 1.3), from its data: each phase's mean
    level out of 4 and, with two phases or more, whether the last one rose or fell. The
    table under the radar gives every level."""
    means = []
    for item in series:
        levels = [level for level in item.levels if level is not None]
        if levels:
            means.append((item.label, sum(levels) / len(levels)))
    if not means:
        return _("Grille de maturité : pas encore de grille soumise.")
    parts = [
        _("%(phase)s : niveau moyen %(mean)s sur 4")
        % {"phase": label, "mean": number_format(round(mean, 1), 1)}
        for label, mean in means
    ]
    text = _("Grille de maturité, %(phases)s") % {"phases": " ; ".join(parts)}
    if len(means) > 1:
        before, last = means[-2][1], means[-1][1]
        if last > before:
            text += _(", en progression")
        elif last < before:
            text += _(", en recul")
        else:
            text += _(", stable")
    return text + "."


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
