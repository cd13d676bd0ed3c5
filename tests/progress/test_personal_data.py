"""Erasure of one person (issue 18, item 11; progress.personal_data): an account is
anonymised and the programme's figures stay exactly the same; someone without an account
is erased by e-mail; only administrators reach the pages (404 for anyone else)."""

import html

import pytest
from auditlog.models import LogEntry
from axes.models import AccessAttempt, AccessLog
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from agenda.models import FeedToken
from coaching.models import CoachingSession, HotlineCall, Programme
from newsletter.enums import SubscriberStatus
from newsletter.models import Subscriber
from organisations.models import Membership
from progress.indicators.figures import eric_indicators, programme_indicators
from progress.personal_data import erase_account, erase_by_email
from tests.trainings.factories import make_training, register_external
from trainings.models import Attendance, Registration
from trainings.services import ANONYMISED_NAME


def _subscribe(email):
    return Subscriber.objects.create(
        email=email,
        status=SubscriberStatus.CONFIRMED,
        consent_source="form",
        consent_text="J'accepte de recevoir la lettre.",
        consent_ip="192.0.2.9",
        consented_at=timezone.now(),
    )


def _login_records(username):
    AccessLog.objects.create(username=username, ip_address="192.0.2.7", user_agent="Firefox")
    AccessAttempt.objects.create(
        username=username,
        ip_address="192.0.2.7",
        user_agent="Firefox",
        get_data="",
        post_data="",
        failures_since_start=1,
    )


def test_erasing_accounts_keeps_every_figure_of_the_programme(demo):
    today = timezone.localdate()
    programme = Programme.objects.get()
    coach, team = demo["coach"], demo["boate"]
    accompaniment = team.memberships.get().organisation.accompaniments.get()
    before = programme_indicators(programme, today=today)
    before_eric = eric_indicators(accompaniment, today=today)
    calls = HotlineCall.objects.filter(created_by=coach).count()
    sessions = CoachingSession.objects.filter(created_by=coach).count()
    assert calls and sessions
    for person in (coach, team):
        _subscribe(person.email)
        _login_records(person.username)
        FeedToken.objects.get_or_create(user=person)

    for person in (coach, team):
        erase_account(by=demo["admin"], person=person)

    assert programme_indicators(programme, today=today) == before
    assert eric_indicators(accompaniment, today=today) == before_eric
    # their records are still theirs, under the anonymised name
    assert HotlineCall.objects.filter(created_by=coach).count() == calls
    assert CoachingSession.objects.filter(created_by=coach).count() == sessions
    coach.refresh_from_db()
    assert coach.get_full_name() == "Personne anonymisée n° %d" % coach.pk
    assert (coach.email, coach.is_active, coach.has_usable_password()) == ("", False, False)
    assert coach.username == "anonyme-%d" % coach.pk
    # what only served them is gone
    for person in (coach, team):
        assert not Membership.objects.filter(user=person).exists()
        assert not FeedToken.objects.filter(user=person).exists()
    assert not Subscriber.objects.filter(email__in=["", demo["coach"].email]).exists()
    assert not AccessLog.objects.filter(username__in=["coach", "boate"]).exists()
    assert not AccessAttempt.objects.filter(username__in=["coach", "boate"]).exists()
    # and the audit log says who erased whom, without the erased details
    entry = LogEntry.objects.get_for_object(coach).get()
    assert entry.actor == demo["admin"]
    assert entry.additional_data["rgpd_erasure"]["newsletter_subscriptions"] == 1
    assert "coach" not in entry.object_repr


def test_an_account_s_training_registrations_keep_their_attendance(world):
    training = make_training(world, half_days=1)
    registration = Registration.objects.create(
        training=training,
        user=world.team_a,
        full_name="Équipe A",
        email="equipe-a@example.org",
        organisation=world.eric_a,
    )
    Attendance.objects.create(
        registration=registration, session=training.sessions.get(), status="present"
    )
    erase_account(by=world.admin, person=world.team_a)
    registration.refresh_from_db()
    assert registration.full_name == ANONYMISED_NAME
    assert registration.email.endswith("@invalid.example")
    assert registration.attendances.count() == 1
    assert registration.user == world.team_a


