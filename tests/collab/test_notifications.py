"""Notifications: the bell's rows for members only, the settings, the e-mail of each
message (a real SMTP server), the daily digest (once a day, only what one may see)."""

import datetime
from email.utils import parseaddr

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from collab.enums import SpaceKind
from collab.inbound import read_reply_address
from collab.models import DigestDelivery, Notification, Space
from collab.notifications import notify, send_daily_digests, send_emails, set_preference
from collab.threads import thread_create
from collab.threads_models import DeliveryMode, NotificationKind
from core.schedule import periodic_jobs
from tests.newsletter.smtp import SMTPServer

from .factories import make_page

pytestmark = pytest.mark.django_db


def emails(world):
    for user in (world.team_a, world.team_b, world.coach_a, world.coach_b, world.region):
        user.email = "%s@example.org" % user.username
        user.save(update_fields=["email"])


def test_a_message_notifies_the_members_of_its_space_only(
    collab, django_capture_on_commit_callbacks
):
    world = collab.world
    with django_capture_on_commit_callbacks(execute=True):
        thread_create(
            by=world.team_a, space=collab.space_a, title="Atelier", body="Bonjour @coach_a"
        )
    notified = dict(Notification.objects.values_list("user__username", "kind"))
    assert notified["coach_a"] == NotificationKind.MENTION
    assert notified["region_officer"] == NotificationKind.MESSAGE
    assert "team_a" not in notified  # never the author
    for outsider in ("team_b", "coach_b", "outsider", "partner"):
        assert outsider not in notified


def test_notify_never_reaches_a_non_member_even_when_named(collab):
    world = collab.world
    notify(
        space=collab.space_a,
        kind=NotificationKind.WIKI,
        text="x",
        url="/",
        user_ids=[world.team_b.pk, world.coach_a.pk],
    )
    assert list(Notification.objects.values_list("user", flat=True)) == [world.coach_a.pk]


def test_a_wiki_save_notifies_through_the_same_service(collab):
    world = collab.world
    make_page(collab.space_a, world.team_a, title="Charte", revisions=2)
    texts = set(Notification.objects.filter(user=world.coach_a).values_list("text", flat=True))
    who = world.team_a.get_full_name() or "team_a"
    assert texts == {"%s a créé la page « Charte »" % who, "%s a modifié la page « Charte »" % who}
    assert not Notification.objects.filter(user=world.team_b).exists()


def test_the_list_shows_and_marks_read_and_the_count_follows(collab, login):
    world = collab.world
    make_page(collab.space_a, world.team_a, title="Charte")
    client = login(world.coach_a)
    assert client.get(reverse("collab:notification_count")).json() == {"count": 1}
    page = client.get(reverse("collab:notification_list"))
    assert "a créé la page « Charte »" in page.content.decode()
    assert client.get(reverse("collab:notification_count")).json() == {"count": 0}
    # someone else's notifications are not in one's list
    assert (
        "Charte"
        not in login(world.team_b).get(reverse("collab:notification_list")).content.decode()
    )


def test_opening_the_page_a_notification_points_to_reads_it(
    collab, login, django_capture_on_commit_callbacks
):
    """The thread, wiki page or document one opens is no longer counted by the bell:
    only one's own notifications of that page; the others stay unread."""
    from .documents_factories import make_document

    world = collab.world
    thread = thread_create(by=world.team_a, space=collab.space_a, title="Atelier", body="Hé")
    other = thread_create(by=world.team_a, space=collab.space_a, title="Autre", body="Ho")
    page = make_page(collab.space_a, world.team_a, title="Charte")
    with django_capture_on_commit_callbacks(execute=True):  # announced once committed
        document = make_document(collab.space_a, world.team_a)
    client = login(world.coach_a)
    count = reverse("collab:notification_count")
    assert client.get(count).json() == {"count": 4}

    # a message's notification points to an anchor of its thread
    assert Notification.objects.filter(user=world.coach_a, url__contains="#message-").exists()
    client.get(reverse("collab:thread_detail", args=[collab.space_a.slug, thread.pk]))
    assert client.get(count).json() == {"count": 3}
    unread = Notification.objects.filter(user=world.coach_a, read_at__isnull=True)
    assert unread.filter(message__thread=other).exists()  # the other thread is not read
    client.get(reverse("collab:wiki_page", args=[collab.space_a.slug, page.slug]))
    client.get(reverse("collab:document", args=[collab.space_a.slug, document.pk]))
    assert client.get(count).json() == {"count": 1}
    # the Region officer, notified of the same thread, has not read it
    assert Notification.objects.filter(
        user=world.region, message__thread=thread, read_at__isnull=True
    ).exists()


