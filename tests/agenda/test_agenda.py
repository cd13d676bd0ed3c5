import datetime
import html
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from icalendar import Calendar

from agenda import services
from agenda.enums import EntryKind, Visibility
from agenda.models import AgendaEntry, FeedToken
from agenda.perms import can_view_agenda_entry
from agenda.selectors import local_bounds, occurrences_between
from core.dates import long_date

PARIS = ZoneInfo("Europe/Paris")


def at(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=PARIS)


@pytest.fixture
def hotline(world):
    # 1 September 2026 is a Tuesday; the programme runs to 30 June 2027.
    return services.hotline_slot_schedule(
        by=world.coach_a,
        programme=world.programme,
        first_day=datetime.date(2026, 9, 1),
        start_time=datetime.time(9, 0),
        end_time=datetime.time(12, 30),
        until=datetime.date(2027, 6, 30),
    )


def tuesdays(user, first, last):
    start, end = local_bounds(first, last)
    return [
        item for item in occurrences_between(user, start, end) if item.entry.kind == "hotline_slot"
    ]


class TestHotlineSlot:
    @pytest.mark.parametrize(
        ("first", "last"),
        [
            (datetime.date(2027, 3, 1), datetime.date(2027, 3, 31)),  # DST starts 28 March
            (datetime.date(2026, 10, 1), datetime.date(2026, 10, 31)),  # DST ends 25 October
        ],
    )
    def test_every_tuesday_at_nine_paris_time_across_daylight_saving(
        self, world, hotline, first, last
    ):
        items = tuesdays(world.coach_a, first, last)
        assert [item.local_start.weekday() for item in items] == [1] * len(items)
        assert {item.local_start.time() for item in items} == {datetime.time(9, 0)}
        assert {item.local_end.time() for item in items} == {datetime.time(12, 30)}
        assert len(items) in (4, 5)
        offsets = {item.local_start.utcoffset() for item in items}
        assert len(offsets) == 2  # the same local hour on both sides of the change

    def test_utc_bounds_still_give_paris_hours(self, world, hotline):
        from agenda.selectors import expand

        start = datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC)
        items = expand([hotline], start, start + datetime.timedelta(days=30))
        assert {item.local_start.time() for item in items} == {datetime.time(9, 0)}

    def test_the_entry_page_shows_winter_slots_at_nine(self, world, hotline, login, monkeypatch):
        services.occurrence_cancel(
            by=world.coach_a, entry=hotline, original_start=at(datetime.date(2026, 12, 22), 9)
        )
        monkeypatch.setattr(
            timezone, "now", lambda: datetime.datetime(2026, 12, 1, 8, tzinfo=datetime.UTC)
        )
        page = login(world.team_a).get(reverse("agenda:entry_detail", args=[hotline.pk]))
        text = html.unescape(page.content.decode())
        assert "Mardi 8 décembre 2026, 09:00 – 12:30" in text
        assert "08:00" not in text
        assert text.count("annulé") == 1

    def test_a_cancelled_occurrence_is_shown_cancelled(self, world, hotline):
        services.occurrence_cancel(
            by=world.coach_a, entry=hotline, original_start=at(datetime.date(2026, 12, 22), 9)
        )
        items = tuesdays(world.coach_a, datetime.date(2026, 12, 1), datetime.date(2026, 12, 31))
        cancelled = [item.day for item in items if item.cancelled]
        assert cancelled == [datetime.date(2026, 12, 22)]

    def test_a_moved_occurrence_moves(self, world, hotline):
        services.occurrence_move(
            by=world.coach_a,
            entry=hotline,
            original_start=at(datetime.date(2026, 11, 10), 9),
            start=at(datetime.date(2026, 11, 12), 14),
            end=at(datetime.date(2026, 11, 12), 17, 30),
        )
        items = tuesdays(world.coach_a, datetime.date(2026, 11, 1), datetime.date(2026, 11, 30))
        moved = [item for item in items if item.moved]
        assert [(m.day, m.local_start.time()) for m in moved] == [
            (datetime.date(2026, 11, 12), datetime.time(14, 0))
        ]
        assert datetime.date(2026, 11, 10) not in {item.day for item in items}

    def test_a_recurrence_needs_an_end(self, world):
        from django.core.exceptions import ValidationError

        with pytest.raises(ValidationError) as error:
            services.hotline_slot_schedule(
                by=world.coach_a,
                programme=world.programme,
                first_day=datetime.date(2026, 9, 1),
                start_time=datetime.time(9),
                end_time=datetime.time(12),
            )
        assert "date de fin ou d'un nombre d'occurrences" in str(error.value)
        assert not AgendaEntry.objects.exists()

    def test_only_resource_persons_of_the_programme_schedule_it(self, world):
        for who in ("team_a", "region", "partner", "outsider"):
            with pytest.raises(PermissionDenied):
                services.hotline_slot_schedule(
                    by=getattr(world, who),
                    programme=world.programme,
                    first_day=datetime.date(2026, 9, 1),
                    start_time=datetime.time(9),
                    end_time=datetime.time(12),
                    count=3,
                )


