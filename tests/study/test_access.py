"""Who reaches the study: 404 for everyone else (coste never reaches mouans's event)."""

import pytest
from channels.testing import WebsocketCommunicator
from django.urls import reverse

from config.asgi import application
from study import services

TEAM_PAGES = ["study:event_detail", "study:live", "study:live_figures"]
SHARED = ["study:typology", "study:export"]
LED = ["study:questionnaire_edit", "study:coding"]


def reach(client, user, name, pk):
    client.force_login(user)
    return client.get(reverse(name, args=[pk])).status_code


@pytest.mark.parametrize(
    "username, team, shared, led",
    [
        ("mouans", 200, 200, 404),
        ("openscop", 200, 200, 404),  # on duty at the festival
        ("skema", 200, 200, 200),
        ("region", 200, 200, 404),
        ("coach", 200, 200, 404),
        ("admin", 200, 200, 200),
        ("coste", 404, 200, 404),  # pilot 2: the shared data only
        ("boate", 404, 200, 404),
        ("hublot", 404, 200, 404),
        ("editor", 404, 404, 404),
    ],
)
def test_each_account_reaches_what_it_may(client, fete, username, team, shared, led):
    event, users = fete
    user = users[username]
    for name in TEAM_PAGES:
        assert reach(client, user, name, event.pk) == team, name
    for name in SHARED:
        assert reach(client, user, name, event.study_id) == shared, name
    for name in LED:
        assert reach(client, user, name, event.study_id) == led, name


def test_a_later_wave_of_coste_is_closed_to_boate(client, fete):
    event, users = fete
    client.force_login(users["coste"])
    response = client.post(
        reverse("study:event_create", args=[event.study_id]),
        {
            "name": "Vague 2 au centre social",
            "place": "Centre social Jean Paul Coste",
            "start_date": event.start_date.isoformat(),
            "end_date": event.start_date.isoformat(),
            "opens_at": "14:00",
            "closes_at": "18:00",
            "spaces": ["workshop"],
        },
    )
    assert response.status_code == 302
    wave = event.study.events.get(name="Vague 2 au centre social")
    assert wave.eric.slug == "centre-social-jean-paul-coste"
    assert reach(client, users["coste"], "study:event_detail", wave.pk) == 200
    assert reach(client, users["boate"], "study:event_detail", wave.pk) == 404
    kiosk, _token = services.kiosk_enrol(by=users["mouans"], event=event, label="T")
    client.force_login(users["coste"])
    assert client.post(reverse("study:kiosk_revoke", args=[kiosk.pk])).status_code == 404
    kiosk.refresh_from_db()
    assert not kiosk.is_revoked


def test_anonymous_is_sent_to_the_login_page(client, fete):
    event, _users = fete
    response = client.get(reverse("study:live", args=[event.pk]))
    assert response.status_code == 302 and "/connexion/" in response["Location"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_the_live_socket_admits_the_team_only():
    from asgiref.sync import sync_to_async

    from demo.loader import load_demo_data
    from study.models import StudyEvent
    from tests.factories import ensure_wagtail_root

    await sync_to_async(ensure_wagtail_root)()
    users = await sync_to_async(load_demo_data)()
    event = await sync_to_async(StudyEvent.objects.get)(name__startswith="Fête du Miel")

    async def connect(user):
        communicator = WebsocketCommunicator(
            application,
            "/ws/etude/%d/" % event.pk,
            headers=[(b"origin", b"http://127.0.0.1:8000"), (b"host", b"127.0.0.1")],
        )
        communicator.scope["user"] = user
        connected, code = await communicator.connect()
        return communicator, connected, code

    coste, connected, code = await connect(users["coste"])
    assert not connected and code == 4404
    mouans, connected, _code = await connect(users["mouans"])
    assert connected
    await sync_to_async(services.push_live)(event)
    message = await mouans.receive_json_from(timeout=5)
    assert message["event"] == "entries" and message["summary"]["visitors"] == 0
    await mouans.disconnect()
