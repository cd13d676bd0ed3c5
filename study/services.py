"""Every write of the study, each in a transaction (docs/adr/0016-visitor-study.md)."""

import functools
import logging
import secrets
import threading
import time
import uuid

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.versions import bump_programme_version

from . import selectors
from .enums import Channel, Question
from .forms import ContactForm, EntryForm
from .models import (
    ContactRequest,
    EntryChoice,
    EventSpace,
    Kiosk,
    MotivationCategory,
    MotivationCoding,
    Questionnaire,
    RemoteCount,
    StudyEvent,
    VisitorEntry,
    hash_token,
)
from .typology import typology_summary as _typology_summary

logger = logging.getLogger(__name__)

#: The most entries one batch may carry (a kiosk sends its queue in slices of this).
MAX_BATCH = 200
LIVE_MESSAGE_TYPE = "study.entries"
QUESTIONNAIRE_FIELDS = ("notice", "motivations", "heard_of", "activities", "exit_question")


def event_group(event_id: int) -> str:
    return "study-event-%d" % event_id


class KioskRefused(Exception):
    """The kiosk may not send: unknown or revoked token. ``message`` is French."""

    def __init__(self, message, status):
        super().__init__(message)
        self.message = message
        self.status = status


# --- The questionnaire --------------------------------------------------------------


@transaction.atomic
def questionnaire_save(*, by, study, **fields) -> Questionnaire:
    """Change the study's questionnaire. A version already answered is frozen: the
    change makes the next version, for the events still without answers and the later
    waves; answers keep theirs."""
    current = (
        Questionnaire.objects.select_for_update().filter(study=study).order_by("-version").first()
    )
    if current is not None and not current.is_frozen:
        for name, value in fields.items():
            setattr(current, name, value)
        current.save(update_fields=list(fields))
        return current
    if current is not None:  # the next version starts from the frozen one
        fields = {
            **{name: getattr(current, name) for name in QUESTIONNAIRE_FIELDS},
            **fields,
        }
    version = Questionnaire.objects.create(
        study=study, version=(current.version + 1) if current else 1, created_by=by, **fields
    )
    # the events nobody has answered yet move to the new version
    StudyEvent.objects.filter(study=study, entries__isnull=True).exclude(
        questionnaire=version
    ).update(questionnaire=version)
    return version


def _freeze(questionnaire_ids, programme_id) -> None:
    frozen = Questionnaire.objects.filter(pk__in=questionnaire_ids, frozen_at__isnull=True).update(
        frozen_at=timezone.now()
    )
    if frozen:  # the study's figure on the dashboard may change (an event with answers)
        bump_programme_version(programme_id)


# --- Events ---------------------------------------------------------------------------


@transaction.atomic
def event_create(
    *,
    by,
    study,
    eric,
    name,
    place,
    start_date,
    end_date,
    opens_at,
    closes_at,
    spaces=(),
    team_on_duty=(),
    preparatory_training=None,
) -> StudyEvent:
    questionnaire = Questionnaire.objects.current_for(study)
    if questionnaire is None:
        raise ValidationError(_("L'étude n'a pas encore de questionnaire."))
    event = StudyEvent(
        study=study,
        eric=eric,
        questionnaire=questionnaire,
        name=name,
        place=place,
        start_date=start_date,
        end_date=end_date,
        opens_at=opens_at,
        closes_at=closes_at,
        preparatory_training=preparatory_training,
    )
    event.full_clean()
    event.save()
    EventSpace.objects.bulk_create(
        [EventSpace(event=event, kind=kind, name=label) for kind, label in spaces]
    )
    event.team_on_duty.set([eric, *team_on_duty])
    return event


# --- Kiosks ---------------------------------------------------------------------------


@transaction.atomic
def kiosk_enrol(*, by, event, label) -> tuple[Kiosk, str]:
    """A new kiosk and its token, shown once (only its hash is kept)."""
    token = secrets.token_urlsafe(32)
    kiosk = Kiosk.objects.create(
        event=event, label=label, token_hash=hash_token(token), enrolled_by=by
    )
    return kiosk, token


