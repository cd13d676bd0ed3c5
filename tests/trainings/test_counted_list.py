"""The trainings that count toward a programme: one function, and the list a figure opens
(``?programme=<slug>&counted=1&until=AAAA-MM-JJ``) shows exactly its rows."""

import datetime
import html

import pytest
from django.urls import reverse

from core.dates import local_month
from organisations.enums import OrganisationKind, Role
from tests.factories import make_accompaniment, make_organisation, make_programme, make_user
from trainings import services
from trainings.enums import AttendanceStatus, SessionSlot, TrainingKind
from trainings.selectors import counted_trainings, training_progress

from .factories import local_datetime, register_external

pytestmark = pytest.mark.django_db

URL = reverse("trainings:training_list")

#: The programme of these tests is over (1 September 2025 – 30 June 2026): every
#: half-day has begun, so attendance can be marked through the service.
START = datetime.date(2025, 9, 1)
LAST_DAY = datetime.date(2026, 6, 30)


def text(response) -> str:
    return html.unescape(response.content.decode())


def rows(response) -> set[int]:
    return {training.pk for training in response.context["trainings"]}


def make_held_training(world, programme, day, *, hour=9, attendance=True, title=None):
    """A training of ``programme`` whose first half-day is ``day`` at ``hour``; attended
    by one participant unless ``attendance`` is false."""
    training = services.training_create(
        by=world.admin,
        programme=programme,
        title=title or "Formation du %s %dh" % (day.isoformat(), hour),
        kind=TrainingKind.QUARTERLY,
        capacity=10,
        place="La Bo[a]te, Marseille",
        trainer_organisations=[],
    )
    session = services.session_create(
        by=world.admin,
        training=training,
        slot=SessionSlot.MORNING if hour < 12 else SessionSlot.AFTERNOON,
        starts_at=local_datetime(day, hour),
        ends_at=local_datetime(day, hour + 3),
    )
    if attendance:
        registration = register_external(training, by=world.admin)
        services.attendance_record(
            by=world.admin,
            session=session,
            statuses={registration.pk: AttendanceStatus.PRESENT},
        )
    return training


@pytest.fixture
def past(world):
    """A finished programme funded by the world's Region, its trainings around its
    period: before it, on its first day, in October, on 1 November, on its last day,
    after it; one held without attendance."""
    programme = make_programme(start_date=START, months=10, funder=world.region_org)
    assert programme.end_date == LAST_DAY
    make_accompaniment(programme=programme, eric=world.eric_a)
    trainings = {
        "before": make_held_training(world, programme, datetime.date(2025, 8, 29)),
        "first_day": make_held_training(world, programme, START),
        "october": make_held_training(world, programme, datetime.date(2025, 10, 15)),
        "no_attendance": make_held_training(
            world, programme, datetime.date(2025, 10, 20), attendance=False
        ),
        "november": make_held_training(world, programme, datetime.date(2025, 11, 1)),
        "last_day": make_held_training(world, programme, LAST_DAY, hour=14),
        "after": make_held_training(world, programme, datetime.date(2026, 7, 2)),
    }
    return programme, trainings


def counted_list(client, programme, **params):
    return client.get(URL, {"programme": programme.slug, "counted": "1", **params})


@pytest.mark.parametrize(
    ("until", "expected"),
    [
        (datetime.date(2025, 8, 31), set()),  # the day before the programme starts
        (START, {"first_day"}),
        (datetime.date(2025, 11, 1), {"first_day", "october", "november"}),  # a 1st of month
        (LAST_DAY, {"first_day", "october", "november", "last_day"}),
        (datetime.date(2026, 11, 30), {"first_day", "october", "november", "last_day"}),
    ],
)
def test_the_list_shows_exactly_the_counted_trainings(world, past, client, until, expected):
    programme, trainings = past
    counted = counted_trainings(programme, until=until)
    assert set(counted.values_list("pk", flat=True)) == {trainings[name].pk for name in expected}
    for user in (world.admin, world.region):
        client.force_login(user)
        response = counted_list(client, programme, until=until.isoformat())
        assert response.status_code == 200
        assert rows(response) == set(counted.values_list("pk", flat=True))
        assert len(response.context["trainings"]) == counted.count() == len(expected)
        # Every row the list shows says it counts.
        assert all(training.is_counted for training in response.context["trainings"])


def test_the_active_filters_are_said_in_french_with_a_link_to_remove_them(world, past, client):
    programme, _ = past
    client.force_login(world.region)
    page = text(counted_list(client, programme, until="2025-11-01", month="2025-10"))
    assert (
        "Formations qui comptent dans l'objectif du programme « %s », jusqu'au "
        "1er novembre 2025" % programme.name
    ) in page
    assert "Première demi-journée en octobre 2025." in page
    assert 'href="%s"' % URL in page and "Retirer ces filtres" in page
    # A day after the programme's end is its last day.
    page = text(counted_list(client, programme, until="2026-11-30"))
    assert "jusqu'au 30 juin 2026" in page


def test_without_until_the_list_counts_by_today(world, past, client, time_machine_today):
    programme, trainings = past
    time_machine_today(datetime.date(2025, 10, 31))
    client.force_login(world.admin)
    response = counted_list(client, programme)
    assert rows(response) == {trainings["first_day"].pk, trainings["october"].pk}
    assert "jusqu'au 31 octobre 2025" in text(response)


def test_a_month_keeps_the_counted_trainings_whose_first_half_day_is_in_it(world, past, client):
    programme, trainings = past
    client.force_login(world.admin)
    response = counted_list(client, programme, until=LAST_DAY.isoformat(), month="2025-10")
    october = {
        training.pk
        for training in counted_trainings(programme, until=LAST_DAY)
        if local_month(training.first_start) == datetime.date(2025, 10, 1)
    }
    assert rows(response) == october == {trainings["october"].pk}


