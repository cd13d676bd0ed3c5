"""The journal lists' programme, day and pilot filters: a figure's list shows exactly as
many rows as the figure says (issue #12)."""

import csv
import datetime
import io
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from coaching import services
from coaching.enums import AnimationStage, ParticipationRole
from coaching.models import Animation, FederatingEvent
from coaching.selectors.counted import counted_animations, federating_participations
from organisations.enums import Pilot
from organisations.models import Organisation
from tests.coaching.journal_helpers import animation, call, counted_animation, partners
from tests.factories import make_accompaniment, make_programme

PARIS = ZoneInfo("Europe/Paris")
TODAY = datetime.date(2026, 12, 1)
START = datetime.date(2026, 9, 1)  # the world's programme: 1 Sept 2026 – 30 June 2027
#: The day before the programme, its first day, a first of month, its last day, after.
UNTILS = [
    datetime.date(2026, 8, 31),
    START,
    datetime.date(2026, 10, 1),
    datetime.date(2026, 11, 15),
    datetime.date(2027, 6, 30),
]
COUNTED = AnimationStage.COUNTED


def paris(*args):
    return datetime.datetime(*args, tzinfo=PARIS)


def rows(response):
    """The rows the list says it has (every page), and the first page's records."""
    assert response.status_code == 200
    return response.context["page"].paginator.count


def ids(response):
    return {record.pk for record in response.context["records"]}


@pytest.fixture
def data(world, time_machine_today):
    """Pilot 2's ERIC A and pilot 1's ERIC B, with animations, events and calls around
    the programme's edges."""
    time_machine_today(TODAY)
    Organisation.objects.filter(pk=world.eric_b.pk).update(pilot=Pilot.EPHEMERAL)
    world.eric_b.refresh_from_db()
    # counted: the first day just after midnight in Paris (still 31 August in UTC), a
    # first of month, others; not counted: one partner short
    first_day = counted_animation(world, starts_at=paris(2026, 9, 1, 0, 30))
    counted_animation(world, starts_at=paris(2026, 9, 15, 14))
    counted_animation(world, eric="b", starts_at=paris(2026, 10, 1, 10))
    counted_animation(world, starts_at=paris(2026, 10, 20, 14))
    counted_animation(world, eric="b", starts_at=paris(2026, 11, 5, 18))
    animation(world, co_organisers=partners(1), starts_at=paris(2026, 10, 10, 14))
    # counted, then moved to the evening before the programme (the forms refuse it): its
    # stored flag is stale, the programme's bounds still leave it out
    before = counted_animation(world, starts_at=paris(2026, 9, 2, 14))
    Animation.objects.filter(pk=before.pk).update(starts_at=paris(2026, 8, 31, 23, 30))

    def event(name, day, *erics, moved_to=None):
        record = services.federating_event_create(
            by=world.coach_a,
            programme=world.programme,
            name=name,
            kind="festival",
            starts_on=day,
            participations={
                getattr(world, f"accompaniment_{e}"): ParticipationRole.STAND for e in erics
            },
        )
        if moved_to:
            FederatingEvent.objects.filter(pk=record.pk).update(starts_on=moved_to)
        return record

    event("Rentrée", START, "a", "b")
    event("Fête du numérique", datetime.date(2026, 9, 20), "a")
    event("Forum", datetime.date(2026, 10, 1), "b")
    event("Sans ERIC", datetime.date(2026, 11, 10))
    event("Veille", START, "a", moved_to=datetime.date(2026, 8, 31))
    event("Dernier jour", START, "a", "b", moved_to=datetime.date(2027, 6, 30))
    event("Après", START, "a", moved_to=datetime.date(2027, 7, 1))

    call(world, started_at=paris(2026, 9, 1, 9))
    call(world, eric="b", started_at=paris(2026, 9, 30, 23, 30))
    call(world, eric="b", shared=False, summary="Réservé à B", started_at=paris(2026, 10, 1, 9))
    call(world, started_at=paris(2026, 11, 2, 9))
    return {"first_day": first_day, "before": before}


def animations(client, **params):
    return client.get(reverse("coaching:animation_list"), params)


def events(client, **params):
    return client.get(reverse("coaching:federating_event_list"), params)


# --- Animations ----------------------------------------------------------------------