class TestVisibility:
    @pytest.fixture
    def entries(self, world, hotline):
        def entry(eric, visibility, title):
            return services.schedule_entry(
                programme=world.programme,
                eric=eric,
                kind=EntryKind.MEETING,
                title=title,
                start=at(datetime.date(2026, 10, 6), 14),
                end=at(datetime.date(2026, 10, 6), 16),
                visibility=visibility,
            )

        return {
            "public": entry(world.eric_a, Visibility.PUBLIC, "Portes ouvertes A"),
            "team_a": entry(world.eric_a, Visibility.TEAM, "Comité A"),
            "private_a": entry(world.eric_a, Visibility.PRIVATE, "Point confidentiel A"),
            "team_b": entry(world.eric_b, Visibility.TEAM, "Comité B"),
            "hotline": hotline,
        }

    @pytest.mark.parametrize(
        ("who", "expected"),
        [
            ("team_a", {"public", "team_a", "hotline"}),
            ("team_b", {"public", "team_b", "hotline"}),
            ("coach_a", {"public", "team_a", "private_a", "hotline"}),
            ("region", {"public", "team_a", "private_a", "team_b", "hotline"}),
            ("partner", {"public", "hotline"}),
            ("outsider", {"public"}),
        ],
    )
    def test_each_user_sees_what_they_may(self, world, entries, who, expected):
        user = getattr(world, who)
        visible = set(AgendaEntry.objects.visible_to(user))
        assert visible == {entries[key] for key in expected}
        for key, entry in entries.items():
            assert can_view_agenda_entry(user, entry) is (key in expected), key

    def test_detail_of_an_invisible_entry_is_a_404(self, world, entries, login):
        url = reverse("agenda:entry_detail", args=[entries["team_a"].pk])
        assert login(world.team_b).get(url).status_code == 404
        assert login(world.team_a).get(url).status_code == 200

    def test_another_erics_team_cannot_download_its_event(self, world, entries, login):
        url = reverse("agenda:entry_ics", args=[entries["team_a"].uid])
        assert login(world.team_b).get(url).status_code == 404
        response = login(world.team_a).get(url)
        assert response.status_code == 200
        assert b"Comit\xc3\xa9 A" in response.content

    def test_a_team_cannot_move_another_erics_event(self, world, entries, login):
        entry = entries["team_b"]
        with pytest.raises(PermissionDenied):
            services.entry_update(
                by=world.team_a,
                entry=entry,
                start=at(datetime.date(2026, 10, 7), 9),
                end=at(datetime.date(2026, 10, 7), 10),
            )
        response = login(world.team_a).post(reverse("agenda:entry_cancel", args=[entry.pk]))
        assert response.status_code == 404
        entry.refresh_from_db()
        assert not entry.cancelled

    def test_the_month_view_lists_only_visible_entries(self, world, entries, login):
        page = (
            login(world.team_a)
            .get(reverse("agenda:agenda"), {"date": "2026-10-01"})
            .content.decode()
        )
        assert "Comité A" in page and "Portes ouvertes A" in page
        assert "Comité B" not in page and "Point confidentiel A" not in page


