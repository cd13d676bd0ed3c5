"""Federating events of the territory and the ERIC taking part."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.changes import ChangeKind, announce
from core.services import apply_changes

from ..models import (
    FederatingEvent,
    FederatingEventMedia,
    FederatingEventParticipation,
    Programme,
)
from ..perms import (
    can_document_federating_event,
    can_manage_federating_event,
    coaches_in_programme,
)
from .agenda_sync import sync_federating_event_agenda
from .media import store_media
from .records import EVENT_ENDING, EVENT_STARTING, check_within_programme

FEDERATING_EVENT_FIELDS = ("name", "kind", "starts_on", "ends_on", "place", "account")


def _announce_event(event: FederatingEvent) -> None:
    announce(ChangeKind.FEDERATING_EVENT, pk=event.pk, programme_id=event.programme_id)


def _check_dates(event: FederatingEvent) -> None:
    check_within_programme(
        event.programme,
        {
            "starts_on": (event.starts_on, EVENT_STARTING),
            "ends_on": (event.ends_on, EVENT_ENDING),
        },
    )


def _set_participations(event: FederatingEvent, participations) -> None:
    """``participations``: ``{accompaniment: role}`` — the ERIC taking part, and how."""
    wanted = {accompaniment.pk: role for accompaniment, role in participations.items()}
    for accompaniment in participations:
        if accompaniment.programme_id != event.programme_id:
            raise ValidationError(_("Un ERIC participant n'est pas accompagné dans ce programme."))
    for participation in event.participations.all():
        role = wanted.pop(participation.accompaniment_id, None)
        if role is None:
            participation.delete()
        elif role != participation.role:
            participation.role = role
            participation.full_clean()
            participation.save(update_fields=["role"])
    for accompaniment_id, role in wanted.items():
        participation = FederatingEventParticipation(
            event=event, accompaniment_id=accompaniment_id, role=role
        )
        participation.full_clean()
        participation.save()


def federating_event_create(
    *, by, programme: Programme, participations=None, **fields
) -> FederatingEvent:
    if not coaches_in_programme(by, programme.pk):
        raise PermissionDenied
    with transaction.atomic():
        event = FederatingEvent(programme=programme, created_by=by)
        apply_changes(event, fields, FEDERATING_EVENT_FIELDS)
        _check_dates(event)
        event.full_clean()
        event.save()
        _set_participations(event, participations or {})
        sync_federating_event_agenda(event)
        _announce_event(event)
    return event


def federating_event_update(
    *, by, event: FederatingEvent, participations=None, **changes
) -> FederatingEvent:
    if not can_manage_federating_event(by, event):
        raise PermissionDenied
    with transaction.atomic():
        apply_changes(event, changes, FEDERATING_EVENT_FIELDS)
        _check_dates(event)
        event.full_clean()
        if changes:
            event.save(update_fields=list(changes))
        if participations is not None:
            _set_participations(event, participations)
        sync_federating_event_agenda(event)
        _announce_event(event)
    return event


def federating_event_media_add(
    *, by, event: FederatingEvent, upload, **fields
) -> FederatingEventMedia:
    """Attach a photo or video (``fields``: see :func:`store_media`)."""
    if not can_document_federating_event(by, event):
        raise PermissionDenied
    with transaction.atomic():
        media = store_media(FederatingEventMedia(event=event, uploaded_by=by), upload, **fields)
        _announce_event(event)
    return media
