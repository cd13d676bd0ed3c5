"""Lists and exports run the same queries for 1 record and for 50."""

import pytest
from django.urls import reverse

from coaching import services
from coaching.enums import HotlineTopic
from tests.coaching.journal_helpers import animation, call, partners, past, session

MEASURED = {}


def make_calls(world, n):
    for i in range(n):
        call(
            world,
            eric="a",
            summary=f"Appel {i}",
            started_at=past(days=1 + i % 20),
            topics=[HotlineTopic.PROJECT, HotlineTopic.FUNDING],
        )


def make_sessions(world, n):
    for i in range(n):
        session(world, eric="a", started_at=past(days=1 + i % 20))


def make_animations(world, n):
    orgs = partners(3)
    for i in range(n):
        record = animation(world, eric="a", title=f"Animation {i}", co_organisers=orgs[: 1 + i % 3])
        if i % 2:
            services.animation_document(
                by=world.coach_a,
                animation=record,
                report_what_happened=f"Compte rendu {i}",
                attendance_residents=i,
            )


def make_events(world, n):
    for i in range(n):
        services.federating_event_create(
            by=world.coach_a,
            programme=world.programme,
            name=f"Fête {i}",
            starts_on=past(days=1 + i % 20).date(),
            participations={world.accompaniment_a: "stand", world.accompaniment_b: "talk"},
        )


KINDS = {
    "appels": ("coaching:hotline_call_list", make_calls),
    "seances": ("coaching:coaching_session_list", make_sessions),
    "animations": ("coaching:animation_list", make_animations),
    "evenements": ("coaching:federating_event_list", make_events),
}


@pytest.mark.parametrize("who", ["coach_a", "region", "team_a"])
@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("target", ["list", "csv", "xlsx"])
def test_queries_are_the_same_for_1_and_50_records(
    world, login, snapshot_queries, who, kind, target
):
    url_name, make = KINDS[kind]
    url = (
        reverse(url_name)
        if target == "list"
        else reverse("coaching:journal_export", args=[kind, target])
    )
    client = login(getattr(world, who))
    # The filters are part of the page: measure them too.
    params = {"q": "", "eric": world.eric_a.pk}
    make(world, 1)
    with snapshot_queries(name="page") as one:
        response = client.get(url, params)
    assert response.status_code == 200
    if target == "list":
        assert len(response.context["records"]) == 1
    make(world, 49)
    with snapshot_queries(name="page"):
        response = client.get(url, params)
    if target == "list":
        assert len(response.context["records"]) == 25  # first page of 50
    MEASURED[(who, kind, target)] = len(one)


def test_topic_and_month_filters_keep_the_queries_the_same(world, login, snapshot_queries):
    client = login(world.region)
    url = reverse("coaching:hotline_call_list")
    month = past(days=1).strftime("%Y-%m")
    params = {"topic": HotlineTopic.FUNDING, "month": month, "status": "shared"}
    make_calls(world, 1)
    with snapshot_queries(name="page"):
        assert client.get(url, params).status_code == 200
    make_calls(world, 49)
    with snapshot_queries(name="page"):
        client.get(url, params)