class TestViews:
    @pytest.mark.parametrize("rows", [1, 50])
    def test_month_view_query_count_does_not_grow(
        self, world, hotline, login, rows, snapshot_queries
    ):
        for n in range(rows):
            services.schedule_entry(
                programme=world.programme,
                eric=world.eric_a,
                kind=EntryKind.MEETING,
                title="Réunion %d" % n,
                start=at(datetime.date(2026, 10, 1 + n % 28), 10),
                end=at(datetime.date(2026, 10, 1 + n % 28), 11),
                visibility=Visibility.TEAM,
            )
        client = login(world.coach_a)
        url = reverse("agenda:agenda")
        client.get(url, {"date": "2026-10-01"})
        # session, user, memberships, coached accompaniments, the visible entries (their
        # occurrences expanded by the first visit, from the cache), "may schedule"
        # check, ERIC filter list
        with snapshot_queries(name="month") as queries:
            response = client.get(url, {"date": "2026-10-01"})
        assert len(queries) == 7
        assert response.status_code == 200

    def test_hotline_form_refuses_a_repetition_without_end(self, world, login):
        response = login(world.coach_a).post(
            reverse("agenda:hotline_slot_create"),
            {
                "programme": world.programme.pk,
                "first_day": "2026-09-01",
                "start_time": "09:00",
                "end_time": "12:30",
            },
        )
        assert response.status_code == 200
        assert "date de fin ou d'un nombre d'occurrences" in html.unescape(
            response.content.decode()
        )
        assert not AgendaEntry.objects.exists()

    def test_event_ending_before_it_starts_is_refused(self, world, login):
        response = login(world.coach_a).post(
            reverse("agenda:entry_create"),
            {
                "programme": world.programme.pk,
                "eric": world.eric_a.pk,
                "kind": "meeting",
                "title": "Comité",
                "start": "2026-10-06T16:00",
                "end": "2026-10-06T14:00",
                "visibility": "team",
            },
        )
        assert response.status_code == 200
        page = html.unescape(response.content.decode())
        assert "La fin doit venir après le début." in page
        assert 'value="Comité"' in page  # what was typed is kept
        assert not AgendaEntry.objects.exists()

    def test_coach_cancels_one_tuesday_from_the_browser_form(self, world, hotline, login):
        client = login(world.coach_a)
        original = at(datetime.date(2026, 12, 29), 9)
        response = client.post(
            reverse("agenda:occurrence_edit", args=[hotline.pk]),
            {"original_start": original.isoformat(), "action": "cancel"},
        )
        assert response.status_code == 302
        assert hotline.event.occurrence_set.get().cancelled
        client.post(
            reverse("agenda:occurrence_edit", args=[hotline.pk]),
            {"original_start": original.isoformat(), "action": "restore"},
        )
        assert not hotline.event.occurrence_set.get().cancelled

    def test_another_erics_team_cannot_cancel_a_slot(self, world, hotline, login):
        response = login(world.team_b).post(
            reverse("agenda:occurrence_edit", args=[hotline.pk]),
            {"original_start": at(datetime.date(2026, 12, 29), 9).isoformat(), "action": "cancel"},
        )
        assert response.status_code == 403
        assert not hotline.event.occurrence_set.exists()


