import pytest
from django.core.cache import cache

from tests.factories import World


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
