"""The trainings' daily jobs, enqueued by the platform's clock (core/schedule.py)."""

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from .services import anonymise_expired_registrations, evaluation_requests_due


@task()
def send_due_evaluations() -> int:
    """Ask the participants of every training that just ended to evaluate it (once)."""
    return evaluation_requests_due(now=timezone.now())


@task()
def anonymise_expired_participants() -> int:
    """Erase external participants' names and e-mails once their retention is over."""
    return anonymise_expired_registrations(
        now=timezone.now(), months=settings.TRAINING_PERSONAL_DATA_RETENTION_MONTHS
    )
