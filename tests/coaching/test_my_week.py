"""The resource person's week."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from agenda import services as agenda_services
from coaching import services
from coaching.enums import AnimationStatus, Basis, Indicator
from coaching.scope import forget_scope
from tests.coaching.journal_helpers import animation, call, future, partners
from tests.factories import make_accompaniment, make_target

PARIS = ZoneInfo("Europe/Paris")
TODAY = datetime.date(2026, 11, 18)  # a Wednesday
URL = "/espace/ma-semaine/"


@pytest.fixture
def week(world, time_machine_today):
    time_machine_today(TODAY)
    make_target(
        programme=world.programme,
        indicator=Indicator.ANIMATIONS,
        value=1,
        basis=Basis.PER_ERIC_PER_MONTH,
    )
    return world


def test_address():
    assert reverse("progress:my_week") == URL


@pytest.mark.parametrize(
    ("who", "status"), [("coach_a", 200), ("admin", 200), ("team_a", 403), ("region", 403)]
)
def test_who_opens_the_week(week, login, who, status):
    assert login(getattr(week, who)).get(URL).status_code == status


def test_hotline_of_the_week_held_or_not(week, login):
    agenda_services.hotline_slot_schedule(
        by=week.coach_a,
        programme=week.programme,
        first_day=datetime.date(2026, 9, 1),
        start_time=datetime.time(9),
        end_time=datetime.time(12, 30),
        count=40,
    )
    html = login(week.coach_a).get(URL).content.decode()
    assert "Mardi 17 novembre, 09h00" in html
    assert "non marquée comme tenue" in html
    assert "pas encore tenue cette semaine" in html
    services.hotline_slot_hold(
        by=week.coach_a, programme=week.programme, held_on=datetime.date(2026, 11, 17)
    )
    html = login(week.coach_a).get(URL).content.decode()
    assert "non marquée comme tenue" not in html
    assert "tenue cette semaine" in html


def test_follow_ups_and_animations_of_my_eric_only(week, login):
    mine = call(week, summary="Appel A")
    services.hotline_follow_up_add(
        by=week.coach_a,
        call=mine,
        action="Envoyer le modèle de convention",
        due_date=datetime.date(2026, 11, 16),
    )
    services.hotline_follow_up_add(
        by=week.coach_a,
        call=mine,
        action="Relancer en décembre",
        due_date=datetime.date(2026, 12, 15),
    )
    theirs = call(week, eric="b", summary="Appel B")
    services.hotline_follow_up_add(by=week.coach_b, call=theirs, action="Suite de B")
    animation(week, title="Atelier à documenter", co_organisers=partners(1))
    animation(week, eric="b", title="Atelier de B")
    html = login(week.coach_a).get(URL).content.decode()
    assert "Envoyer le modèle de convention" in html
    assert "en retard" in html
    assert "Relancer en décembre" not in html  # due after this week
    assert "Suite de B" not in html
    assert "Atelier à documenter" in html
    assert "un partenaire, le compte rendu, la fréquentation" in html
    assert "Atelier de B" not in html


def test_upcoming_events_and_eric_falling_behind(week, login):
    animation(
        week, title="Repair café à venir", status=AnimationStatus.PLANNED, starts_at=future(3)
    )
    html = login(week.coach_a).get(URL).content.decode()
    assert "Repair café à venir" in html
    assert "ERIC en retard sur leurs objectifs" in html
    # ERIC A has no counted animation by mid-November: behind its share of 20
    section = html.split("ERIC en retard sur leurs objectifs")[1]
    assert "ERIC A" in section
    assert "ERIC B" not in section  # coached by someone else
    # the dashboard's words, a whole expected value (not « 0 / 2,3 attendu »)
    figures = re.search(r"ERIC A</a> :\s*(.*?) <span", section, re.S).group(1)
    assert re.fullmatch(r".+ : réalisé 0, attendu à ce jour \d+", figures), figures


def test_same_queries_with_1_and_50_eric(week, login, snapshot_queries):
    client = login(week.coach_a)
    animation(week, title="À documenter 0")
    with snapshot_queries(name="page"):
        client.get(URL)
    for n in range(49):
        accompaniment = make_accompaniment(
            programme=week.programme, resource_persons=[week.coach_a]
        )
        forget_scope(week.coach_a)
        services.animation_create(
            by=week.coach_a,
            accompaniment=accompaniment,
            title="À documenter %d" % (n + 1),
            starts_at=datetime.datetime(2026, 11, 2, 14, tzinfo=PARIS),
            status=AnimationStatus.HELD,
        )
    with snapshot_queries(name="page"):
        response = client.get(URL)
    assert response.content.decode().count("À documenter") == 50
