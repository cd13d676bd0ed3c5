"""RFC 5545 calendars: recurring slots as RRULE, cancelled occurrences as EXDATE."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from icalendar import Calendar, Event

from .enums import EntryKind

PRODID = "-//Trajectoires//Agenda du programme//FR"


def _tz():
    return ZoneInfo(settings.TIME_ZONE)


def _local(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(_tz())


def build_calendar(entries, *, name: str, base_url: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = datetime.datetime.now(tz=datetime.UTC)
    for entry in entries:
        for component in _components(entry, base_url=base_url, stamp=stamp):
            calendar.add_component(component)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _base_event(entry, *, base_url, stamp, start, end) -> Event:
    event = Event()
    event.add("uid", "%s@trajectoires" % entry.uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", _local(start))
    event.add("dtend", _local(end))
    event.add("summary", entry.event.title)
    description = entry.event.description
    if description:
        event.add("description", description)
    if entry.location:
        event.add("location", entry.location)
    event.add("categories", [str(EntryKind(entry.kind).label)])
    if entry.link:
        event.add("url", base_url.rstrip("/") + entry.link)
    event.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
    return event


def _components(entry, *, base_url, stamp):
    source = entry.event
    master = _base_event(entry, base_url=base_url, stamp=stamp, start=source.start, end=source.end)
    occurrences = list(source.occurrence_set.all())
    if source.rule_id:
        rrule = {"FREQ": "WEEKLY"}
        if source.end_recurring_period:
            rrule["UNTIL"] = source.end_recurring_period.astimezone(datetime.UTC)
        master.add("rrule", rrule)
        cancelled = [_local(o.original_start) for o in occurrences if o.cancelled]
        if cancelled:
            master.add("exdate", cancelled)
    yield master
    if not source.rule_id:
        return
    for occurrence in occurrences:
        if occurrence.cancelled or not occurrence.moved:
            continue
        moved = _base_event(
            entry, base_url=base_url, stamp=stamp, start=occurrence.start, end=occurrence.end
        )
        moved.add("recurrence-id", _local(occurrence.original_start))
        yield moved