def test_settings_per_space_or_global(collab, login):
    world = collab.world
    client = login(world.team_a)
    page = client.get(reverse("collab:notification_settings"))
    assert collab.space_a.title in page.content.decode()
    assert collab.space_b.title not in page.content.decode()
    answer = client.post(
        reverse("collab:notification_settings"),
        {"global": "nothing", "space_%d" % collab.space_a.pk: "each"},
    )
    assert answer.status_code == 302
    from collab.notifications import modes_for

    assert modes_for([world.team_a.pk], collab.space_a.pk) == {world.team_a.pk: "each"}
    assert modes_for([world.team_a.pk], collab.programme_space.pk) == {world.team_a.pk: "nothing"}
    # a choice that is not one, or a space one is not in, changes nothing
    answer = client.post(
        reverse("collab:notification_settings"),
        {"global": "toujours", "space_%d" % collab.space_b.pk: "each"},
    )
    assert answer.status_code == 400
    assert "Sélectionnez un choix valide" in answer.content.decode()
    assert not world.team_a.collab_preferences.filter(space=collab.space_b).exists()


def test_each_message_by_email_with_a_signed_reply_address(
    collab, django_capture_on_commit_callbacks
):
    world = collab.world
    emails(world)
    set_preference(world.coach_a, None, DeliveryMode.EACH)
    set_preference(world.region, collab.space_a, DeliveryMode.EACH)
    set_preference(world.team_b, None, DeliveryMode.EACH)  # not in ERIC A's space
    with SMTPServer() as server, override_settings(**server.settings()):
        with django_capture_on_commit_callbacks(execute=True):
            thread = thread_create(
                by=world.team_a, space=collab.space_a, title="Atelier", body="Qui vient ?"
            )
        # the task worker (immediate backend in tests) has sent them
        received = {message["To"]: message for message in server.sink.messages}
    assert set(received) == {"coach_a@example.org", "region_officer@example.org"}
    mail = received["coach_a@example.org"]
    assert mail["Subject"] == "[%s] Atelier" % collab.space_a.title
    assert "Qui vient ?" in mail.get_content()
    reply_to = parseaddr(mail["Reply-To"])[1]
    assert read_reply_address(reply_to) == (thread.pk, world.coach_a.pk)
    assert parseaddr(received["region_officer@example.org"]["Reply-To"])[1] != reply_to
    # sent once: a second run of the task sends nothing
    ids = list(Notification.objects.values_list("pk", flat=True))
    assert send_emails(ids) == 0


def test_a_member_who_left_gets_no_more_emails(collab):
    world = collab.world
    emails(world)
    set_preference(world.team_a, None, DeliveryMode.EACH)
    notification = Notification.objects.create(
        user=world.team_a, space=collab.space_b, kind="message", text="x", url="/"
    )
    with SMTPServer() as server, override_settings(**server.settings()):
        assert send_emails([notification.pk]) == 0
        assert server.sink.messages == []


def _at(hour):
    local = timezone.localtime()
    return timezone.make_aware(datetime.datetime.combine(local.date(), datetime.time(hour)))


