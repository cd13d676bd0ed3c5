"""An ERIC's trajectory page: its figures, what is due this month, its animations and
follow-ups, its sheets and map; scoped to those who may see the ERIC."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from coaching import services
from coaching.enums import Basis, Indicator
from tests.coaching.journal_helpers import animation, call, counted_animation, partners
from tests.factories import make_target

PARIS = ZoneInfo("Europe/Paris")
TODAY = datetime.date(2026, 11, 18)


@pytest.fixture
def trajectory(world, time_machine_today):
    time_machine_today(TODAY)
    # what each ERIC owes every month shows in « Ce mois-ci »
    make_target(
        programme=world.programme,
        indicator=Indicator.ANIMATIONS,
        value=1,
        basis=Basis.PER_ERIC_PER_MONTH,
    )
    make_target(
        programme=world.programme,
        indicator=Indicator.CODE_SOURCE_SHEETS,
        value=1,
        basis=Basis.PER_ERIC_PER_MONTH,
    )
    services.milestone_create(
        by=world.coach_a,
        accompaniment=world.accompaniment_a,
        title="Cartographie des cercles",
        due_date=datetime.date(2026, 11, 30),
    )
    return world


def page(world, eric="a", **query):
    accompaniment = getattr(world, f"accompaniment_{eric}")
    url = reverse("progress:accompaniment_detail", args=[accompaniment.pk])
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return url


def test_what_is_due_this_month_and_the_eric_figures(trajectory, login):
    counted_animation(trajectory, starts_at=datetime.datetime(2026, 11, 4, 14, tzinfo=PARIS))
    html = login(trajectory.team_a).get(page(trajectory)).content.decode()
    assert "Ce mois-ci (novembre 2026)" in html
    assert "Animation multi-partenariale documentée : 1 comptée ce mois-ci." in html
    assert "« code source » : 0 publiée" in html  # « publiées » until the catalogue has it
    assert 'href="#jalon-' in html and "Cartographie des cercles" in html
    assert 'data-indicator="animations"' in html
    assert 'id="live-figures" data-fragment-url=' in html


def test_animations_with_their_missing_pieces(trajectory, login):
    animation(trajectory, title="Atelier incomplet", co_organisers=partners(1))
    html = login(trajectory.team_a).get(page(trajectory)).content.decode()
    assert "Atelier incomplet" in html
    assert "un partenaire, le compte rendu, la fréquentation" in html


def test_team_a_never_sees_team_b(trajectory, login):
    animation(trajectory, eric="b", title="Atelier secret de B")
    shared_b = call(trajectory, eric="b", summary="Appel de B")
    services.hotline_follow_up_add(by=trajectory.coach_b, call=shared_b, action="Suite de B")
    client = login(trajectory.team_a)
    assert client.get(page(trajectory, eric="b")).status_code == 404  # as a missing one
    assert client.get(page(trajectory, eric="b", fragment="figures")).status_code == 404
    html = client.get(page(trajectory)).content.decode()
    assert "Atelier secret de B" not in html
    assert "Suite de B" not in html


def test_private_follow_ups_stay_with_the_coach(trajectory, login):
    shared = call(trajectory, summary="Appel partagé")
    private = call(trajectory, shared=False, summary="Appel réservé")
    services.hotline_follow_up_add(by=trajectory.coach_a, call=shared, action="Suite partagée")
    services.hotline_follow_up_add(by=trajectory.coach_a, call=private, action="Suite réservée")
    team_html = login(trajectory.team_a).get(page(trajectory)).content.decode()
    assert "Suite partagée" in team_html
    assert "Suite réservée" not in team_html
    coach_html = login(trajectory.coach_a).get(page(trajectory)).content.decode()
    assert "Suite réservée" in coach_html


def test_fragment_is_the_figures_only(trajectory, login):
    response = login(trajectory.team_a).get(page(trajectory, fragment="figures"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "Ce mois-ci" in html
    assert "Jalons de la trajectoire" in html  # the timeline refreshes too
    assert "<h1>" not in html


def test_map_link_for_the_team(trajectory, login):
    html = login(trajectory.team_a).get(page(trajectory)).content.decode()
    assert reverse("maps:entry_list", args=[trajectory.eric_a.slug]) in html


def test_same_queries_with_1_and_50_records(trajectory, login, snapshot_queries):
    client = login(trajectory.coach_a)
    orgs = partners(2)
    animation(trajectory, title="Animation 0", co_organisers=orgs)
    first = call(trajectory, summary="Appel 0")
    services.hotline_follow_up_add(by=trajectory.coach_a, call=first, action="Suite 0")
    with snapshot_queries(name="trajectory"):
        client.get(page(trajectory))
    for n in range(1, 50):
        animation(trajectory, title="Animation %d" % n, co_organisers=orgs)
        services.hotline_follow_up_add(by=trajectory.coach_a, call=first, action="Suite %d" % n)
    with snapshot_queries(name="trajectory"):
        response = client.get(page(trajectory))
    assert response.content.decode().count("/espace/journal/animations/") >= 50
