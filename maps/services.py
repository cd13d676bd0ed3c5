"""Every write of the trust circles, each in a transaction, announced after commit."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from core.changes import ChangeKind, announce
from core.services import apply_changes, refuse_non_editable
from organisations.models import Organisation, name_key

from .enums import EntryKind
from .models import TrustCircleEntry
from .perms import can_change_trust_circle_entry, can_edit_trust_circles

ENTRY_EDITABLE_FIELDS = (
    "name",
    "kind",
    "circle",
    "relation",
    "description",
    "since",
    "until",
    "town",
    "latitude",
    "longitude",
    "organisation",
)


def _announce(entry: TrustCircleEntry) -> None:
    # The circles are public: the change goes to every programme accompanying the ERIC.
    programme_ids = entry.eric.accompaniments.values_list("programme_id", flat=True)
    for programme_id in programme_ids:
        announce(
            ChangeKind.TRUST_CIRCLE_ENTRY,
            pk=entry.pk,
            programme_id=programme_id,
            eric_id=entry.eric_id,
        )


def _link_known_organisation(entry: TrustCircleEntry) -> bool:
    """An organisation entry names the platform's organisation of the same name (accents,
    case and punctuation aside) when none is chosen: the animation forms then offer it
    among the ERIC's trust circles. Returns whether a link was made."""
    if entry.organisation_id or entry.kind != EntryKind.ORGANISATION:
        return False
    entry.organisation = (
        Organisation.objects.filter(name_key=name_key(entry.name)).exclude(pk=entry.eric_id).first()
    )
    return entry.organisation is not None


def trust_circle_entry_create(*, by, eric, **fields) -> TrustCircleEntry:
    if not can_edit_trust_circles(by, eric):
        raise PermissionDenied
    refuse_non_editable(fields, ENTRY_EDITABLE_FIELDS)
    with transaction.atomic():
        entry = TrustCircleEntry(eric=eric, **fields)
        entry.full_clean()
        _link_known_organisation(entry)
        entry.save()
        _announce(entry)
    return entry


def trust_circle_entry_update(*, by, entry: TrustCircleEntry, **changes) -> TrustCircleEntry:
    if not can_change_trust_circle_entry(by, entry):
        raise PermissionDenied
    with transaction.atomic():
        apply_changes(entry, changes, ENTRY_EDITABLE_FIELDS)
        entry.full_clean()
        if _link_known_organisation(entry):
            changes["organisation"] = entry.organisation
        entry.save(update_fields=[*changes.keys(), "updated_at"])
        _announce(entry)
    return entry
