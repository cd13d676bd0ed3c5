"""Benchmark: the Region dashboard and an ERIC's trajectory page on a national-scale programme.

Usage:
  DATABASE_URL=postgres://…/a_database_you_can_drop \\
  .venv/bin/python bench/dashboards.py [--erics 5000] [--years 5] [--runs 20]

Generates one programme of ``--years`` × 12 months with ``--erics`` accompanied ERIC, a
weekly hotline call per ERIC (and the programme's weekly slot), a monthly animation per
ERIC (two co-organisers, documented, so it counts; one in ten left undocumented), then
prints p50/p95 of the Region dashboard and of one ERIC's page, with their query counts.
Without DATABASE_URL it runs on a throw-away SQLite database.
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

BATCH = 5000


def generate(args):
    from dateutil.relativedelta import relativedelta
    from django.db import transaction
    from django.utils import timezone

    from coaching.enums import (
        AccompanimentStatus,
        AnimationStatus,
        Basis,
        Indicator,
        Visibility,
    )
    from coaching.models import (
        Accompaniment,
        Animation,
        HotlineCall,
        HotlineSlot,
        Programme,
        Target,
    )
    from organisations.enums import OrganisationKind, Pilot, Role
    from organisations.models import Membership, Organisation
    from tests.factories import make_user

    months = args.years * 12
    today = timezone.localdate()
    start = (today - relativedelta(months=months - 1)).replace(day=1)
    with transaction.atomic():
        region_org = Organisation.objects.create(
            name="Région bench", slug="region-bench", kind=OrganisationKind.FUNDER
        )
        partners = Organisation.objects.bulk_create(
            Organisation(
                name="Partenaire bench %d" % n,
                slug="partenaire-bench-%d" % n,
                kind=OrganisationKind.ASSOCIATION,
            )
            for n in range(20)
        )
        programme = Programme.objects.create(
            name="Programme national bench",
            slug="programme-national-bench",
            funder=region_org,
            start_date=start,
            duration_months=months,
        )
        Target.objects.bulk_create(
            [
                Target(
                    programme=programme,
                    indicator=Indicator.ANIMATIONS,
                    value=months,
                    basis=Basis.PER_ERIC,
                ),
                Target(
                    programme=programme,
                    indicator=Indicator.TRAININGS,
                    value=args.years * 4,
                    basis=Basis.PROGRAMME,
                ),
                Target(
                    programme=programme,
                    indicator=Indicator.NEWSLETTERS,
                    value=months,
                    basis=Basis.PROGRAMME,
                ),
                Target(
                    programme=programme,
                    indicator=Indicator.CODE_SOURCE_SHEETS,
                    value=1,
                    basis=Basis.PER_MONTH,
                ),
                Target(
                    programme=programme,
                    indicator=Indicator.TRUST_CIRCLE_MAPS,
                    value=1,
                    basis=Basis.PER_ERIC,
                ),
                Target(
                    programme=programme,
                    indicator=Indicator.FEDERATING_EVENTS,
                    value=1,
                    basis=Basis.PER_ERIC,
                ),
                Target(
                    programme=programme,
                    indicator=Indicator.HOTLINE_HALF_DAYS,
                    value=1,
                    basis=Basis.PER_WEEK,
                ),
            ]
        )
        coach = make_user(username="bench-coach")
        region = make_user(
            username="bench-region", organisation=region_org, role=Role.REGION_OFFICER
        )
        erics = Organisation.objects.bulk_create(
            (
                Organisation(
                    name="ERIC bench %05d" % n,
                    slug="eric-bench-%d" % n,
                    kind=OrganisationKind.ERIC,
                    pilot=Pilot.ACCOMPANIMENT,
                )
                for n in range(args.erics)
            ),
            batch_size=BATCH,
        )
        accompaniments = Accompaniment.objects.bulk_create(
            (
                Accompaniment(
                    programme=programme,
                    eric=eric,
                    start_date=programme.start_date,
                    end_date=programme.end_date,
                    status=AccompanimentStatus.ACTIVE,
                )
                for eric in erics
            ),
            batch_size=BATCH,
        )
        team = make_user(username="bench-team", organisation=erics[0], role=Role.ERIC_TEAM)
        Membership.objects.get_or_create(
            user=coach, organisation=partners[0], role=Role.RESOURCE_PERSON
        )
        accompaniments[0].resource_persons.add(coach)

        tz = timezone.get_current_timezone()
        monday = start - datetime.timedelta(days=start.weekday())
        weeks = []
        while monday + datetime.timedelta(days=1) <= today:
            weeks.append(monday + datetime.timedelta(days=1))
            monday += datetime.timedelta(days=7)
        slots = HotlineSlot.objects.bulk_create(
            (HotlineSlot(programme=programme, held_on=day, held_by=coach) for day in weeks),
            batch_size=BATCH,
        )
        if not all(slot.pk for slot in slots):  # SQLite before 3.35 returns no ids
            slots = list(HotlineSlot.objects.filter(programme=programme).order_by("held_on"))
        print("  %d ERIC, %d weeks, %d months" % (len(erics), len(weeks), months))

        def calls():
            for acc in accompaniments:
                for day, slot in zip(weeks, slots, strict=True):
                    yield HotlineCall(
                        accompaniment=acc,
                        slot=slot,
                        started_at=datetime.datetime.combine(day, datetime.time(10), tz),
                        duration_minutes=15,
                        summary="Appel",
                        visibility=Visibility.SHARED,
                        created_by=coach,
                    )

        _bulk(HotlineCall, calls())
        month_days = [start + relativedelta(months=n, days=9) for n in range(months)]
        month_days = [d for d in month_days if d < today]

        def animations():
            for i, acc in enumerate(accompaniments):
                for j, day in enumerate(month_days):
                    documented = (i + j) % 10 != 0
                    yield Animation(
                        accompaniment=acc,
                        title="Animation",
                        starts_at=datetime.datetime.combine(day, datetime.time(14), tz),
                        status=AnimationStatus.HELD,
                        created_by=coach,
                        report_what_happened="Compte rendu" if documented else "",
                        attendance_residents=12 if documented else None,
                    )

        _bulk(Animation, animations())
        through = Animation.co_organisers.through
        ids = Animation.objects.filter(accompaniment__programme=programme).values_list(
            "pk", flat=True
        )

        def links():
            for n, pk in enumerate(ids.iterator(chunk_size=BATCH)):
                yield through(animation_id=pk, organisation_id=partners[n % 20].pk)
                yield through(animation_id=pk, organisation_id=partners[(n + 1) % 20].pk)

        _bulk(through, links())
    return programme, region, team, accompaniments[0]


def _bulk(model, rows):
    batch = []
    count = 0
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            model.objects.bulk_create(batch)
            count += len(batch)
            batch = []
    if batch:
        model.objects.bulk_create(batch)
        count += len(batch)
    print("  %s: %d rows" % (model.__name__, count))


def measure(client, url, runs):
    from django.db import connection

    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(round(0.95 * len(timings))) - 1)]
    return statistics.median(timings), p95, len(queries)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--erics", type=int, default=5000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    os.environ.setdefault("DATA_DIR", tempfile.mkdtemp(prefix="bench-dashboards-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    os.environ["LOG_LEVEL"] = "WARNING"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    from coaching.models import Programme

    if Programme.objects.filter(slug="programme-national-bench").exists():
        sys.exit("The bench programme exists already: use a fresh database.")
    print("Generating %d ERIC over %d years…" % (args.erics, args.years))
    started = time.perf_counter()
    programme, region, team, accompaniment = generate(args)
    print("  generated in %.0f s" % (time.perf_counter() - started))
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    region_client = Client()
    region_client.force_login(region)
    team_client = Client()
    team_client.force_login(team)
    for label, client, url in [
        (
            "Region dashboard",
            region_client,
            reverse("coaching:programme_dashboard", args=[programme.slug]),
        ),
        (
            "ERIC page",
            team_client,
            reverse("coaching:accompaniment_detail", args=[accompaniment.pk]),
        ),
    ]:
        p50, p95, queries = measure(client, url, args.runs)
        print(
            "%-17s p50 %7.1f ms   p95 %7.1f ms   %d queries   (%s, %d runs)"
            % (label, p50, p95, queries, connection.vendor, args.runs)
        )


if __name__ == "__main__":
    main()
