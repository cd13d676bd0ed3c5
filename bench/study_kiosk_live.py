"""Benchmark: the visitor study's kiosks and live view through real processes.

Usage:
  .venv/bin/python bench/study_kiosk_live.py [--workers 2] [--queued 500] [--batch 100]
      [--kiosks 5] [--per-minute 200] [--minutes 5] [--speed 1]
      [--database-url postgres://postgres@127.0.0.1:5432/traj_study]
      [--redis-url redis://127.0.0.1:6379/14]

The same two scenarios as bench/study_kiosk.py, but the app served as in production:

1. drops and creates the PostgreSQL database of ``--database-url``, flushes the Redis db
   of ``--redis-url`` (never 0 nor 9), migrates, loads the demo, moves the
   Fête du Miel to today, enrols ``--kiosks`` kiosks and logs ``mouans`` in;
2. starts ``--workers`` granian processes as platform/Procfile's ``web`` line does (one
   worker per port, ``--interface asginl``), with DEBUG off, the Redis channel layer and
   cache, and the database (``bench/live_latency.start_workers``);
3. drain: one kiosk sends ``--queued`` entries queued offline over HTTP, in batches of
   ``--batch`` as static/js/kiosk.js does; prints the time until all are stored, then
   sends the same queue again and checks that nothing more is stored;
4. steady: a websocket client follows the event's live view (``/ws/etude/<id>/``, as the
   team's page does) while ``--kiosks`` kiosks, each on its own keep-alive connection to
   a worker in turn, send one entry per request at ``--per-minute`` a minute each for
   ``--minutes`` (``--speed N``: N times the rate, same number of entries). A kiosk
   sends its next entry once the previous one is answered (as the page does); one
   that falls behind its schedule sends at once and counts as late.

The live delay of an entry: from the moment its request is sent to the first websocket
message whose visitors count covers it (the entries answered by the time it was
answered, added to those stored before). The last message must hold every entry (the
throttled pushes end with a trailing one). Prints the drain time, the request rate asked
and achieved, the live delay p50/p95/max and the number of messages. Everything (clients,
servers, PostgreSQL, Redis) shares the machine's cores: an upper bound.
"""

import argparse
import asyncio
import contextlib
import datetime
import json
import os
import shutil
import signal
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.live_latency import WebSocket, redis_db, start_workers, stop_process  # noqa: E402

CHANNEL_PREFIX = "bench-study"
ENTRIES_PATH = "/kiosque/api/entrees/"


def recreate_database(database_url: str) -> None:
    """The bench's database, dropped and created again: migrations then make Wagtail's
    root page, which the demo needs (a flush would remove it)."""
    import psycopg
    from psycopg import sql

    name = urlsplit(database_url).path.lstrip("/")
    server = urlunsplit(urlsplit(database_url)._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def prepare(args) -> dict:
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    print("Migrating and loading the demo…", flush=True)
    call_command("migrate", verbosity=0)
    from demo.loader import load_demo_data
    from study import services
    from study.models import StudyEvent

    users = load_demo_data()
    event = StudyEvent.objects.get(name__startswith="Fête du Miel")
    today = timezone.localdate()
    StudyEvent.objects.filter(pk=event.pk).update(start_date=today, end_date=today)
    tokens = [
        services.kiosk_enrol(by=users["mouans"], event=event, label="Borne %d" % n)[1]
        for n in range(1, args.kiosks + 1)
    ]
    client = Client()
    client.force_login(users["mouans"])
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0].split()[0]
    return {
        "event": event.pk,
        "tokens": tokens,
        "cookie": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "database": "PostgreSQL %s" % version,
    }


def entry() -> dict:
    now = datetime.datetime.now(datetime.UTC)
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


