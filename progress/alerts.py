"""What falls behind, as the dashboard and the committee's report both say it.

The rules are written once here: which ERIC logged no counted animation or no sheet
this month (while the programme runs), which weeks the hotline was not held, which
animations were held more than 15 days ago and are still undocumented. The dashboard
writes each alert as a line with a link; the report groups them by kind.
"""

from dataclasses import dataclass
from enum import StrEnum

from coaching.enums import Indicator

from .indicators import undocumented_animations


class AlertKind(StrEnum):
    NO_ANIMATION_THIS_MONTH = "no_animation_this_month"
    NO_SHEET_THIS_MONTH = "no_sheet_this_month"
    HOTLINE_MISSED = "hotline_missed"
    UNDOCUMENTED = "undocumented"


@dataclass
class AlertGroup:
    """The subjects of one kind of alert: accompaniments (``AccompanimentRef``), the
    Mondays of the weeks missed (latest first), or undocumented animations (oldest
    first). ``cut``: there were more than ``limit`` of them, the rest were not read."""

    kind: AlertKind
    subjects: list
    cut: bool = False


def alert_groups(result, *, undocumented_limit: int) -> dict[AlertKind, AlertGroup]:
    """The alerts of ``result`` (a programme's indicators) on its day, by kind; kinds
    with nothing to say are left out. One query: the undocumented animations, at most
    ``undocumented_limit`` of them."""
    programme, today = result.programme, result.today
    groups = {}

    def add(kind, subjects, cut=False):
        if subjects:
            groups[kind] = AlertGroup(kind, subjects, cut)

    if programme.start_date <= today <= programme.end_date:
        add(
            AlertKind.NO_ANIMATION_THIS_MONTH,
            [acc for acc in result.accompaniments if not result.animations_this_month[acc.eric_id]],
        )
        if result.row(Indicator.CODE_SOURCE_SHEETS) is not None:
            add(
                AlertKind.NO_SHEET_THIS_MONTH,
                [acc for acc in result.accompaniments if not result.sheets_this_month[acc.eric_id]],
            )
    if result.row(Indicator.HOTLINE_HALF_DAYS) is not None:
        add(AlertKind.HOTLINE_MISSED, list(reversed(result.hotline_weeks_missed)))
    # one more than asked, to know whether there are others (their number is a lower
    # bound then: counting them all would scan every undocumented animation)
    undocumented = list(undocumented_animations(programme, today=today)[: undocumented_limit + 1])
    add(
        AlertKind.UNDOCUMENTED,
        undocumented[:undocumented_limit],
        cut=len(undocumented) > undocumented_limit,
    )
    return groups