@pytest.mark.parametrize("until", UNTILS)
@pytest.mark.parametrize("pilot", [None, Pilot.ACCOMPANIMENT, Pilot.EPHEMERAL])
def test_counted_animations_list_is_the_figure(world, data, login, until, pilot):
    programme = world.programme
    expected = counted_animations(programme, until=until, pilot=pilot)
    params = {"programme": programme.slug, "status": COUNTED, "until": until.isoformat()}
    if pilot:
        params["pilot"] = pilot
    response = animations(login(world.region), **params)
    assert rows(response) == expected.count()
    assert ids(response) == set(expected.values_list("pk", flat=True))


def test_the_figures_change_along_the_edges(world, data):
    programme = world.programme
    assert [counted_animations(programme, until=day).count() for day in UNTILS] == [
        0,
        1,
        3,
        5,
        5,
    ]
    assert [
        federating_participations(programme, until=day)
        .filter(accompaniment__eric=world.eric_a)
        .count()
        for day in UNTILS
    ] == [0, 1, 2, 2, 3]


def test_the_edges_of_the_programme(world, data, login):
    client = login(world.region)
    params = {"programme": world.programme.slug, "status": COUNTED}
    assert rows(animations(client, **params, until="2026-08-31")) == 0
    first = animations(client, **params, until="2026-09-01")
    assert ids(first) == {data["first_day"].pk}
    # without a day, the figure is today's
    assert (
        rows(animations(client, **params))
        == counted_animations(world.programme, until=TODAY).count()
    )
    # the animation of the evening before stays out, though its stored flag is on
    assert data["before"].pk not in ids(animations(client, **params, until="2027-06-30"))
    assert data["before"].pk in ids(animations(client, status=COUNTED))


def test_per_eric_and_per_month_links(world, data, login):
    programme = world.programme
    client = login(world.region)
    params = {"programme": programme.slug, "status": COUNTED, "until": "2026-11-15"}
    by_eric = animations(client, **params, eric=world.eric_b.pk)
    assert (
        rows(by_eric)
        == (
            counted_animations(programme, until=datetime.date(2026, 11, 15))
            .filter(accompaniment__eric=world.eric_b)
            .count()
        )
        == 2
    )
    october = animations(client, **params, month="2026-10")
    assert rows(october) == 2


def test_programme_day_and_pilot_filters_without_counting(world, data, login):
    client = login(world.region)
    assert rows(animations(client, programme=world.programme.slug)) == 7
    # the midnight after 1 September in Paris: the 00:30 animation is in, the one of
    # the evening before too
    assert rows(animations(client, until="2026-09-01")) == 2
    assert rows(animations(client, pilot=Pilot.EPHEMERAL)) == 2
    # without a programme, « comptée » reads the stored flag, as before
    assert rows(animations(client, status=COUNTED)) == 6
    other = make_programme(funder=world.region_org, start_date=datetime.date(2027, 9, 1))
    make_accompaniment(programme=other, eric=world.eric_a, resource_persons=[world.coach_a])
    assert rows(animations(client, programme=other.slug)) == 0


def test_coach_sees_the_figure_within_their_eric(world, data, login):
    params = {"programme": world.programme.slug, "status": COUNTED, "until": "2027-06-30"}
    response = animations(login(world.coach_a), **params)
    expected = counted_animations(world.programme, until=datetime.date(2027, 6, 30)).filter(
        accompaniment__eric=world.eric_a
    )
    assert ids(response) == set(expected.values_list("pk", flat=True))


# --- Federating events ---------------------------------------------------------------


@pytest.mark.parametrize("until", UNTILS)
@pytest.mark.parametrize("eric", ["a", "b"])
@pytest.mark.parametrize("pilot", [None, Pilot.ACCOMPANIMENT, Pilot.EPHEMERAL])
def test_an_eric_s_events_are_its_participations(world, data, login, until, eric, pilot):
    organisation = getattr(world, f"eric_{eric}")
    participations = federating_participations(world.programme, until=until, pilot=pilot)
    expected = participations.filter(accompaniment__eric=organisation)
    params = {"programme": world.programme.slug, "until": until.isoformat()}
    params["eric"] = organisation.pk
    if pilot:
        params["pilot"] = pilot
    response = events(login(world.region), **params)
    assert rows(response) == expected.count()
    assert ids(response) == set(expected.values_list("event_id", flat=True))


