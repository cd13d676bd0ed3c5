"""The platform's clock enqueues each periodic job once per slot, and catches up."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django_tasks import task

from core import schedule

PARIS = ZoneInfo("Europe/Paris")
RUNS = []


@task()
def record_run() -> None:
    RUNS.append("run")


@pytest.fixture
def jobs(monkeypatch):
    """Only the test's jobs, and a clean record of runs."""
    monkeypatch.setattr(schedule, "_JOBS", {})
    RUNS.clear()
    return schedule


def at(day, hour, minute=0):
    return datetime.datetime(2026, 12, day, hour, minute, tzinfo=PARIS)


def test_every_app_registers_its_jobs():
    names = {job.name for job in schedule.periodic_jobs()}
    assert {
        "newsletter.newsletter_tick",
        "progress.prepare_scheduled_reports",
        "trainings.send_due_evaluations",
        "trainings.anonymise_expired_participants",
    } <= names


def test_a_daily_job_goes_out_once_a_day_at_its_time(jobs):
    jobs.register_periodic("daily", record_run, daily_at=datetime.time(6))
    assert jobs.enqueue_due_jobs(at(2, 7)) == ["daily"]  # its 6 h slot has passed
    assert jobs.enqueue_due_jobs(at(2, 7, 30)) == []
    assert jobs.enqueue_due_jobs(at(2, 23)) == []
    assert jobs.enqueue_due_jobs(at(3, 5, 59)) == []
    assert jobs.enqueue_due_jobs(at(3, 6)) == ["daily"]
    assert RUNS == ["run", "run"]


def test_a_job_every_15_minutes(jobs):
    jobs.register_periodic("tick", record_run, every=datetime.timedelta(minutes=15))
    assert jobs.enqueue_due_jobs(at(2, 10, 1)) == ["tick"]
    assert jobs.enqueue_due_jobs(at(2, 10, 14)) == []
    assert jobs.enqueue_due_jobs(at(2, 10, 16)) == ["tick"]
    assert len(RUNS) == 2


def test_a_restarted_clock_neither_repeats_nor_forgets(jobs):
    """What went out is in the cache, not in the process: a new clock reads it."""
    jobs.register_periodic("daily", record_run, daily_at=datetime.time(6))
    jobs.enqueue_due_jobs(at(2, 6, 5))
    # the clock restarts a minute later: nothing again
    assert jobs.enqueue_due_jobs(at(2, 6, 6)) == []
    # it was stopped over the next day's 6 h: the missed slot goes out on its return
    assert jobs.enqueue_due_jobs(at(3, 9)) == ["daily"]
    assert len(RUNS) == 2


def test_one_failing_job_does_not_stop_the_others(jobs):
    class Unreachable:
        def enqueue(self):
            raise RuntimeError("queue unreachable")

    jobs.register_periodic("a-broken", Unreachable(), daily_at=datetime.time(6))
    jobs.register_periodic("b-fine", record_run, daily_at=datetime.time(6))
    assert jobs.enqueue_due_jobs(at(2, 7)) == ["b-fine"]
    # the broken one is tried again at the next wake-up
    assert jobs.enqueue_due_jobs(at(2, 7, 1)) == []


def test_a_job_is_due_either_every_so_often_or_daily(jobs):
    with pytest.raises(ValueError):
        jobs.register_periodic(
            "both", record_run, every=datetime.timedelta(1), daily_at=datetime.time(1)
        )
    with pytest.raises(ValueError):
        jobs.register_periodic("neither", record_run)


@pytest.mark.django_db
def test_the_clock_command_runs_the_real_jobs_once(capsys):
    """With the immediate backend the jobs run on the spot: each goes out once."""
    call_command("run_scheduler", "--once")
    first = capsys.readouterr().out
    for name in (
        "newsletter.newsletter_tick",
        "progress.prepare_scheduled_reports",
        "trainings.send_due_evaluations",
        "trainings.anonymise_expired_participants",
    ):
        assert name in first
    call_command("run_scheduler", "--once")
    assert capsys.readouterr().out == ""
    call_command("run_scheduler", "--list")
    assert "toutes les 15 min" in capsys.readouterr().out
