"""Benchmark: render the agenda's month view over 5,000 events, many of them recurring.

Usage: .venv/bin/python bench/agenda_month.py [--events 5000] [--recurring 1000] [--runs 20]
Runs on a throw-away SQLite database (or on DATABASE_URL's PostgreSQL when set: use a
database you can drop). Prints the time per render (p50, p95) and the query count.
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
    args = parser.parse_args()

    os.environ.setdefault("DATA_DIR", tempfile.mkdtemp(prefix="bench-agenda-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    os.environ["LOG_LEVEL"] = "WARNING"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client
    from django.utils import timezone
    from schedule.models import Event

    from agenda.enums import EntryKind, Visibility
    from agenda.models import AgendaEntry
    from agenda.selectors import local_bounds, occurrences_between
    from agenda.services import calendar_for, weekly_rule
    from organisations.enums import OrganisationKind, Role
    from tests.factories import make_accompaniment, make_organisation, make_programme, make_user

    call_command("migrate", verbosity=0)
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

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(region)
    url = "/agenda/?date=2026-11-01"
    response = client.get(url)  # warm up
    assert response.status_code == 200, response.status_code
    executed = []
    with connection.execute_wrapper(
        lambda run, sql, *rest: executed.append(sql) or run(sql, *rest)
    ):
        client.get(url)
    first, last = datetime.date(2026, 10, 26), datetime.date(2026, 12, 6)
    start, end = local_bounds(first, last)
    expand_timings = []
    for _ in range(3):
        began = time.perf_counter()
        occurrences_between(region, start, end)
        expand_timings.append((time.perf_counter() - began) * 1000)
    timings = []
    for _ in range(args.runs):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
    shown = response.content.decode().count('class="agenda-item ')
    print("Month view (November 2026, Region officer), %d runs:" % args.runs)
    print(
        "  p50 %.0f ms · p95 %.0f ms · %d SQL queries · %d occurrences on the page"
        % (statistics.median(timings), p95, len(executed), shown)
    )
    print("  of which reading and expanding the occurrences: %.0f ms" % min(expand_timings))


if __name__ == "__main__":
    main()
