"""The hotline's weeks: which of the programme's ISO weeks it was held, and how.

A week counts once the hotline was held in it: a half-day marked held (« permanence
tenue », with or without calls) or a call logged. Its Monday names it; it belongs to
the month of its first day within the programme (the programme's first week, begun
before the programme, belongs to the programme's first month).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.db.models.functions import TruncWeek
from django.utils import timezone

from core.dates import day_after, paris_midnight

from ..models import HotlineCall, HotlineSlot, Programme

WEEK = datetime.timedelta(days=7)


def programme_mondays(programme: Programme) -> list[datetime.date]:
    """The Mondays of every ISO week the programme touches."""
    monday = programme.start_date - datetime.timedelta(days=programme.start_date.weekday())
    mondays = []
    while monday <= programme.end_date:
        mondays.append(monday)
        monday += WEEK
    return mondays


def week_month(monday: datetime.date, programme: Programme) -> datetime.date:
    """The programme month a week belongs to: that of its first day in the programme."""
    return max(monday, programme.start_date).replace(day=1)


def _as_monday(week) -> datetime.date:
    if isinstance(week, datetime.datetime):
        return timezone.localtime(week).date() if timezone.is_aware(week) else week.date()
    return week


def _slots(programme, today):
    return HotlineSlot.objects.filter(
        programme=programme,
        held_on__gte=programme.start_date,
        held_on__lte=min(today, programme.end_date),
    )


def _calls(programme, start, until):
    return HotlineCall.objects.filter(
        accompaniment__programme=programme, started_at__gte=start, started_at__lt=until
    )


def hotline_weeks_held(programme: Programme, *, today: datetime.date) -> set[datetime.date]:
    """Mondays of the weeks, begun by ``today``, in which the hotline was held.

    Two queries. Calls are looked for only in the weeks no slot covers, so that years of
    weekly calls of thousands of ERIC are not scanned when the slots say it all.
    """
    held = {
        _as_monday(week)
        for week in _slots(programme, today)
        .annotate(week=TruncWeek("held_on"))
        .values_list("week", flat=True)
        .distinct()
        .order_by()
    }
    start = paris_midnight(programme.start_date)
    until = day_after(min(today, programme.end_date))
    # the weeks begun that no held slot covers, as merged ranges
    ranges = []
    for monday in programme_mondays(programme):
        if monday > today:
            break
        if monday in held:
            continue
        week_start = max(start, paris_midnight(monday))
        week_end = min(until, paris_midnight(monday + WEEK))
        if week_start < week_end:
            if ranges and ranges[-1][1] == week_start:
                ranges[-1] = (ranges[-1][0], week_end)
            else:
                ranges.append((week_start, week_end))
    # with every week covered, an empty range keeps the query count fixed
    window = Q(started_at__gte=until, started_at__lt=until)
    for low, high in ranges:
        window |= Q(started_at__gte=low, started_at__lt=high)
    call_weeks = (
        HotlineCall.objects.filter(window, accompaniment__programme=programme)
        .annotate(week=TruncWeek("started_at", tzinfo=timezone.get_current_timezone()))
        .values_list("week", flat=True)
        .distinct()
        .order_by()
    )
    held.update(_as_monday(week) for week in call_weeks)
    return held


@dataclass(frozen=True)
class HotlineWeek:
    """One ISO week of the programme, as the hotline's list shows it."""

    monday: datetime.date
    month: datetime.date
    slots: int  # half-days marked held
    calls: int  # calls logged (of every ERIC: the list shows no call's content)
    ended: bool

    @property
    def sunday(self) -> datetime.date:
        return self.monday + datetime.timedelta(days=6)

    @property
    def held(self) -> bool:
        return bool(self.slots or self.calls)


def hotline_weeks(programme: Programme, *, today: datetime.date) -> list[HotlineWeek]:
    """Every week of the programme begun by ``today``, latest first (two queries).

    The held ones are exactly :func:`hotline_weeks_held`'s."""
    slots = {
        _as_monday(row["week"]): row["n"]
        for row in _slots(programme, today)
        .annotate(week=TruncWeek("held_on"))
        .values("week")
        .annotate(n=Count("pk"))
        .order_by()
    }
    calls = {
        _as_monday(row["week"]): row["n"]
        for row in _calls(
            programme,
            paris_midnight(programme.start_date),
            day_after(min(today, programme.end_date)),
        )
        .annotate(week=TruncWeek("started_at", tzinfo=timezone.get_current_timezone()))
        .values("week")
        .annotate(n=Count("pk"))
        .order_by()
    }
    weeks = [
        HotlineWeek(
            monday=monday,
            month=week_month(monday, programme),
            slots=slots.get(monday, 0),
            calls=calls.get(monday, 0),
            ended=monday + WEEK <= today,
        )
        for monday in programme_mondays(programme)
        if monday <= today
    ]
    return list(reversed(weeks))
