"""Erasure of one person (RGPD art. 17), keeping the programme's figures true.

The platform's figures are counts of records (calls, sessions, animations, trainings'
attendance…), never of people's names: a person's account is therefore anonymised, not
deleted. Its row stays, so every record it wrote or took part in is still counted and
now reads « Personne anonymisée n° 12 »; everything that only serves the person is
deleted (newsletter subscription and its consent, login records, two-factor devices,
private feed token, memberships). Training registrations keep their attendance with the
name and e-mail erased, as the trainings' 36-month retention does. Someone without an
account (a newsletter subscriber, an external trainee) is erased by e-mail address.

Cross-app by nature (it touches the accounts, the trainings, the newsletter and the
agenda), so it sits in ``progress``, the layer that reads across the domain. Each
erasure is one transaction and leaves an audit-log entry (``auditlog.LogEntry``) saying
who erased whom, without the erased details.
"""

from auditlog.models import LogEntry
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat
from django_otp import devices_for_user

from agenda.models import FeedToken
from coaching.scope import forget_scope, get_scope
from newsletter.models import Subscriber
from organisations.models import Membership
from study.models import ContactRequest
from trainings.models import Registration
from trainings.services import ANONYMISED_NAME

#: The names an anonymised account takes: « Personne anonymisée » « n° 12 ».
ANONYMISED_FIRST_NAME = "Personne anonymisée"


def anonymised_username(user_id: int) -> str:
    return "anonyme-%d" % user_id


def can_erase_personal_data(user) -> bool:
    """Erasing someone is an administrator's act (the controller's request)."""
    return user.is_authenticated and get_scope(user).sees_everything


def is_anonymised(person) -> bool:
    return person.username == anonymised_username(person.pk)


def _anonymise_registrations(queryset) -> int:
    return queryset.update(
        full_name=ANONYMISED_NAME,
        email=Concat(
            Value("anonyme-"),
            Cast("pk", output_field=CharField()),
            Value("@invalid.example"),
            output_field=CharField(),
        ),
    )


def _forget_logins(usernames) -> int:
    deleted = 0
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        count, _by_model = model.objects.filter(username__in=usernames).delete()
        deleted += count
    return deleted


def _audit(*, by, subject, summary: dict) -> None:
    LogEntry.objects.log_create(
        subject,
        force_log=True,
        action=LogEntry.Action.UPDATE,
        actor=by,
        changes={"rgpd_erasure": ["", "done"]},
        additional_data={"rgpd_erasure": summary},
    )


def _forget_contact_requests(emails) -> int:
    """The visitor study's « être recontacté·e » requests left under these addresses."""
    if not emails:
        return 0
    query = Q()
    for email in emails:
        query |= Q(email__iexact=email)
    return ContactRequest.objects.filter(query).delete()[0]


def erase_account(*, by, person) -> dict:
    """Anonymise ``person``'s account; returns what was done, by kind (counts)."""
    if not can_erase_personal_data(by):
        raise PermissionDenied
    if person.pk == by.pk:
        raise PermissionDenied  # an administrator's own account: by another one
    User = get_user_model()
    with transaction.atomic():
        person = User.objects.select_for_update().get(pk=person.pk)
        emails = {person.email.lower()} if person.email else set()
        old_username = person.username
        summary = {
            "newsletter_subscriptions": Subscriber.objects.filter(email__in=emails)
            .delete()[1]
            .get(Subscriber._meta.label, 0),
            "study_contact_requests": _forget_contact_requests(emails),
            "login_records": _forget_logins([old_username]),
            "feed_tokens": FeedToken.objects.filter(user=person).delete()[0],
            "memberships": Membership.objects.filter(user=person).delete()[0],
            "two_factor_devices": 0,
            "training_registrations": _anonymise_registrations(
                Registration.objects.filter(user=person)
            )
            + _anonymise_registrations(
                Registration.objects.filter(user__isnull=True, email__iexact=person.email)
                if emails
                else Registration.objects.none()
            ),
        }
        for device in devices_for_user(person, confirmed=None):
            device.delete()
            summary["two_factor_devices"] += 1
        # the audit log's own traces of this person's requests: addresses and e-mail
        LogEntry.objects.filter(actor=person).update(remote_addr=None, actor_email=None)
        person.first_name = ANONYMISED_FIRST_NAME
        person.last_name = "n° %d" % person.pk
        person.username = anonymised_username(person.pk)
        person.email = ""
        person.is_active = False
        person.is_staff = False
        person.is_superuser = False
        person.set_unusable_password()  # every open session of the account ends with it
        person.save()
        forget_scope(person)
        _audit(by=by, subject=person, summary=summary)
    return summary


def erase_by_email(*, by, email: str) -> dict:
    """Erase what is held about an address without an account: the newsletter
    subscription and its consent, external training registrations (attendance kept)."""
    if not can_erase_personal_data(by):
        raise PermissionDenied
    email = email.strip().lower()
    with transaction.atomic():
        subscribers = list(Subscriber.objects.filter(email__iexact=email))
        summary = {
            "newsletter_subscriptions": len(subscribers),
            "study_contact_requests": _forget_contact_requests({email}),
            "training_registrations": _anonymise_registrations(
                Registration.objects.filter(user__isnull=True, email__iexact=email)
            ),
        }
        for subscriber in subscribers:
            subscriber.delete()
        # logged on the acting administrator: the address itself is not kept
        _audit(by=by, subject=by, summary=summary)
    return summary


def held_by_email(email: str) -> dict:
    """What the platform holds about an address without an account, by kind (counts):
    the confirmation page shows it before the erasure."""
    email = email.strip().lower()
    return {
        "newsletter_subscriptions": Subscriber.objects.filter(email__iexact=email).count(),
        "study_contact_requests": ContactRequest.objects.filter(email__iexact=email).count(),
        "training_registrations": Registration.objects.filter(
            user__isnull=True, email__iexact=email
        ).count(),
    }
