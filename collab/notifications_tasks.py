"""The notifications' work in the task worker: the e-mail of each message, and the
daily digest the platform's clock enqueues (core/schedule.py, ADR 0015)."""

from django_tasks import task


@task()
def send_notification_emails(notification_ids: list[int]) -> int:
    """E-mail these notifications to those who chose « chaque message »."""
    from .notifications import send_emails

    return send_emails(notification_ids)


@task()
def send_daily_digest() -> int:
    """Send today's digest to those who chose it (once a day, whatever the runs)."""
    from .notifications import send_daily_digests

    return send_daily_digests()
