"""Pilot 1's visitor study on the Region's dashboard: the figure (events over with on-site
answers) and its visitors equal the list it opens (ADR 0008), scoped to who reads it."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from coaching.models import Accompaniment
from study import services
from study.enums import Channel
from study.models import Tally
from tests.study.conftest import entry

pytestmark = pytest.mark.django_db


def study_item(client, programme):
    response = client.get(reverse("progress:programme_dashboard", args=[programme.slug]))
    assert response.status_code == 200
    return next(
        item for item in response.context["rows"] if item["row"].key == "visitor_study-ephemeral"
    )


def test_the_visitor_study_figure_opens_the_events_it_counts(kiosk, fete, client):
    kiosk_row, _token = kiosk
    event, _users = fete
    programme = event.study.programme
    User = get_user_model()
    client.force_login(User.objects.get(username="region"))

    item = study_item(client, programme)
    assert item["row"].figure.tracked
    assert item["row"].figure.actual == 0 and item["row"].visitors == 0

    services.entries_store(kiosk=kiosk_row, entries=[entry() for _ in range(3)])
    # two more visitors already aggregated by the retention task; remote ones do not count
    Tally.objects.create(
        event=event,
        questionnaire=event.questionnaire,
        channel=Channel.ON_SITE,
        dimension="total",
        code="",
        count=2,
    )
    Tally.objects.create(
        event=event,
        questionnaire=event.questionnaire,
        channel=Channel.REMOTE,
        dimension="total",
        code="",
        count=40,
    )
    item = study_item(client, programme)
    assert item["row"].figure.actual == 1
    assert item["row"].visitors == 5
    assert item["url"]
    listed = client.get(item["url"])
    assert listed.status_code == 200
    assert [e.pk for e in listed.context["counted_events"]] == [event.pk]
    assert listed.context["counted"]["visitors"] == 5
    assert "5 visiteurs" in listed.content.decode()

    # the ERIC's own page counts it too
    mouans = Accompaniment.objects.get(programme=programme, eric=event.eric)
    page = client.get(reverse("progress:accompaniment_detail", args=[mouans.pk]))
    own = next(i for i in page.context["figures"] if i["row"].key == "visitor_study-ephemeral")
    assert own["figure"].actual == 1 and own["row"].visitors == 5

    # the month the event ended, and a month without it
    month = event.end_date.strftime("%Y-%m")
    assert len(client.get(item["url"] + "&month=" + month).context["counted_events"]) == 1
    other = event.end_date.replace(year=event.end_date.year - 1).strftime("%Y-%m")
    assert client.get(item["url"] + "&month=" + other).context["counted_events"] == []

    # another ERIC's team (pilot 2 reads the shared data) does not get the event's page
    client.force_login(User.objects.get(username="boate"))
    assert client.get(item["url"]).context["counted_events"] == []
    assert client.get(reverse("study:home") + "?programme=nope").status_code == 404
