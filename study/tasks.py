"""The study's periodic job, run by the task worker (registered in ``apps.py``)."""

from django_tasks import task

from .retention import apply_retention_now, erase_expired_contacts


@task()
def apply_retention() -> dict:
    """Raw entries past the retention period become tallies, and the contact requests
    of those days are erased (``study.retention``)."""
    entries = {str(k): v for k, v in apply_retention_now().items()}
    return {"entries": entries, "contacts": erase_expired_contacts()}
