"""The kiosk's API: token, consent, bad input, idempotent replay."""

import datetime
import json

from django.urls import reverse
from django.utils import timezone

from study import services
from study.models import EntryChoice, Questionnaire, VisitorEntry
from tests.study.conftest import entry


def post(client, token, entries):
    return client.post(
        reverse("kiosk:entries"),
        data=json.dumps({"entries": entries}),
        content_type="application/json",
        headers={"Authorization": "Bearer " + token},
    )


def test_a_batch_sent_twice_is_stored_once(client, kiosk):
    _kiosk, token = kiosk
    batch = [entry() for _ in range(5)]
    first = post(client, token, batch)
    assert first.status_code == 200
    assert [r["status"] for r in first.json()["results"]] == ["stored"] * 5
    again = post(client, token, batch + [entry()])
    assert [r["status"] for r in again.json()["results"]] == ["duplicate"] * 5 + ["stored"]
    assert VisitorEntry.objects.count() == 6
    # two motivations and one activity each, never twice
    assert EntryChoice.objects.count() == 6 * 3


def test_the_same_entry_twice_in_one_batch_is_stored_once(client, kiosk):
    _kiosk, token = kiosk
    one = entry()
    results = post(client, token, [one, one]).json()["results"]
    assert [r["status"] for r in results] == ["stored", "duplicate"]
    assert VisitorEntry.objects.count() == 1


def test_without_consent_nothing_is_stored(client, kiosk):
    _kiosk, token = kiosk
    results = post(client, token, [entry(consent=False), entry(consent=None)]).json()["results"]
    assert [r["status"] for r in results] == ["invalid", "invalid"]
    assert "Sans consentement" in results[0]["errors"]["consent"][0]
    assert not VisitorEntry.objects.exists()


def test_impossible_answers_are_refused_one_by_one(client, kiosk):
    _kiosk, token = kiosk
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    good = entry()
    results = post(
        client,
        token,
        [
            entry(age_band="200-300"),
            entry(arrived_at=tomorrow.isoformat()),
            entry(arrived_at="2013-04-28T10:00:00+02:00"),
            entry(arrived_at="n'importe quand"),
            entry(motivations=["not-a-code"]),
            entry(id="pas-un-uuid"),
            "not an object",
            good,
        ],
    ).json()["results"]
    assert [r["status"] for r in results] == ["invalid"] * 7 + ["stored"]
    assert "impossible" in results[1]["errors"]["arrived_at"][0]
    assert "impossible" in results[2]["errors"]["arrived_at"][0]
    assert list(VisitorEntry.objects.values_list("uuid", flat=True)) == [
        __import__("uuid").UUID(good["id"])
    ]


def test_bad_batches_get_a_french_400(client, kiosk):
    _kiosk, token = kiosk
    url = reverse("kiosk:entries")
    auth = {"Authorization": "Bearer " + token}
    response = client.post(url, data="{", content_type="application/json", headers=auth)
    assert response.status_code == 400 and "JSON" in response.json()["error"]
    response = client.post(url, data="{}", content_type="application/json", headers=auth)
    assert response.status_code == 400
    response = post(client, token, [entry() for _ in range(services.MAX_BATCH + 1)])
    assert response.status_code == 413


def test_values_that_cannot_be_answers_are_refused_entry_by_entry(client, kiosk):
    """A number where text is expected, an object where a yes/no is: the entry is
    invalid with a French message, the batch's other entries are stored."""
    _kiosk, token = kiosk
    good = entry()
    odd = [
        entry(arrived_at=123),
        entry(first_visit=[1]),
        entry(would_return={}),
        entry(motivations="apprendre"),
        entry(activities=[1, 2]),
    ]
    response = post(client, token, [good, *odd])
    assert response.status_code == 200
    results = response.json()["results"]
    assert results[0]["status"] == "stored"
    for result in results[1:]:
        assert result["status"] == "invalid"
        assert any(
            "Réponse illisible" in message
            for messages in result["errors"].values()
            for message in messages
        ), result
    assert VisitorEntry.objects.count() == 1


def test_a_revoked_kiosk_is_refused_and_says_so(client, kiosk, fete):
    kiosk_row, token = kiosk
    _event, users = fete
    services.kiosk_revoke(by=users["mouans"], kiosk=kiosk_row)
    response = post(client, token, [entry()])
    assert response.status_code == 403
    assert "révoquée" in response.json()["error"]
    assert (
        client.get(
            reverse("kiosk:configuration"), headers={"Authorization": "Bearer " + token}
        ).status_code
        == 403
    )
    assert not VisitorEntry.objects.exists()
    response = post(client, "made-up-token", [entry()])
    assert response.status_code == 401 and "enrôlée" in response.json()["error"]


def test_the_token_is_kept_hashed(kiosk):
    kiosk_row, token = kiosk
    assert token not in kiosk_row.token_hash
    assert len(kiosk_row.token_hash) == 64


def test_a_questionnaire_changed_after_answers_becomes_a_new_version(client, kiosk, fete):
    event, users = fete
    _kiosk, token = kiosk
    v1 = event.questionnaire
    # before any answer, SKEMA's change edits version 1 in place
    same = services.questionnaire_save(by=users["skema"], study=event.study, notice="Avant")
    assert same.pk == v1.pk and same.version == 1
    post(client, token, [entry()])
    v1.refresh_from_db()
    assert v1.is_frozen
    v2 = services.questionnaire_save(
        by=users["skema"],
        study=event.study,
        notice="Après",
        motivations=v1.motivations + [["family", "Sortie en famille"]],
    )
    assert v2.version == 2 and v2.pk != v1.pk
    v1.refresh_from_db()
    assert v1.notice == "Avant" and len(v1.motivations) == 6
    assert VisitorEntry.objects.get().questionnaire_id == v1.pk
    # the event already answered keeps version 1
    event.refresh_from_db()
    assert event.questionnaire_id == v1.pk
    assert Questionnaire.objects.filter(study=event.study).count() == 2


def test_the_configuration_gives_the_questionnaire_and_the_retention_rule(client, kiosk):
    _kiosk, token = kiosk
    body = client.get(
        reverse("kiosk:configuration"), headers={"Authorization": "Bearer " + token}
    ).json()
    assert body["event"]["name"].startswith("Fête du Miel")
    assert "jours après votre visite" in body["questionnaire"]["retention"]
    assert ["interview", "Interview sur l'open plateau"] in body["questionnaire"]["activities"]


def test_the_kiosk_shell_and_its_service_worker(client):
    page = client.get(reverse("kiosk:shell"))
    assert page.status_code == 200 and "J'accepte et je commence" in page.content.decode()
    worker = client.get(reverse("kiosk:service_worker"))
    assert worker["Service-Worker-Allowed"] == "/kiosque/"
    assert "/static/js/kiosk.js" in worker.content.decode()


def test_a_malformed_content_length_is_a_french_400(client, kiosk):
    _kiosk, token = kiosk
    for length in ("douze", "-5", "1e3", "١٢"):
        response = client.post(
            reverse("kiosk:entries"),
            data=json.dumps({"entries": [entry()]}),
            content_type="application/json",
            headers={"Authorization": "Bearer " + token},
            CONTENT_LENGTH=length,
        )
        assert response.status_code == 400, length
        assert "Content-Length illisible" in response.json()["error"]
    assert not VisitorEntry.objects.exists()
