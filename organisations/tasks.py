"""Accounts' retention jobs, enqueued by the platform's clock (core/schedule.py)."""

import datetime
from importlib import import_module

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task


def purge_login_records(*, now: datetime.datetime, days: int) -> int:
    """Delete the login records (django-axes: attempts, failures, successful logins with
    their address and browser) older than ``days``; how many rows went. An attempt still
    counting towards a lockout is younger than the cool-off, far below any retention."""
    limit = now - datetime.timedelta(days=days)
    deleted = 0
    with transaction.atomic():
        for model in (AccessAttempt, AccessFailureLog, AccessLog):
            count, _by_model = model.objects.filter(attempt_time__lt=limit).delete()
            deleted += count
    return deleted


@task()
def purge_expired_login_records() -> int:
    """Daily: forget login records past LOGIN_RECORDS_RETENTION_DAYS (docs/privacy.md)."""
    return purge_login_records(now=timezone.now(), days=settings.LOGIN_RECORDS_RETENTION_DAYS)


@task()
def purge_expired_sessions() -> None:
    """Daily: delete the sessions past their expiry (what Django's ``clearsessions``
    does, which nobody has to run): a session row holds who was logged in, and when."""
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
