"""Where a day falls in a programme: months and ISO weeks ended, the share elapsed,
what a target expects by then. Months and weeks are Europe/Paris ones."""

import bisect
import datetime
import math
from dataclasses import dataclass
from functools import cached_property

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from coaching.enums import Basis
from coaching.models import Programme, Target

MONTHLY_BASES = {Basis.PER_MONTH, Basis.PER_ERIC_PER_MONTH}


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
        """Programme months ended before ``today``."""
        return sum(1 for m in self.programme.months() if m + relativedelta(months=1) <= self.today)

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
        start = self.programme.start_date
        return start - datetime.timedelta(days=start.weekday())

    @cached_property
    def _weeks_ended(self) -> list[datetime.date]:
        """Mondays of the ISO weeks of the programme that ended before ``today``."""
        return self._mondays_ended_by(self.today)

    @cached_property
    def _mondays(self) -> list[datetime.date]:
        """Mondays of every ISO week the programme touches."""
        mondays, monday, end = [], self.first_week, self.programme.end_date
        while monday <= end:
            mondays.append(monday)
            monday += datetime.timedelta(days=7)
        return mondays

    def _mondays_ended_by(self, day: datetime.date) -> list[datetime.date]:
        # a week has ended by ``day`` when its Monday is at least seven days earlier
        return self._mondays[: bisect.bisect_right(self._mondays, day - datetime.timedelta(days=7))]

    def weeks_ended_by(self, day: datetime.date) -> int:
        """How many of the programme's ISO weeks ended before ``day``."""
        return len(self._mondays_ended_by(day))

    def weeks_ended(self) -> list[datetime.date]:
        return self._weeks_ended

    def expected(self, target: Target, total: float, *, per_eric_value=None) -> float:
        value = per_eric_value if per_eric_value is not None else target.value
        if target.basis in MONTHLY_BASES:
            factor = self.months_elapsed
            if target.basis == Basis.PER_ERIC_PER_MONTH and per_eric_value is None:
                factor *= self.eric_count
            return value * factor
        if target.basis == Basis.PER_WEEK:
            return value * len(self.weeks_ended())
        return math.floor(total * self.progress + 1e-9)

    #: How many ERIC the programme accompanies (set once they are read).
    eric_count: int = 0


def local_month(moment) -> datetime.date:
    """The first day of the month of an aware datetime or a date, in Europe/Paris."""
    if isinstance(moment, datetime.datetime):
        moment = timezone.localtime(moment).date()
    return moment.replace(day=1)


def paris_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def month_start(today: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(today.replace(day=1), datetime.time.min))


def programme_bounds(programme):
    """[first day 00:00, day after the last 00:00) in the current time zone."""
    start = timezone.make_aware(datetime.datetime.combine(programme.start_date, datetime.time.min))
    end = timezone.make_aware(
        datetime.datetime.combine(
            programme.end_date + datetime.timedelta(days=1), datetime.time.min
        )
    )
    return start, end
