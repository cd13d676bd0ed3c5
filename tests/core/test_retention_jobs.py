"""Every retention of the register of processing (docs/privacy.md) is a job of the
platform's clock (core/schedule.py, ADR 0015), not a command someone must remember."""

import datetime
import re
from pathlib import Path

from django.conf import settings

from core import schedule

RETENTION_JOBS = {
    "trainings.anonymise_expired_participants": datetime.time(3),
    "organisations.purge_expired_login_records": datetime.time(3, 30),
    "study.apply_retention": datetime.time(3, 30),
    "organisations.purge_expired_sessions": datetime.time(3, 45),
    "progress.purge_expired_personal_data_exports": datetime.time(4),
}


def test_every_retention_is_a_daily_job_of_the_clock():
    jobs = {job.name: job for job in schedule.periodic_jobs()}
    for name, at in RETENTION_JOBS.items():
        assert name in jobs, name
        assert jobs[name].daily_at == at, name


def test_the_register_lists_exactly_these_jobs():
    register = (Path(settings.BASE_DIR) / "docs" / "privacy.md").read_text()
    table = register.split("## Retention jobs", 1)[1].split("\n## ", 1)[0]
    assert set(re.findall(r"^\| `([a-z_.]+)` \|", table, flags=re.M)) == set(RETENTION_JOBS)