def test_programme_events_keep_within_the_period(world, data, login):
    client = login(world.region)
    names = {
        event.name for event in events(client, programme=world.programme.slug).context["records"]
    }
    assert names == {"Rentrée", "Fête du numérique", "Forum", "Sans ERIC", "Dernier jour"}
    response = events(client, programme=world.programme.slug, until="2026-10-01")
    assert rows(response) == 3  # « Sans ERIC » and « Dernier jour » are later
    # a pilot keeps the events where an ERIC of that pilot took part
    pilot_one = events(client, programme=world.programme.slug, pilot=Pilot.EPHEMERAL)
    assert {e.name for e in pilot_one.context["records"]} == {"Rentrée", "Forum", "Dernier jour"}
    # the day alone, without a programme
    assert rows(events(client, until="2026-08-31")) == 1


# --- Hotline calls -------------------------------------------------------------------


def test_calls_by_programme_and_day(world, data, login):
    client = login(world.region)
    url = reverse("coaching:hotline_call_list")
    programme = world.programme.slug
    assert rows(client.get(url, {"programme": programme})) == 4
    # 30 September at 23:30 in Paris is still 30 September
    assert rows(client.get(url, {"programme": programme, "until": "2026-09-30"})) == 2
    assert rows(client.get(url, {"until": "2026-08-31"})) == 0


# --- What a team sees ----------------------------------------------------------------


def test_a_team_sees_none_of_another_eric_s_records(world, data, login):
    client = login(world.team_a)
    programme = world.programme.slug
    shown = animations(client, programme=programme, status=COUNTED, until="2027-06-30")
    hosts = {a.accompaniment.eric_id for a in shown.context["records"]}
    assert hosts == {world.eric_a.pk}
    assert rows(animations(client, programme=programme, pilot=Pilot.EPHEMERAL)) == 0
    # ERIC B is not among the team's choices: the filter is refused, the list stays theirs
    refused = animations(client, programme=programme, eric=world.eric_b.pk)
    assert refused.context["filter_form"].errors
    assert {a.accompaniment.eric_id for a in refused.context["records"]} == {world.eric_a.pk}
    # events: only those ERIC A took part in, whatever the pilot asked for
    shown = events(client, programme=programme, pilot=Pilot.EPHEMERAL)
    assert {e.name for e in shown.context["records"]} == {"Rentrée", "Dernier jour"}
    calls = client.get(
        reverse("coaching:hotline_call_list"), {"programme": programme, "until": "2027-06-30"}
    )
    assert {c.accompaniment.eric_id for c in calls.context["records"]} == {world.eric_a.pk}
    assert "Réservé à B" not in calls.content.decode()
    # the export follows the same filters
    export = client.get(
        reverse("coaching:journal_export", args=["animations", "csv"]),
        {"programme": programme, "pilot": Pilot.EPHEMERAL},
    )
    lines = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
    assert len(lines) == 1  # the header only


def test_exports_follow_the_figure(world, data, login):
    client = login(world.region)
    params = {"programme": world.programme.slug, "status": COUNTED, "until": "2026-10-01"}
    export = client.get(reverse("coaching:journal_export", args=["animations", "csv"]), params)
    lines = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
    expected = counted_animations(world.programme, until=datetime.date(2026, 10, 1)).count()
    assert len(lines) == 1 + expected == 4


# --- The filter form -----------------------------------------------------------------


def test_the_form_shows_the_active_filters(world, data, login):
    other = make_programme(
        name="Programme 2027", funder=world.region_org, start_date=datetime.date(2027, 9, 1)
    )
    html = animations(
        login(world.region),
        programme=world.programme.slug,
        until="2026-10-01",
        pilot=Pilot.EPHEMERAL,
    ).content.decode()
    assert 'name="programme"' in html
    assert f'<option value="{world.programme.slug}" selected>' in html
    assert f'<option value="{other.slug}">Programme 2027</option>' in html
    assert 'name="until" value="2026-10-01"' in html
    assert '<option value="ephemeral" selected>' in html
    assert "Jusqu&#x27;au" in html or "Jusqu'au" in html


def test_a_single_programme_is_a_hidden_field(world, data, login):
    html = animations(login(world.coach_a), programme=world.programme.slug).content.decode()
    assert f'<input type="hidden" name="programme" value="{world.programme.slug}"' in html
    assert '<select name="programme"' not in html
    # the calls and sessions have no pilot
    calls = login(world.region).get(reverse("coaching:hotline_call_list")).content.decode()
    assert 'name="pilot"' not in calls
    assert 'name="until"' in calls


