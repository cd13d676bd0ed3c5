"""The demo's calendar: the programme is dated from the day the demo is first loaded.

That day falls in the programme's fifth month (:data:`CURRENT_MONTH`), whatever the
date: the first four months are behind and documented, this month's animations are
due, the « mi-parcours » maturity grid is open, a quarterly training is coming. A
newcomer never finds a programme that has ended or not begun.

The demo's records are written in programme months and weekdays (« the third
Thursday of month 2 ») so that an animation stays on a Thursday whatever the start.
A programme already loaded keeps its dates: the calendar reads its start, so loading
again changes nothing.
"""

import calendar
import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

PARIS = ZoneInfo("Europe/Paris")

#: The programme month the load day falls in.
CURRENT_MONTH = 5

MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY = range(7)
#: ``nth`` for the last such weekday of a month.
LAST = -1


def programme_start(today: datetime.date) -> datetime.date:
    """The first day of the month that makes ``today`` fall in month :data:`CURRENT_MONTH`."""
    return today.replace(day=1) - relativedelta(months=CURRENT_MONTH - 1)


def in_christmas_break(day: datetime.date) -> bool:
    """The hotline closes from 20 December to 3 January."""
    return (day.month == 12 and day.day >= 20) or (day.month == 1 and day.day <= 3)


def outside_christmas(day: datetime.date) -> datetime.date:
    """``day``, or the same weekday a week (or two) earlier when it falls in the break."""
    while in_christmas_break(day):
        day -= datetime.timedelta(days=7)
    return day


@dataclass(frozen=True)
class DemoCalendar:
    """Dates of the demo, in months of the programme starting on ``start`` (a 1st)."""

    start: datetime.date

    def month(self, number: int) -> datetime.date:
        """The first day of month ``number`` (1 = the programme's first month)."""
        return self.start.replace(day=1) + relativedelta(months=number - 1)

    def day(self, number: int, day: int) -> datetime.date:
        """Day ``day`` of month ``number``; ``LAST`` (or a day past its end) is its last."""
        first = self.month(number)
        length = calendar.monthrange(first.year, first.month)[1]
        return first.replace(day=length if day == LAST else min(day, length))

    def weekday(self, number: int, weekday: int, nth: int) -> datetime.date:
        """The ``nth`` ``weekday`` (0 = Monday) of month ``number``; ``LAST`` for the last."""
        first = self.month(number)
        if nth == LAST:
            last = self.day(number, LAST)
            return last - datetime.timedelta(days=(last.weekday() - weekday) % 7)
        offset = (weekday - first.weekday()) % 7
        return first + datetime.timedelta(days=offset + 7 * (nth - 1))

    def tuesdays(self, until: datetime.date) -> list[datetime.date]:
        """Every Tuesday from the programme's start to ``until``."""
        day = self.weekday(1, TUESDAY, 1)
        days = []
        while day <= until:
            days.append(day)
            day += datetime.timedelta(days=7)
        return days


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    """``day`` at ``hour:minute``, Paris time."""
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=PARIS)


@dataclass(frozen=True)
class Nth:
    """« The ``nth`` ``weekday`` of month ``month`` » of the programme."""

    month: int
    weekday: int
    nth: int

    def on(self, cal: DemoCalendar) -> datetime.date:
        return cal.weekday(self.month, self.weekday, self.nth)


@dataclass(frozen=True)
class Day:
    """« Day ``day`` of month ``month`` » of the programme (``LAST``: its last day)."""

    month: int
    day: int

    def on(self, cal: DemoCalendar) -> datetime.date:
        return cal.day(self.month, self.day)
