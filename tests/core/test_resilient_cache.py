"""Redis down: the cache answers « not found » and drops writes instead of raising
(core/cache.py), once per outage in the log; counters still raise for their callers."""

import logging
import uuid

import pytest
import redis

from core.cache import ProcessState, ResilientRedisCache
from tests.production.servers import closed_port


@pytest.fixture
def down_cache():
    return ResilientRedisCache(
        "redis://127.0.0.1:%d/11" % closed_port(),
        {"OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}},
    )


def test_reads_miss_and_writes_are_dropped_when_redis_is_down(down_cache, caplog):
    with caplog.at_level(logging.WARNING, logger="core.cache"):
        assert down_cache.get("page", "absent") == "absent"
        down_cache.set("page", "html", 60)
        assert down_cache.get_many(["a", "b"]) == {}
        assert down_cache.add("page", "html") is False
        assert down_cache.has_key("page") is False
        assert down_cache.get_or_set("version", lambda: 41) == 41
        assert down_cache.delete("page") is False
        down_cache.delete_many(["a"])
    assert down_cache.is_down()
    # one warning for the outage, not one per call
    assert len([r for r in caplog.records if "Cache unreachable" in r.getMessage()]) == 1


def test_counters_raise_so_that_their_callers_start_a_new_version(down_cache):
    with pytest.raises(redis.exceptions.ConnectionError):
        down_cache.incr("version")
    assert down_cache.is_down()
    with pytest.raises(redis.exceptions.ConnectionError):  # still tried while down
        down_cache.incr("version")


def test_an_invalidation_is_tried_even_while_this_process_thinks_redis_down():
    """One process's timeout must not leave the others serving what it invalidated:
    reads and writes wait out ``DOWN_SECONDS``, deletions and counters do not."""
    location = "redis://127.0.0.1:6379/12"
    try:
        redis.Redis.from_url(location, socket_connect_timeout=0.5).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    # CI's two legs may run this at the same moment: keys of their own
    options = {"KEY_PREFIX": uuid.uuid4().hex}
    this, other = (ResilientRedisCache(location, options) for _ in range(2))
    other.state = ProcessState()  # another process: its own connections and down mark
    other.set("figures", "old", 60)
    other.set("version", 1, 60)
    this._failed("get", OSError("timed out"))  # a timeout a moment ago
    assert this.get("figures") is None  # reads wait
    this.delete("figures")
    assert this.incr("version") == 2
    assert other.get("figures") is None and other.get("version") == 2
    other.delete("version")


def test_the_public_and_data_versions_survive_a_down_cache(settings):
    from core import public_cache, versions

    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:%d/11" % closed_port(),
        }
    }
    public_cache.bump_public_version()
    versions.bump_programme_version(1)
    assert isinstance(public_cache.public_version(), int)
    assert isinstance(versions.programme_version(1), int)


def test_the_instances_of_one_process_share_its_connections_and_its_down_mark():
    """Django makes a cache instance per thread, and ASGI runs each request in a thread
    of its own: the pools and the « down » mark belong to the process, else each
    request would connect anew, and wait for Redis's timeout anew during an outage."""
    port = closed_port()
    location = "redis://127.0.0.1:%d/11" % port
    options = {"OPTIONS": {"socket_connect_timeout": 0.5}}
    first, second = (ResilientRedisCache(location, options) for _ in range(2))
    assert first._cache._pools is second._cache._pools
    assert first.get("page") is None  # the connection fails: down
    assert second.is_down()
    other = ResilientRedisCache("redis://127.0.0.1:%d/12" % port, options)
    assert not other.is_down()
