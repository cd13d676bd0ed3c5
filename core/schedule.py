"""Periodic jobs, scheduled by the platform: the ``clock`` process enqueues them.

Each app registers its periodic jobs when it is ready (``register_periodic``): a
django-tasks task and when it is due, every so many minutes or once a day at a set
Europe/Paris time. The ``clock`` process of ``platform/Procfile``
(``python manage.py run_scheduler``) wakes every ``SCHEDULER_TICK_SECONDS``, enqueues the
jobs that are due, and the task worker (``db_worker``) runs them. Nobody runs a command
by hand, and no cron line is to be installed.

Every job is idempotent (the work it does is recorded: a reminder sent, a report
prepared, a participant anonymised), so that enqueuing it twice is harmless. When each job
last went out is kept in the cache (Redis in production), so a restarted clock does not
enqueue again what it enqueued a minute before; a job whose time passed while the clock
was stopped goes out when it starts again.
"""

import datetime
import logging
from dataclasses import dataclass

from django.core.cache import cache
from django.utils import timezone

logger = logging.getLogger(__name__)

_JOBS: dict[str, "PeriodicJob"] = {}


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    task: object  # a django-tasks Task
    every: datetime.timedelta | None = None
    daily_at: datetime.time | None = None

    def last_slot(self, now: datetime.datetime) -> datetime.datetime:
        """The latest moment at or before ``now`` when the job was due."""
        if self.daily_at is not None:
            local = timezone.localtime(now)
            slot = timezone.make_aware(datetime.datetime.combine(local.date(), self.daily_at))
            return slot if slot <= now else slot - datetime.timedelta(days=1)
        period = self.every.total_seconds()
        return datetime.datetime.fromtimestamp(
            (now.timestamp() // period) * period, tz=datetime.UTC
        )


def register_periodic(name, task, *, every=None, daily_at=None) -> None:
    """Make ``task`` (a django-tasks task taking no argument) periodic."""
    if (every is None) == (daily_at is None):
        raise ValueError("A periodic job is due either every so often or daily at a time.")
    _JOBS[name] = PeriodicJob(name, task, every, daily_at)


def periodic_jobs() -> list[PeriodicJob]:
    return sorted(_JOBS.values(), key=lambda job: job.name)


def _key(job: PeriodicJob) -> str:
    return "schedule:last:%s" % job.name


def enqueue_due_jobs(now: datetime.datetime | None = None) -> list[str]:
    """Enqueue every job due at ``now`` and not yet enqueued for its latest slot; returns
    their names. One job that fails to enqueue does not stop the others."""
    now = now or timezone.now()
    enqueued = []
    for job in periodic_jobs():
        slot = job.last_slot(now)
        try:
            last = cache.get(_key(job))
        except Exception:
            logger.warning("Cache unreachable: %s's last run unknown", job.name, exc_info=True)
            last = None
        if last is not None and last >= slot.timestamp():
            continue
        try:
            job.task.enqueue()
        except Exception:
            logger.exception("Periodic job %s could not be enqueued", job.name)
            continue
        try:
            cache.set(_key(job), slot.timestamp(), None)
        except Exception:
            logger.warning("Cache unreachable: %s's run not recorded", job.name, exc_info=True)
        logger.info("Periodic job %s enqueued (due %s)", job.name, slot.isoformat())
        enqueued.append(job.name)
    return enqueued
