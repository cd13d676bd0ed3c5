"""Tell open pages that a record changed, once the transaction has committed.

A change goes to the group of its programme and the group of its ERIC. The message
carries no content, only what changed and where, and whether it is private: the
consumer forwards it only to users allowed to see such a record. When the channel layer
is down, the save still succeeds and pages fall back to refreshing on their own.
"""

import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)


def programme_group(programme_id: int) -> str:
    return "programme-%d" % programme_id


def eric_group(eric_id: int) -> str:
    return "eric-%d" % eric_id


def broadcast_change(
    *, kind: str, pk: int, programme_id: int, eric_id: int | None, shared: bool = True
) -> None:
    """Announce after commit that record ``kind`` #``pk`` changed."""
    message = {
        "type": "record.changed",
        "kind": kind,
        "pk": pk,
        "programme": programme_id,
        "eric": eric_id,
        "shared": shared,
    }
    groups = [programme_group(programme_id)]
    if eric_id is not None:
        groups.append(eric_group(eric_id))

    def send():
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
