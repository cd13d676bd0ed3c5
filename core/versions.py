"""Data versions: a number per programme that every announced change bumps.

Figures computed from a programme's records (indicators, rendered fragments) are cached
under its version, so that a change makes them stale at once, and pages refreshing
together compute them once instead of each. Kept in the cache (Redis between workers);
when the cache is down, ``programme_version`` answers ``None`` and callers compute
afresh.
"""

import logging
import time

from django.core.cache import cache

from .public_cache import bump_public_version

logger = logging.getLogger(__name__)


def _key(programme_id: int) -> str:
    return "indicators:version:%d" % programme_id


def _agenda_key(programme_id: int) -> str:
    return "agenda:version:%d" % programme_id


def _version(key: str) -> int | None:
    try:
        # a new version starts from the clock, so that it never repeats an earlier one
        # (a process may still hold figures under it after the cache was emptied)
        return cache.get_or_set(key, time.time_ns() // 1000, None)
    except Exception:
        logger.warning("Cache unreachable: figures computed afresh", exc_info=True)
        return None


def _bump(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # no version (the cache was emptied): start a new one
        try:
            cache.set(key, time.time_ns() // 1000, None)
        except Exception:
            logger.warning("Cache unreachable: data version not bumped", exc_info=True)
    except Exception:
        logger.warning("Cache unreachable: data version not bumped", exc_info=True)


def programme_version(programme_id: int) -> int | None:
    """The programme's data version; ``None`` if the cache is unreachable."""
    return _version(_key(programme_id))


def bump_programme_version(programme_id: int) -> None:
    """Make whatever is cached under the programme's version stale (public pages too)."""
    bump_public_version()
    _bump(_key(programme_id))


def agenda_versions(programme_ids) -> dict[int, int | None]:
    """The version of each programme's agenda alone (its entries, events and persisted
    occurrences), which the agenda's services bump: a journal save, which bumps the
    programme's version, leaves its expanded recurrences cached. Read in one round trip
    (and the missing ones started); ``None`` for each if the cache is unreachable."""
    keys = {_agenda_key(pk): pk for pk in programme_ids}
    try:
        found = cache.get_many(keys)
        missing = {key: time.time_ns() // 1000 for key in keys if key not in found}
        if missing:
            # add, not set: a version another process has just started is kept
            for key, version in missing.items():
                if not cache.add(key, version, None):
                    missing[key] = cache.get(key)
            found.update(missing)
    except Exception:
        logger.warning("Cache unreachable: figures computed afresh", exc_info=True)
        return dict.fromkeys(keys.values())
    return {pk: found.get(key) for key, pk in keys.items()}


def bump_agenda_version(programme_id: int) -> None:
    _bump(_agenda_key(programme_id))
