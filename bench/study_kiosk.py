"""Benchmark: the visitor study's kiosk API and live view.

Usage:
  .venv/bin/python bench/study_kiosk.py [--queued 500] [--batch 100]
      [--kiosks 5] [--per-minute 200] [--minutes 5] [--speed 1]
      [--database-url postgres://postgres@127.0.0.1:5432/bench_study]

In a throw-away DATA_DIR (SQLite; or the PostgreSQL database given, which must exist and
is flushed), migrates, loads the demo, moves the Fête du Miel to today and enrols the
kiosks; then, through Django's whole request stack (middleware, view, service, the
in-memory channel layer the view pushes to):

1. drain: one kiosk's ``--queued`` entries, queued offline, sent in batches of
   ``--batch`` as static/js/kiosk.js does; prints the time until all are stored, and
   checks that sending the same queue again stores nothing;
2. steady: ``--kiosks`` kiosks each sending ``--per-minute`` entries a minute (one entry a
   request, as an online kiosk does) for ``--minutes``; ``--speed N`` compresses time N
   times (same number of entries, N times the rate) and the output says so. A listener
   on the event's group measures the live delay: from the moment a kiosk sends its
   request to the moment the live figures holding its entry are in the channel layer
   (the websocket hop to the browser is not included). Prints p50/p95/max.

The requests run one after another in this process (no network): figures are the
server's own work, an upper bound would add the network and the socket.
"""

import argparse
import datetime
import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup(database_url):
    data_dir = tempfile.mkdtemp(prefix="bench-study-")
    os.environ["DATA_DIR"] = data_dir
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    os.environ["LOG_LEVEL"] = "WARNING"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    if database_url:
        call_command("flush", interactive=False, verbosity=0)
        call_command("migrate", verbosity=0)
    from demo.loader import load_demo_data

    users = load_demo_data()
    return data_dir, users


def entry(now):
    return {
        "id": str(uuid.uuid4()),
        "consent": True,
        "arrived_at": (now - datetime.timedelta(seconds=30)).isoformat(),
        "age_band": "25-39",
        "residence": "town",
        "first_visit": True,
        "heard_of": "passing",
        "motivations": ["discover", "learn"],
        "activities": ["interview", "watching"],
        "companions": "family",
        "satisfaction": 3,
        "would_return": True,
    }


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--queued", type=int, default=500)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--kiosks", type=int, default=5)
    parser.add_argument("--per-minute", type=int, default=200)
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--speed", type=float, default=1)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()

    data_dir, users = setup(args.database_url)
    from asgiref.sync import async_to_sync
    from channels.layers import get_channel_layer
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from study import services
    from study.models import StudyEvent, VisitorEntry

    event = StudyEvent.objects.get(name__startswith="Fête du Miel")
    today = timezone.localdate()
    StudyEvent.objects.filter(pk=event.pk).update(start_date=today, end_date=today)
    event.refresh_from_db()
    tokens = [
        services.kiosk_enrol(by=users["mouans"], event=event, label="Borne %d" % n)[1]
        for n in range(1, args.kiosks + 1)
    ]
    client = Client()
    layer = get_channel_layer()
    channel = async_to_sync(layer.new_channel)()
    async_to_sync(layer.group_add)(services.event_group(event.pk), channel)

    def send(token, entries):
        response = client.post(
            "/kiosque/api/entrees/",
            data=json.dumps({"entries": entries}),
            content_type="application/json",
            headers={"Authorization": "Bearer " + token},
        )
        assert response.status_code == 200, response.content
        return response.json()["results"]

    def drain_messages():
        """The messages waiting for the listener (the in-memory layer's queue)."""
        messages = []
        while layer.channels.get(channel) is not None and not layer.channels[channel].empty():
            messages.append(async_to_sync(layer.receive)(channel))
        return messages

    print(
        "machine: %s, %d CPU; database: %s"
        % (os.uname().nodename, os.cpu_count(), connection.vendor)
    )
    print("date: %s" % timezone.now().isoformat(timespec="seconds"))

    # 1. drain a queue
    now = timezone.now()
    queue = [entry(now) for _ in range(args.queued)]
    started = time.perf_counter()
    statuses = []
    for start in range(0, len(queue), args.batch):
        statuses += [r["status"] for r in send(tokens[0], queue[start : start + args.batch])]
    drained = time.perf_counter() - started
    drain_messages()
    assert statuses.count("stored") == args.queued, statuses[:5]
    replay = []
    for start in range(0, len(queue), args.batch):
        replay += [r["status"] for r in send(tokens[0], queue[start : start + args.batch])]
    assert replay.count("duplicate") == args.queued
    assert VisitorEntry.objects.count() == args.queued
    print(
        "drain: %d queued entries in batches of %d stored in %.2f s (%.0f entries/s); "
        "sent again: 0 stored, %d duplicates"
        % (args.queued, args.batch, drained, args.queued / drained, args.queued)
    )
    drain_messages()

    # 2. steady load: kiosks x per-minute for minutes, time compressed by speed
    total = int(args.kiosks * args.per_minute * args.minutes)
    interval = 60.0 / (args.kiosks * args.per_minute) / args.speed
    print(
        "steady: %d kiosks x %d entries/min for %g min = %d entries, one request each; "
        "time compressed x%g (one request every %.1f ms)"
        % (args.kiosks, args.per_minute, args.minutes, total, args.speed, interval * 1000)
    )
    delays, late = [], 0
    started = time.perf_counter()
    expected = VisitorEntry.objects.count()
    for n in range(total):
        due = started + n * interval
        wait = due - time.perf_counter()
        if wait > 0:
            time.sleep(wait)
        else:
            late += 1
        sent = time.time()
        send(tokens[n % args.kiosks], [entry(timezone.now())])
        expected += 1
        for message in drain_messages():
            if message["summary"]["visitors"] >= expected:
                delays.append(message["sent_at"] - sent + (time.time() - message["sent_at"]))
    elapsed = time.perf_counter() - started
    stored = VisitorEntry.objects.count()
    assert stored == args.queued + total, stored
    print(
        "steady: %d entries stored in %.1f s (%.0f/s asked, %.0f/s served; %d requests started late)"
        % (total, elapsed, 1 / interval, total / elapsed, late)
    )
    print(
        "live delay (request sent -> figures in the channel layer): p50 %.0f ms, p95 %.0f ms, max %.0f ms over %d pushes"
        % (
            statistics.median(delays) * 1000,
            percentile(delays, 0.95) * 1000,
            max(delays) * 1000,
            len(delays),
        )
    )
    print(
        "goals: 500 queued < 10 s: %s; live p95 < 1 s: %s"
        % ("met" if drained < 10 else "MISSED", "met" if percentile(delays, 0.95) < 1 else "MISSED")
    )
    print("data dir (removable): %s" % data_dir)


if __name__ == "__main__":
    main()
