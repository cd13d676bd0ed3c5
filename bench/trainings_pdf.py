"""Benchmark: a 30-participant attendance sheet and 30 certificates, with WeasyPrint.

Run from the project root:  .venv/bin/python bench/trainings_pdf.py
It builds the data in a throw-away in-memory SQLite database (nothing touches yours),
renders the PDFs and prints the wall time and the peak memory of each step.
"""

import datetime
import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ["DATABASE_URL"] = "sqlite://:memory:"
os.environ.pop("REDIS_URL", None)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

PARTICIPANTS = 30


def build():
    from organisations.enums import OrganisationKind
    from tests.factories import World, make_organisation
    from trainings import services
    from trainings.enums import AttendanceStatus, SessionSlot, TrainingKind

    world = World()
    trainer_org = make_organisation(name="OpenScop bench", kind=OrganisationKind.CONSULTANCY)
    training = services.training_create(
        by=world.admin,
        programme=world.programme,
        title="Formation trimestrielle — banc d'essai",
        kind=TrainingKind.QUARTERLY,
        capacity=PARTICIPANTS,
        place="La Bo[a]te, Marseille",
        trainer_organisations=[trainer_org],
    )
    day = timezone.localdate() - datetime.timedelta(days=1)
    tz = timezone.get_current_timezone()
    sessions = [
        services.session_create(
            by=world.admin,
            training=training,
            slot=slot,
            starts_at=datetime.datetime.combine(day, datetime.time(start), tzinfo=tz),
            ends_at=datetime.datetime.combine(day, datetime.time(end), tzinfo=tz),
        )
        for slot, start, end in ((SessionSlot.MORNING, 9, 12), (SessionSlot.AFTERNOON, 14, 17))
    ]
    registrations = [
        services.registration_create(
            by=world.admin,
            training=training,
            full_name="Participant·e n° %02d Dupont-Lefèvre" % n,
            email="participant%02d@example.org" % n,
            organisation_name="Association de quartier n° %d" % n,
            consent=True,
        )
        for n in range(1, PARTICIPANTS + 1)
    ]
    for session in sessions:
        services.attendance_record(
            by=world.admin,
            session=session,
            statuses={r.pk: AttendanceStatus.PRESENT for r in registrations},
        )
    return training, sessions[0], registrations


def measure(label, function):
    """Wall time of an untraced run, then the peak of a second run under tracemalloc
    (tracing every allocation slows Python down several times: never time it)."""
    start = time.perf_counter()
    result = function()
    elapsed = time.perf_counter() - start
    tracemalloc.start()
    function()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print("%-46s %6.2f s   peak Python memory %6.1f MiB" % (label, elapsed, peak / 1024 / 1024))
    return result


def main():
    from trainings import reports

    call_command("migrate", verbosity=0, interactive=False)
    training, morning, registrations = build()
    assert connection.vendor == "sqlite"
    # Warm-up: fonts and WeasyPrint's user-agent stylesheet load once per process.
    reports.attendance_sheet_pdf(morning)

    sheet = measure(
        "attendance sheet, %d participants" % PARTICIPANTS,
        lambda: reports.attendance_sheet_pdf(morning),
    )
    separate = measure(
        "%d certificates, one PDF each" % PARTICIPANTS,
        lambda: [reports.certificate_pdf(r) for r in registrations],
    )
    together = measure(
        "%d certificates, one PDF of %d pages" % (PARTICIPANTS, PARTICIPANTS),
        lambda: reports.certificates_pdf(training),
    )
    print(
        "sizes: sheet %d KiB; certificates %d KiB in all (separate), %d KiB (one file)"
        % (len(sheet) // 1024, sum(len(pdf) for pdf in separate) // 1024, len(together) // 1024)
    )
    print(
        "process peak resident memory (ru_maxrss): %.1f MiB"
        % (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    )


if __name__ == "__main__":
    main()
