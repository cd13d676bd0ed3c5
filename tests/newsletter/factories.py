import datetime

from newsletter.enums import IssueStatus
from newsletter.models import NewsletterIssue


def make_published_issue(*, programme, number=1, published_at, title=None):
    """A published issue, as ``newsletter.services.issues.issue_publish`` leaves it."""
    return NewsletterIssue.objects.create(
        programme=programme,
        number=number,
        month=datetime.date(published_at.year, published_at.month, 1),
        title=title or "Lettre %d" % number,
        status=IssueStatus.PUBLISHED,
        published_at=published_at,
    )
