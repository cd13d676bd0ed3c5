"""The month view at scale: a day shows its first occurrences and « + n autres » (the day
view shows them all), recurrences are expanded once per window and data version, and
what a page shows stays scoped to what its user may see."""

import datetime
import html
import re
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agenda import services
from agenda.enums import MONTH_DAY_LIMIT, EntryKind, Visibility
from core.versions import bump_agenda_version, bump_programme_version

PARIS = ZoneInfo("Europe/Paris")
# 6 October 2026 is a Tuesday, in the test programme (September 2026 – June 2027).
BUSY_DAY = datetime.date(2026, 10, 6)


def at(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=PARIS)


def meeting(world, eric, title, day=BUSY_DAY, hour=10, visibility=Visibility.TEAM, **kwargs):
    return services.schedule_entry(
        programme=world.programme,
        eric=eric,
        kind=EntryKind.MEETING,
        title=title,
        start=at(day, hour),
        end=at(day, hour + 1),
        visibility=visibility,
        **kwargs,
    )


def month(client, day="2026-10-01", **params):
    response = client.get(reverse("agenda:agenda"), {"date": day, **params})
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def more_link(page):
    """The « + n autres » link of the page: (its address, its accessible name)."""
    found = re.search(r'<a class="agenda-more" href="([^"]+)">(.*?)</a>', page, re.S)
    if found is None:
        return None
    return found.group(1), re.sub(r"<[^>]+>", "", found.group(2))


class TestBusyDay:
    def test_a_day_shows_its_first_entries_then_opens_the_day(self, world, login):
        for n in range(MONTH_DAY_LIMIT + 2):
            meeting(world, world.eric_a, "Réunion %d" % n, hour=8 + n)
        client = login(world.coach_a)
        page = month(client)
        shown = [n for n in range(MONTH_DAY_LIMIT + 2) if "Réunion %d" % n in page]
        assert shown == list(range(MONTH_DAY_LIMIT))  # the first ones, by time
        href, name = more_link(page)
        assert name == "+ 2 autres événements le mardi 6 octobre"
        assert href == "?vue=jour&date=2026-10-06"
        day = html.unescape(
            client.get(
                reverse("agenda:agenda"), {"vue": "jour", "date": "2026-10-06"}
            ).content.decode()
        )
        assert all("Réunion %d" % n in day for n in range(MONTH_DAY_LIMIT + 2))
        assert "Mardi 6 octobre 2026" in day
        assert "?vue=jour&amp;date=2026-10-05" in html.escape(day, quote=False)

    def test_the_link_keeps_the_filters(self, world, login):
        for n in range(MONTH_DAY_LIMIT + 1):
            meeting(world, world.eric_a, "Réunion %d" % n, hour=8 + n)
        page = month(login(world.coach_a), eric=world.eric_a.pk, type="meeting")
        href, name = more_link(page)
        assert href == "?vue=jour&date=2026-10-06&eric=%d&type=meeting" % world.eric_a.pk
        assert name.startswith("+ 1 autre événement le")

    def test_a_full_day_has_no_link(self, world, login):
        for n in range(MONTH_DAY_LIMIT):
            meeting(world, world.eric_a, "Réunion %d" % n, hour=8 + n)
        page = month(login(world.coach_a))
        assert all("Réunion %d" % n in page for n in range(MONTH_DAY_LIMIT))
        assert more_link(page) is None

    def test_the_week_view_shows_every_entry(self, world, login):
        for n in range(MONTH_DAY_LIMIT + 2):
            meeting(world, world.eric_a, "Réunion %d" % n, hour=8 + n)
        page = month(login(world.coach_a), day="2026-10-06", vue="semaine")
        assert all("Réunion %d" % n in page for n in range(MONTH_DAY_LIMIT + 2))
        assert more_link(page) is None


class TestScope:
    """The expansion is shared between users; what each page shows is not."""

    @pytest.fixture
    def entries(self, world):
        meeting(world, world.eric_a, "Comité A", hour=9)
        meeting(world, world.eric_a, "Point confidentiel A", hour=10, visibility=Visibility.PRIVATE)
        for n in range(MONTH_DAY_LIMIT + 1):
            meeting(world, world.eric_b, "Comité B%d" % n, hour=11 + n)

    def test_another_erics_team_sees_nothing_of_a_cached_month(self, world, entries, login):
        region_page = month(login(world.region))  # expands and caches the window
        assert "Comité A" in region_page and "Point confidentiel A" in region_page
        assert more_link(region_page)[1].startswith("+ 3 autres événements")
        page = month(login(world.team_a))
        assert "Comité A" in page
        assert "Comité B" not in page and "Point confidentiel A" not in page
        assert more_link(page) is None  # the other ERIC's entries are not even counted
        assert "1 événement affiché." in page
        day = month(login(world.team_a), day="2026-10-06", vue="jour")
        assert "Comité A" in day and "Comité B" not in day

    def test_filtering_on_another_eric_shows_nothing(self, world, entries, login):
        month(login(world.region))
        page = month(login(world.team_a), eric=world.eric_b.pk)
        assert "Comité B" not in page and "0 événement affiché." in page

    def test_the_other_team_sees_its_own(self, world, entries, login):
        month(login(world.region))
        page = month(login(world.team_b))
        assert "Comité A" not in page
        assert "Comité B0" in page
        assert more_link(page)[1] == "+ 1 autre événement le mardi 6 octobre"


