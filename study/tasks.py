"""The study's periodic job, run by the task worker (registered in ``apps.py``)."""

from django_tasks import task

from .retention import apply_retention_now


@task()
def apply_retention() -> dict:
    """Raw entries past the retention period become tallies (``study.retention``)."""
    return {str(k): v for k, v in apply_retention_now().items()}
