"""The periods a report covers: a month, a quarter, the programme up to a day; and the
period before, for the comparison column."""

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from .models import ReportKind


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date  # the day the figures are stopped at

    @property
    def previous_end(self) -> datetime.date:
        """The last day of the previous period: the figures « then »."""
        return self.start - datetime.timedelta(days=1)


def month_period(day: datetime.date) -> Period:
    start = day.replace(day=1)
    return Period(start, start + relativedelta(months=1, days=-1))


def quarter_period(day: datetime.date) -> Period:
    start = datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return Period(start, start + relativedelta(months=3, days=-1))


def report_period(kind: str, programme, day: datetime.date, *, today: datetime.date) -> Period:
    """The period of a report of ``kind`` that holds ``day``, inside the programme; its
    end is never after ``today`` (a month under way is stopped at today)."""
    if kind == ReportKind.MONTH:
        period = month_period(day)
    elif kind == ReportKind.QUARTER:
        period = quarter_period(day)
    elif kind == ReportKind.PROGRAMME_END:
        period = Period(programme.start_date, programme.end_date)
    else:
        period = Period(programme.start_date, day)
    return Period(
        max(period.start, programme.start_date), min(period.end, today, programme.end_date)
    )


def compares(kind: str) -> bool:
    """A month's and a quarter's report show the previous period beside."""
    return kind in (ReportKind.MONTH, ReportKind.QUARTER)