class TestFeeds:
    def parse(self, response):
        assert response["Content-Type"].startswith("text/calendar")
        return Calendar.from_ical(response.content)

    def test_private_feed_has_rrule_exdate_timezone_and_links(self, world, hotline, client):
        services.occurrence_cancel(
            by=world.coach_a, entry=hotline, original_start=at(datetime.date(2026, 12, 22), 9)
        )
        token = FeedToken.objects.create(user=world.team_a)
        calendar = self.parse(client.get(reverse("agenda:private_feed", args=[token.token])))
        assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
        (event,) = calendar.walk("VEVENT")
        assert event["SUMMARY"] == "Permanence téléphonique des ERIC"
        assert event.decoded("DTSTART") == at(datetime.date(2026, 9, 1), 9)
        assert event["DTSTART"].params["TZID"] == "Europe/Paris"
        assert event["RRULE"]["FREQ"] == ["WEEKLY"]
        assert event["RRULE"]["UNTIL"][0].date() == datetime.date(2027, 6, 30)
        exdates = [d.dt for d in event["EXDATE"].dts]
        assert exdates == [at(datetime.date(2026, 12, 22), 9)]
        assert str(event["UID"]).endswith("@trajectoires")

    def test_moved_occurrence_is_a_recurrence_id(self, world, hotline, client):
        services.occurrence_move(
            by=world.coach_a,
            entry=hotline,
            original_start=at(datetime.date(2026, 11, 10), 9),
            start=at(datetime.date(2026, 11, 12), 14),
            end=at(datetime.date(2026, 11, 12), 17),
        )
        token = FeedToken.objects.create(user=world.coach_a)
        calendar = self.parse(client.get(reverse("agenda:private_feed", args=[token.token])))
        master, moved = calendar.walk("VEVENT")
        assert moved.decoded("RECURRENCE-ID") == at(datetime.date(2026, 11, 10), 9)
        assert moved.decoded("DTSTART") == at(datetime.date(2026, 11, 12), 14)
        assert master["UID"] == moved["UID"]

    def test_private_feed_holds_only_what_its_owner_sees(self, world, hotline, client):
        services.schedule_entry(
            programme=world.programme,
            eric=world.eric_b,
            kind=EntryKind.MEETING,
            title="Comité B",
            start=at(datetime.date(2026, 10, 6), 14),
            end=at(datetime.date(2026, 10, 6), 16),
            visibility=Visibility.TEAM,
            link="/espace/accompagnements/%d/" % world.accompaniment_b.pk,
        )
        token_a = FeedToken.objects.create(user=world.team_a)
        token_b = FeedToken.objects.create(user=world.team_b)
        titles_a = {
            str(e["SUMMARY"])
            for e in self.parse(
                client.get(reverse("agenda:private_feed", args=[token_a.token]))
            ).walk("VEVENT")
        }
        events_b = self.parse(
            client.get(reverse("agenda:private_feed", args=[token_b.token]))
        ).walk("VEVENT")
        assert "Comité B" not in titles_a
        comite = next(e for e in events_b if str(e["SUMMARY"]) == "Comité B")
        assert (
            str(comite["URL"])
            == "http://testserver/espace/accompagnements/%d/" % world.accompaniment_b.pk
        )

    def test_unknown_and_revoked_tokens_are_404(self, world, client, login):
        assert client.get(reverse("agenda:private_feed", args=["nope"])).status_code == 404
        member = login(world.team_a)
        member.post(reverse("agenda:feed_settings"), {"action": "create"})
        token = FeedToken.objects.get(user=world.team_a)
        assert client.get(reverse("agenda:private_feed", args=[token.token])).status_code == 200
        member.post(reverse("agenda:feed_settings"), {"action": "revoke"})
        assert client.get(reverse("agenda:private_feed", args=[token.token])).status_code == 404
        assert not FeedToken.objects.active().filter(user=world.team_a).exists()

    def test_the_private_address_has_a_copy_button_and_a_live_region(self, world, login):
        member = login(world.team_a)
        page = member.post(reverse("agenda:feed_settings"), {"action": "create"}, follow=True)
        text = html.unescape(page.content.decode())
        token = FeedToken.objects.get(user=world.team_a)
        assert (
            'id="feed-url" type="text" readonly value="http://testserver/agenda/flux/%s.ics"'
            % (token.token)
            in text
        )
        assert '<button type="button" class="button button--secondary" data-copy="feed-url"' in text
        assert 'data-copied="Adresse copiée"' in text
        assert (
            '<p class="field__help" id="feed-url-status" role="status" aria-live="polite">' in text
        )
        assert "js/copy.js" in text

    def test_public_feed_and_add_to_calendar_hold_only_public_events(self, world, hotline, client):
        public = services.schedule_entry(
            programme=world.programme,
            eric=world.eric_a,
            kind=EntryKind.FEDERATING_EVENT,
            title="Fête du quartier",
            start=at(datetime.date(2027, 4, 25), 10),
            end=at(datetime.date(2027, 4, 25), 18),
            visibility=Visibility.PUBLIC,
        )
        titles = {
            str(e["SUMMARY"])
            for e in self.parse(client.get(reverse("agenda:public_feed"))).walk("VEVENT")
        }
        assert titles == {"Fête du quartier"}
        single = self.parse(client.get(reverse("agenda:entry_ics", args=[public.uid])))
        assert [str(e["SUMMARY"]) for e in single.walk("VEVENT")] == ["Fête du quartier"]
        assert client.get(reverse("agenda:entry_ics", args=[hotline.uid])).status_code == 404


