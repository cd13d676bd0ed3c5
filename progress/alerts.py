"""What falls behind, as the dashboard and the committee's report both say it.

The rules are written once here (the glossary says them in French):

* **Nothing counted this month**: from the 16th of a month of the programme (before,
  the month has only begun and nobody is late), each ERIC that owes a counted
  animation every month (a target per ERIC and per month that applies to it) and has
  none counted yet this month; for a programme-wide monthly target (the sheets: at
  least one a month), the programme when nothing was published this month. An ERIC is
  never alerted on a target that is not its own (pilot 1's ephemeral tiers-lieu owes no
  monthly animation).
* **Hotline missed**: each ended ISO week of the programme in which the hotline was not
  held (no half-day marked held, no call logged).
* **Undocumented**: animations held more than 15 days ago and still undocumented.

The dashboard writes each alert as a line with a link; the report groups them by kind.
"""

from dataclasses import dataclass
from enum import StrEnum

from coaching.enums import Basis, Indicator

from .indicators import undocumented_animations

#: A month's « nothing counted yet » alerts wait until this day of the month has passed.
MONTH_ALERT_AFTER_DAY = 15


class AlertKind(StrEnum):
    NO_ANIMATION_THIS_MONTH = "no_animation_this_month"
    NO_SHEET_THIS_MONTH = "no_sheet_this_month"
    HOTLINE_MISSED = "hotline_missed"
    UNDOCUMENTED = "undocumented"


@dataclass
class AlertGroup:
    """The subjects of one kind of alert: accompaniments (``AccompanimentRef``, or
    ``None`` for the programme as a whole), the Mondays of the weeks missed (latest
    first), or undocumented animations (oldest first). ``cut``: there were more than
    ``limit`` of them, the rest were not read."""

    kind: AlertKind
    subjects: list
    cut: bool = False


def _nothing_this_month(result, indicator, this_month) -> list:
    """Who owes ``indicator`` every month and has nothing counted this month."""
    subjects = []
    for row in result.rows:
        if row.indicator != indicator or not row.figure.tracked:
            continue
        if row.target.basis == Basis.PER_ERIC_PER_MONTH:
            subjects += [
                acc
                for acc in result.accompaniments
                if row.applies_to(acc.eric_id) and not this_month[acc.eric_id]
            ]
        elif row.target.basis == Basis.PER_MONTH:
            scope = [acc for acc in result.accompaniments if row.target.applies_to(acc.pilot)]
            if not sum(this_month[acc.eric_id] for acc in scope):
                subjects.append(None)
    return list(dict.fromkeys(subjects))


def month_alerts_due(programme, today) -> bool:
    """Whether « nothing this month » alerts may fire on ``today``."""
    return programme.start_date <= today <= programme.end_date and today.day > MONTH_ALERT_AFTER_DAY


def alert_groups(result, *, undocumented_limit: int) -> dict[AlertKind, AlertGroup]:
    """The alerts of ``result`` (a programme's indicators) on its day, by kind; kinds
    with nothing to say are left out. One query: the undocumented animations, at most
    ``undocumented_limit`` of them."""
    programme, today = result.programme, result.today
    groups = {}

    def add(kind, subjects, cut=False):
        if subjects:
            groups[kind] = AlertGroup(kind, subjects, cut)

    if month_alerts_due(programme, today):
        add(
            AlertKind.NO_ANIMATION_THIS_MONTH,
            _nothing_this_month(result, Indicator.ANIMATIONS, result.animations_this_month),
        )
        add(
            AlertKind.NO_SHEET_THIS_MONTH,
            _nothing_this_month(result, Indicator.CODE_SOURCE_SHEETS, result.sheets_this_month),
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