class KioskClient:
    """One tablet: a keep-alive HTTP/1.1 connection to one worker, its bearer token."""

    def __init__(self, port: int, token: str):
        self.port, self.token = port, token
        self.stream = None

    async def post(self, entries: list) -> list:
        body = json.dumps({"entries": entries}).encode()
        for attempt in range(2):
            if self.stream is None:
                self.stream = await asyncio.open_connection("127.0.0.1", self.port)
            reader, writer = self.stream
            writer.write(
                (
                    "POST %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nAuthorization: Bearer %s\r\n"
                    "Content-Type: application/json\r\nContent-Length: %d\r\n\r\n"
                    % (ENTRIES_PATH, self.port, self.token, len(body))
                ).encode("latin-1")
                + body
            )
            try:
                status, payload = await self._response(reader)
            except (ConnectionError, asyncio.IncompleteReadError):
                writer.close()
                self.stream = None
                if attempt:
                    raise
                continue
            if status != 200:
                raise RuntimeError("HTTP %d: %s" % (status, payload[:300]))
            return json.loads(payload)["results"]
        raise ConnectionError("no answer from port %d" % self.port)

    @staticmethod
    async def _response(reader):
        head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        status = int(head[0].split()[1])
        headers = {}
        for line in head[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip().lower()
        if headers.get("transfer-encoding") == "chunked":
            body = bytearray()
            while True:
                size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
                if size == 0:
                    while await reader.readuntil(b"\r\n") != b"\r\n":
                        pass
                    break
                body += await reader.readexactly(size)
                await reader.readexactly(2)
        else:
            body = await reader.readexactly(int(headers.get("content-length", 0)))
        return status, bytes(body).decode("utf-8")

    def close(self):
        if self.stream:
            self.stream[1].close()


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


async def drain(args, plan, port) -> float:
    kiosk = KioskClient(port, plan["tokens"][0])
    queue = [entry() for _ in range(args.queued)]
    started = time.perf_counter()
    statuses = []
    for start in range(0, len(queue), args.batch):
        statuses += [r["status"] for r in await kiosk.post(queue[start : start + args.batch])]
    drained = time.perf_counter() - started
    assert statuses.count("stored") == args.queued, statuses[:5]
    replay = []
    for start in range(0, len(queue), args.batch):
        replay += [r["status"] for r in await kiosk.post(queue[start : start + args.batch])]
    assert replay.count("duplicate") == args.queued, replay[:5]
    kiosk.close()
    print(
        "drain: %d queued entries in batches of %d stored in %.2f s (%.0f entries/s) over "
        "HTTP; sent again: 0 stored, %d duplicates"
        % (args.queued, args.batch, drained, args.queued / drained, args.queued),
        flush=True,
    )
    return drained


async def steady(args, plan, ports, before: int) -> dict:
    socket = await WebSocket.connect(ports[0], "/ws/etude/%d/" % plan["event"], plan["cookie"])
    messages = []  # (monotonic time received, visitors)

    async def listen():
        while True:
            text = await socket.receive()
            if text is None:
                raise RuntimeError("the live socket was closed (%s)" % getattr(socket, "code", ""))
            data = json.loads(text)
            if data.get("event") == "entries":
                messages.append((time.monotonic(), data["summary"]["visitors"]))

    listener = asyncio.create_task(listen())
    await asyncio.sleep(0.5)  # joined the group
    per_kiosk = int(args.per_minute * args.minutes)
    period = 60.0 / args.per_minute / args.speed
    kiosks = [KioskClient(ports[n % len(ports)], token) for n, token in enumerate(plan["tokens"])]
    sent = []  # (monotonic time sent, rank of its answer among all answers)
    answered = [0]
    late = [0]
    started = time.monotonic()

    async def run(number, kiosk):
        offset = number * period / len(kiosks)
        for i in range(per_kiosk):
            wait = started + offset + i * period - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            else:
                late[0] += 1
            at = time.monotonic()
            results = await kiosk.post([entry()])
            assert results[0]["status"] == "stored", results
            answered[0] += 1
            sent.append((at, answered[0]))

    await asyncio.gather(*(run(n, kiosk) for n, kiosk in enumerate(kiosks)))
    elapsed = time.monotonic() - started
    total = per_kiosk * len(kiosks)
    deadline = time.monotonic() + 5
    while (not messages or messages[-1][1] < before + total) and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    listener.cancel()
    with contextlib.suppress(asyncio.CancelledError, Exception):
        await listener
    socket.close()
    for kiosk in kiosks:
        kiosk.close()
    delays, missing = [], 0
    for at, rank in sent:
        seen = next((t for t, visitors in messages if t >= at and visitors >= before + rank), None)
        if seen is None:
            missing += 1
        else:
            delays.append(seen - at)
    return {
        "total": total,
        "elapsed": elapsed,
        "asked": len(kiosks) / period,
        "late": late[0],
        "delays": delays,
        "missing": missing,
        "messages": len(messages),
        "last": messages[-1][1] if messages else None,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--queued", type=int, default=500)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--kiosks", type=int, default=5)
    parser.add_argument("--per-minute", type=int, default=200)
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--speed", type=float, default=1)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/traj_study")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/14")
    args = parser.parse_args()

    redis_db(args.redis_url).flushdb()
    recreate_database(args.database_url)
    scratch = Path(tempfile.mkdtemp(prefix="bench-study-live-"))
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DEBUG="false",
        DATABASE_URL=args.database_url,
        DATABASE_CONN_MAX_AGE="0",
        REDIS_URL=args.redis_url,
        CHANNEL_LAYER_PREFIX=CHANNEL_PREFIX,
        CACHE_KEY_PREFIX=CHANNEL_PREFIX,
        DATA_DIR=str(scratch),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        SECURE_HSTS_SECONDS="0",
        TASKS_BACKEND="immediate",
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
        MALLOC_ARENA_MAX="2",
    )
    os.environ.update(env)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    workers, status = [], 1
    try:
        import django

        django.setup()
        from django.db import connections

        plan = prepare(args)
        connections.close_all()
        print("Starting %d granian workers…" % args.workers, flush=True)
        workers = start_workers(args.workers, env, scratch, server="granian")
        ports = [worker.port for worker in workers]
        print(
            "machine: %s, %d CPU, load %s; %s; Redis db %s; %d granian workers"
            % (
                os.uname().nodename,
                os.cpu_count(),
                " ".join("%.1f" % n for n in os.getloadavg()),
                plan["database"],
                urlsplit(args.redis_url).path.lstrip("/") or "0",
                args.workers,
            )
        )
        print("date: %s" % datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"))
        drained = asyncio.run(drain(args, plan, ports[0]))
        print(
            "steady: %d kiosks x %d entries/min for %g min, one request each, time "
            "compressed x%g…" % (args.kiosks, args.per_minute, args.minutes, args.speed),
            flush=True,
        )
        result = asyncio.run(steady(args, plan, ports, before=args.queued))
        from study.models import VisitorEntry

        stored = VisitorEntry.objects.count()
        connections.close_all()
        delays = result["delays"]
        print(
            "steady: %d entries stored in %.1f s: asked %.1f requests/s, achieved %.1f/s "
            "(%d requests sent late); %d entries in the database"
            % (
                result["total"],
                result["elapsed"],
                result["asked"],
                result["total"] / result["elapsed"],
                result["late"],
                stored,
            )
        )
        print(
            "live delay (request sent -> websocket message covering it): p50 %.0f ms, "
            "p95 %.0f ms, max %.0f ms; %d messages for %d entries; last message: %s "
            "visitors; %d entries never covered"
            % (
                statistics.median(delays) * 1000 if delays else float("nan"),
                percentile(delays, 0.95) * 1000 if delays else float("nan"),
                max(delays) * 1000 if delays else float("nan"),
                result["messages"],
                result["total"],
                result["last"],
                result["missing"],
            )
        )
        p95 = percentile(delays, 0.95) if delays else float("inf")
        print(
            "goals: 500 queued < 10 s: %s; live p95 < 1 s: %s"
            % ("met" if drained < 10 else "MISSED", "met" if p95 < 1 else "MISSED")
        )
        ok = stored == args.queued + result["total"] and result["last"] == stored
        status = 0 if ok and not result["missing"] else 1
    finally:
        for worker in workers:
            stop_process(worker.process)
        redis_db(args.redis_url).flushdb()
        if status == 0:
            shutil.rmtree(scratch, ignore_errors=True)
        else:
            print("  logs kept in %s" % scratch)
    return status


if __name__ == "__main__":
    sys.exit(main())
