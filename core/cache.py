"""A Redis cache that degrades instead of failing when Redis is down.

Everything the platform keeps in the cache can be recomputed: public pages, figures,
fragments, charts, Wagtail's site root paths. When Redis cannot be reached, a read
answers « not found » and a write is dropped, so every page renders as if nothing were
kept (ADR 0020, docs/security.md « Pannes »). After a failure the process does not try
Redis again for reads and writes for ``DOWN_SECONDS``: a page does not wait for each of
its cache calls to time out. Invalidations (``delete``, ``delete_many``, ``incr``) are
always tried: the other processes may reach Redis and must not keep serving what this
one meant to invalidate. ``incr`` and ``decr`` raise on failure (their callers start a
new version), and ``/healthz`` says the cache is down.
"""

import logging
import threading
import time

import redis
from django.core.cache.backends.redis import RedisCache
from django.utils.functional import cached_property

logger = logging.getLogger(__name__)

#: How long a process leaves Redis alone after a failure.
DOWN_SECONDS = 5.0
#: What Redis being down or unreachable raises.
REDIS_DOWN = (OSError, redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)


class ProcessState:
    """What every instance of one cache shares in a process: its connection pools and
    when Redis last failed.

    Django makes a cache instance per thread (``django.core.cache.caches`` is an
    ``asgiref.Local``), and under ASGI each request's code runs in a thread of its own:
    an instance's own pools would open a Redis connection per request, and its own
    « down » mark would be forgotten by the next request, which would wait for its
    timeout again."""

    def __init__(self):
        self.pools = {}
        self.down_until = 0.0
        self.lock = threading.Lock()


_STATES: dict[tuple, ProcessState] = {}
_STATES_LOCK = threading.Lock()


def process_state(servers, options) -> ProcessState:
    key = (tuple(servers), repr(sorted(options.items())))
    with _STATES_LOCK:
        return _STATES.setdefault(key, ProcessState())


class ResilientRedisCache(RedisCache):
    """Django's Redis cache; a Redis failure reads as a miss and drops the write."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self.state = process_state(self._servers, self._options)

    @cached_property
    def _cache(self):
        client = RedisCache._cache.func(self)
        client._pools = self.state.pools  # one set of connections per process
        return client

    # -- state --------------------------------------------------------------------------

    def is_down(self) -> bool:
        return time.monotonic() < self.state.down_until

    def _failed(self, operation: str, error: Exception) -> None:
        with self.state.lock:
            was_up = not self.is_down()
            self.state.down_until = time.monotonic() + DOWN_SECONDS
        if was_up:  # once per outage, not once per call
            logger.warning(
                "Cache unreachable (%s: %s): pages rendered without it for %.0f s",
                operation,
                error,
                DOWN_SECONDS,
            )

    def _call(self, operation: str, fallback, function, *args, always=False, **kwargs):
        if self.is_down() and not always:
            return fallback
        try:
            return function(*args, **kwargs)
        except REDIS_DOWN as error:
            self._failed(operation, error)
            return fallback

    # -- reads: a miss ------------------------------------------------------------------

    def get(self, key, default=None, version=None):
        return self._call("get", default, super().get, key, default, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, super().has_key, key, version)

    # -- writes: dropped ----------------------------------------------------------------

    def set(self, key, value, timeout=None, version=None):
        self._call("set", None, super().set, key, value, timeout, version)

    def add(self, key, value, timeout=None, version=None):
        return self._call("add", False, super().add, key, value, timeout, version)

    def set_many(self, data, timeout=None, version=None):
        return self._call("set_many", list(data), super().set_many, data, timeout, version)

    def touch(self, key, timeout=None, version=None):
        return self._call("touch", False, super().touch, key, timeout, version)

    # -- invalidations: always tried --------------------------------------------------------

    def delete(self, key, version=None):
        return self._call("delete", False, super().delete, key, version, always=True)

    def delete_many(self, keys, version=None):
        self._call("delete_many", None, super().delete_many, keys, version, always=True)

    def clear(self):
        return self._call("clear", False, super().clear)

    # -- counters: raise, their callers start a new version -----------------------------

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except REDIS_DOWN as error:
            self._failed("incr", error)
            raise

    def decr(self, key, delta=1, version=None):
        return self.incr(key, -delta, version)

    def ping(self) -> None:
        """Raise unless Redis answers now (``/healthz``): no fallback, no waiting."""
        self._cache.get_client(write=True).ping()
