"""« Semaines de permanence »: the hotline's weeks, held or not, as many held rows as the
dashboard's figure (issue #12)."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from coaching import services
from coaching.selectors.hotline import hotline_weeks_held
from tests.coaching.journal_helpers import call
from tests.factories import make_programme

PARIS = ZoneInfo("Europe/Paris")
TODAY = datetime.date(2026, 12, 1)
URL = reverse("coaching:hotline_week_list")
#: The day before the programme (a Monday: its first week has begun), its first day, a
#: first of month, a Monday, its last day.
UNTILS = [
    datetime.date(2026, 8, 31),
    datetime.date(2026, 9, 1),
    datetime.date(2026, 10, 1),
    datetime.date(2026, 11, 30),
    datetime.date(2027, 6, 30),
]


def paris(*args):
    return datetime.datetime(*args, tzinfo=PARIS)


def mondays(response):
    assert response.status_code == 200
    return [row.week.monday for row in response.context["rows"]]


def hold(world, *days):
    for day in days:
        services.hotline_slot_hold(by=world.coach_a, programme=world.programme, held_on=day)


@pytest.fixture
def weeks(world, time_machine_today):
    """Held: 31/08 (a half-day), 14/09 (a call late on Sunday), 28/09 (a half-day on
    Thursday 1 October: the week is September's), 05/10 (a call at 00:30 on Monday),
    12/10 (a half-day and two calls), 16/11 (ERIC B's private call)."""
    time_machine_today(TODAY)
    hold(world, datetime.date(2026, 9, 3), datetime.date(2026, 10, 1), datetime.date(2026, 10, 13))
    call(world, started_at=paris(2026, 9, 20, 23, 30))
    call(world, eric="b", started_at=paris(2026, 10, 5, 0, 30))
    call(world, started_at=paris(2026, 10, 14, 9), summary="Secret de la semaine")
    call(world, eric="b", started_at=paris(2026, 10, 14, 11))
    call(world, eric="b", shared=False, started_at=paris(2026, 11, 18, 10))


@pytest.mark.parametrize(
    ("who", "status"),
    [("region", 200), ("admin", 200), ("coach_a", 200), ("team_a", 403), ("partner", 403)],
)
def test_who_sees_the_weeks(world, weeks, login, who, status):
    assert login(getattr(world, who)).get(URL).status_code == status


def test_outsider_gets_403_and_anonymous_logs_in(world, client, login):
    response = client.get(URL)
    assert response.status_code == 302
    assert login(world.outsider).get(URL).status_code == 403


@pytest.mark.parametrize("until", UNTILS)
def test_held_rows_are_the_figure(world, weeks, login, until):
    response = login(world.region).get(URL, {"state": "held", "until": until.isoformat()})
    held = hotline_weeks_held(world.programme, today=until)
    assert len(mondays(response)) == len(held)
    assert set(mondays(response)) == held


def test_the_figure_at_each_edge(world, weeks):
    assert [len(hotline_weeks_held(world.programme, today=day)) for day in UNTILS] == [
        0,
        0,
        3,
        6,
        6,
    ]


def test_weeks_say_how_they_were_held(world, weeks, login):
    response = login(world.region).get(URL, {"until": "2026-11-30"})
    html = response.content.decode()
    # 14 weeks begun from Monday 31 August to Monday 30 November, 6 held
    assert "6 semaines tenues sur 14 commencées au 30 novembre 2026" in html
    assert len(mondays(response)) == 14
    states = {row.week.monday: row for row in response.context["rows"]}
    assert states[datetime.date(2026, 11, 30)].state_label == "en cours"
    assert states[datetime.date(2026, 11, 23)].state_label == "non tenue"
    first = states[datetime.date(2026, 8, 31)]
    assert first.state_label == "tenue"
    assert first.how == ["1 demi-journée marquée tenue"]
    assert states[datetime.date(2026, 10, 12)].how == [
        "2 demi-journées marquées tenues",
        "2 appels notés",
    ]
    assert states[datetime.date(2026, 9, 14)].how == [
        "1 demi-journée marquée tenue",
        "1 appel noté",
    ]
    assert "du lundi 31 août 2026 au dimanche 6 septembre 2026" in html
    assert "du lundi 28 septembre 2026 au dimanche 4 octobre 2026" in html
    # each week opens its month's calls in the programme
    slug = world.programme.slug
    assert f'href="/espace/journal/appels/?programme={slug}&amp;month=2026-09"' in html
    # counts only, never a call's content
    assert "Secret de la semaine" not in html
    # a real table
    assert "<caption" in html
    assert '<th scope="col">' in html
    assert html.count('<th scope="row">') == 14


def test_missed_and_month_filters(world, weeks, login):
    client = login(world.region)
    missed = client.get(URL, {"until": "2026-11-30", "state": "missed"})
    assert mondays(missed) == [
        datetime.date(2026, 11, 23),
        datetime.date(2026, 11, 9),
        datetime.date(2026, 11, 2),
        datetime.date(2026, 10, 26),
        datetime.date(2026, 10, 19),
        datetime.date(2026, 9, 21),
        datetime.date(2026, 9, 7),
    ]
    # September's weeks: the programme's first (begun in August) to that of 28/09
    september = client.get(URL, {"until": "2026-11-30", "month": "2026-09"})
    assert mondays(september) == [
        datetime.date(2026, 9, 28),
        datetime.date(2026, 9, 21),
        datetime.date(2026, 9, 14),
        datetime.date(2026, 9, 7),
        datetime.date(2026, 8, 31),
    ]
    assert "3 semaines tenues sur 5 commencées" in september.content.decode()
    held = client.get(URL, {"until": "2026-11-30", "month": "2026-10", "state": "held"})
    assert mondays(held) == [datetime.date(2026, 10, 12), datetime.date(2026, 10, 5)]


def test_default_is_today_and_the_most_recent_programme(world, weeks, login):
    response = login(world.region).get(URL)
    assert response.context["programme"] == world.programme
    assert response.context["until"] == TODAY
    assert mondays(response)[0] == datetime.date(2026, 11, 30)
    newer = make_programme(funder=world.region_org, start_date=datetime.date(2026, 11, 2))
    response = login(world.region).get(URL)
    assert response.context["programme"] == newer
    html = response.content.decode()
    assert '<select name="programme"' in html  # two programmes: a choice
    chosen = login(world.region).get(URL, {"programme": world.programme.slug})
    assert chosen.context["programme"] == world.programme


def test_a_programme_out_of_reach_is_refused(world, weeks, login):
    other = make_programme()  # funded by someone else, coached by nobody
    response = login(world.region).get(URL, {"programme": other.slug})
    assert response.status_code == 200
    html = response.content.decode().replace("&#x27;", "'")
    assert "Un filtre n'est pas valide" in html
    assert "Sélectionnez un choix valide" in html
    assert response.context["programme"] == world.programme


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"until": "2026-13-45"}, "Indiquez une date au format AAAA-MM-JJ."),
        ({"until": "31/08/2026"}, "Indiquez une date au format AAAA-MM-JJ."),
        ({"until": "0001-01-01"}, "Indiquez une date entre 2000 et 2099."),
        ({"until": "9999-12-31"}, "Indiquez une date entre 2000 et 2099."),
        ({"month": "2026/09"}, "Indiquez un mois au format AAAA-MM."),
        ({"month": "9999-12"}, "Indiquez un mois entre 2000 et 2099."),
        ({"state": "perdue"}, "Sélectionnez un choix valide"),
        ({"programme": "nulle-part"}, "Sélectionnez un choix valide"),
    ],
)
def test_malformed_filters_are_refused_in_french(world, weeks, login, params, message):
    response = login(world.region).get(URL, params)
    assert response.status_code == 200
    html = response.content.decode().replace("&#x27;", "'")
    assert "Un filtre n'est pas valide" in html
    assert message in html
    assert len(mondays(response)) == 14  # unfiltered: today's weeks


