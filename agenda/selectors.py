"""Reads of the agenda: occurrences in a bounded window, in two queries.

The agenda's pages read their occurrences through :func:`agenda_occurrences`: the
recurrences of a programme's entries are expanded once per month window and kept in the
cache under the programme's agenda version (``core.versions``), which every write of
the agenda's services bumps; each page then reads only which entries its user may see
(one query).
"""

import datetime
import logging
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.core.cache import cache
from django.db.models import Prefetch, Q
from django.utils import timezone
from schedule.models import Occurrence

from core.versions import agenda_versions

from .models.entries import AgendaEntry

logger = logging.getLogger(__name__)

#: An expanded window lives this long at most: every change the services announce bumps
#: the programme's version at once; this bounds the staleness of a write that does not.
WINDOW_CACHE_SECONDS = 300
#: Bumped when the cached structure changes, so that no worker reads an older layout.
WINDOW_LAYOUT = 2


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


# An occurrence as the cache keeps it: start, end, original start, cancelled, moved.
Timing = tuple[datetime.datetime, datetime.datetime, datetime.datetime, bool, bool]


def _window_key(programme_id: int, start, end, version: int) -> str:
    return "agenda:window:%d:%d:%s:%s:%d" % (
        WINDOW_LAYOUT,
        programme_id,
        start.isoformat(),
        end.isoformat(),
        version,
    )


def _expand_programmes(programme_ids, start, end) -> dict[int, tuple[frozenset, dict]]:
    """Every occurrence in [start, end) of the programmes' entries, whoever sees them:
    {programme_id: (the entries read, {entry_id: [Timing]})} (two queries, whatever the
    number of programmes and entries)."""
    queryset = AgendaEntry.objects.filter(programme_id__in=programme_ids)
    entries = list(_entries(queryset, start, end))
    timings = {programme_id: {} for programme_id in programme_ids}
    for item in expand(entries, start, end):
        entry = item.entry
        timings[entry.programme_id].setdefault(entry.pk, []).append(
            (item.start, item.end, item.original_start, item.cancelled, item.moved)
        )
    return {
        programme_id: (
            frozenset(entry.pk for entry in entries if entry.programme_id == programme_id),
            timings[programme_id],
        )
        for programme_id in programme_ids
    }


def window_timings(entry_ids: dict[int, set], start, end) -> dict[int, list[Timing]]:
    """The occurrences in [start, end) of ``entry_ids`` ({programme_id: entry ids}).

    Expanded once per programme, window and agenda version (``core.versions``: bumped
    by every write of the agenda's services, not by the journal's other records) and
    kept in the cache (Redis between workers); a change in one programme leaves the
    others' windows cached. A window that does not know one of the entries asked for
    (created by a write that bumped no version) is expanded again. With the cache
    down, expanded afresh.
    """
    programme_ids = sorted(entry_ids)
    if not programme_ids:
        return {}
    versions = agenda_versions(programme_ids)
    keys = {
        pk: _window_key(pk, start, end, version)
        for pk, version in versions.items()
        if version is not None
    }
    try:
        found = cache.get_many(keys.values()) if keys else {}
    except Exception:
        logger.warning("Cache unreachable: agenda expanded afresh", exc_info=True)
        found = {}
    timings = {}
    missing = []
    for pk in programme_ids:
        cached = found.get(keys[pk]) if pk in keys else None
        if cached is None or not entry_ids[pk] <= cached[0]:
            missing.append(pk)
        else:
            timings.update(cached[1])
    if missing:
        expanded = _expand_programmes(missing, start, end)
        try:
            cache.set_many(
                {keys[pk]: expanded[pk] for pk in missing if pk in keys}, WINDOW_CACHE_SECONDS
            )
        except Exception:
            logger.warning("Cache unreachable: agenda window not kept", exc_info=True)
        for pk in missing:
            timings.update(expanded[pk][1])
    return timings


def agenda_occurrences(
    user,
    first: datetime.date,
    last: datetime.date,
    *,
    anchor: datetime.date | None = None,
    eric_id=None,
    kind=None,
) -> list[AgendaItem]:
    """What ``user`` may see from ``first`` to ``last`` (Paris days), cancelled included.

    Recurrences are expanded over the month grid of ``anchor`` (the month, week or day
    shown lies in it), cached per programme and data version: the month, its weeks and
    its days share one expansion, and a page reads the entries its user may see in one
    query and their occurrences from the cache.
    """
    grid = month_grid(anchor or first)
    window_first, window_last = grid[0][0], grid[-1][-1]
    if first < window_first or last > window_last:  # another period: its own window
        window_first, window_last = first, last
    window_start, window_end = local_bounds(window_first, window_last)
    start, end = local_bounds(first, last)
    queryset = AgendaEntry.objects.visible_to(user)
    if eric_id:
        queryset = queryset.filter(eric_id=eric_id)
    if kind:
        queryset = queryset.filter(kind=kind)
    entries = list(
        queryset.overlapping(start, end)
        .select_related("event", "eric")
        # what a page shows of an entry (DISTINCT compares fewer columns)
        .only("programme_id", "kind", "cancelled", "event__title", "event__rule_id", "eric__name")
        .order_by()
    )
    entry_ids = {}
    for entry in entries:
        entry_ids.setdefault(entry.programme_id, set()).add(entry.pk)
    timings = window_timings(entry_ids, window_start, window_end)
    items = [
        AgendaItem(
            entry=entry,
            start=item_start,
            end=item_end,
            original_start=original_start,
            cancelled=cancelled or entry.cancelled,
            moved=moved,
        )
        for entry in entries
        for item_start, item_end, original_start, cancelled, moved in timings.get(entry.pk, ())
        if item_start < end and item_end > start
    ]
    items.sort(key=lambda item: (item.start, item.entry.pk))
    return items


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