@transaction.atomic
def kiosk_revoke(*, by, kiosk) -> Kiosk:
    if kiosk.revoked_at is None:
        kiosk.revoked_at = timezone.now()
        kiosk.revoked_by = by
        kiosk.save(update_fields=["revoked_at", "revoked_by"])
    return kiosk


def kiosk_for_token(token: str | None) -> Kiosk:
    if not token or len(token) > 100:
        raise KioskRefused(_("Cette borne n'est pas enrôlée : demandez à l'équipe."), 401)
    kiosk = (
        Kiosk.objects.select_related("event__questionnaire", "event__study__partner")
        .filter(token_hash=hash_token(token))
        .first()
    )
    if kiosk is None:
        raise KioskRefused(_("Cette borne n'est pas enrôlée : demandez à l'équipe."), 401)
    if kiosk.is_revoked:
        raise KioskRefused(
            _(
                "Cette borne a été révoquée le %(day)s : elle n'enregistre plus rien. "
                "Demandez à l'équipe d'enrôler la tablette à nouveau."
            )
            % {"day": timezone.localtime(kiosk.revoked_at).strftime("%d/%m/%Y %H:%M")},
            403,
        )
    return kiosk


# --- Entries --------------------------------------------------------------------------


def _errors(form) -> dict:
    return {field: [str(m) for m in messages] for field, messages in form.errors.items()}


def entries_store(*, kiosk, entries: list, now=None) -> list[dict]:
    """Store a kiosk's batch; one result per entry, in order: ``stored``, ``duplicate``
    (already stored: a batch sent again) or ``invalid`` (with French errors). Nothing is
    stored twice, whatever the order or the concurrency of the batches."""
    event = kiosk.event
    questionnaire = event.questionnaire
    now = now or timezone.now()
    results, valid = [], {}
    for raw in entries:
        if not isinstance(raw, dict):
            results.append({"id": None, "status": "invalid", "errors": {"__all__": ["?"]}})
            continue
        form = EntryForm(raw, event=event, questionnaire=questionnaire, now=now)
        if not form.is_valid():
            results.append(
                {"id": str(raw.get("id", ""))[:40], "status": "invalid", "errors": _errors(form)}
            )
            continue
        data = form.cleaned_data
        if data["id"] in valid:  # the same entry twice in one batch
            results.append({"id": str(data["id"]), "status": "duplicate"})
            continue
        results.append({"id": str(data["id"]), "status": None})
        valid[data["id"]] = data
    stored = _store(event, questionnaire, valid, kiosk=kiosk, channel=Channel.ON_SITE)
    for result in results:
        if result["status"] is None:
            result["status"] = "stored" if result["id"] in stored else "duplicate"
    Kiosk.objects.filter(pk=kiosk.pk).update(last_seen_at=now)
    return results


def _store(event, questionnaire, valid: dict, *, kiosk=None, channel) -> set:
    """Insert the entries whose uuid is new; return the uuids inserted (as text)."""
    if not valid:
        return set()
    with transaction.atomic():
        known = set(
            VisitorEntry.objects.filter(uuid__in=list(valid)).values_list("uuid", flat=True)
        )
        fresh = {key: data for key, data in valid.items() if key not in known}
        if not fresh:
            return set()
        VisitorEntry.objects.bulk_create(
            [
                VisitorEntry(
                    uuid=key,
                    event=event,
                    questionnaire=questionnaire,
                    kiosk=kiosk,
                    channel=channel,
                    arrived_at=data["arrived_at"],
                    consent=True,
                    age_band=data["age_band"],
                    residence=data["residence"],
                    first_visit=data.get("first_visit"),
                    heard_of=data.get("heard_of") or "",
                    motivation_text=data.get("motivation_text", ""),
                    companions=data.get("companions") or "",
                    satisfaction=data.get("satisfaction"),
                    would_return=data.get("would_return"),
                )
                for key, data in fresh.items()
            ],
            ignore_conflicts=True,  # a concurrent copy of the batch: stored once
        )
        ids = dict(VisitorEntry.objects.filter(uuid__in=list(fresh)).values_list("uuid", "pk"))
        EntryChoice.objects.bulk_create(
            [
                EntryChoice(entry_id=ids[key], question=question, code=code)
                for key, data in fresh.items()
                for question, field in (
                    (Question.MOTIVATION, "motivations"),
                    (Question.ACTIVITY, "activities"),
                )
                for code in data.get(field) or ()
            ],
            ignore_conflicts=True,
        )
        if not questionnaire.is_frozen:
            _freeze([questionnaire.pk], event.study.programme_id)
        transaction.on_commit(lambda: push_live(event))
    return {str(key) for key in fresh}


