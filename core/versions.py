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


def programme_version(programme_id: int) -> int | None:
    """The programme's data version; ``None`` if the cache is unreachable."""
    try:
        # a new version starts from the clock, so that it never repeats an earlier one
        # (a process may still hold figures under it after the cache was emptied)
        return cache.get_or_set(_key(programme_id), time.time_ns() // 1000, None)
    except Exception:
        logger.warning("Cache unreachable: figures computed afresh", exc_info=True)
        return None


def bump_programme_version(programme_id: int) -> None:
    """Make whatever is cached under the programme's version stale (public pages too)."""
    bump_public_version()
    try:
        cache.incr(_key(programme_id))
    except ValueError:  # no version (the cache was emptied): start a new one
        try:
            cache.set(_key(programme_id), time.time_ns() // 1000, None)
        except Exception:
            logger.warning("Cache unreachable: data version not bumped", exc_info=True)
    except Exception:
        logger.warning("Cache unreachable: data version not bumped", exc_info=True)
