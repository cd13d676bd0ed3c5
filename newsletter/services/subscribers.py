"""Subscribers: double opt-in, one-click unsubscribe, the import of existing contacts.

Links carry a signed token of the subscriber's id and its ``token_salt``: changing the
salt voids the links sent before it. The confirmation link also carries its time
(``TimestampSigner``) and expires; the unsubscribe link never expires (it sits in
every mail sent). The public form gives the same answer whatever the address's state:
nothing is revealed about who is subscribed.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from ..enums import ConsentSource, SubscriberStatus
from ..models import Subscriber, new_token_salt
from ..perms import can_edit_any_newsletter

CONFIRM_SALT = "newsletter.confirm"
UNSUBSCRIBE_SALT = "newsletter.unsubscribe"
CONFIRM_MAX_AGE = datetime.timedelta(days=3)
#: An import reads at most this many lines.
IMPORT_MAX_LINES = 50_000

#: The text a subscriber agrees to, recorded word for word with the consent.
CONSENT_TEXT = gettext_lazy(
    "J'accepte de recevoir chaque mois par e-mail la lettre d'information du programme. "
    "Mon adresse sert uniquement à cet envoi ; je peux me désabonner à tout moment par le "
    "lien présent dans chaque lettre."
)


class TokenError(Exception):
    """A link that is tampered with, expired or already used; ``str()`` says which."""


def absolute_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def normalise_email(value: str) -> str:
    return (value or "").strip().lower()


def confirm_token(subscriber: Subscriber) -> str:
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign_object(
        [subscriber.pk, subscriber.token_salt]
    )


def unsubscribe_token(subscriber: Subscriber) -> str:
    return signing.dumps([subscriber.pk, subscriber.token_salt], salt=UNSUBSCRIBE_SALT)


def unsubscribe_url(subscriber: Subscriber) -> str:
    return absolute_url(
        reverse("newsletter_public:unsubscribe", args=[unsubscribe_token(subscriber)])
    )


def _invalid() -> TokenError:
    return TokenError(
        _("Ce lien n'est pas valide : vérifiez qu'il a été copié en entier depuis le message.")
    )


def _used() -> TokenError:
    return TokenError(
        _("Ce lien a déjà servi ou a été remplacé par un plus récent : il ne vaut plus.")
    )


def _subscriber_for(pk, salt) -> Subscriber:
    subscriber = Subscriber.objects.filter(pk=pk).first() if isinstance(pk, int) else None
    if subscriber is None or subscriber.token_salt != salt:
        raise _used()
    return subscriber


def subscriber_for_confirmation(token: str) -> Subscriber:
    """The pending subscriber a confirmation link names, or :class:`TokenError`."""
    try:
        pk, salt = signing.TimestampSigner(salt=CONFIRM_SALT).unsign_object(
            token, max_age=CONFIRM_MAX_AGE
        )
    except signing.SignatureExpired as error:
        raise TokenError(
            _(
                "Ce lien de confirmation a expiré (il vaut trois jours). Inscrivez-vous à "
                "nouveau : un nouveau lien vous sera envoyé."
            )
        ) from error
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise _invalid() from error
    subscriber = _subscriber_for(pk, salt)
    if subscriber.status != SubscriberStatus.PENDING:
        raise _used()
    return subscriber


def subscriber_for_unsubscribe(token: str) -> Subscriber:
    try:
        pk, salt = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise _invalid() from error
    return _subscriber_for(pk, salt)


def subscribe(*, email: str, ip: str | None) -> None:
    """A request from the public form. New, pending, unsubscribed: a confirmation link
    is sent; already confirmed: a short notice is sent instead. The caller shows the
    same page in every case."""
    email = normalise_email(email)
    validate_email(email)
    now = timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
        if subscriber is None:
            subscriber = Subscriber(email=email, consent_source=ConsentSource.FORM)
        elif subscriber.status == SubscriberStatus.CONFIRMED:
            pk = subscriber.pk
            transaction.on_commit(lambda: mail_already_subscribed.enqueue(pk))
            return
        subscriber.status = SubscriberStatus.PENDING
        subscriber.token_salt = new_token_salt()  # voids the links sent before
        subscriber.consent_text = str(CONSENT_TEXT)
        subscriber.consented_at = now
        subscriber.consent_source = ConsentSource.FORM
        subscriber.consent_ip = ip or None
        subscriber.save()
        pk = subscriber.pk
        transaction.on_commit(lambda: mail_confirmation.enqueue(pk))


def confirm(*, token: str) -> Subscriber:
    with transaction.atomic():
        subscriber = subscriber_for_confirmation(token)
        updated = Subscriber.objects.filter(
            pk=subscriber.pk, token_salt=subscriber.token_salt, status=SubscriberStatus.PENDING
        ).update(
            status=SubscriberStatus.CONFIRMED,
            confirmed_at=timezone.now(),
            token_salt=new_token_salt(),  # the link is spent
        )
        if not updated:
            raise _used()
    subscriber.refresh_from_db()
    return subscriber


def unsubscribe(*, token: str) -> tuple[Subscriber, bool]:
    """Unsubscribe the link's subscriber; returns it and whether it was subscribed."""
    with transaction.atomic():
        subscriber = subscriber_for_unsubscribe(token)
        updated = (
            Subscriber.objects.filter(pk=subscriber.pk)
            .exclude(status=SubscriberStatus.UNSUBSCRIBED)
            .update(status=SubscriberStatus.UNSUBSCRIBED, unsubscribed_at=timezone.now())
        )
    subscriber.refresh_from_db()
    return subscriber, bool(updated)


