"""What an ERIC's trajectory page shows of its tiers-lieu maturity grid.

Two queries whatever the number of assessments (the assessments the user may see with
who submitted and reviewed them, then their scores). The radar and the data table are
built from the same rows, so the table is the chart's exact, accessible equivalent.
"""

import datetime
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.charts import as_data_uri

from ..charts import RADAR_SIZE, RadarSeries, maturity_radar, radar_summary
from ..enums import AssessmentStatus, MaturityCriterion, MaturityLevel
from ..forms.maturity import MaturityOpeningForm
from ..models.maturity import MaturityAssessment, PhaseWindow, openable_windows, phase_windows
from ..perms import (
    can_fill_maturity_grid,
    can_review_maturity_assessment,
    can_review_maturity_grid,
)

#: Phases in URLs, in French like the rest of the addresses.
PHASE_SLUGS = {"start": "debut", "middle": "mi-parcours", "end": "fin"}
PHASES_BY_SLUG = {slug: phase for phase, slug in PHASE_SLUGS.items()}

#: The team's link to the form, by the state of the phase's assessment.
FILL_LABELS = {
    None: gettext_lazy("Remplir la grille « %(phase)s »"),
    AssessmentStatus.DRAFT: gettext_lazy("Reprendre la grille « %(phase)s »"),
    AssessmentStatus.RETURNED: gettext_lazy("Revoir la grille « %(phase)s »"),
}


@dataclass
class PhaseColumn:
    """One phase of the grid as the user sees it: its window, its assessment (``None``
    when there is none or the user may not see it yet), what the user may do."""

    window: PhaseWindow
    assessment: MaturityAssessment | None
    levels: dict = field(default_factory=dict)
    late: bool = False
    is_due: bool = False
    opens_later: bool = False
    opened_early: bool = False
    fill_url: str = ""
    fill_label: str = ""
    detail_url: str = ""
    review_url: str = ""

    @property
    def phase(self) -> str:
        return self.window.phase

    @property
    def label(self) -> str:
        return self.window.label


def _legend(column: PhaseColumn) -> str:
    return _("%(phase)s — %(status)s") % {
        "phase": column.label,
        "status": column.assessment.get_status_display(),
    }


def _to_do(columns, due) -> list[dict]:
    """What waits on the user outside the phase due now: a grid to validate (the
    coach), a grid sent back or left unsubmitted after its window (the team)."""
    items = []
    for column in columns:
        if column is due:
            continue
        phase = {"phase": column.label}
        if column.review_url:
            text = _("La grille « %(phase)s » attend votre validation.") % phase
            items.append({"text": text, "url": column.review_url, "label": _("Relire la grille")})
        elif column.fill_url:
            if (
                column.assessment is not None
                and column.assessment.status == AssessmentStatus.RETURNED
            ):
                text = _(
                    "La grille « %(phase)s » vous a été renvoyée : revoyez-la puis soumettez-la."
                )
            else:
                text = _("La grille « %(phase)s » n'est pas encore soumise.")
            items.append({"text": text % phase, "url": column.fill_url, "label": column.fill_label})
    return items


def trajectory_section(accompaniment, user, *, today: datetime.date) -> dict:
    """The ``maturity`` context of the trajectory page (and of the grid's own page)."""
    assessments = {
        assessment.phase: assessment
        for assessment in MaturityAssessment.objects.visible_to(user)
        .filter(accompaniment=accompaniment)
        .select_related("submitted_by", "reviewed_by")
        .prefetch_related("scores")
    }
    can_fill = can_fill_maturity_grid(user, accompaniment)
    reviews = can_review_maturity_grid(user, accompaniment)
    columns = []
    for window in phase_windows(accompaniment):
        assessment = assessments.get(window.phase)
        slug = PHASE_SLUGS[window.phase]
        # A phase the resource person opened before its window is due from then on.
        opened_early = (
            assessment is not None and assessment.opened_early and not window.is_open(today)
        )
        column = PhaseColumn(
            window=window,
            assessment=assessment,
            is_due=window.is_due(today) or (opened_early and assessment.is_editable),
            opens_later=not window.is_open(today) and assessment is None,
            opened_early=opened_early,
        )
        if assessment is not None:
            assessment.accompaniment = accompaniment  # the permission checks read it
            column.levels = assessment.levels()
            column.detail_url = reverse(
                "coaching:maturity_assessment_detail", args=[accompaniment.pk, slug]
            )
            if reviews and can_review_maturity_assessment(user, assessment):
                column.review_url = column.detail_url + "#relecture"
        column.late = today > window.ends_on and (assessment is None or not assessment.is_shared)
        startable = window.is_open(today) or assessment is not None
        if can_fill and startable and (assessment is None or assessment.is_editable):
            column.fill_url = reverse(
                "coaching:maturity_assessment_form", args=[accompaniment.pk, slug]
            )
            status = assessment.status if assessment else None
            column.fill_label = FILL_LABELS[status] % {"phase": window.label}
        columns.append(column)

    rows = [
        {
            "criterion": criterion,
            "label": criterion.label,
            "cells": [column.levels.get(criterion.value) for column in columns],
        }
        for criterion in MaturityCriterion
    ]
    series = [
        RadarSeries(
            phase=column.phase,
            label=_legend(column),
            levels=tuple(column.levels.get(c) for c in MaturityCriterion.values),
            validated=column.assessment.is_validated,
        )
        for column in columns
        if column.assessment is not None and column.levels
    ]
    due = next((c for c in columns if c.is_due), None)
    # What the resource person may open now, before its window: closed and not started.
    openable = openable_windows(accompaniment, today, assessments) if reviews else []
    title = _("Grille de maturité tiers-lieu")
    return {
        "maturity": {
            "title": title,
            "columns": columns,
            "rows": rows,
            "due": due,
            "to_do": _to_do(columns, due),
            "upcoming": next((c for c in columns if c.opens_later), None),
            # the section's heading names the chart: no title inside the picture
            "chart_src": as_data_uri(maturity_radar(None, series)) if series else "",
            "chart_alt": radar_summary(series),
            "chart_size": RADAR_SIZE,
            "max_level": MaturityLevel.EXEMPLARY,
            "can_fill": can_fill,
            "opening_form": MaturityOpeningForm(windows=openable) if openable else None,
            "open_url": reverse("coaching:maturity_assessment_open", args=[accompaniment.pk]),
            "overview_url": reverse("coaching:maturity_overview", args=[accompaniment.pk]),
        }
    }
