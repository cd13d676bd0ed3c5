"""The programme's indicators, computed once per programme, day and data version.

When a save is announced, every open dashboard asks for its figures within the same
second; at national scale computing them takes a few hundred milliseconds, so they are
computed once and shared through the cache (Redis between workers), and kept in the
process for the next pages. The data version (``core.versions``) is bumped by every
announced change, so a change shows at once.
"""

import datetime
import threading
import time

from django.core.cache import cache
from django.utils import timezone

from coaching.models import Programme
from core.versions import programme_version

from .figures import ProgrammeIndicators, programme_indicators

#: Cached indicators live this long at most: changes the services announce bump the
#: programme's version at once; this bounds the staleness of the few that don't.
INDICATORS_CACHE_SECONDS = 60
#: Bumped when the cached structures change, so that no worker reads an older layout.
LAYOUT = 2


#: The last indicators of each programme this process computed or fetched, so that the
#: pages refreshing after a save do not each unpickle megabytes: {programme_id: entry}.
_recent: dict[int, tuple[str, float, ProgrammeIndicators]] = {}
_recent_lock = threading.Lock()


def cached_programme_indicators(programme: Programme, *, today: datetime.date | None = None):
    """:func:`programme_indicators`, computed once per programme, day and data version
    (read-only: callers must not change the result)."""
    today = today or timezone.localdate()
    version = programme_version(programme.pk)
    if version is None:
        return programme_indicators(programme, today=today)
    key = "indicators:%d:%d:%s:%d" % (LAYOUT, programme.pk, today.isoformat(), version)
    now = time.monotonic()
    recent = _recent.get(programme.pk)
    if recent is not None and recent[0] == key and recent[1] > now:
        return recent[2]
    try:
        result = cache.get(key)
    except Exception:
        result = None
    if result is None:
        result = programme_indicators(programme, today=today)
        try:
            cache.set(key, result, INDICATORS_CACHE_SECONDS)
        except Exception:
            pass  # indicators_version logged it already, most likely
    with _recent_lock:
        _recent[programme.pk] = (key, now + INDICATORS_CACHE_SECONDS, result)
    return result


def forget_recent_indicators() -> None:
    """Drop this process's copies (tests clear the cache between them)."""
    with _recent_lock:
        _recent.clear()
