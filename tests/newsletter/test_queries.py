"""The newsletter's pages run the same queries whatever the number of rows."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from newsletter.services import issues
from tests.factories import make_organisation
from tests.newsletter.factories import make_published_issue


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_issue_page_with_2_sections_and_with_12(world, issue, editor, login):
    client = login(editor)
    url = reverse("newsletter:issue_detail", args=[issue.pk])
    two = _count(client, url)
    for n in range(10):
        issues.section_create(
            by=editor,
            issue=issue,
            title="Rubrique %d" % n,
            organisation=make_organisation(),
            deadline=timezone.localdate() + datetime.timedelta(days=n),
        )
    assert _count(client, url) == two


def test_the_archive_with_1_issue_and_with_6(world, client):
    now = timezone.now()
    make_published_issue(programme=world.programme, number=1, published_at=now)
    url = reverse("newsletter_public:archive")
    one = _count(client, url)
    for n in range(2, 7):
        make_published_issue(
            programme=world.programme,
            number=n,
            published_at=now - datetime.timedelta(days=31 * n),
        )
    assert _count(client, url) == one
