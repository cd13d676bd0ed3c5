"""The collaborative platform's periodic job, enqueued by the platform's clock."""

from django_tasks import task

from .services import sync_spaces


@task()
def sync_collaborative_spaces() -> int:
    """Open the spaces of new programmes, accompaniments and trainings."""
    return len(sync_spaces())