class TestDataVersion:
    def test_a_change_shows_at_once(self, world, login):
        entry = meeting(world, world.eric_a, "Comité A")
        client = login(world.coach_a)
        assert "Comité A" in month(client)
        meeting(world, world.eric_a, "Comité ajouté", day=datetime.date(2026, 10, 20))
        services.entry_update(
            by=world.coach_a,
            entry=entry,
            start=at(datetime.date(2026, 10, 8), 9),
            end=at(datetime.date(2026, 10, 8), 10),
        )
        page = month(client)
        assert "Comité ajouté" in page
        assert re.search(r'datetime="2026-10-08".*?Comité A', page, re.S)

    def test_an_entry_written_without_the_services_shows_at_once(self, world, login):
        from schedule.models import Event

        from agenda.models import AgendaEntry
        from agenda.services import calendar_for

        meeting(world, world.eric_a, "Comité A")
        client = login(world.coach_a)
        assert "Comité A" in month(client)  # the window is cached
        event = Event.objects.create(  # a bulk import, a data migration: no version bumped
            calendar=calendar_for(world.programme, world.eric_a),
            title="Importé",
            start=at(datetime.date(2026, 10, 15), 9),
            end=at(datetime.date(2026, 10, 15), 10),
        )
        AgendaEntry.objects.create(
            event=event,
            programme=world.programme,
            eric=world.eric_a,
            kind=EntryKind.MEETING,
            visibility=Visibility.TEAM,
        )
        page = month(client)
        assert "Importé" in page and "Comité A" in page

    def test_a_cancelled_occurrence_shows_at_once(self, world, login):
        slot = services.hotline_slot_schedule(
            by=world.coach_a,
            programme=world.programme,
            first_day=datetime.date(2026, 9, 1),
            start_time=datetime.time(9),
            end_time=datetime.time(12),
            until=datetime.date(2027, 6, 30),
        )
        client = login(world.team_a)
        assert month(client).count("annulée") == 0
        services.occurrence_cancel(
            by=world.coach_a, entry=slot, original_start=at(datetime.date(2026, 10, 13), 9)
        )
        assert month(client).count("annulée") == 1

    @pytest.mark.parametrize("rows", [5, 500])
    def test_queries_do_not_grow_with_the_events(self, world, login, rows, snapshot_queries):
        services.hotline_slot_schedule(
            by=world.coach_a,
            programme=world.programme,
            first_day=datetime.date(2026, 9, 1),
            start_time=datetime.time(9),
            end_time=datetime.time(12),
            until=datetime.date(2027, 6, 30),
        )
        for n in range(rows):
            meeting(
                world,
                world.eric_a if n % 2 else world.eric_b,
                "Réunion %d" % n,
                day=datetime.date(2026, 10, 1 + n % 28),
                hour=8 + n % 10,
                announce=False,
            )
        client = login(world.region)
        url = reverse("agenda:agenda")
        client.get(url, {"date": "2026-10-01"})
        # session, user, memberships, the Region's programmes, the visible entries of
        # the month (their occurrences from the cache), ERIC filter list
        with snapshot_queries(name="month-cached"):
            response = client.get(url, {"date": "2026-10-01"})
        assert response.status_code == 200
        # a day of the same month reads the same expansion
        with snapshot_queries(name="day-cached"):
            client.get(url, {"date": "2026-10-06", "vue": "jour"})
        # a journal save bumps the programme's data version: the agenda stays expanded
        bump_programme_version(world.programme.pk)
        with CaptureQueriesContext(connection) as journal_change:
            client.get(url, {"date": "2026-10-01"})
        assert len(journal_change) == 6
        bump_agenda_version(world.programme.pk)
        # after an agenda change: the programme's entries and persisted occurrences
        with snapshot_queries(name="month-after-change"):
            response = client.get(url, {"date": "2026-10-01"})
        assert response.status_code == 200
        page = html.unescape(response.content.decode())
        # every meeting, and the hotline's five Tuesdays from 29 September to 27 October
        assert "%d événements affichés." % (rows + 5) in page