#: The live figures of an event are pushed at most once per slot of this many seconds
#: (plus one trailing push at the slot's end), whatever the number of batches.
LIVE_PUSH_INTERVAL = 0.5
#: How long the slot keys stay in the cache (whole seconds, as Redis counts them).
LIVE_KEY_SECONDS = 5
_clock = time.time


def _live_key(event_id: int, which: str, slot: int) -> str:
    return "study-live-%s-%d-%d" % (which, event_id, slot)


def _later(delay: float, function) -> None:
    """Run ``function`` in ``delay`` seconds, in a thread of this process (which closes
    the database connection it opened)."""

    def run():
        try:
            function()
        finally:
            connections.close_all()

    timer = threading.Timer(delay, run)
    timer.daemon = True
    timer.start()


def push_live(event) -> None:
    """Send the event's live figures to its team's open pages, throttled across the
    processes by keys of the shared cache, one per event and time slot of
    ``LIVE_PUSH_INTERVAL``: the slot's first batch pushes at once; the next ones of the
    slot share one trailing push at its end, which reads the figures after all of them,
    so that the last state is always sent. The figures are computed once per push, not
    once per batch nor per page."""
    now = _clock()
    slot = int(now // LIVE_PUSH_INTERVAL)
    if cache.add(_live_key(event.pk, "sent", slot), 1, timeout=LIVE_KEY_SECONDS):
        _send_live(event)
        return
    if getattr(cache, "is_down", lambda: False)():  # no shared key to throttle with
        _send_live(event)
        return
    if cache.add(_live_key(event.pk, "trailing", slot), 1, timeout=LIVE_KEY_SECONDS):
        slot_end = (slot + 1) * LIVE_PUSH_INTERVAL
        _later(slot_end - now + 0.01, functools.partial(_trailing_push, event.pk))


def _trailing_push(event_id: int) -> None:
    event = StudyEvent.objects.select_related("questionnaire").filter(pk=event_id).first()
    if event is not None:
        _send_live(event)


def _send_live(event) -> None:
    """Compute the figures once and send them to the event's group. A channel layer
    that is down costs the push, never the entries."""
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        message = {
            "type": LIVE_MESSAGE_TYPE,
            "event": event.pk,
            "summary": selectors.live_summary(event),
            "sent_at": time.time(),
        }
        async_to_sync(layer.group_send)(event_group(event.pk), message)
    except Exception:
        logger.warning("Live figures of study event %s not pushed", event.pk, exc_info=True)


def remote_participation_create(*, event, data: dict, now=None) -> VisitorEntry:
    """A « je participe en ligne » answer (already validated by its form)."""
    key = uuid.uuid4()  # made by the server: the browser is no kiosk
    data = {**data, "arrived_at": now or timezone.now()}
    _store(event, event.questionnaire, {key: data}, channel=Channel.REMOTE)
    return VisitorEntry.objects.get(uuid=key)


@transaction.atomic
def remote_count_add(*, by, event, counted_at, where, count) -> RemoteCount:
    remote = RemoteCount.objects.create(
        event=event, counted_at=counted_at, where=where, count=count, entered_by=by
    )
    transaction.on_commit(lambda: push_live(event))
    return remote


# --- « Être recontacté·e » ---------------------------------------------------------


def contact_consent_text(event) -> str:
    """What the kiosk shows before the address, and what is recorded with it."""
    return _(
        "En laissant votre adresse, vous acceptez que %(partner)s vous écrive au sujet de "
        "l'étude des visiteurs, et pour rien d'autre. Votre adresse est gardée à part de vos "
        "réponses, qui restent anonymes : aucun lien entre les deux. Elle est effacée dès "
        "que l'équipe vous a contacté·e, et au plus tard %(days)s jours après votre visite."
    ) % {"partner": event.study.partner.name, "days": settings.STUDY_RETENTION_DAYS}


def contacts_store(*, kiosk, contacts: list, today=None) -> list[dict]:
    """Store a kiosk's « être recontacté·e » requests; one result per request, in order,
    as for the entries (``stored``, ``duplicate``, ``invalid`` with French errors). Never
    tied to an entry: the request keeps its event, its day, the address and the consent
    text, nothing else."""
    event = kiosk.event
    results, valid = [], {}
    for raw in contacts:
        if not isinstance(raw, dict):
            results.append({"id": None, "status": "invalid", "errors": {"__all__": ["?"]}})
            continue
        form = ContactForm(raw, event=event, today=today)
        if not form.is_valid():
            results.append(
                {"id": str(raw.get("id", ""))[:40], "status": "invalid", "errors": _errors(form)}
            )
            continue
        data = form.cleaned_data
        results.append(
            {"id": str(data["id"]), "status": "duplicate" if data["id"] in valid else None}
        )
        valid.setdefault(data["id"], data)
    stored = set()
    if valid:
        consent_text = contact_consent_text(event)
        with transaction.atomic():
            known = set(
                ContactRequest.objects.filter(pk__in=list(valid)).values_list("pk", flat=True)
            )
            fresh = [key for key in valid if key not in known]
            ContactRequest.objects.bulk_create(
                [
                    ContactRequest(
                        id=key,
                        event=event,
                        email=valid[key]["email"],
                        first_name=valid[key]["first_name"],
                        consent_text=consent_text,
                        day=valid[key]["day"],
                    )
                    for key in fresh
                ],
                ignore_conflicts=True,  # a concurrent copy of the batch: stored once
            )
            stored = {str(key) for key in fresh}
    for result in results:
        if result["status"] is None:
            result["status"] = "stored" if result["id"] in stored else "duplicate"
    return results


@transaction.atomic
def contact_delete(*, by, contact) -> None:
    """Erase one request (the team has contacted the person, or was asked to)."""
    ContactRequest.objects.filter(pk=contact.pk).delete()
    logger.info("Contact request of study event %s erased by user %s", contact.event_id, by.pk)


# --- Categories and coding ------------------------------------------------------------


@transaction.atomic
def category_save(*, by, study, name, description="", category=None) -> MotivationCategory:
    category = category or MotivationCategory(study=study)
    category.name = name
    category.description = description
    try:
        with transaction.atomic():
            category.save()
    except IntegrityError:
        raise ValidationError({"name": _("Cette catégorie existe déjà.")}) from None
    return category


@transaction.atomic
def motivation_code(*, by, entry, category) -> MotivationCoding:
    """Code one free-text motivation; each is coded once."""
    if not entry.motivation_text:
        raise ValidationError(_("Cette réponse n'a pas de motivation en texte libre."))
    if category.study_id != entry.event.study_id:
        raise ValidationError(_("Cette catégorie est celle d'une autre étude."))
    try:
        with transaction.atomic():
            return MotivationCoding.objects.create(entry=entry, category=category, coded_by=by)
    except IntegrityError:
        raise ValidationError(_("Cette réponse est déjà codée.")) from None


# The typology, for the layers above (the end-of-programme report in ``progress``).
typology_summary = _typology_summary