@pytest.mark.django_db
def test_public_agenda_page_lists_upcoming_public_events(demo, client, monkeypatch):
    from agenda.models import AgendaPage
    from coaching.models import Animation

    fete = Animation.objects.get(title__startswith="Fête du Miel")
    monkeypatch.setattr(timezone, "now", lambda: fete.starts_at - datetime.timedelta(days=60))
    page = AgendaPage.objects.get()
    response = client.get(page.url)
    assert response.status_code == 200
    text = html.unescape(response.content.decode())
    assert "Fête du Miel : tiers-lieu éphémère et open plateau" in text
    assert capfirst(long_date(timezone.localtime(fete.starts_at), "l j F Y")) in text
    assert "Ajouter à mon agenda" in text
    assert "Permanence téléphonique" not in text  # members only
    home = html.unescape(client.get("/").content.decode())
    assert "Prochains rendez-vous ouverts au public" in home
    assert "Fête du Miel : tiers-lieu éphémère et open plateau" in home

    monkeypatch.setattr(timezone, "now", lambda: fete.starts_at + datetime.timedelta(days=7))
    assert "Fête du Miel" not in client.get(page.url).content.decode()


class TestRecordSync:
    def test_a_record_owns_one_event_that_moves_and_cancels_with_it(self, world):
        record = world.accompaniment_a  # any saved model instance stands for a record
        first = services.sync_record_entry(
            record,
            programme=world.programme,
            eric=world.eric_a,
            kind=EntryKind.ANIMATION,
            title="Atelier",
            start=at(datetime.date(2026, 10, 6), 14),
            end=at(datetime.date(2026, 10, 6), 16),
            visibility=Visibility.PUBLIC,
        )
        moved = services.sync_record_entry(
            record,
            programme=world.programme,
            eric=world.eric_a,
            kind=EntryKind.ANIMATION,
            title="Atelier réparation",
            start=at(datetime.date(2026, 10, 8), 14),
            end=at(datetime.date(2026, 10, 8), 17),
            visibility=Visibility.PUBLIC,
            cancelled=True,
        )
        assert moved.pk == first.pk
        assert AgendaEntry.objects.count() == 1
        moved.event.refresh_from_db()
        assert moved.event.title == "Atelier réparation"
        assert timezone.localtime(moved.event.start).date() == datetime.date(2026, 10, 8)
        assert services.entry_for(record).cancelled


