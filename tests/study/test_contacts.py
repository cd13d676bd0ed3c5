"""« Être recontacté·e »: a visitor's optional address, sent by the kiosk with the
entries but stored apart from them (no link, only the day), seen, exported and erased
by those who run the event only, erased by the retention task."""

import datetime
import json
import uuid

from django.urls import reverse
from django.utils import timezone

from study.export import export_rows
from study.models import ContactRequest, VisitorEntry
from study.retention import apply_retention_now, erase_expired_contacts
from tests.study.conftest import entry


def contact(**overrides):
    data = {
        "id": str(uuid.uuid4()),
        "type": "contact",
        "consent": True,
        "day": timezone.localdate().isoformat(),
        "email": "camille@example.org",
        "first_name": " Camille ",
    }
    data.update(overrides)
    return data


def post(client, token, entries=(), contacts=()):
    return client.post(
        reverse("kiosk:entries"),
        data=json.dumps({"entries": list(entries), "contacts": list(contacts)}),
        content_type="application/json",
        headers={"Authorization": "Bearer " + token},
    )


def test_a_request_is_stored_apart_from_the_answers_and_once(client, kiosk):
    _kiosk, token = kiosk
    answers, request = entry(), contact()
    body = post(client, token, [answers], [request]).json()
    assert [r["status"] for r in body["results"]] == ["stored"]
    assert body["contacts"] == [{"id": request["id"], "status": "stored"}]
    again = post(client, token, [answers], [request]).json()
    assert again["contacts"][0]["status"] == "duplicate"
    assert again["results"][0]["status"] == "duplicate"
    stored = ContactRequest.objects.get()
    assert (stored.email, stored.first_name, stored.day) == (
        "camille@example.org",
        "Camille",
        timezone.localdate(),
    )
    assert stored.consent_text.startswith("En laissant votre adresse")
    # nothing ties the request to the answers: no field points to an entry or a kiosk,
    # no moment beyond the day, an id made on the device
    related = {f.related_model for f in ContactRequest._meta.concrete_fields if f.is_relation}
    assert related == {type(stored.event)}
    assert {f.get_internal_type() for f in ContactRequest._meta.concrete_fields} & {
        "DateTimeField",
        "AutoField",
        "BigAutoField",
    } == set()
    assert str(stored.pk) == request["id"]
    # and the anonymised export never carries the address
    rows = list(export_rows(VisitorEntry.objects.get().event.study))
    assert "camille@example.org" not in repr(rows)


def test_a_batch_of_requests_alone_is_accepted(client, kiosk):
    _kiosk, token = kiosk
    response = post(client, token, contacts=[contact()])
    assert response.status_code == 200
    assert response.json() == {"results": [], "contacts": [response.json()["contacts"][0]]}
    assert ContactRequest.objects.count() == 1


def test_bad_requests_are_refused_one_by_one_in_french(client, kiosk, fete):
    _kiosk, token = kiosk
    event, _users = fete
    good = contact(email="dominique@example.fr")
    body = post(
        client,
        token,
        [entry()],
        [
            contact(email="pas-une-adresse"),
            contact(consent=False),
            contact(day=(event.end_date + datetime.timedelta(days=1)).isoformat()),
            contact(day="2013-04-28"),
            contact(email=["a@b.fr"]),
            contact(first_name="x" * 81),
            "not an object",
            good,
        ],
    ).json()
    statuses = [r["status"] for r in body["contacts"]]
    assert statuses == ["invalid"] * 7 + ["stored"]
    assert "Adresse électronique invalide" in body["contacts"][0]["errors"]["email"][0]
    assert "accord" in body["contacts"][1]["errors"]["consent"][0]
    assert "Jour impossible" in body["contacts"][2]["errors"]["day"][0]
    assert "Jour impossible" in body["contacts"][3]["errors"]["day"][0]
    assert "Réponse illisible" in body["contacts"][4]["errors"]["email"][0]
    assert body["results"][0]["status"] == "stored"  # the answers are not held back
    assert list(ContactRequest.objects.values_list("email", flat=True)) == ["dominique@example.fr"]


def test_a_contacts_list_that_is_no_list_is_a_french_400(client, kiosk):
    _kiosk, token = kiosk
    response = client.post(
        reverse("kiosk:entries"),
        data=json.dumps({"entries": [entry()], "contacts": "camille@example.org"}),
        content_type="application/json",
        headers={"Authorization": "Bearer " + token},
    )
    assert response.status_code == 400 and "aucune réponse" in response.json()["error"]
    assert not VisitorEntry.objects.exists()


