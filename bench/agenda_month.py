"""Benchmark: render the agenda's month view over 5,000 events, many of them recurring.

Usage:
  DATABASE_URL=postgres://…/a_database_you_can_drop \
  .venv/bin/python bench/agenda_month.py [--events 5000] [--recurring 1000] [--runs 20]

Runs on a throw-away SQLite database without DATABASE_URL. Prints, for the Region officer,
the time per render (p50, p95; and the median CPU time of the web process, which
a busy machine inflates less) and the query count of the month view: unchanged (its
recurrences expanded earlier, from the cache) and after a change (the programme's agenda
version bumped before each render: the month expanded afresh), and of a day of it.
``--measure-only`` measures again the events an earlier run generated in the database.
"""

import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--recurring", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument(
        "--measure-only",
        action="store_true",
        help="measure the events a previous run generated in this database",
    )
    args = parser.parse_args()

    os.environ.setdefault("DATA_DIR", tempfile.mkdtemp(prefix="bench-agenda-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    os.environ["LOG_LEVEL"] = "WARNING"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone
    from schedule.models import Event

    from agenda.enums import EntryKind, Visibility
    from agenda.models import AgendaEntry
    from agenda.services import calendar_for, weekly_rule
    from core.versions import bump_agenda_version
    from organisations.enums import OrganisationKind, Role
    from tests.factories import make_accompaniment, make_organisation, make_programme, make_user

    call_command("migrate", verbosity=0)
    from django.contrib.auth import get_user_model

    region = get_user_model().objects.filter(username="bench-region").first()
    if args.measure_only:
        if region is None:
            sys.exit("No bench events in this database: run without --measure-only.")
        measure(args, region, bump_agenda_version)
        return
    if region is not None:
        sys.exit("The bench events exist already: use --measure-only.")
    print("Generating %d events (%d weekly recurring)…" % (args.events, args.recurring))
    started = time.perf_counter()
    with transaction.atomic():
        region_org = make_organisation(name="Région bench", kind=OrganisationKind.FUNDER)
        programme = make_programme(funder=region_org, start_date=datetime.date(2026, 9, 1))
        erics = [make_organisation(name="ERIC bench %d" % n) for n in range(50)]
        for eric in erics:
            make_accompaniment(programme=programme, eric=eric)
        region = make_user(
            username="bench-region", organisation=region_org, role=Role.REGION_OFFICER
        )
        rule = weekly_rule()
        calendars = {eric.pk: calendar_for(programme, eric) for eric in erics}
        events, metas = [], []
        for n in range(args.events):
            eric = erics[n % len(erics)]
            day = datetime.date(2026, 9, 1) + datetime.timedelta(days=n % 300)
            start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9 + n % 8)))
            recurring = n < args.recurring
            events.append(
                Event(
                    calendar=calendars[eric.pk],
                    title="Événement %d" % n,
                    start=start,
                    end=start + datetime.timedelta(hours=2),
                    rule=rule if recurring else None,
                    end_recurring_period=timezone.make_aware(
                        datetime.datetime.combine(datetime.date(2027, 6, 30), datetime.time(23, 59))
                    )
                    if recurring
                    else None,
                )
            )
            metas.append((eric, EntryKind.MEETING if n % 3 else EntryKind.ANIMATION))
        Event.objects.bulk_create(events, batch_size=500)
        AgendaEntry.objects.bulk_create(
            [
                AgendaEntry(
                    event=event,
                    programme=programme,
                    eric=eric,
                    kind=kind,
                    visibility=Visibility.TEAM,
                )
                for event, (eric, kind) in zip(events, metas, strict=True)
            ],
            batch_size=500,
        )
    print("  generated in %.1f s on %s" % (time.perf_counter() - started, connection.vendor))

    measure(args, region, bump_agenda_version)


def _percentiles(timings):
    timings = sorted(timings)
    p95 = timings[max(0, int(round(len(timings) * 0.95)) - 1)]
    return statistics.median(timings), p95


def measure(args, region, bump_agenda_version):
    from django.db import connection
    from django.test import Client

    from agenda.models import AgendaEntry
    from agenda.selectors import local_bounds, occurrences_between

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    programme_ids = set(AgendaEntry.objects.values_list("programme_id", flat=True))
    print(
        "%d agenda entries on %s; load average %.2f %.2f %.2f"
        % ((AgendaEntry.objects.count(), connection.vendor) + os.getloadavg())
    )

    def change():
        for pk in programme_ids:
            bump_agenda_version(pk)

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(region)
    month, day = "/agenda/?date=2026-11-01", "/agenda/?vue=jour&date=2026-11-10"
    response = client.get(month)  # warm up
    assert response.status_code == 200, response.status_code
    shown = response.content.decode().count('class="agenda-item ')
    for label, url, before in [
        ("Month view, after a change", month, change),
        ("Month view, unchanged", month, None),
        ("Day view, unchanged", day, None),
    ]:
        if before:
            before()
        executed = []
        with connection.execute_wrapper(
            lambda run, sql, *rest, executed=executed: executed.append(sql) or run(sql, *rest)
        ):
            assert client.get(url).status_code == 200
        timings, cpu = [], []
        for _ in range(args.runs):
            if before:
                before()
            started, cpu_started = time.perf_counter(), time.process_time()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
        p50, p95 = _percentiles(timings)
        print(
            "%-28s p50 %6.0f ms   p95 %6.0f ms   (CPU p50 %4.0f ms)   %2d queries   (%s, %d runs)"
            % (label, p50, p95, statistics.median(cpu), len(executed), connection.vendor, args.runs)
        )
    print("November 2026 for the Region officer: %d occurrences on the month page" % shown)
    first, last = datetime.date(2026, 10, 26), datetime.date(2026, 12, 6)
    start, end = local_bounds(first, last)
    expand_timings = []
    for _ in range(3):
        began = time.perf_counter()
        count = len(occurrences_between(region, start, end))
        expand_timings.append((time.perf_counter() - began) * 1000)
    print(
        "Expanding the month's %d occurrences without the cache: %.0f ms"
        % (count, min(expand_timings))
    )
    print("Load average after measuring: %.2f %.2f %.2f" % os.getloadavg())


if __name__ == "__main__":
    main()
