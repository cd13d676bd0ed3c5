"""Shared by the production tests: a world whose programme runs today, server logs."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

POSTGRES_AND_REDIS = settings.DATABASES["default"][
    "ENGINE"
] == "django.db.backends.postgresql" and settings.REDIS_URL.startswith("redis://")
NEEDS_POSTGRES_AND_REDIS = pytest.mark.skipif(
    not POSTGRES_AND_REDIS,
    reason=(
        "needs PostgreSQL and Redis: set DATABASE_URL=postgres://… and REDIS_URL=redis://… "
        "(CI's second leg does)"
    ),
)


def make_live_world():
    """``tests.factories.World`` committed (the servers read it), its programme started
    three months ago so that today's records fall within it, a target on the hotline's
    half-days (a dashboard row), and its public home page."""
    from coaching.enums import Indicator
    from coaching.models import Programme
    from demo.public_site import ensure_home_page
    from tests.factories import World, ensure_wagtail_root, make_target

    ensure_wagtail_root()
    world = World()
    start = (timezone.localdate() - datetime.timedelta(days=90)).replace(day=1)
    Programme.objects.filter(pk=world.programme.pk).update(start_date=start, duration_months=10)
    world.programme.refresh_from_db()
    make_target(programme=world.programme, indicator=Indicator.HOTLINE_HALF_DAYS, value=20)
    world.home = ensure_home_page(world.programme)
    return world


@pytest.fixture
def live_world(transactional_db):
    """:func:`make_live_world`, committed for the servers the test starts."""
    return make_live_world()


def quick_call(world) -> dict:
    """The quick log form of a shared hotline call of ERIC A, today."""
    from coaching.enums import CallChannel, HotlineTopic, Visibility

    now = timezone.localtime().replace(hour=0, minute=0)
    return {
        "accompaniment": world.accompaniment_a.pk,
        "started_at": now.strftime("%Y-%m-%dT%H:%M"),
        "duration_minutes": "15",
        "channel": CallChannel.PHONE,
        "topics": [HotlineTopic.FUNDING],
        "summary": "Appel enregistré par un autre processus",
        "visibility": Visibility.SHARED,
    }