@task()
def mail_confirmation(subscriber_id: int) -> None:
    subscriber = Subscriber.objects.filter(
        pk=subscriber_id, status=SubscriberStatus.PENDING
    ).first()
    if subscriber is None:
        return
    url = absolute_url(reverse("newsletter_public:confirm", args=[confirm_token(subscriber)]))
    body = _(
        "Bonjour,\n\nVous avez demandé à recevoir la lettre d'information du programme. "
        "Pour confirmer votre inscription, ouvrez ce lien (il vaut trois jours) :\n%(url)s\n\n"
        "Vous avez accepté ce texte :\n« %(consent)s »\n\n"
        "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : sans "
        "confirmation, vous ne recevrez rien.\n"
    ) % {"url": url, "consent": subscriber.consent_text}
    EmailMessage(
        subject=_("Confirmez votre inscription à la lettre d'information"),
        body=body,
        to=[subscriber.email],
    ).send()


@task()
def mail_already_subscribed(subscriber_id: int) -> None:
    subscriber = Subscriber.objects.filter(
        pk=subscriber_id, status=SubscriberStatus.CONFIRMED
    ).first()
    if subscriber is None:
        return
    body = _(
        "Bonjour,\n\nUne inscription à la lettre d'information vient d'être demandée pour "
        "cette adresse, qui la reçoit déjà : il n'y a rien à faire.\n\n"
        "Pour ne plus la recevoir :\n%(url)s\n"
    ) % {"url": unsubscribe_url(subscriber)}
    EmailMessage(
        subject=_("Vous êtes déjà inscrit·e à la lettre d'information"),
        body=body,
        to=[subscriber.email],
    ).send()


@dataclass
class ImportReport:
    created: list = field(default_factory=list)  # addresses
    rejected: list = field(default_factory=list)  # (line number, value, reason)


def _rows(content: str):
    try:
        dialect = csv.Sniffer().sniff(content[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return csv.reader(io.StringIO(content), dialect)


def import_contacts(*, by, content: str, consent_text: str) -> ImportReport:
    """Existing contacts from a CSV text (an ``email`` column, or the first column),
    subscribed as confirmed with ``consent_text`` (where and when they agreed).

    Rejected, each with its line: a malformed address, a duplicate in the file, an
    address already in the list. An unsubscribed address is never re-subscribed."""
    if not can_edit_any_newsletter(by):
        raise PermissionDenied
    consent_text = consent_text.strip()
    if not consent_text:
        raise ValidationError(
            {"consent_text": _("Dites quand et comment ces contacts ont donné leur accord.")}
        )
    rows = list(_rows(content))
    if len(rows) > IMPORT_MAX_LINES:
        raise ValidationError(
            {"file": _("Le fichier dépasse %(max)s lignes.") % {"max": IMPORT_MAX_LINES}}
        )
    column, start = 0, 0
    if rows:
        header = [normalise_email(cell) for cell in rows[0]]
        for name in ("email", "e-mail", "courriel", "adresse", "mail"):
            if name in header:
                column, start = header.index(name), 1
                break
    report = ImportReport()
    wanted = {}  # email -> line number
    for number, row in enumerate(rows[start:], start=start + 1):
        value = row[column].strip() if len(row) > column else ""
        if not value and not any(cell.strip() for cell in row):
            continue  # a blank line
        email = normalise_email(value)
        try:
            validate_email(email)
        except ValidationError:
            report.rejected.append((number, value, _("adresse mal formée")))
            continue
        if email in wanted:
            report.rejected.append(
                (number, value, _("en double (ligne %(line)s)") % {"line": wanted[email]})
            )
            continue
        wanted[email] = number
    existing = {
        row["email"]: row["status"]
        for row in Subscriber.objects.filter(email__in=list(wanted)).values("email", "status")
    }
    reasons = {
        SubscriberStatus.CONFIRMED: _("déjà abonné·e"),
        SubscriberStatus.PENDING: _(
            "inscription en attente de confirmation : laissée telle quelle"
        ),
        SubscriberStatus.UNSUBSCRIBED: _("désabonné·e : un import ne réinscrit jamais"),
        SubscriberStatus.BOUNCED: _("adresse refusée par son serveur lors d'un envoi"),
    }
    now = timezone.now()
    new = []
    for email, number in wanted.items():
        if email in existing:
            report.rejected.append((number, email, reasons[existing[email]]))
            continue
        new.append(
            Subscriber(
                email=email,
                status=SubscriberStatus.CONFIRMED,
                consent_text=consent_text,
                consented_at=now,
                consent_source=ConsentSource.IMPORT,
                confirmed_at=now,
            )
        )
        report.created.append(email)
    with transaction.atomic():
        Subscriber.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
    report.rejected.sort()
    return report
