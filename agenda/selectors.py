"""Reads of the agenda: occurrences in a bounded window, in two queries."""

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.db.models import Prefetch, Q
from django.utils import timezone
from schedule.models import Occurrence

from .models.entries import AgendaEntry


@dataclass(frozen=True)
class AgendaItem:
    """One occurrence on screen: the scheduler's occurrence and our entry."""

    entry: AgendaEntry
    start: datetime.datetime
    end: datetime.datetime
    original_start: datetime.datetime
    cancelled: bool
    moved: bool

    @property
    def title(self) -> str:
        return self.entry.event.title

    @property
    def local_start(self) -> datetime.datetime:
        return timezone.localtime(self.start)

    @property
    def local_end(self) -> datetime.datetime:
        return timezone.localtime(self.end)

    @property
    def day(self) -> datetime.date:
        return self.local_start.date()


def local_bounds(first: datetime.date, last: datetime.date):
    """[first 00:00, last+1 00:00) in Europe/Paris: recurrences keep their local hour."""
    start = timezone.make_aware(datetime.datetime.combine(first, datetime.time.min))
    end = timezone.make_aware(
        datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time.min)
    )
    return start, end


def _entries(queryset, start, end):
    return (
        queryset.overlapping(start, end)
        .select_related("event", "event__rule", "eric", "programme")
        .prefetch_related(Prefetch("event__occurrence_set", queryset=Occurrence.objects.all()))
        .order_by("event__start", "pk")
    )


def expand(entries, start, end) -> list[AgendaItem]:
    """Every occurrence of ``entries`` in [start, end), cancelled ones included.

    django-scheduler expands recurrences in the timezone of the bounds: they are
    converted to Europe/Paris so a weekly 9:00 slot stays at 9:00 across DST changes.
    """
    start, end = timezone.localtime(start), timezone.localtime(end)
    items = []
    for entry in entries:
        event = entry.event
        if event.rule_id is None and not event.occurrence_set.all():
            # A one-off event never moved: no need for the scheduler's machinery.
            if event.start < end and event.end > start:
                items.append(
                    AgendaItem(
                        entry=entry,
                        start=event.start,
                        end=event.end,
                        original_start=event.start,
                        cancelled=entry.cancelled,
                        moved=False,
                    )
                )
            continue
        for occurrence in event.get_occurrences(start, end, clear_prefetch=False):
            items.append(
                AgendaItem(
                    entry=entry,
                    start=occurrence.start,
                    end=occurrence.end,
                    original_start=occurrence.original_start,
                    cancelled=occurrence.cancelled or entry.cancelled,
                    moved=occurrence.moved,
                )
            )
    items.sort(key=lambda item: (item.start, item.entry.pk))
    return items


def occurrences_between(
    user, start: datetime.datetime, end: datetime.datetime, *, eric_id=None, kind=None
) -> list[AgendaItem]:
    queryset = AgendaEntry.objects.visible_to(user)
    if eric_id:
        queryset = queryset.filter(eric_id=eric_id)
    if kind:
        queryset = queryset.filter(kind=kind)
    return expand(_entries(queryset, start, end), start, end)


def upcoming_public_occurrences(
    *, start: datetime.datetime, limit: int = 50, eric=None
) -> list[AgendaItem]:
    """Public occurrences of the next six months (of one ERIC if given), not cancelled."""
    end = start + relativedelta(months=6)
    queryset = AgendaEntry.objects.public()
    if eric is not None:
        queryset = queryset.filter(eric=eric)
    items = expand(_entries(queryset, start, end), start, end)
    return [item for item in items if not item.cancelled][:limit]


def month_grid(anchor: datetime.date) -> list[list[datetime.date]]:
    """The weeks (Monday first) that cover ``anchor``'s month."""
    first = anchor.replace(day=1)
    last = first + relativedelta(months=1, days=-1)
    day = first - datetime.timedelta(days=first.weekday())
    weeks = []
    while day <= last:
        weeks.append([day + datetime.timedelta(days=n) for n in range(7)])
        day += datetime.timedelta(days=7)
    return weeks


def feed_entries(queryset, *, now: datetime.datetime):
    """Entries for an iCalendar feed: everything still relevant, bounded in the past."""
    since = now - relativedelta(months=6)
    recent = (
        Q(event__rule__isnull=True, event__end__gte=since)
        | Q(event__rule__isnull=False, event__end_recurring_period__gte=since)
        | Q(event__rule__isnull=False, event__end_recurring_period__isnull=True)
    )
    return (
        queryset.filter(recent)
        .select_related("event", "event__rule")
        .prefetch_related("event__occurrence_set")
        .order_by("event__start", "pk")
    )
