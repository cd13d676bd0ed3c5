"""Where a day falls in a programme: months and ISO weeks ended, the share elapsed,
what a target expects by then. Months and weeks are Europe/Paris ones."""

import bisect
import datetime
import math
from dataclasses import dataclass
from functools import cached_property

from dateutil.relativedelta import relativedelta

from coaching.enums import Basis
from coaching.models import Programme, Target
from coaching.selectors.hotline import programme_mondays
from core.dates import day_after, paris_midnight

MONTHLY_BASES = {Basis.PER_MONTH, Basis.PER_ERIC_PER_MONTH}
#: Where :meth:`Calendar.at` keeps the calendars it made (left out when pickled).
AT_MEMO = "_at"


@dataclass
class Calendar:
    """Where ``today`` falls in the programme."""

    programme: Programme
    today: datetime.date

    @property
    def first_month(self) -> datetime.date:
        return self.programme.start_date.replace(day=1)

    @cached_property
    def months_begun(self) -> list[datetime.date]:
        return [m for m in self.programme.months() if m <= self.today]

    @cached_property
    def months_elapsed(self) -> int:
        """Programme months ended before ``today``: the months from the programme's first
        to ``today``'s, bounded by the programme's duration (read for every figure and
        every month point: arithmetic, not a walk through the months)."""
        first = self.first_month
        months = (self.today.year - first.year) * 12 + self.today.month - first.month
        return min(max(months, 0), self.programme.duration_months)

    def at(self, day: datetime.date) -> "Calendar":
        """The programme's calendar on ``day``, kept for the next figures that ask (in
        this process only: see :meth:`__getstate__`)."""
        memo = self.__dict__.setdefault(AT_MEMO, {})
        if day not in memo:
            memo[day] = Calendar(self.programme, day)
        return memo[day]

    def __getstate__(self) -> dict:
        """What pickles: not :meth:`at`'s memo. The cached indicators (Redis) hold their
        calendar; with one calendar per month end kept, each with its own list of the
        programme's Mondays, the memo weighed more than the figures themselves."""
        state = dict(self.__dict__)
        state.pop(AT_MEMO, None)
        return state

    @cached_property
    def progress(self) -> float:
        """Share of the programme elapsed, counted in months (0 … 1)."""
        duration = self.programme.duration_months
        elapsed = self.months_elapsed
        if elapsed >= duration:
            return 1.0
        current = self.first_month + relativedelta(months=elapsed)
        if self.today < current:
            return 0.0
        days_in_month = ((current + relativedelta(months=1)) - current).days
        share = (self.today - current).days / days_in_month
        return (elapsed + share) / duration

    @property
    def first_week(self) -> datetime.date:
        """The Monday of the programme's first ISO week."""
        return self._mondays[0]

    @cached_property
    def _weeks_ended(self) -> list[datetime.date]:
        """Mondays of the ISO weeks of the programme that ended before ``today``."""
        return self._mondays_ended_by(self.today)

    @cached_property
    def _mondays(self) -> list[datetime.date]:
        """Mondays of every ISO week the programme touches."""
        return programme_mondays(self.programme)

    def _mondays_ended_by(self, day: datetime.date) -> list[datetime.date]:
        # a week has ended by ``day`` when its Monday is at least seven days earlier
        return self._mondays[: bisect.bisect_right(self._mondays, day - datetime.timedelta(days=7))]

    def weeks_ended_by(self, day: datetime.date) -> int:
        """How many of the programme's ISO weeks ended before ``day``."""
        return len(self._mondays_ended_by(day))

    def weeks_ended(self) -> list[datetime.date]:
        return self._weeks_ended

    def expected(self, target: Target, *, eric_count: int) -> int:
        """What ``target`` expects by ``today`` of ``eric_count`` ERIC (1 for one ERIC's
        share of a per-ERIC target), a whole number: per month, the months ended; per
        week, the ISO weeks ended; otherwise the total × the share of the programme
        elapsed, rounded down (a unit is expected once it is wholly due)."""
        if target.basis == Basis.PER_MONTH:
            return target.value * self.months_elapsed
        if target.basis == Basis.PER_ERIC_PER_MONTH:
            return target.value * self.months_elapsed * eric_count
        if target.basis == Basis.PER_WEEK:
            return target.value * len(self.weeks_ended())
        return math.floor(target.total(eric_count=eric_count) * self.progress + 1e-9)


def month_start(today: datetime.date) -> datetime.datetime:
    return paris_midnight(today.replace(day=1))


def programme_bounds(programme):
    """[first day 00:00, day after the last 00:00) in the current time zone."""
    return paris_midnight(programme.start_date), day_after(programme.end_date)
