"""Tell open pages that a record changed, once the transaction has committed.

Every change also bumps its programme's indicators version, so that the dashboards'
cached figures are recomputed once, not by each of the pages that refresh at once.

A change goes to the group of its programme and the group of its ERIC. The message
carries no content, only what changed and where, and whether it is private: the
consumer forwards it only to users allowed to see such a record. When the channel layer
is down, the save still succeeds and pages fall back to refreshing on their own.
"""

import logging
import time

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)


def _version_key(programme_id: int) -> str:
    return "indicators:version:%d" % programme_id


def indicators_version(programme_id: int) -> int | None:
    """The programme's data version for cached indicators; None if the cache is down."""
    try:
        # a new version starts from the clock, so that it never repeats an earlier one
        # (a process may still hold indicators under it after the cache was emptied)
        return cache.get_or_set(_version_key(programme_id), time.time_ns() // 1000, None)
    except Exception:
        logger.warning("Cache unreachable: indicators computed afresh", exc_info=True)
        return None


def bump_indicators_version(programme_id: int) -> None:
    """Make the cached indicators of a programme stale (see ``cached_programme_indicators``)."""
    try:
        cache.incr(_version_key(programme_id))
    except ValueError:  # no version (the cache was emptied): start a new one
        try:
            cache.set(_version_key(programme_id), time.time_ns() // 1000, None)
        except Exception:
            logger.warning("Cache unreachable: indicators version not bumped", exc_info=True)
    except Exception:
        logger.warning("Cache unreachable: indicators version not bumped", exc_info=True)


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
    # Now, for the pages this request renders, and again once committed: a page computed
    # in between from the old rows must not stay cached under the new version.
    bump_indicators_version(programme_id)

    def send():
        bump_indicators_version(programme_id)
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
