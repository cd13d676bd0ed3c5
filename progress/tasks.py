"""The reports' background work (django-tasks): build one report; prepare the reports
the schedules say are due.

In production ``TASKS_BACKEND=database`` queues them for ``manage.py db_worker`` (the
Procfile's ``worker``); the embedded default's immediate backend runs them at once.
"""

from django_tasks import task

from .report_services import build_report_now
from .schedule import prepare_due_reports


@task()
def build_report(report_id: int) -> None:
    build_report_now(report_id)


@task()
def prepare_scheduled_reports() -> int:
    """Queue the reports whose period ended (see :mod:`progress.schedule`); returns how
    many were queued."""
    return len(prepare_due_reports())
