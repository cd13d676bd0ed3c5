"""The demo agenda: the weekly hotline and its Christmas break, the public agenda page.

Animations, trainings, coaching sessions and federating events bring their own events.
"""

import datetime

from django.utils import timezone
from wagtail.models import Site

from agenda import services
from agenda.enums import EntryKind
from agenda.models import AgendaEntry, AgendaPage

from .dates import TUESDAY, DemoCalendar, in_christmas_break


def _aware(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def load_demo_agenda(programme, users) -> None:
    coach = users["coach"]
    if not AgendaEntry.objects.filter(programme=programme, kind=EntryKind.HOTLINE_SLOT).exists():
        cal = DemoCalendar(programme.start_date)
        slot = services.hotline_slot_schedule(
            by=coach,
            programme=programme,
            first_day=cal.weekday(1, TUESDAY, 1),
            start_time=datetime.time(9, 0),
            end_time=datetime.time(12, 30),
            until=programme.end_date,
        )
        for day in filter(in_christmas_break, cal.tuesdays(programme.end_date)):
            services.occurrence_cancel(by=coach, entry=slot, original_start=_aware(day, 9))

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site and not AgendaPage.objects.exists():
        site.root_page.add_child(
            instance=AgendaPage(
                title="Agenda",
                slug="evenements",
                intro="<p>Les rendez-vous ouverts au public : animations, formations, événements.</p>",
            )
        )
