"""The report schedule: each running programme's report of the period just ended (the
month by default, see :class:`~progress.models.ReportSchedule`), prepared once.

The platform's clock (``core.schedule``, ADR 0015) enqueues the task
``prepare_scheduled_reports`` every day at 6 h, so the worker does the work
(``manage.py prepare_scheduled_reports`` queues it by hand). A day missed is caught up on
the next run (the last period ended is prepared); a run repeated the same day prepares
nothing more (``last_period_end``).
"""

import datetime

from django.db import transaction
from django.utils import timezone

from coaching.models import Programme

from .models import ReportKind, ReportSchedule, ScheduleFrequency
from .periods import Period, month_period, quarter_period
from .report_services import request_report

KIND_OF = {
    ScheduleFrequency.MONTHLY: ReportKind.MONTH,
    ScheduleFrequency.QUARTERLY: ReportKind.QUARTER,
}


def last_period_ended(frequency: str, today: datetime.date) -> Period | None:
    """The last whole period ended before ``today``."""
    if frequency == ScheduleFrequency.MONTHLY:
        return month_period(today.replace(day=1) - datetime.timedelta(days=1))
    if frequency == ScheduleFrequency.QUARTERLY:
        return quarter_period(quarter_period(today).start - datetime.timedelta(days=1))
    return None


def period_under_way(frequency: str, today: datetime.date) -> Period:
    if frequency == ScheduleFrequency.QUARTERLY:
        return quarter_period(today)
    return month_period(today)


def due_period(schedule: ReportSchedule, today: datetime.date) -> Period | None:
    """The period to prepare now, or ``None``: ended, inside the programme, not done."""
    programme = schedule.programme
    period = last_period_ended(schedule.frequency, today)
    if period is None or period.end < programme.start_date or period.start > programme.end_date:
        return None
    period = Period(max(period.start, programme.start_date), min(period.end, programme.end_date))
    if schedule.last_period_end and schedule.last_period_end >= period.end:
        return None
    return period


def schedules(today: datetime.date):
    """Each running programme's schedule (created monthly when there is none yet)."""
    programmes = Programme.objects.filter(start_date__lt=today).exclude(
        report_schedule__isnull=False
    )
    ReportSchedule.objects.bulk_create(
        [ReportSchedule(programme=p) for p in programmes], ignore_conflicts=True
    )
    return ReportSchedule.objects.select_related("programme__funder").exclude(
        frequency=ScheduleFrequency.NONE
    )


def prepare_due_reports(today: datetime.date | None = None) -> list:
    """Queue each programme's report of the period just ended; the reports queued."""
    today = today or timezone.localdate()
    queued = []
    for schedule in schedules(today):
        period = due_period(schedule, today)
        if period is None:
            continue
        with transaction.atomic():
            report, _created = request_report(
                by=None,
                programme=schedule.programme,
                kind=KIND_OF[schedule.frequency],
                period=period,
                fmt=schedule.format,
                scheduled=True,
            )
            schedule.last_period_end = period.end
            schedule.save(update_fields=["last_period_end"])
        queued.append(report)
    return queued