def test_the_journal_links_to_the_weeks_for_those_who_see_them(world, weeks, login):
    for who in ("region", "coach_a"):
        html = login(getattr(world, who)).get(reverse("coaching:journal_home")).content.decode()
        assert f'href="{URL}"' in html
        html = login(getattr(world, who)).get(reverse("coaching:animation_list")).content.decode()
        assert "Semaines de permanence" in html
    html = login(world.team_a).get(reverse("coaching:hotline_call_list")).content.decode()
    assert "Semaines de permanence" not in html
    page = login(world.region).get(URL).content.decode()
    nav = re.search(r'<nav class="journal-nav".*?</nav>', page, re.DOTALL).group(0)
    assert f'href="{URL}" aria-current="page"' in nav


def test_same_queries_for_1_and_20_weeks(world, login, time_machine_today, snapshot_queries):
    time_machine_today(TODAY)
    hold(world, *(datetime.date(2026, 9, 3) + datetime.timedelta(weeks=n) for n in range(13)))
    call(world, started_at=paris(2026, 9, 1, 9))
    client = login(world.coach_a)
    with snapshot_queries(name="weeks"):
        response = client.get(URL, {"until": "2026-09-01"})
    assert len(mondays(response)) == 1
    with snapshot_queries(name="weeks"):
        response = client.get(URL, {"until": "2027-01-12"})
    assert len(mondays(response)) == 20