def test_the_daily_digest_is_sent_once_a_day_with_only_what_one_may_see(collab):
    world = collab.world
    emails(world)
    now = _at(7)
    # team_b (coste's place in this world) saw ERIC A's space once: nothing of it now
    Notification.objects.create(
        user=world.team_b, space=collab.space_a, kind="message", text="Secret de A", url="/a"
    )
    Notification.objects.create(
        user=world.team_b,
        space=collab.space_b,
        kind="message",
        text="Nouvelles de B",
        url="/b",
    )
    Notification.objects.create(
        user=world.team_b,
        space=collab.programme_space,
        kind="wiki",
        text="Page du programme",
        url="/p",
    )
    Notification.objects.filter(user=world.team_b).update(
        created_at=now - datetime.timedelta(hours=2)
    )
    old = Notification.objects.create(
        user=world.team_b, space=collab.space_b, kind="message", text="Il y a deux jours", url="/o"
    )
    Notification.objects.filter(pk=old.pk).update(created_at=now - datetime.timedelta(days=2))
    set_preference(world.team_b, collab.programme_space, DeliveryMode.NOTHING)
    with SMTPServer() as server, override_settings(**server.settings()):
        assert send_daily_digests(now) == 1
        assert send_daily_digests(now + datetime.timedelta(hours=3)) == 0  # same day
        messages = list(server.sink.messages)
    assert len(messages) == 1
    body = messages[0].get_content()
    assert messages[0]["To"] == "team_b@example.org"
    assert "Nouvelles de B" in body
    assert "Secret de A" not in body and collab.space_a.title not in body
    assert "Page du programme" not in body  # « rien » for that space
    assert "Il y a deux jours" not in body
    assert DigestDelivery.objects.get().items == 1


def test_a_digest_that_fails_to_send_is_tried_again(collab):
    world = collab.world
    emails(world)
    now = _at(8)
    Notification.objects.create(
        user=world.team_a, space=collab.space_a, kind="message", text="Un message", url="/a"
    )
    with SMTPServer() as server, override_settings(**server.settings()):
        server.sink.refuse["team_a@example.org"] = ["451 4.3.0 try later"]
        assert send_daily_digests(now) == 0
        assert not DigestDelivery.objects.exists()
        assert send_daily_digests(now) == 1
        assert len(server.sink.messages) == 1


def test_the_digest_is_on_the_platform_clock():
    jobs = {job.name: job for job in periodic_jobs()}
    assert jobs["collab.send_daily_digest"].daily_at == datetime.time(7, 30)


def test_costes_digest_never_shows_made_in_la_boates_space(demo):
    """With the demo: coste chose the digest everywhere; things happen in the programme's
    space and in Made in la Boate's own space (a notification row for coste there, as
    if they had once been invited: it must still not be sent)."""
    from collab.threads import post_message

    coste, boate = demo["coste"], demo["boate"]
    set_preference(coste, None, DeliveryMode.DIGEST)
    programme_space = Space.objects.get(kind=SpaceKind.PROGRAMME)
    boate_space = Space.objects.get(accompaniment__eric__slug="made-in-la-boate")
    now = timezone.now()
    thread = programme_space.threads.first()
    post_message(by=boate, thread=thread, body="Relue : deux coquilles corrigées.")
    post_message(
        by=boate,
        thread=boate_space.threads.first(),
        body="Notre budget confidentiel du questionnaire.",
    )
    Notification.objects.create(
        user=coste, space=boate_space, kind="message", text="Budget de la Boate", url="/x"
    )
    with SMTPServer() as server, override_settings(**server.settings()):
        send_daily_digests(now + datetime.timedelta(minutes=1))
        mails = {message["To"]: message.get_content() for message in server.sink.messages}
    digest = mails[coste.email]
    assert "Relecture de la charte du wiki" in digest
    assert boate_space.title not in digest
    assert "Budget" not in digest and "questionnaire" not in digest.lower()