def test_someone_without_an_account_is_erased_by_email(world):
    training = make_training(world)
    registration = register_external(training, by=world.admin, email="Lea@Exemple.fr")
    other = register_external(training, by=world.admin, email="autre@exemple.fr")
    _subscribe("lea@exemple.fr")

    summary = erase_by_email(by=world.admin, email=" LEA@exemple.fr ")

    assert summary == {
        "newsletter_subscriptions": 1,
        "study_contact_requests": 0,
        "training_registrations": 1,
    }
    assert not Subscriber.objects.filter(email="lea@exemple.fr").exists()
    registration.refresh_from_db()
    other.refresh_from_db()
    assert registration.full_name == ANONYMISED_NAME
    assert "exemple" not in registration.email
    assert other.email == "autre@exemple.fr"
    entry = LogEntry.objects.filter(actor=world.admin).latest("timestamp")
    assert "lea" not in str(entry.additional_data).lower()


def test_only_an_administrator_erases(world):
    from django.core.exceptions import PermissionDenied

    for who in (world.coach_a, world.region, world.team_b):
        with pytest.raises(PermissionDenied):
            erase_account(by=who, person=world.team_a)
        with pytest.raises(PermissionDenied):
            erase_by_email(by=who, email="lea@exemple.fr")
    with pytest.raises(PermissionDenied):
        erase_account(by=world.admin, person=world.admin)
    world.team_a.refresh_from_db()
    assert world.team_a.is_active


def test_the_confirmation_page_then_the_erasure(world, client):
    client.force_login(world.admin)
    url = reverse("progress:personal_data_account", args=[world.team_a.pk])
    found = html.unescape(
        client.get(reverse("progress:personal_data_home"), {"q": "team_a"}).content.decode()
    )
    assert url in found
    page = html.unescape(client.get(url).content.decode())
    assert "Anonymiser le compte de" in page
    assert "les chiffres du programme ne changent pas" in page
    assert get_user_model().objects.get(pk=world.team_a.pk).is_active  # a GET changes nothing

    response = client.post(url)
    assert response.status_code == 302
    assert not get_user_model().objects.get(pk=world.team_a.pk).is_active
    again = html.unescape(client.get(url).content.decode())
    assert "Ce compte est déjà anonymisé." in again


def test_the_email_page_refuses_an_account_s_address(world, client):
    client.force_login(world.admin)
    world.team_a.email = "equipe@exemple.fr"
    world.team_a.save()
    _subscribe("equipe@exemple.fr")
    url = reverse("progress:personal_data_email")
    response = client.post(url, {"email": "equipe@exemple.fr"})
    assert response.status_code == 400
    assert "est celle d'un compte" in html.unescape(response.content.decode())
    assert Subscriber.objects.filter(email="equipe@exemple.fr").exists()
    bad = client.post(url, {"email": "pas une adresse"})
    assert bad.status_code == 400
    assert "Saisissez une adresse électronique valide." in html.unescape(bad.content.decode())


@pytest.mark.parametrize(
    "name, args",
    [
        ("progress:personal_data_home", lambda w: []),
        ("progress:personal_data_account", lambda w: [w.team_a.pk]),
        ("progress:personal_data_email", lambda w: []),
    ],
)
def test_anyone_but_an_administrator_gets_a_404(world, client, name, args):
    url = reverse(name, args=args(world))
    for who in (world.coach_a, world.region, world.team_a, world.team_b, world.partner):
        client.force_login(who)
        assert client.get(url).status_code == 404
        assert client.post(url, {"email": "x@exemple.fr"}).status_code == 404
    assert get_user_model().objects.get(pk=world.team_a.pk).is_active