def test_a_training_at_the_edges_of_the_period_in_paris_time(world):
    """The period is made of Europe/Paris days: 20:00 on the last day counts, midnight
    the day after does not (both are still 30 June in UTC)."""
    programme = make_programme(start_date=START, months=10, funder=world.region_org)
    late = make_held_training(world, programme, LAST_DAY, hour=20)
    make_held_training(world, programme, datetime.date(2026, 7, 1), hour=0)
    assert set(counted_trainings(programme, until=LAST_DAY)) == {late}
    assert set(counted_trainings(programme, until=datetime.date(2026, 7, 1))) == {late}


def test_outside_the_period_or_without_attendance_is_never_counted(world, past, client):
    programme, trainings = past
    never = {trainings[name].pk for name in ("before", "after", "no_attendance")}
    for until in (START, datetime.date(2025, 12, 1), LAST_DAY, datetime.date(2026, 12, 1)):
        assert not never & set(
            counted_trainings(programme, until=until).values_list("pk", flat=True)
        )
    # The unfiltered list shows them, saying they do not count.
    client.force_login(world.admin)
    response = client.get(URL, {"programme": programme.slug})
    listed = {training.pk: training.is_counted for training in response.context["trainings"]}
    assert set(listed) == {training.pk for training in trainings.values()}
    assert not any(listed[pk] for pk in never)
    assert all(listed[pk] for pk in set(listed) - never)


def test_the_target_figure_equals_the_rows_of_the_list_it_opens(world, past, client):
    programme, _ = past
    client.force_login(world.region)
    (figure,) = training_progress({programme.pk})
    assert figure.trainings_counted == 4
    page = client.get(URL, {"programme": programme.slug})
    assert "?programme=%s&amp;counted=1" % programme.slug in page.content.decode()
    assert len(counted_list(client, programme).context["trainings"]) == figure.trainings_counted
    # Opened by a day, the list and the figure above it count by that day.
    response = counted_list(client, programme, until="2025-11-01")
    (figure,) = response.context["progress"]
    assert figure.trainings_counted == len(response.context["trainings"]) == 3
    link = "?programme=%s&amp;counted=1&amp;until=2025-11-01" % programme.slug
    assert link in response.content.decode()


def test_the_list_keeps_to_what_the_user_may_see(world, past, client):
    programme, _ = past
    other_eric = make_organisation(name="ERIC d'ailleurs")
    make_accompaniment(programme=make_programme(), eric=other_eric)
    stranger = make_user(organisation=other_eric, role=Role.ERIC_TEAM)
    client.force_login(stranger)
    response = counted_list(client, programme, until=LAST_DAY.isoformat())
    assert response.status_code == 200
    assert rows(response) == set()
    assert "Ce programme n'existe pas, ou vous ne suivez pas ses formations." in text(response)
    assert programme.name not in text(response)
    # A trainer sees every training: the full counted list.
    trainer_org = make_organisation(kind=OrganisationKind.CONSULTANCY)
    trainer = make_user(organisation=trainer_org, role=Role.PARTNER)
    client.force_login(trainer)
    assert (
        len(counted_list(client, programme, until=LAST_DAY.isoformat()).context["trainings"]) == 4
    )


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"until": "2025-13-45"}, "Indiquez une date au format AAAA-MM-JJ."),
        ({"until": "demain"}, "Indiquez une date au format AAAA-MM-JJ."),
        ({"until": "9999-12-31"}, "Indiquez une date entre 2000 et 2099."),
        ({"until": "0001-01-01"}, "Indiquez une date entre 2000 et 2099."),
        ({"month": "2025-13"}, "Indiquez un mois au format AAAA-MM."),
        ({"month": "0000-01"}, "Indiquez un mois au format AAAA-MM."),
        ({"month": "9999-12"}, "Indiquez un mois entre 2000 et 2099."),
        ({"programme": "inconnu"}, "Ce programme n'existe pas"),
        ({"counted": "oui"}, "Indiquez 1 pour ne garder que les formations qui comptent"),
        ({"programme": "", "counted": "1"}, "Choisissez le programme"),
        ({"counted": ""}, "La date « jusqu'au » s'applique aux formations qui comptent"),
    ],
)
def test_malformed_filters_are_explained_in_french(world, past, client, params, message):
    programme, trainings = past
    client.force_login(world.admin)
    query = {"programme": programme.slug, "counted": "1", "until": "2025-11-01", **params}
    response = client.get(URL, query)
    assert response.status_code == 200
    page = text(response)
    assert message in page
    assert "Un filtre de l'adresse n'est pas valide : la liste n'est pas filtrée." in page
    # Nothing hidden: every training the user may see is listed.
    assert rows(response) >= {training.pk for training in trainings.values()}


def test_the_counted_list_runs_the_same_queries_with_1_and_10_rows(
    world, client, django_assert_max_num_queries
):
    programme = make_programme(start_date=START, months=10, funder=world.region_org)
    make_held_training(world, programme, datetime.date(2025, 10, 1))
    client.force_login(world.region)
    params = {"programme": programme.slug, "counted": "1", "until": LAST_DAY.isoformat()}
    client.get(URL, params)  # the session and the user's reach, as on any later page
    with django_assert_max_num_queries(8) as one:
        assert len(client.get(URL, params).context["trainings"]) == 1
    for day in range(2, 11):
        make_held_training(world, programme, datetime.date(2025, 10, day))
    with django_assert_max_num_queries(8) as ten:
        assert len(client.get(URL, params).context["trainings"]) == 10
    assert len(one.captured_queries) == len(ten.captured_queries)