def test_the_kiosk_is_given_the_consent_text(client, kiosk, fete):
    _kiosk, token = kiosk
    event, _users = fete
    body = client.get(
        reverse("kiosk:configuration"), headers={"Authorization": "Bearer " + token}
    ).json()
    assert body["contact"]["partner"] == event.study.partner.name
    assert event.study.partner.name in body["contact"]["consent_text"]
    assert "jours après votre visite" in body["contact"]["consent_text"]
    page = client.get(reverse("kiosk:shell")).content.decode()
    assert "souhaitez-vous être recontacté·e" in page


def stored_request(kiosk, **overrides):
    from study import services

    kiosk_row, _token = kiosk
    results = services.contacts_store(kiosk=kiosk_row, contacts=[contact(**overrides)])
    assert results[0]["status"] == "stored", results
    return ContactRequest.objects.get(pk=results[0]["id"])


def test_the_event_team_lists_exports_and_erases_requests(client, kiosk, fete):
    event, users = fete
    request = stored_request(kiosk)
    other = stored_request(kiosk, email="alex@example.org", first_name="")
    for name in ("mouans", "skema", "region"):
        client.force_login(users[name])
        page = client.get(reverse("study:contact_list", args=[event.pk]))
        assert page.status_code == 200, name
        assert "camille@example.org" in page.content.decode()
        csv = client.get(reverse("study:contact_export", args=[event.pk]))
        text = csv.content.decode("utf-8-sig")
        assert csv.status_code == 200 and "Adresse électronique" in text
        assert "camille@example.org" in text and "alex@example.org" in text
    client.force_login(users["mouans"])
    detail = client.get(reverse("study:event_detail", args=[event.pk])).content.decode()
    assert "2 visiteurs demandent à être recontactés" in detail
    response = client.post(reverse("study:contact_delete", args=[request.pk]))
    assert response.status_code == 302
    assert list(ContactRequest.objects.values_list("pk", flat=True)) == [other.pk]


def test_another_eric_never_reaches_the_requests(client, kiosk, fete):
    event, users = fete
    request = stored_request(kiosk)
    for name in ("coste", "boate", "editor"):
        client.force_login(users[name])
        assert client.get(reverse("study:contact_list", args=[event.pk])).status_code == 404
        assert client.get(reverse("study:contact_export", args=[event.pk])).status_code == 404
        response = client.post(reverse("study:contact_delete", args=[request.pk]))
        assert response.status_code == 404, name
    assert ContactRequest.objects.filter(pk=request.pk).exists()
    client.logout()
    response = client.get(reverse("study:contact_list", args=[event.pk]))
    assert response.status_code == 302 and "/connexion/" in response["Location"]
    # an unknown id is a 404 too, not a 500
    client.force_login(users["mouans"])
    assert client.post(reverse("study:contact_delete", args=[uuid.uuid4()])).status_code == 404


def test_the_retention_task_erases_requests_with_the_raw_answers(kiosk, fete, settings):
    event, _users = fete
    stored_request(kiosk)
    settings.STUDY_RETENTION_DAYS = 30
    assert erase_expired_contacts() == 0
    later = timezone.now() + datetime.timedelta(days=31)
    apply_retention_now(now=later)
    assert erase_expired_contacts(now=later) == 1
    assert not ContactRequest.objects.exists()


def test_the_scheduled_job_erases_them(kiosk, fete, settings):
    from study.tasks import apply_retention

    stored_request(kiosk)
    settings.STUDY_RETENTION_DAYS = 0
    # a cutoff at this very moment: yesterday's requests go, today's stay
    ContactRequest.objects.update(day=timezone.localdate() - datetime.timedelta(days=1))
    result = apply_retention.call()
    assert result["contacts"] == 1
    assert not ContactRequest.objects.exists()


def test_a_persons_export_and_erasure_include_their_contact_requests(kiosk, fete):
    """The RGPD pages (progress.personal_data) find a visitor's address: exported with
    what else is kept under it, erased with it, and nobody else's request touched."""
    from progress.personal_data import erase_by_email, held_by_email
    from progress.personal_data_export import sections_for_email

    event, users = fete
    stored_request(kiosk, email="Camille@Example.org")
    other = stored_request(kiosk, email="alex@example.org", first_name="")
    sections = sections_for_email("camille@example.org")
    (section,) = [s for s in sections if s["queryset"].model is ContactRequest]
    assert [row.email for row in section["queryset"]] == ["Camille@Example.org"]
    assert held_by_email("camille@example.org")["study_contact_requests"] == 1
    summary = erase_by_email(by=users["admin"], email="camille@example.org")
    assert summary["study_contact_requests"] == 1
    assert list(ContactRequest.objects.values_list("pk", flat=True)) == [other.pk]