@pytest.mark.django_db
def test_training_half_days_are_in_the_agenda_and_follow_the_training(demo, login, client):
    from trainings import services as training_services
    from trainings.models import Training

    training = Training.objects.filter(public_registration=True).first()
    session = training.sessions.order_by("starts_at").first()
    entry = services.entry_for(session)
    assert entry.kind == EntryKind.TRAINING_SESSION
    assert entry.visibility == Visibility.PUBLIC
    assert entry.event.start == session.starts_at
    assert entry.link == reverse("trainings:training_detail", args=[training.pk])

    training_services.training_update(
        by=demo["admin"], training=training, public_registration=False, place="Salle B"
    )
    entry.refresh_from_db()
    assert entry.visibility == Visibility.PROGRAMME and entry.location == "Salle B"
    titles = {
        str(e["SUMMARY"])
        for e in Calendar.from_ical(client.get(reverse("agenda:public_feed")).content).walk(
            "VEVENT"
        )
    }
    assert not any(title.startswith(training.title) for title in titles)


class TestJournalRecordsInTheAgenda:
    def test_an_animation_owns_its_event_public_when_announced_cancelled_with_it(self, world):
        from coaching import services as coaching_services
        from coaching.enums import AnimationStatus

        animation = coaching_services.animation_create(
            by=world.coach_a,
            accompaniment=world.accompaniment_a,
            title="Repair café",
            starts_at=at(datetime.date(2026, 11, 14), 14),
            ends_at=at(datetime.date(2026, 11, 14), 17),
            format="repair_cafe",
            place="ERIC A",
            status=AnimationStatus.PLANNED,
        )
        entry = services.entry_for(animation)
        assert (entry.kind, entry.visibility, entry.eric) == (
            EntryKind.ANIMATION,
            Visibility.TEAM,
            world.eric_a,
        )
        assert entry.link == reverse("coaching:animation_detail", args=[animation.pk])
        assert not AgendaEntry.objects.visible_to(world.team_b).filter(pk=entry.pk).exists()

        coaching_services.animation_update(
            by=world.coach_a, animation=animation, public_announcement=True
        )
        entry.refresh_from_db()
        assert entry.visibility == Visibility.PUBLIC

        coaching_services.animation_update(
            by=world.coach_a,
            animation=animation,
            status=AnimationStatus.CANCELLED,
            cancellation_reason="Salle indisponible",
        )
        entry.refresh_from_db()
        assert entry.cancelled

    def test_a_private_coaching_session_stays_out_of_the_teams_agenda(self, world):
        from coaching import services as coaching_services

        session = coaching_services.coaching_session_create(
            by=world.coach_a,
            accompaniment=world.accompaniment_a,
            started_at=at(datetime.date(2026, 10, 13), 10),
            duration_minutes=90,
            format="on_site",
            visibility="private",
        )
        entry = services.entry_for(session)
        assert entry.event.end - entry.event.start == datetime.timedelta(minutes=90)
        assert entry.visibility == Visibility.PRIVATE
        assert not AgendaEntry.objects.visible_to(world.team_a).filter(pk=entry.pk).exists()
        assert AgendaEntry.objects.visible_to(world.coach_a).filter(pk=entry.pk).exists()


@pytest.mark.django_db
def test_the_demo_agenda_holds_the_programmes_dated_records(demo):
    kinds = set(AgendaEntry.objects.values_list("kind", flat=True))
    assert {
        EntryKind.HOTLINE_SLOT,
        EntryKind.ANIMATION,
        EntryKind.TRAINING_SESSION,
        EntryKind.COACHING_SESSION,
        EntryKind.FEDERATING_EVENT,
    } <= kinds
    public_titles = set(AgendaEntry.objects.public().values_list("event__title", flat=True))
    assert "Fête du Miel : tiers-lieu éphémère et open plateau" in public_titles
