"""Change events: a domain write says what changed; the pages open on it hear it.

Every service announces its write with :func:`announce`, inside its transaction. The
programme's data version is bumped at once (for the pages this request renders) and
again after commit, and the event then goes to the channel-layer groups of its
programme and of its ERIC; ``progress.consumers`` forwards it to each connected user
allowed to see such a record. The message carries no content, only what changed and
where, and whether it is shared with the ERIC's team. When the channel layer is down,
the save still succeeds and pages fall back to refreshing on their own.

The kinds are one enumeration (:class:`ChangeKind`): the browser's scripts and the
consumer read them, and the tests check every event against it.
"""

import logging
from enum import StrEnum

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

from .versions import bump_programme_version

logger = logging.getLogger(__name__)

#: The channel layer's message type: the consumer's ``record_changed`` handler.
MESSAGE_TYPE = "record.changed"


class ChangeKind(StrEnum):
    """What a change event is about (sent to the browser as is)."""

    PROGRAMME = "programme"
    MILESTONE = "milestone"
    HOTLINE_SLOT = "hotline_slot"
    HOTLINE_CALL = "hotline_call"
    COACHING_SESSION = "coaching_session"
    ANIMATION = "animation"
    FEDERATING_EVENT = "federating_event"
    MATURITY_ASSESSMENT = "maturity_assessment"
    TRUST_CIRCLE_ENTRY = "trust_circle_entry"
    AGENDA = "agenda"
    TRAINING = "training"
    NEWSLETTER = "newsletter"


#: The keys of every event, and what each holds (checked by the tests).
EVENT_FIELDS = {
    "type": str,
    "kind": str,
    "pk": int,
    "programme": int,
    "eric": (int, type(None)),
    "shared": bool,
}


def programme_group(programme_id: int) -> str:
    return "programme-%d" % programme_id


def eric_group(eric_id: int) -> str:
    return "eric-%d" % eric_id


def announce(
    kind: ChangeKind,
    *,
    pk: int,
    programme_id: int,
    eric_id: int | None = None,
    shared: bool = True,
) -> None:
    """Announce, once the transaction commits, that record ``kind`` #``pk`` changed.

    ``shared``: whether the ERIC's team may see the record (a private note is announced
    to the coaches and the Region only)."""
    message = {
        "type": MESSAGE_TYPE,
        "kind": ChangeKind(kind).value,
        "pk": pk,
        "programme": programme_id,
        "eric": eric_id,
        "shared": shared,
    }
    groups = [programme_group(programme_id)]
    if eric_id is not None:
        groups.append(eric_group(eric_id))
    # Now, for the pages this request renders, and again once committed: a page computed
    # in between from the old rows must not stay cached under the new version.
    bump_programme_version(programme_id)

    def send():
        bump_programme_version(programme_id)
        layer = get_channel_layer()
        if layer is None:
            return
        for group in groups:
            try:
                async_to_sync(layer.group_send)(group, message)
            except Exception:  # the page refreshes on its own; never fail a save for this
                logger.warning("Channel layer unreachable: %s not announced", kind, exc_info=True)
                return

    transaction.on_commit(send)
