"""Public indicators in the open-data API: aggregated figures, nothing personal."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from coaching.enums import Basis, Indicator
from tests.coaching.journal_helpers import call, counted_animation
from tests.factories import make_target
from tests.newsletter.factories import make_published_issue

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def programme(world, time_machine_today):
    time_machine_today(datetime.date(2026, 11, 15))
    make_target(
        programme=world.programme,
        indicator=Indicator.ANIMATIONS,
        value=1,
        basis=Basis.PER_ERIC_PER_MONTH,
    )
    make_target(programme=world.programme, indicator=Indicator.NEWSLETTERS, value=10)
    make_target(
        programme=world.programme,
        indicator=Indicator.HOTLINE_HALF_DAYS,
        value=1,
        basis=Basis.PER_WEEK,
    )
    return world.programme


def test_indicators_are_public_and_aggregated(world, programme, client):
    counted_animation(world, starts_at=datetime.datetime(2026, 10, 5, 14, tzinfo=PARIS))
    make_published_issue(
        programme=programme, published_at=datetime.datetime(2026, 10, 2, 9, tzinfo=PARIS)
    )
    call(
        world,
        summary="Question confidentielle sur l’équipe",
        caller_name="Jeanne Martin",
        started_at=datetime.datetime(2026, 10, 7, 10, tzinfo=PARIS),
    )
    response = client.get(f"/api/programmes/{programme.slug}/indicateurs")
    assert response.status_code == 200
    data = response.json()
    assert data["as_of"] == "2026-11-15"
    assert data["programme"]["eric_count"] == 2
    by_code = {item["indicator"]: item for item in data["indicators"]}
    animations = by_code["animations"]
    assert animations["actual"] == 1
    assert animations["total"] == 20
    assert animations["expected"] == 4
    assert animations["status"] == "at_risk"
    assert {e["eric"]: e["actual"] for e in animations["per_eric"]} == {
        world.eric_a.slug: 1,
        world.eric_b.slug: 0,
    }
    assert [m["cumulative"] for m in animations["months"]] == [0, 1, 1]
    newsletters = by_code["newsletters"]
    assert newsletters["actual"] == 1  # the published issue
    assert newsletters["tracked"] is True
    assert by_code["hotline_half_days"]["actual"] == 1
    body = response.content.decode()
    assert "Jeanne" not in body and "confidentielle" not in body
    assert "coach_a" not in body


def test_unknown_programme_is_404(db, client):
    assert client.get("/api/programmes/inconnu/indicateurs").status_code == 404


def test_programmes_list(world, programme, client):
    data = client.get("/api/programmes").json()
    assert [p["slug"] for p in data] == [programme.slug]
