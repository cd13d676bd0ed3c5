from contextlib import contextmanager

import pytest
from django.core.cache import cache
from django.db import connection

from tests.factories import World
from tests.queries import DatabaseAmberExtension, QueryRecorder


def pytest_configure(config):
    # Under pytest-xdist a worker sees a share of the tests only: it would take the
    # others' snapshots for unused ones. CI runs the suite in one process, strictly.
    if getattr(config.option, "numprocesses", None):
        config.option.warn_unused_snapshots = True
    # The `snapshot` fixture's own (default) extension is what syrupy scans for unused
    # snapshots, and Amber's scans all of __snapshots__/: it would take the other
    # database's snapshots for unused ones (and delete them on --snapshot-update).
    if not config.option.default_extension:
        config.option.default_extension = "tests.queries.DatabaseAmberExtension"


@pytest.fixture
def snapshot_queries(snapshot):
    """``with snapshot_queries(name=…):`` — the queries run inside, their SQL and where
    each came from, must match the test's snapshot (see ``tests/queries.py``). Give two
    blocks the same ``name`` to require the same queries (1 row and 50, say)."""

    @contextmanager
    def check(name=None):
        recorder = QueryRecorder()
        with connection.execute_wrapper(recorder):
            yield recorder
        assert recorder.as_snapshot() == snapshot(extension_class=DatabaseAmberExtension, name=name)

    return check


@pytest.fixture(autouse=True)
def _clear_cache():
    from progress.fragments import forget_recent_fragments
    from progress.indicators import forget_recent_indicators

    cache.clear()
    forget_recent_indicators()
    forget_recent_fragments()
    yield
    cache.clear()
    forget_recent_indicators()
    forget_recent_fragments()


@pytest.fixture(autouse=True)
def _private_media_root(request, settings, tmp_path):
    """Private files of a test go to its own folder (under ``tmp_path``, so a test that
    counts the files it left under ``tmp_path`` sees them). Not in a browser journey: its
    server is a spawned process that reads the test settings' folder, not this one."""
    if request.node.get_closest_marker("browser") is None:
        settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"


@pytest.fixture
def world(db):
    """Two ERIC, their coaches and teams, the Region, a partner (see factories.World)."""
    return World()


@pytest.fixture
def demo(db):
    """The demo programme of seeds/004 and its accounts, as ``make run`` loads them."""
    from demo.loader import load_demo_data

    return load_demo_data()


@pytest.fixture
def login(client):
    """``login(user)`` logs the test client in as that user and returns the client."""

    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def time_machine_today(monkeypatch):
    """``time_machine_today(date)`` makes ``timezone.localdate()`` return that day."""
    from django.utils import timezone

    def _set(day):
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)

    return _set