LISTS = {
    "animations": "coaching:animation_list",
    "evenements": "coaching:federating_event_list",
    "appels": "coaching:hotline_call_list",
    "seances": "coaching:coaching_session_list",
}


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"until": "2026-13-45"}, "Indiquez une date au format AAAA-MM-JJ."),
        ({"until": "01/10/2026"}, "Indiquez une date au format AAAA-MM-JJ."),
        ({"until": "2026-02-30"}, "Indiquez une date au format AAAA-MM-JJ."),
        ({"until": "0001-01-01"}, "Indiquez une date entre 2000 et 2099."),
        ({"until": "9999-12-31"}, "Indiquez une date entre 2000 et 2099."),
        ({"until": "99999-12-31"}, "Indiquez une date au format AAAA-MM-JJ."),
        ({"month": "2026-13"}, "Indiquez un mois au format AAAA-MM."),
        ({"month": "9999-12"}, "Indiquez un mois entre 2000 et 2099."),
        ({"month": "0001-01"}, "Indiquez un mois entre 2000 et 2099."),
        ({"programme": "nulle-part"}, "Sélectionnez un choix valide"),
        ({"pilot": "pilote-3"}, "Sélectionnez un choix valide"),
    ],
)
@pytest.mark.parametrize("kind", list(LISTS))
def test_malformed_filters_are_refused_in_french(world, data, login, kind, params, message):
    client = login(world.region)
    if kind == "animations":
        params = {"status": COUNTED, **params}
    response = client.get(reverse(LISTS[kind]), params)
    assert response.status_code == 200
    html = response.content.decode().replace("&#x27;", "'")
    if "pilot" in params and kind in ("appels", "seances"):
        # these lists have no pilot filter: the parameter is ignored
        assert "Un filtre n'est pas valide" not in html
    else:
        assert "Un filtre n'est pas valide" in html
        assert message in html
    for fmt in ("csv", "xlsx"):
        export = client.get(reverse("coaching:journal_export", args=[kind, fmt]), params)
        assert export.status_code == 200


# --- Queries -------------------------------------------------------------------------


def _more_counted(world, n):
    orgs = partners(2)
    for i in range(n):
        counted_animation(
            world, eric="b", co_organisers=orgs, starts_at=paris(2026, 9, 2 + i % 25, 10)
        )


def _more_events(world, n):
    for i in range(n):
        services.federating_event_create(
            by=world.coach_a,
            programme=world.programme,
            name=f"Fête {i}",
            starts_on=datetime.date(2026, 9, 2 + i % 25),
            participations={world.accompaniment_a: "stand", world.accompaniment_b: "talk"},
        )


@pytest.mark.parametrize(
    ("url_name", "make", "params"),
    [
        (
            "coaching:animation_list",
            _more_counted,
            {"status": COUNTED, "pilot": Pilot.ACCOMPANIMENT, "month": "2026-09"},
        ),
        ("coaching:federating_event_list", _more_events, {"pilot": Pilot.ACCOMPANIMENT}),
    ],
    ids=["animations", "events"],
)
def test_same_queries_for_1_and_20_rows(
    world, login, time_machine_today, snapshot_queries, url_name, make, params
):
    time_machine_today(TODAY)
    client = login(world.region)
    params = {"programme": world.programme.slug, "until": "2027-06-30", **params}
    make(world, 1)
    with snapshot_queries(name="page"):
        response = client.get(reverse(url_name), params)
    assert rows(response) == 1
    make(world, 19)
    with snapshot_queries(name="page"):
        response = client.get(reverse(url_name), params)
    assert rows(response) == 20


@pytest.mark.parametrize("kind", list(LISTS))
def test_the_month_filter_is_a_text_field_in_the_format_its_messages_name(world, login, kind):
    """Not ``type="month"``: Chromium shows it as a date picker, while its help and its
    error speak of typing AAAA-MM."""
    page = login(world.region).get(reverse(LISTS[kind])).content.decode()
    field = re.search(r'<input[^>]*name="month"[^>]*>', page).group(0)
    assert 'type="text"' in field
    assert 'placeholder="AAAA-MM"' in field
    assert 'pattern="\\d{4}-\\d{2}"' in field
    assert 'aria-describedby="id_month_helptext"' in field
    assert "Au format AAAA-MM, par exemple 2026-10." in page
