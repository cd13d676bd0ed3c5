import datetime

import pytest
from django.utils import timezone

from newsletter.enums import SubscriberStatus
from newsletter.models import Subscriber
from newsletter.services import issues
from organisations.enums import Role
from tests.cms.conftest import site  # noqa: F401 (the public site, for photos and sheets)
from tests.factories import make_user

from .smtp import SMTPServer


@pytest.fixture
def smtp(settings):
    """A real SMTP server on a free local port; Django sends through it."""
    with SMTPServer() as server:
        for key, value in server.settings().items():
            setattr(settings, key, value)
        yield server.sink


@pytest.fixture
def editor(world):
    return make_user(username="editor", organisation=world.region_org, role=Role.EDITOR)


@pytest.fixture
def issue(world, editor):
    """Issue n° 1 planned with a section for ERIC A and one for ERIC B."""
    today = timezone.localdate()
    issue = issues.issue_create(
        by=editor,
        programme=world.programme,
        number=1,
        month=today,
        title="Les ERIC ouvrent leurs portes",
    )
    issues.section_create(
        by=editor,
        issue=issue,
        title="À la Boate",
        organisation=world.eric_a,
        deadline=today + datetime.timedelta(days=10),
    )
    issues.section_create(
        by=editor,
        issue=issue,
        title="Au centre social",
        organisation=world.eric_b,
        deadline=today + datetime.timedelta(days=10),
    )
    for section, text in zip(issue.sections.all(), ("Un repair café.", "Une fête."), strict=True):
        issues.section_write(by=editor, section=section, body=text, submit=True)
    return issue


def make_subscribers(count: int, *, status=SubscriberStatus.CONFIRMED, prefix="abonne"):
    return Subscriber.objects.bulk_create(
        Subscriber(
            email="%s%d@exemple.fr" % (prefix, n),
            status=status,
            consent_source="form",
            consent_text="oui",
        )
        for n in range(count)
    )
