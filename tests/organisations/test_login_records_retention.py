"""Login records (django-axes) are purged by the clock once their retention is over."""

import datetime

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.utils import timezone

from core import schedule
from organisations.tasks import purge_expired_login_records, purge_login_records


def _record(model, *, age_days, username):
    row = model.objects.create(
        username=username,
        ip_address="192.0.2.7",
        user_agent="Firefox",
        **(
            {"get_data": "", "post_data": "", "failures_since_start": 1}
            if model is AccessAttempt
            else {}
        ),
    )
    model.objects.filter(pk=row.pk).update(
        attempt_time=timezone.now() - datetime.timedelta(days=age_days)
    )
    return row


@pytest.mark.django_db
def test_records_past_their_retention_go_and_recent_ones_stay(settings):
    settings.LOGIN_RECORDS_RETENTION_DAYS = 180
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        _record(model, age_days=200, username="old")
        _record(model, age_days=10, username="recent")

    assert purge_expired_login_records.call() == 3

    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        assert list(model.objects.values_list("username", flat=True)) == ["recent"]
    assert purge_login_records(now=timezone.now(), days=180) == 0  # idempotent


def test_the_purge_is_a_daily_job_of_the_clock():
    jobs = {job.name: job for job in schedule.periodic_jobs()}
    job = jobs["organisations.purge_expired_login_records"]
    assert job.task is purge_expired_login_records
    assert job.daily_at == datetime.time(3, 30)


@pytest.mark.django_db
def test_expired_sessions_are_deleted_by_a_daily_job():
    from django.contrib.sessions.models import Session

    from organisations.tasks import purge_expired_sessions

    now = timezone.now()
    Session.objects.create(
        session_key="old", session_data="", expire_date=now - datetime.timedelta(days=1)
    )
    Session.objects.create(
        session_key="live", session_data="", expire_date=now + datetime.timedelta(days=1)
    )
    purge_expired_sessions.call()
    assert list(Session.objects.values_list("session_key", flat=True)) == ["live"]
    job = {job.name: job for job in schedule.periodic_jobs()}[
        "organisations.purge_expired_sessions"
    ]
    assert job.task is purge_expired_sessions
    assert job.daily_at == datetime.time(3, 45)
