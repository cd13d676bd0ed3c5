"""The iCalendar invitation of a training: one event per half-day, Europe/Paris time."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

PARIS = ZoneInfo("Europe/Paris")


def session_uid(session) -> str:
    return "training-session-%d@trajectoires" % session.pk


def training_calendar(training, sessions, *, url: str = "") -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Trajectoires//Formations//FR")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", training.title)
    location = training.place or training.remote_url
    for session in sessions:
        event = Event()
        event.add("uid", session_uid(session))
        event.add("dtstamp", timezone.now())
        event.add("dtstart", session.starts_at.astimezone(PARIS))
        event.add("dtend", session.ends_at.astimezone(PARIS))
        event.add(
            "summary",
            "%(title)s — %(slot)s" % {"title": training.title, "slot": session.get_slot_display()},
        )
        if location:
            event.add("location", location)
        description = "\n\n".join(
            part for part in (session.activity, training.objectives, url) if part
        )
        if description:
            event.add("description", description)
        if url:
            event.add("url", url)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def absolute_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
