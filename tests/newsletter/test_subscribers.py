"""Double opt-in, one-click unsubscribe, links tampered with, expired or reused, and the
import of contacts; mails through a real SMTP server."""

import re
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from newsletter.enums import ConsentSource, SubscriberStatus
from newsletter.models import Subscriber
from newsletter.services.subscribers import CONSENT_TEXT, unsubscribe_token

from .conftest import make_subscribers

SUBSCRIBE = "/lettre/inscription/"


@pytest.fixture
def subscribe(client, django_capture_on_commit_callbacks):
    """Post the public form and run what waits for the commit (the confirmation mail)."""

    def post(data, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(SUBSCRIBE, data, **extra)

    return post


def _without_csrf(content: bytes) -> bytes:
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", content)


def _link(message, kind):
    text = message.get_body(preferencelist=("plain",)).get_content()
    return re.search(r"http://[^\s]+/lettre/%s/[^\s/]+/" % kind, text).group(0)


def _path(url):
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def test_double_opt_in(db, client, subscribe, smtp):
    response = subscribe({"email": "Lea@Exemple.fr ", "consent": "on"}, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 302
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "lea@exemple.fr"
    assert subscriber.status == SubscriberStatus.PENDING
    assert subscriber.consent_text == str(CONSENT_TEXT)
    assert subscriber.consent_ip == "203.0.113.9"
    assert subscriber.consent_source == ConsentSource.FORM
    assert subscriber.consented_at is not None

    assert [m["To"] for m in smtp.messages] == ["lea@exemple.fr"], smtp.messages
    message = smtp.messages[0]
    path = _path(_link(message, "confirmation"))
    # a GET (a mail scanner following links) confirms nothing
    page = client.get(path)
    assert "Je confirme mon inscription" in page.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.PENDING
    # the button does
    assert "Inscription confirmée" in client.post(path).content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED
    assert subscriber.confirmed_at is not None
    # the same link again: spent
    again = client.post(path)
    assert again.status_code == 400
    assert "déjà servi" in again.content.decode()


def test_the_form_answers_the_same_for_a_confirmed_address(db, client, subscribe, smtp):
    make_subscribers(1)
    known = subscribe({"email": "abonne0@exemple.fr", "consent": "on"})
    new = subscribe({"email": "nouvelle@exemple.fr", "consent": "on"})
    assert (known.status_code, known["Location"]) == (new.status_code, new["Location"])
    assert _without_csrf(client.get(known["Location"]).content) == _without_csrf(
        client.get(new["Location"]).content
    )
    # the confirmed address is told it is subscribed already; its state does not change
    notice = next(m for m in smtp.messages if m["To"] == "abonne0@exemple.fr")
    assert "déjà" in notice["Subject"]
    assert Subscriber.objects.get(email="abonne0@exemple.fr").status == SubscriberStatus.CONFIRMED


def test_the_form_refuses_without_consent_or_with_a_bad_address(db, client, subscribe):
    response = subscribe({"email": "pas-une-adresse"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Saisissez une adresse électronique complète." in html
    assert "Cochez la case" in html
    assert not Subscriber.objects.exists()


def test_tampered_and_expired_confirmation_links(db, client, subscribe, smtp, monkeypatch):
    subscribe({"email": "lea@exemple.fr", "consent": "on"})
    path = _path(_link(smtp.messages[0], "confirmation"))
    token = path.rstrip("/").rsplit("/", 1)[1]
    tampered = path.replace(token, token[:-3] + ("AAA" if token[-3:] != "AAA" else "BBB"))
    response = client.post(tampered)
    assert response.status_code == 400
    assert "n&#x27;est pas valide" in response.content.decode()
    assert client.get("/lettre/confirmation/n-importe-quoi/").status_code == 400

    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + 4 * 24 * 3600)
    expired = client.post(path)
    assert expired.status_code == 400
    assert "a expiré" in expired.content.decode()
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING


def test_a_new_request_voids_the_previous_link(db, client, subscribe, smtp):
    subscribe({"email": "lea@exemple.fr", "consent": "on"})
    subscribe({"email": "lea@exemple.fr", "consent": "on"})
    first, second = (_path(_link(m, "confirmation")) for m in smtp.messages)
    assert client.post(first).status_code == 400
    assert client.post(second).status_code == 200


def test_one_click_unsubscribe_without_login_or_csrf(db, smtp):
    (subscriber,) = make_subscribers(1)
    client = Client(enforce_csrf_checks=True)
    url = reverse("newsletter_public:unsubscribe", args=[unsubscribe_token(subscriber)])
    page = client.get(url)
    assert page.status_code == 200 and "Me désabonner" in page.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED  # a GET changes nothing

    done = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200
    assert "vous ne recevrez plus" in done.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED
    assert subscriber.unsubscribed_at is not None
    # reused: says so, harmlessly
    assert "déjà désabonnée" in client.post(url).content.decode()
    # tampered: refused, nothing about anyone revealed
    bad = client.post(url.replace("/desinscription/", "/desinscription/x"))
    assert bad.status_code == 400
    assert "abonne0" not in bad.content.decode()


def test_a_subscriber_who_subscribes_again_voids_old_unsubscribe_links(db, client, subscribe, smtp):
    (subscriber,) = make_subscribers(1, status=SubscriberStatus.UNSUBSCRIBED)
    old = reverse("newsletter_public:unsubscribe", args=[unsubscribe_token(subscriber)])
    subscribe({"email": subscriber.email, "consent": "on"})
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.PENDING
    assert client.post(old).status_code == 400


def test_import_reports_rejected_lines_and_never_resubscribes(world, login, editor):
    make_subscribers(1, status=SubscriberStatus.UNSUBSCRIBED, prefix="parti")
    make_subscribers(1, prefix="deja")
    content = (
        "nom;email\n"
        "Léa;lea@exemple.fr\n"
        "Karim;pas-une-adresse\n"
        "Léa bis;LEA@exemple.fr\n"
        "Parti;parti0@exemple.fr\n"
        "Déjà;deja0@exemple.fr\n"
        "\n"
        "Marc;marc@exemple.fr\n"
    ).encode()
    response = login(editor).post(
        reverse("newsletter:subscriber_import"),
        {
            "file": SimpleUploadedFile("contacts.csv", content, content_type="text/csv"),
            "consent_text": "Feuille de présence de la fête des ERIC, juin 2026",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "2 adresses abonnées." in html and "4 lignes écartées." in html
    assert "adresse mal formée" in html
    assert "en double (ligne 2)" in html
    assert "un import ne réinscrit jamais" in html
    assert "déjà abonné·e" in html
    assert Subscriber.objects.get(email="parti0@exemple.fr").status == (
        SubscriberStatus.UNSUBSCRIBED
    )
    imported = Subscriber.objects.get(email="marc@exemple.fr")
    assert imported.status == SubscriberStatus.CONFIRMED
    assert imported.consent_source == ConsentSource.IMPORT
    assert imported.consent_text.startswith("Feuille de présence")


def test_import_is_for_editors_only_and_refuses_a_binary_file(world, login, editor):
    url = reverse("newsletter:subscriber_import")
    assert login(world.team_a).get(url).status_code == 404
    response = login(editor).post(
        url,
        {
            "file": SimpleUploadedFile("x.csv", b"\x00\x01\x02", content_type="text/csv"),
            "consent_text": "x",
        },
    )
    assert response.status_code == 400
    assert "pas un CSV" in response.content.decode()
