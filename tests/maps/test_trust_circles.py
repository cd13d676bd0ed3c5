"""Trust circles: who edits them, the France check, history, and the public GeoJSON."""

import datetime
import html
import json
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from maps import services
from maps.enums import Circle, Relation
from maps.models import TrustCircleEntry

TODAY = datetime.date(2026, 11, 22)


def entry_data(**overrides):
    data = {
        "name": "Association du quartier",
        "kind": "organisation",
        "circle": Circle.CLOSE,
        "relation": Relation.CO_ORGANISATION,
        "description": "Repair café mensuel.",
        "since": "2026-10-01",
        "until": "",
        "town": "Marseille",
        "latitude": "43.294700",
        "longitude": "5.377000",
        "organisation": "",
    }
    data.update(overrides)
    return data


def make_entry(eric, **fields):
    values = {
        "name": "Partenaire",
        "circle": Circle.CORE,
        "relation": Relation.NETWORK,
        "since": datetime.date(2026, 9, 1),
        "latitude": Decimal("43.294700"),
        "longitude": Decimal("5.377000"),
    }
    values.update(fields)
    return TrustCircleEntry.objects.create(eric=eric, **values)


@pytest.fixture
def today(time_machine_today):
    time_machine_today(TODAY)
    return TODAY


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_the_login_page(world, client):
    entry = make_entry(world.eric_a)
    for url in (
        reverse("maps:entry_list", args=[world.eric_a.slug]),
        reverse("maps:entry_create", args=[world.eric_a.slug]),
        reverse("maps:entry_update", args=[entry.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/connexion/")
    response = client.post(reverse("maps:entry_create", args=[world.eric_a.slug]), entry_data())
    assert response.status_code == 302
    assert TrustCircleEntry.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["team_b", "coach_b", "partner", "region", "outsider"])
def test_others_cannot_edit_eric_as_circles(world, login, who):
    entry = make_entry(world.eric_a)
    client = login(getattr(world, who))
    assert client.get(reverse("maps:entry_list", args=[world.eric_a.slug])).status_code == 403
    response = client.post(reverse("maps:entry_create", args=[world.eric_a.slug]), entry_data())
    assert response.status_code == 403
    response = client.post(reverse("maps:entry_update", args=[entry.pk]), entry_data(name="Piraté"))
    assert response.status_code == 404  # another ERIC's entry answers as a missing one
    entry.refresh_from_db()
    assert entry.name == "Partenaire"
    assert TrustCircleEntry.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["team_a", "coach_a", "admin"])
def test_the_team_and_its_resource_person_add_entries(world, login, who, monkeypatch):
    announced = []
    monkeypatch.setattr(
        services, "announce", lambda kind, **kwargs: announced.append({"kind": kind, **kwargs})
    )
    client = login(getattr(world, who))
    response = client.post(reverse("maps:entry_create", args=[world.eric_a.slug]), entry_data())
    assert response.status_code == 302
    entry = TrustCircleEntry.objects.get()
    assert entry.eric == world.eric_a and entry.name == "Association du quartier"
    assert announced == [
        {
            "kind": "trust_circle_entry",
            "pk": entry.pk,
            "programme_id": world.programme.pk,
            "eric_id": world.eric_a.pk,
        }
    ]
    page = client.get(reverse("maps:entry_list", args=[world.eric_a.slug]))
    assert "Association du quartier" in html.unescape(page.content.decode())


@pytest.mark.django_db
def test_a_point_outside_france_needs_a_confirmation(world, login):
    client = login(world.team_a)
    url = reverse("maps:entry_create", args=[world.eric_a.slug])
    # Latitude and longitude swapped: a point in the Indian Ocean.
    response = client.post(url, entry_data(latitude="5.377000", longitude="43.294700"))
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "hors de France métropolitaine et de Corse" in page
    assert "ne sont-elles pas inversées" in page
    assert 'value="Association du quartier"' in page  # nothing lost
    assert not TrustCircleEntry.objects.exists()

    response = client.post(
        url,
        entry_data(
            name="MoviLab Bruxelles",
            latitude="50.850300",
            longitude="4.351700",
            confirm_outside_france="on",
        ),
    )
    assert response.status_code == 302
    assert TrustCircleEntry.objects.get().name == "MoviLab Bruxelles"


@pytest.mark.django_db
def test_corsica_is_in_france(world, login):
    client = login(world.team_a)
    response = client.post(
        reverse("maps:entry_create", args=[world.eric_a.slug]),
        entry_data(name="Tiers-lieu d'Ajaccio", latitude="41.919200", longitude="8.738600"),
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_an_ended_relation_is_kept_in_the_history(world, login, today):
    entry = make_entry(world.eric_a, name="Ancien financeur", relation=Relation.FUNDING)
    client = login(world.team_a)
    response = client.post(
        reverse("maps:entry_update", args=[entry.pk]),
        entry_data(name="Ancien financeur", relation="funding", until="2026-11-01"),
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.until == datetime.date(2026, 11, 1)
    response = client.get(reverse("maps:entry_list", args=[world.eric_a.slug]))
    assert [e.name for e in response.context["history"]] == ["Ancien financeur"]
    assert response.context["current"] == []


@pytest.mark.django_db
def test_an_end_before_the_start_is_refused(world, login):
    client = login(world.team_a)
    response = client.post(
        reverse("maps:entry_create", args=[world.eric_a.slug]),
        entry_data(since="2026-10-01", until="2026-09-01"),
    )
    assert response.status_code == 200
    assert "La fin de la relation précède son début." in html.unescape(response.content.decode())


@pytest.mark.django_db
def test_geojson_is_rfc7946_with_current_entries_only(world, client, today):
    world.eric_a.latitude, world.eric_a.longitude = Decimal("43.294700"), Decimal("5.377000")
    world.eric_a.save(update_fields=["latitude", "longitude"])
    make_entry(
        world.eric_a, name="Arsenic PACA", latitude=Decimal("43.2965"), longitude=Decimal("5.3698")
    )
    make_entry(world.eric_a, name="Terminé", until=datetime.date(2026, 10, 1))
    make_entry(world.eric_a, name="À venir", since=datetime.date(2027, 1, 1))
    make_entry(world.eric_b, name="Chez B")

    response = client.get(reverse("opendata:eric_trust_circles_geojson", args=[world.eric_a.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    collection = json.loads(response.content)
    assert collection["type"] == "FeatureCollection"
    names = [feature["properties"]["name"] for feature in collection["features"]]
    assert names == ["ERIC A", "Arsenic PACA"]
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        longitude, latitude = feature["geometry"]["coordinates"]
        # [longitude, latitude]: Marseille is at about 5.4° E, 43.3° N.
        assert 5 < longitude < 6 and 43 < latitude < 44
        assert not {"owner", "user", "email", "created_at", "updated_at"} & set(
            feature["properties"]
        )
    arsenic = collection["features"][1]
    assert arsenic["properties"]["circle"] == "core"
    assert arsenic["properties"]["since"] == "2026-09-01"


@pytest.mark.django_db
def test_geojson_of_all_erics(world, client):
    world.eric_b.latitude, world.eric_b.longitude = Decimal("43.710200"), Decimal("7.262000")
    world.eric_b.save(update_fields=["latitude", "longitude"])
    collection = json.loads(client.get(reverse("opendata:erics_geojson")).content)
    assert collection["type"] == "FeatureCollection"
    assert [f["properties"]["name"] for f in collection["features"]] == ["ERIC B"]
    assert collection["features"][0]["geometry"]["coordinates"] == [7.262, 43.7102]


@pytest.mark.django_db
def test_unknown_eric_is_a_404(world, client):
    url = reverse("opendata:eric_trust_circles_geojson", args=["inconnu"])
    assert client.get(url).status_code == 404
    partner_url = reverse("opendata:eric_trust_circles_geojson", args=[world.partner_org.slug])
    assert client.get(partner_url).status_code == 404


@pytest.mark.django_db
def test_current_means_started_and_not_ended(world):
    on = timezone.localdate()
    started = make_entry(world.eric_a, since=on)
    make_entry(world.eric_a, since=on - datetime.timedelta(days=30), until=on)
    assert list(TrustCircleEntry.objects.current(on)) == [started]


@pytest.mark.django_db
def test_the_circles_growth_is_counted_from_the_history(world, client, today):
    from maps.selectors import trust_circle_growth

    make_entry(world.eric_a, name="Cœur", circle=Circle.CORE, since=datetime.date(2026, 9, 1))
    make_entry(world.eric_a, name="Proche", circle=Circle.CLOSE, since=datetime.date(2026, 10, 5))
    make_entry(
        world.eric_a,
        name="Parti",
        circle=Circle.EXTENDED,
        since=datetime.date(2026, 9, 10),
        until=datetime.date(2026, 10, 15),
    )
    make_entry(world.eric_b, name="Chez B")
    since_october = trust_circle_growth(
        world.eric_a, today=today, months=3, since=datetime.date(2026, 10, 1)
    )
    assert [row["month"] for row in since_october] == [
        datetime.date(2026, 10, 31),
        datetime.date(2026, 11, 30),
    ]
    assert trust_circle_growth(world.eric_a, today=today, since=datetime.date(2027, 1, 1)) == []
    rows = trust_circle_growth(world.eric_a, today=today, months=3)
    assert [(row["month"], row["core"], row["close"], row["extended"]) for row in rows] == [
        (datetime.date(2026, 9, 30), 1, 0, 1),
        (datetime.date(2026, 10, 31), 1, 1, 0),
        (datetime.date(2026, 11, 30), 1, 1, 0),
    ]
    # The GeoJSON of a past date draws the circles as they were.
    url = reverse("opendata:eric_trust_circles_geojson", args=[world.eric_a.slug])
    names = [
        f["properties"]["name"]
        for f in json.loads(client.get(url, {"date": "2026-09-30"}).content)["features"]
    ]
    assert names == ["Cœur", "Parti"]
    response = client.get(url, {"date": "septembre"})
    assert response.status_code == 400
    assert "AAAA-MM-JJ" in response.json()["error"]


@pytest.mark.django_db
def test_the_team_and_its_coach_change_entries_no_one_else(world):
    from maps.perms import can_change_trust_circle_entry

    entry = make_entry(world.eric_a)
    assert can_change_trust_circle_entry(world.team_a, entry)
    assert can_change_trust_circle_entry(world.coach_a, entry)
    assert not can_change_trust_circle_entry(world.team_b, entry)
    assert not can_change_trust_circle_entry(world.coach_b, entry)


@pytest.mark.django_db
def test_changes_are_kept_in_the_audit_log(world):
    from auditlog.models import LogEntry

    entry = services.trust_circle_entry_create(
        by=world.team_a,
        eric=world.eric_a,
        name="Fablab du port",
        circle=Circle.EXTENDED,
        relation=Relation.SUPPLIER,
        since=datetime.date(2026, 10, 1),
        latitude=Decimal("43.3"),
        longitude=Decimal("5.36"),
    )
    services.trust_circle_entry_update(
        by=world.team_a, entry=entry, until=datetime.date(2026, 11, 1)
    )
    assert LogEntry.objects.get_for_object(entry).count() == 2
    with pytest.raises(PermissionDenied):
        services.trust_circle_entry_update(by=world.team_b, entry=entry, name="Piraté")
