"""Sending an issue through a real SMTP server (aiosmtpd): once, restart-safe, retries,
permanent refusals, RFC 8058 headers."""

import datetime
import re
from collections import Counter

import pytest
from django.urls import reverse
from django.utils import timezone

from newsletter.enums import DeliveryState, SubscriberStatus
from newsletter.models import Delivery, Subscriber
from newsletter.services import issues, sending
from newsletter.services.sending import claim_batch, send_due_deliveries

from .conftest import make_subscribers


class WorkerKilled(KeyboardInterrupt):
    """Stands for a worker process killed: nothing after it runs, nothing is caught."""


def publish(issue, editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        issues.issue_publish(by=editor, issue=issue)


def test_publish_sends_each_confirmed_subscriber_once(
    issue, editor, smtp, django_capture_on_commit_callbacks
):
    make_subscribers(3)
    make_subscribers(1, status=SubscriberStatus.PENDING, prefix="attente")
    make_subscribers(1, status=SubscriberStatus.UNSUBSCRIBED, prefix="parti")
    publish(issue, editor, django_capture_on_commit_callbacks)

    assert sorted(smtp.recipients()) == [
        "abonne0@exemple.fr",
        "abonne1@exemple.fr",
        "abonne2@exemple.fr",
    ]
    assert set(Delivery.objects.values_list("state", flat=True)) == {DeliveryState.SENT}
    # the task runs again (the periodic run, a second worker): nobody gets it twice
    assert send_due_deliveries(issue.pk) == {}
    assert len(smtp.messages) == 3


def test_the_mail_has_rfc8058_headers_inlined_css_and_a_text_part(
    issue, editor, smtp, django_capture_on_commit_callbacks, client
):
    (subscriber,) = make_subscribers(1)
    publish(issue, editor, django_capture_on_commit_callbacks)
    (message,) = smtp.messages

    unsubscribe = message["List-Unsubscribe"].strip()
    assert re.fullmatch(r"<http://[^>]+/lettre/desinscription/[^/]+/>", unsubscribe)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "Les ERIC ouvrent leurs portes" in message["Subject"]

    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "Un repair café." in text and "<p>" not in text
    assert unsubscribe[1:-1] in text
    # CSS inlined on the elements; every link absolute
    assert re.search(r'<h2[^>]* style="[^"]*color: ?#0b5d4b', html)
    hrefs = re.findall(r'href="([^"]+)"', html)
    assert hrefs and all(h.startswith("http") for h in hrefs)
    assert unsubscribe[1:-1] in hrefs

    # RFC 8058: the mail client POSTs « List-Unsubscribe=One-Click », no login, no CSRF
    path = unsubscribe[1:-1].split("://", 1)[1].split("/", 1)[1]
    response = client.post("/" + path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED


def test_a_worker_killed_mid_send_and_restarted_sends_no_one_twice_and_loses_no_one(
    issue, editor, smtp, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.NEWSLETTER_BATCH_SIZE = 3
    make_subscribers(7)
    original = sending.send_one
    calls = Counter()

    def killed_after_four(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 5:  # the fifth row is claimed, its message not yet sent
            raise WorkerKilled
        return original(*args, **kwargs)

    monkeypatch.setattr(sending, "send_one", killed_after_four)
    with pytest.raises(WorkerKilled):
        publish(issue, editor, django_capture_on_commit_callbacks)
    assert len(smtp.messages) == 4
    states = Counter(Delivery.objects.values_list("state", flat=True))
    # batch 2 was claimed (3 rows), one of them sent: two are held by the dead run
    assert states == {DeliveryState.SENT: 4, DeliveryState.SENDING: 2, DeliveryState.QUEUED: 1}

    monkeypatch.setattr(sending, "send_one", original)
    # restarted at once: the dead run's rows are still under lease, the queued one goes
    send_due_deliveries(issue.pk)
    assert len(smtp.messages) == 5
    # once the lease is over, the rows of the dead run are taken again
    Delivery.objects.filter(state=DeliveryState.SENDING).update(
        claimed_at=timezone.now() - datetime.timedelta(hours=1)
    )
    send_due_deliveries(issue.pk)
    assert sorted(smtp.recipients()) == ["abonne%d@exemple.fr" % n for n in range(7)]
    assert Delivery.objects.filter(state=DeliveryState.SENT).count() == 7


def test_two_workers_never_claim_the_same_row(issue, editor):
    make_subscribers(5)
    issue.status = "published"
    issue.published_at = timezone.now()
    issue.save()
    sending.queue_deliveries(issue)
    first = claim_batch(issue.pk, "run-a", 3)
    second = claim_batch(issue.pk, "run-b", 3)
    assert len(first) == 3 and len(second) == 2
    assert not {d.pk for d in first} & {d.pk for d in second}
    assert claim_batch(issue.pk, "run-c", 3) == []


def test_a_temporary_failure_is_retried_after_its_delay(
    issue, editor, smtp, settings, django_capture_on_commit_callbacks
):
    settings.NEWSLETTER_RETRY_DELAYS = [600, 3600]
    make_subscribers(2)
    smtp.refuse["abonne1@exemple.fr"] = ["451 4.7.1 Greylisted, try again later"]
    publish(issue, editor, django_capture_on_commit_callbacks)
    assert smtp.recipients() == ["abonne0@exemple.fr"]
    delivery = Delivery.objects.get(subscriber__email="abonne1@exemple.fr")
    assert delivery.state == DeliveryState.TEMP_FAILED
    assert delivery.attempts == 1
    assert "451" in delivery.last_error
    assert delivery.next_attempt_at > timezone.now() + datetime.timedelta(seconds=590)

    send_due_deliveries(issue.pk)  # too early: nothing
    assert len(smtp.messages) == 1
    Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    send_due_deliveries(issue.pk)
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.SENT and delivery.attempts == 2
    assert sorted(smtp.recipients()) == ["abonne0@exemple.fr", "abonne1@exemple.fr"]


def test_temporary_failures_give_up_after_the_last_delay(
    issue, editor, smtp, settings, django_capture_on_commit_callbacks
):
    settings.NEWSLETTER_RETRY_DELAYS = [0, 0]
    make_subscribers(1)
    smtp.refuse["abonne0@exemple.fr"] = ["452 4.2.2 Mailbox full"] * 3
    publish(issue, editor, django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get()
    assert delivery.state == DeliveryState.BOUNCED
    assert delivery.attempts == 3
    assert "Abandon après 3 essais" in delivery.last_error
    assert smtp.messages == []


def test_a_permanent_refusal_is_set_aside_and_shown_to_the_editor(
    issue, editor, smtp, login, django_capture_on_commit_callbacks
):
    make_subscribers(2)
    smtp.refuse["abonne0@exemple.fr"] = ["550 5.1.1 Unknown user"]
    publish(issue, editor, django_capture_on_commit_callbacks)
    assert smtp.recipients() == ["abonne1@exemple.fr"]
    delivery = Delivery.objects.get(subscriber__email="abonne0@exemple.fr")
    assert delivery.state == DeliveryState.BOUNCED and delivery.attempts == 1
    assert Subscriber.objects.get(email="abonne0@exemple.fr").status == SubscriberStatus.BOUNCED

    page = login(editor).get(reverse("newsletter:issue_detail", args=[issue.pk]))
    html = page.content.decode()
    assert "Adresses refusées, mises de côté" in html
    assert "abonne0@exemple.fr" in html and "550 5.1.1 Unknown user" in html
    assert "abonne1@exemple.fr" not in html
    # a refused address is not queued again
    assert sending.queue_deliveries(issue) == 2
    assert Delivery.objects.get(subscriber__email="abonne0@exemple.fr").state == "bounced"


def test_an_address_unsubscribed_after_queueing_is_skipped(
    issue, editor, smtp, settings, django_capture_on_commit_callbacks
):
    make_subscribers(2)
    issue.status, issue.published_at = "published", timezone.now()
    issue.save()
    sending.queue_deliveries(issue)
    Subscriber.objects.filter(email="abonne0@exemple.fr").update(
        status=SubscriberStatus.UNSUBSCRIBED
    )
    assert send_due_deliveries(issue.pk) == {DeliveryState.SENT: 1, DeliveryState.SKIPPED: 1}
    assert smtp.recipients() == ["abonne1@exemple.fr"]


def test_a_dropped_connection_is_a_temporary_failure(issue, editor, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    settings.EMAIL_TIMEOUT = 2
    make_subscribers(1)
    issue.status, issue.published_at = "published", timezone.now()
    issue.save()
    sending.queue_deliveries(issue)
    assert send_due_deliveries(issue.pk) == {DeliveryState.TEMP_FAILED: 1}
    assert "ConnectionRefusedError" in Delivery.objects.get().last_error
