"""Benchmark: save-to-screen latency of the live figures, with many pages open.

Usage:
  .venv/bin/python bench/live_latency.py [--clients 200] [--workers 2] [--saves 20]
      [--erics N [--years 1]] [--no-fetch] [--timeout 10] [--interval 1] [--verbose]
      [--database-url postgres://postgres@127.0.0.1:5432/postgres] [--max-connections 60]
      [--conn-max-age 0] [--redis-url redis://127.0.0.1:6379/11] [--jitter-ms 0]

On the real servers of the machine:

1. creates a throw-away database ``bench_live_<pid>`` on the PostgreSQL server of
   ``--database-url`` (which must trust local connections), owned by a role of the same
   name limited to ``--max-connections`` (each request in flight holds a connection: the
   bench must not take a shared server's last ones), and flushes the Redis db of
   ``--redis-url`` (never 0, the production default, nor 9, CI's); migrates; loads the
   demo programme, or generates one of ``--erics`` ERIC over ``--years`` as
   bench/dashboards.py does;
2. starts ``--workers`` Daphne processes as platform/Procfile does, on free ports, with
   the production settings (DEBUG off, Redis channel layer and cache) except that static
   files are served from the app folders (no collectstatic) and that
   ``DATABASE_CONN_MAX_AGE`` is ``--conn-max-age`` (0, as Django advises under ASGI);
3. logs in ``--clients`` browsers, one session each: 70 % the Region officer on the
   programme dashboard, 20 % ERIC teams on their trajectory page, 10 % the coach (half on
   the dashboard, half on trajectory pages). Each loads its page, opens ``/ws/changes/``
   on a worker (in turn, as the proxy's ``least_conn`` spreads long connections) and
   sends the page's ``follow``, as ``static/js/live.js`` does; the bench checks that the
   channel-layer groups hold exactly the sockets allowed in them;
4. a separate process documents ``--saves`` held animations one after the other, as the
   coach does (``coaching.services.animation_document``: each animation then counts),
   and stamps each commit; the next save waits until every page has its new figures (or
   ``--timeout``), then ``--interval`` seconds;
5. on each message a client re-fetches its figures fragment as
   ``static/js/live-figures.js`` does (the page's ``data-fragment-url``, the same
   session cookie, one more fetch when a message comes during a fetch), from the worker
   with the fewest requests in flight (the proxy's ``least_conn``), and checks that the
   fragment shows the new number of counted animations.

It prints, over every (page, save) pair that should be told of the save: message latency
(commit → websocket message received) and save-to-screen (commit → fragment received),
p50/p95/max; the fragment's own time on idle servers; the servers' CPU per save. A
message never received, a failed fetch, a stale figure, a message reaching a page that
may not see it: each is a failure, listed, and the exit status is 1. ``--no-fetch``
measures the messages alone. Clocks: ``time.monotonic()``, system-wide on Linux, so the
saving process and the clients compare their stamps. The servers, the database, the
clients and the bench share the machine's cores: figures are an upper bound of what
separate machines would give. At the end the servers stop, the database is dropped and
the Redis db flushed; the servers' logs are kept when something failed.

Trying a change without editing the code: ``--redis-url 'redis://…/11?socket_timeout=30'``
gives the channel layer (and the cache) a read timeout longer than the layer's 5-second
blocking read (redis-py 8 defaults to 5 s, which kills consumers under load);
``--jitter-ms N`` makes each page wait a random 0..N ms before fetching.
"""

import argparse
import asyncio
import base64
import contextlib
import html
import json
import math
import os
import random
import re
import resource
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOAL_MS = 250
REGION_SHARE = 0.70
TEAM_SHARE = 0.20
#: ERIC whose teams (and coach) have pages open when the programme is generated.
TEAM_ERICS = 10
CHANNEL_PREFIX = "bench-live"
FORBIDDEN_REDIS_DBS = (0, 9)  # production's default and CI's

FRAGMENT_URL = re.compile(r'id="live-figures"[^>]*\sdata-fragment-url="([^"]+)"')
FRAGMENT_DATA = re.compile(r'\sdata-fragment-(kind|page|etat|accompaniment)="([^"]*)"')
LIVE_FIGURES_TAG = re.compile(r'<div id="live-figures"[^>]*>')
LIVE_ERIC = re.compile(r'data-live-eric="(\d+)"')
LIVE_PROGRAMME = re.compile(r'data-live-programme="(\d+)"')
ANIMATIONS_ROW = re.compile(r'<tr data-indicator="animations"[^>]*>(.*?)</tr>', re.DOTALL)
ACTUAL_CELL = re.compile(r'<td class="num">(?:<a [^>]*>)?(\d+)')


def counted_animations(page: str) -> int | None:
    """The "réalisé" of the animations row, as tests/coaching/test_dashboard_live.py reads it."""
    row = ANIMATIONS_ROW.search(page)
    cell = ACTUAL_CELL.search(row.group(1)) if row else None
    return int(cell.group(1)) if cell else None


# --- Servers: database, Redis, Daphne workers -------------------------------------------


def create_database(server_url: str, name: str, max_connections: int) -> None:
    """A database and its owner role, capped at ``max_connections``: one connection per
    request in flight must not starve the other users of a shared PostgreSQL server."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("CREATE ROLE {} LOGIN CONNECTION LIMIT {}").format(
                sql.Identifier(name), sql.Literal(max_connections)
            )
        )
        conn.execute(
            sql.SQL("CREATE DATABASE {} OWNER {}").format(
                sql.Identifier(name), sql.Identifier(name)
            )
        )


def admin_url(server_url: str, database_url: str) -> str:
    """The server's (superuser) address, on the bench database."""
    return urlunsplit(urlsplit(server_url)._replace(path=urlsplit(database_url).path))


def drop_database(server_url: str, name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(name)))


def redis_db(redis_url: str):
    import redis

    client = redis.Redis.from_url(redis_url)
    number = client.connection_pool.connection_kwargs.get("db", 0)
    if int(number) in FORBIDDEN_REDIS_DBS:
        sys.exit(
            "Refused: Redis db %s is production's or CI's; pick another (for example /11)." % number
        )
    return client


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Worker:
    number: int
    port: int
    process: subprocess.Popen
    log: Path

    def cpu_seconds(self) -> float:
        fields = Path("/proc/%d/stat" % self.process.pid).read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


#: How each ASGI server is started (platform/Procfile runs the chosen one, ADR 0020).
SERVERS = {
    "daphne": lambda port: [
        "-m", "daphne", "--bind", "127.0.0.1", "--port", str(port), "--proxy-headers",
        "config.asgi:application",
    ],
    "uvicorn": lambda port: [
        "-m", "uvicorn", "--host", "127.0.0.1", "--port", str(port), "--proxy-headers",
        "--lifespan", "off", "--no-access-log", "--loop", "uvloop", "--http", "httptools",
        "--ws", "websockets", "config.asgi:application",
    ],
    "granian": lambda port: [
        "-m", "granian", "--interface", "asginl", "--host", "127.0.0.1", "--port", str(port),
        "--workers", "1", "--log-level", "warning", "--no-access-log",
        "config.asgi:application",
    ],
}  # fmt: skip


def start_workers(count: int, env: dict, logs: Path, server: str = "daphne") -> list[Worker]:
    """ASGI servers as platform/Procfile runs them; ready once /healthz answers 200."""
    workers = []
    for number in range(1, count + 1):
        port = free_port()
        log = logs / ("%s-%d.log" % (server, number))
        with log.open("wb") as out:
            process = subprocess.Popen(
                [sys.executable, *SERVERS[server](port)],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        workers.append(Worker(number, port, process, log))
    deadline = time.monotonic() + 90
    for worker in workers:
        while True:
            if worker.process.poll() is not None:
                raise RuntimeError(
                    "Server worker %d exited:\n%s" % (worker.number, worker.log.read_text()[-3000:])
                )
            try:
                url = "http://127.0.0.1:%d/healthz" % worker.port
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("Server worker %d never became healthy" % worker.number)
            time.sleep(0.25)
    return workers


def stop_process(process) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class ConnectionSampler(threading.Thread):
    """The most connections the servers held on the bench database at once."""

    def __init__(self, server_url, database_url):
        super().__init__(daemon=True)
        self.server_url, self.database_url = server_url, database_url
        self.peak = 0
        self.stopping = threading.Event()

    def run(self):
        import psycopg

        name = urlsplit(self.database_url).path.lstrip("/")
        # as the superuser, outside the bench role's connection limit
        url = admin_url(self.server_url, self.database_url)
        with contextlib.suppress(psycopg.Error), psycopg.connect(url, autocommit=True) as conn:
            while not self.stopping.wait(0.1):
                (count,) = conn.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND usename = %s",
                    [name, name],
                ).fetchone()
                self.peak = max(self.peak, count)

    def stop(self) -> int:
        self.stopping.set()
        self.join(5)
        return self.peak


# --- Data: the programme, the animations to document, the clients' sessions ---------------


@dataclass
class ClientSpec:
    number: int
    who: str  # "region", "team", "coach"
    page: str  # "dashboard", "trajectory"
    path: str
    cookie: str
    eric_id: int | None  # the trajectory page's ERIC
    groups: tuple[str, ...]  # channel-layer groups this user may join


def prepare(args) -> dict:
    """Migrate, load or generate the programme, create one held, undocumented animation per
    save, log the clients in. Returns the plan of the run."""
    import datetime

    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from coaching import services
    from coaching.enums import AnimationStatus, Indicator
    from coaching.models import Accompaniment
    from core.changes import eric_group, programme_group
    from organisations.enums import OrganisationKind, Role
    from organisations.models import Organisation

    print("Migrating and loading the data…", flush=True)
    call_command("migrate", verbosity=0)
    users = get_user_model().objects
    if args.erics:
        from bench.dashboards import generate
        from tests.factories import make_user

        programme, region, team, first = generate(
            argparse.Namespace(erics=args.erics, years=args.years)
        )
        coach = users.get(username="bench-coach")
        accompaniments = list(
            programme.accompaniments.select_related("eric").order_by("pk")[:TEAM_ERICS]
        )
        teams = {first.eric_id: team}
        for n, accompaniment in enumerate(accompaniments[1:], start=1):
            accompaniment.resource_persons.add(coach)
            teams[accompaniment.eric_id] = make_user(
                username="bench-team-%d" % n, organisation=accompaniment.eric, role=Role.ERIC_TEAM
            )
    else:
        from demo.loader import load_demo_data

        demo = load_demo_data()
        region, coach = demo["region"], demo["coach"]
        accompaniments = list(
            Accompaniment.objects.filter(resource_persons=coach)
            .select_related("eric", "programme")
            .order_by("pk")
        )
        programme = accompaniments[0].programme
        teams = {}
        for user in demo.values():
            for membership in user.memberships.filter(role=Role.ERIC_TEAM):
                teams[membership.organisation_id] = user
    accompaniments = [a for a in accompaniments if a.eric_id in teams]
    coached = sorted(
        Accompaniment.objects.filter(resource_persons=coach, programme=programme).values_list(
            "eric_id", flat=True
        )
    )

    # The animations the coach will document, one per save, spread over the ERIC.
    today = timezone.localdate()
    if not programme.start_date <= today:
        sys.exit("The programme has not started: nothing can be held yet.")
    starts_at = min(
        timezone.localtime() - datetime.timedelta(hours=2),
        timezone.make_aware(datetime.datetime.combine(programme.end_date, datetime.time(14))),
    )
    partners = list(
        Organisation.objects.exclude(
            kind__in=[OrganisationKind.ERIC, OrganisationKind.FUNDER]
        ).order_by("pk")[: max(programme.animation_min_partners, 1)]
    )
    dashboard_target = (
        programme.targets.filter(indicator=Indicator.ANIMATIONS).order_by("indicator", "pilot")
    ).first()
    saves = []
    for n in range(args.saves):
        accompaniment = accompaniments[n % len(accompaniments)]
        animation = services.animation_create(
            by=coach,
            accompaniment=accompaniment,
            title="Atelier du banc d'essai %d" % (n + 1),
            starts_at=starts_at,
            status=AnimationStatus.HELD,
            co_organisers=partners,
        )
        saves.append(
            {
                "animation": animation.pk,
                "eric": accompaniment.eric_id,
                # the dashboard's animations row is its first target's (targets by
                # indicator then pilot): an ERIC of a pilot it does not apply to leaves it
                "on_dashboard": dashboard_target is None
                or dashboard_target.applies_to(accompaniment.eric.pilot),
            }
        )

    # The clients: one browser session each.
    dashboard = reverse("progress:programme_dashboard", args=[programme.slug])

    def trajectory(accompaniment):
        return reverse("progress:accompaniment_detail", args=[accompaniment.pk])

    def cookie(user):
        client = Client()
        client.force_login(user)
        session = client.session
        pass_second_factor(session, user)
        session.save()
        return client.cookies[settings.SESSION_COOKIE_NAME].value

    regions = round(args.clients * REGION_SHARE)
    team_count = round(args.clients * TEAM_SHARE)
    coaches = args.clients - regions - team_count
    coach_groups = tuple(eric_group(pk) for pk in coached)
    clients = []
    for n in range(args.clients):
        if n < regions:
            who, page, path, eric_id = "region", "dashboard", dashboard, None
            user, groups = region, (programme_group(programme.pk),)
        elif n < regions + team_count:
            accompaniment = accompaniments[(n - regions) % len(accompaniments)]
            who, page, path = "team", "trajectory", trajectory(accompaniment)
            eric_id = accompaniment.eric_id
            user, groups = teams[eric_id], (eric_group(eric_id),)
        elif (n - regions - team_count) < coaches // 2:
            who, page, path, eric_id = "coach", "dashboard", dashboard, None
            user, groups = coach, coach_groups
        else:
            accompaniment = accompaniments[(n - regions - team_count) % len(accompaniments)]
            who, page, path = "coach", "trajectory", trajectory(accompaniment)
            eric_id = accompaniment.eric_id
            user, groups = coach, coach_groups
        clients.append(ClientSpec(n, who, page, path, cookie(user), eric_id, groups))

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0].split()[0]
    return {
        "programme": programme.pk,
        "erics": programme.accompaniments.count(),
        "team_erics": len(accompaniments),
        "coach": coach.get_username(),
        "saves": saves,
        "clients": clients,
        "database": "%s %s" % (connection.vendor, version),
    }


def pass_second_factor(session, user) -> None:
    """Give ``session`` the verified device it holds after a real login with its code,
    when ``user`` must use a second factor (the Region officers and administrators, with
    DEBUG off: organisations/two_factor.py); the pages would redirect it otherwise."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from organisations.two_factor import requires_two_factor

    if not requires_two_factor(user):
        return
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="bench", defaults={"confirmed": True}
    )
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id


# --- The saving process -------------------------------------------------------------------


def saver_main(coach_username: str) -> None:
    """Document the animations named on stdin, as the coach does; print each commit's time."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from coaching import services
    from coaching.models import Animation

    coach = get_user_model().objects.get(username=coach_username)
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        pk = int(line)
        try:
            animation = Animation.objects.select_related("accompaniment__programme").get(pk=pk)
            stamps = []
            started = time.monotonic()
            with transaction.atomic():
                # Registered first, so it runs right after COMMIT, before the broadcast.
                transaction.on_commit(lambda stamps=stamps: stamps.append(time.monotonic()))
                services.animation_document(
                    by=coach,
                    animation=animation,
                    report_what_happened="Compte rendu écrit pendant le banc d'essai.",
                    attendance_residents=12,
                )
            reply = {
                "pk": pk,
                "started": started,
                "committed": stamps[0],
                "sent": time.monotonic(),
            }
        except Exception as error:  # reported by the bench as a failed save
            reply = {"pk": pk, "error": repr(error)}
        print(json.dumps(reply), flush=True)


# --- The clients: HTTP keep-alive connections and websockets, on asyncio streams ---------


class HttpPool:
    """HTTP/1.1 keep-alive connections to the workers. Each request goes to the worker with
    the fewest requests in flight (Caddy's ``least_conn``), ties broken in turn."""

    def __init__(self, ports):
        self.ports = list(ports)
        self.idle = {port: [] for port in self.ports}
        self.in_flight = dict.fromkeys(self.ports, 0)
        self.turn = 0

    def pick(self) -> int:
        self.turn += 1
        n = len(self.ports)
        order = [self.ports[(self.turn + i) % n] for i in range(n)]
        return min(order, key=lambda port: self.in_flight[port])

    async def get(self, path: str, cookie: str, port: int | None = None):
        port = port or self.pick()
        self.in_flight[port] += 1
        try:
            for _attempt in range(2):
                reused = bool(self.idle[port])
                stream = self.idle[port].pop() if reused else await self._open(port)
                try:
                    status, body, keep = await self._request(stream, port, path, cookie)
                except (ConnectionError, asyncio.IncompleteReadError):
                    stream[1].close()
                    if reused:  # the server closed an idle connection: open a new one
                        continue
                    raise
                if keep:
                    self.idle[port].append(stream)
                else:
                    stream[1].close()
                return status, body
            raise ConnectionError("no connection to port %d" % port)
        finally:
            self.in_flight[port] -= 1

    async def _open(self, port):
        return await asyncio.open_connection("127.0.0.1", port)

    async def _request(self, stream, port, path, cookie):
        reader, writer = stream
        writer.write(
            (
                "GET %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nCookie: sessionid=%s\r\n"
                "X-Requested-With: fetch\r\nAccept: */*\r\nAccept-Language: fr\r\n\r\n"
                % (path, port, cookie)
            ).encode("latin-1")
        )
        head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        status = int(head[0].split()[1])
        headers = {}
        for line in head[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip().lower()
        keep = headers.get("connection") != "close"
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
        elif "content-length" in headers:
            body = await reader.readexactly(int(headers["content-length"]))
        else:
            body, keep = await reader.read(), False
        return status, bytes(body).decode("utf-8"), keep

    def close(self):
        for streams in self.idle.values():
            for _reader, writer in streams:
                writer.close()


class WebSocket:
    """Just enough RFC 6455 for a client: handshake, text frames, ping/pong, close."""

    def __init__(self, reader, writer):
        self.reader, self.writer = reader, writer

    @classmethod
    async def connect(cls, port: int, path: str, cookie: str):
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        key = base64.b64encode(os.urandom(16)).decode()
        writer.write(
            (
                "GET %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nOrigin: http://127.0.0.1:%d\r\n"
                "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: %s\r\n"
                "Sec-WebSocket-Version: 13\r\nCookie: sessionid=%s\r\n\r\n"
                % (path, port, port, key, cookie)
            ).encode("latin-1")
        )
        head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1")
        if not head.startswith("HTTP/1.1 101"):
            writer.close()
            raise ConnectionError("handshake refused: %s" % head.splitlines()[0])
        return cls(reader, writer)

    def send_text(self, text: str) -> None:
        self.send_frame(0x1, text.encode("utf-8"))

    def send_frame(self, opcode: int, payload: bytes) -> None:
        """A final, masked frame (clients mask every frame)."""
        mask = os.urandom(4)
        length = len(payload)
        if length < 126:
            header = struct.pack("!BB", 0x80 | opcode, 0x80 | length)
        elif length < 1 << 16:
            header = struct.pack("!BBH", 0x80 | opcode, 0x80 | 126, length)
        else:
            header = struct.pack("!BBQ", 0x80 | opcode, 0x80 | 127, length)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.writer.write(header + mask + masked)

    async def receive(self):
        """The next text message, or None when the server closes (code in ``self.code``)."""
        message = bytearray()
        while True:
            first, second = await self.reader.readexactly(2)
            opcode, length = first & 0x0F, second & 0x7F
            if length == 126:
                (length,) = struct.unpack("!H", await self.reader.readexactly(2))
            elif length == 127:
                (length,) = struct.unpack("!Q", await self.reader.readexactly(8))
            payload = await self.reader.readexactly(length)
            if opcode == 0x8:
                self.code = struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else None
                return None
            if opcode == 0x9:  # ping: the pong carries the same bytes
                self.send_frame(0xA, payload)
                continue
            if opcode in (0x0, 0x1, 0x2):
                message += payload
                if first & 0x80:
                    return message.decode("utf-8")

    def close(self):
        with contextlib.suppress(Exception):
            self.writer.write(struct.pack("!BB", 0x88, 0x80) + os.urandom(4))
        self.writer.close()


# --- One page open in a browser ------------------------------------------------------------


@dataclass(eq=False)
class Save:
    index: int
    animation: int
    eric: int
    on_dashboard: bool
    expected: set = field(default_factory=set)  # client numbers that should be told
    committed: float | None = None
    sent: float | None = None
    error: str | None = None
    pending: int = 0
    done: asyncio.Event = field(default_factory=asyncio.Event)


class Page:
    def __init__(self, spec: ClientSpec, bench):
        self.spec, self.bench = spec, bench
        self.fragment_url = None
        self.follow = {}
        self.initial = None
        self.socket = None
        self.reader_task = None
        self.loading = False
        self.again = False
        self.timer = None
        self.received = {}  # save index → time of its message
        self.screened = {}  # save index → time its fragment arrived
        self.waiting = []  # saves told, not yet on screen
        self.fetches = []  # (save index, fetch start, fetch end)

    async def load(self, pool: HttpPool):
        status, page = await pool.get(self.spec.path, self.spec.cookie)
        if status != 200:
            raise RuntimeError("%s: HTTP %d" % (self.spec.path, status))
        match = FRAGMENT_URL.search(page)
        if not match:
            raise RuntimeError("%s: no data-fragment-url" % self.spec.path)
        self.fragment_url = html.unescape(match.group(1))
        # live.js: ask for the page's figures with each change
        tag = LIVE_FIGURES_TAG.search(page).group(0)
        data = dict(FRAGMENT_DATA.findall(tag))
        self.fragment = None
        if data.get("kind"):
            self.fragment = {
                "kind": data["kind"],
                "page": data.get("page"),
                "etat": data.get("etat"),
            }
            if data.get("accompaniment"):
                self.fragment["accompaniment"] = int(data["accompaniment"])
        # live.js: follow the page's ERIC, or its programme
        for key, pattern in (("eric", LIVE_ERIC), ("programme", LIVE_PROGRAMME)):
            found = pattern.search(page)
            if found:
                self.follow[key] = int(found.group(1))
        self.initial = counted_animations(page)
        if self.initial is None:
            raise RuntimeError("%s: no animations figure" % self.spec.path)

    async def open(self, port: int):
        self.socket = await WebSocket.connect(port, "/ws/changes/", self.spec.cookie)
        if self.follow:
            self.socket.send_text(json.dumps({"follow": self.follow}))
        if self.fragment and not self.bench.args.fetch_only:
            spec = dict(self.fragment, programme=self.follow.get("programme"))
            self.socket.send_text(json.dumps({"fragment": spec}))
        self.reader_task = asyncio.create_task(self.listen())

    async def listen(self):
        try:
            while True:
                text = await self.socket.receive()
                if text is None:
                    if not self.bench.closing:
                        self.bench.fail("socket closed", self, "code %s" % self.socket.code)
                    return
                self.on_message(json.loads(text))
        except (ConnectionError, asyncio.IncompleteReadError) as error:
            if not self.bench.closing:
                self.bench.fail("socket closed", self, repr(error))

    def on_message(self, data):
        now = time.monotonic()
        if data.get("event") != "changed":
            return
        save = self.bench.saves_by_animation.get(data.get("pk"))
        if save is None or data.get("kind") != "animation":
            self.bench.fail("unexpected message", self, json.dumps(data))
            return
        if self.spec.number not in save.expected:
            self.bench.fail("unexpected message", self, "save %d" % (save.index + 1))
            return
        if save.index in self.received:
            self.bench.duplicates += 1
        else:
            self.received[save.index] = now
        if self.bench.no_fetch:
            self.bench.settle(self, save)
            return
        if isinstance(data.get("html"), str):
            # live-figures.js: the figures came with the message, no request
            if save.index not in self.screened:
                self.screened[save.index] = now
                self.show(data["html"], [save])
            return
        if save.index not in self.screened and save not in self.waiting:
            self.waiting.append(save)
        jitter = self.bench.args.jitter_ms
        if not jitter:
            self.refresh()
        elif self.timer is None:
            # --jitter-ms: a proposed change, not what live-figures.js does today.
            delay = random.uniform(0, jitter) / 1000
            self.timer = asyncio.get_running_loop().call_later(delay, self.fire)

    def fire(self):
        self.timer = None
        self.refresh()

    def refresh(self):
        """live-figures.js: one fetch at a time, one more if told during a fetch."""
        if self.loading:
            self.again = True
            return
        self.loading = True
        task = asyncio.create_task(self.fetch())
        self.bench.tasks.add(task)
        task.add_done_callback(self.bench.tasks.discard)

    async def fetch(self):
        told, self.waiting = self.waiting, []
        started = time.monotonic()
        try:
            status, fragment = await self.bench.pool.get(self.fragment_url, self.spec.cookie)
        except (ConnectionError, asyncio.IncompleteReadError, OSError) as error:
            for save in told:
                self.bench.fail("fetch failed", self, repr(error), save)
        else:
            ended = time.monotonic()
            if status != 200:
                for save in told:
                    self.bench.fail("fetch failed", self, "HTTP %d" % status, save)
            else:
                for save in told:
                    self.screened[save.index] = ended
                    self.fetches.append((save.index, started, ended))
                self.show(fragment, told)
        finally:
            self.loading = False
            if self.again:
                self.again = False
                self.refresh()

    def show(self, fragment, saves):
        shown = counted_animations(fragment)
        for save in saves:
            wanted = self.expected_figure(save)
            if shown is None or shown < wanted:
                detail = "shows %s, expected %d" % (shown, wanted)
                self.bench.fail("stale figure", self, detail, save)
            else:
                self.bench.checked += 1
                self.bench.settle(self, save)

    def expected_figure(self, save: Save) -> int:
        if self.spec.page == "dashboard":
            return self.initial + sum(
                1 for s in self.bench.saves[: save.index + 1] if s.on_dashboard
            )
        return self.initial + sum(
            1 for s in self.bench.saves[: save.index + 1] if s.eric == self.spec.eric_id
        )

    def close(self):
        if self.socket:
            self.socket.close()
        if self.reader_task:
            self.reader_task.cancel()


# --- The run ---------------------------------------------------------------------------


def describe(page) -> str:
    return "client %d (%s on %s)" % (page.spec.number, page.spec.who, page.spec.page)


class Bench:
    def __init__(self, plan, workers, args, env):
        self.plan, self.workers, self.args, self.env = plan, workers, args, env
        self.no_fetch = args.no_fetch
        self.pool = HttpPool(worker.port for worker in workers)
        self.pages = [Page(spec, self) for spec in plan["clients"]]
        self.saves = [
            Save(n, s["animation"], s["eric"], s["on_dashboard"])
            for n, s in enumerate(plan["saves"])
        ]
        self.saves_by_animation = {save.animation: save for save in self.saves}
        for save in self.saves:
            for page in self.pages:
                if page.spec.page == "dashboard" or page.spec.eric_id == save.eric:
                    save.expected.add(page.spec.number)
            save.pending = len(save.expected)
        self.failures = {}
        self.outcomes = {}  # (client, save index) → None (fine) or the failure's kind
        self.duplicates = 0
        self.checked = 0
        self.closing = False
        self.tasks = set()

    def fail(self, kind, page, detail, save=None):
        where = describe(page)
        if save is not None:
            where += ", save %d" % (save.index + 1)
            self.settle(page, save, kind)
        self.failures.setdefault(kind, []).append("%s: %s" % (where, detail))

    def settle(self, page, save: Save, failure=None):
        """This page is done with this save: new figures on screen, or a failure."""
        key = (page.spec.number, save.index)
        if key in self.outcomes:
            return
        self.outcomes[key] = failure
        save.pending -= 1
        if save.pending <= 0:
            save.done.set()

    def unsettled(self):
        """Pairs never done (the message never came, or the figures never arrived), and
        figures that arrived after ``--timeout``: failures too."""
        for save in self.saves:
            if save.committed is None:
                continue
            for page in self.pages:
                number = page.spec.number
                if number not in save.expected:
                    continue
                where = "%s, save %d" % (describe(page), save.index + 1)
                if (number, save.index) not in self.outcomes:
                    kind = "no message" if save.index not in page.received else "not on screen"
                    self.failures.setdefault(kind, []).append(where)
                elif save.index in page.screened:
                    late = page.screened[save.index] - save.committed
                    if late > self.args.timeout:
                        self.failures.setdefault("on screen after --timeout", []).append(
                            "%s: %.1f s" % (where, late)
                        )

    async def gather_limited(self, coroutines, limit):
        semaphore = asyncio.Semaphore(limit)

        async def one(coroutine):
            async with semaphore:
                return await coroutine

        return await asyncio.gather(*(one(c) for c in coroutines), return_exceptions=True)

    async def run(self):
        saver = await asyncio.create_subprocess_exec(
            sys.executable,
            __file__,
            "--saver",
            self.plan["coach"],
            cwd=ROOT,
            env=self.env,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=(self.args.logs / "saver.log").open("wb"),
        )
        try:
            return await self._run(saver)
        finally:
            self.closing = True
            if saver.returncode is None:
                saver.stdin.close()
                try:
                    await asyncio.wait_for(saver.wait(), 10)
                except TimeoutError:
                    saver.kill()
                    await saver.wait()

    async def _run(self, saver):
        print("Loading %d pages…" % len(self.pages), flush=True)
        results = await self.gather_limited((page.load(self.pool) for page in self.pages), 8)
        broken = [(p, r) for p, r in zip(self.pages, results, strict=True) if r is not None]
        for page, error in broken:
            self.fail("page load", page, repr(error))
        if broken:
            return None

        print("Fragment alone on idle servers (10 fetches per page kind)…", flush=True)
        alone = {}
        for kind in ("dashboard", "trajectory"):
            page = next(p for p in self.pages if p.spec.page == kind)
            timings = []
            for _ in range(10):
                started = time.monotonic()
                await self.pool.get(page.fragment_url, page.spec.cookie)
                timings.append((time.monotonic() - started) * 1000)
            alone[kind] = timings

        print("Opening %d websockets…" % len(self.pages), flush=True)
        ports = [worker.port for worker in self.workers]
        results = await self.gather_limited(
            (page.open(ports[n % len(ports)]) for n, page in enumerate(self.pages)), 20
        )
        for page, error in zip(self.pages, results, strict=True):
            if error is not None:
                self.fail("socket refused", page, repr(error))
        await asyncio.sleep(1)  # let every consumer join its groups and read its follow
        self.check_groups()

        ready = json.loads(await saver.stdout.readline() or b"{}")
        if not ready.get("ready"):
            raise RuntimeError("the saving process did not start: see saver.log")

        print("Saving %d times…" % len(self.saves), flush=True)
        cpu_before = [worker.cpu_seconds() for worker in self.workers]
        own_before = resource.getrusage(resource.RUSAGE_SELF)
        load_before = os.getloadavg()
        sampler = ConnectionSampler(self.args.database_url, self.env["DATABASE_URL"])
        sampler.start()
        for save in self.saves:
            saver.stdin.write(b"%d\n" % save.animation)
            await saver.stdin.drain()
            reply = json.loads(await saver.stdout.readline() or b"{}")
            if "committed" not in reply:
                save.error = reply.get("error", "no reply")
                self.failures.setdefault("save failed", []).append(
                    "save %d: %s" % (save.index + 1, save.error)
                )
                continue
            save.committed, save.sent = reply["committed"], reply["sent"]
            left = save.committed + self.args.timeout - time.monotonic()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(save.done.wait(), max(left, 0))
            await asyncio.sleep(self.args.interval)
        await asyncio.sleep(0.5)  # a message arriving late, or where it should not
        own_after = resource.getrusage(resource.RUSAGE_SELF)
        cpu_after = [worker.cpu_seconds() for worker in self.workers]
        peak_connections = sampler.stop()
        self.closing = True
        for page in self.pages:
            page.close()
        self.pool.close()
        return {
            "alone": alone,
            "worker_cpu": [b - a for a, b in zip(cpu_before, cpu_after, strict=True)],
            "own_cpu": (own_after.ru_utime + own_after.ru_stime)
            - (own_before.ru_utime + own_before.ru_stime),
            "load": (load_before, os.getloadavg()),
            "connections": peak_connections,
        }

    def check_groups(self):
        """Each group holds exactly the sockets of the users allowed in it."""
        client = redis_db(self.args.redis_url)
        wanted = {}
        for page in self.pages:
            if page.socket is not None:
                for group in page.spec.groups:
                    wanted[group] = wanted.get(group, 0) + 1
        keys = client.keys("%s:group:*" % CHANNEL_PREFIX)
        found = {key.decode().split(":group:", 1)[1]: client.zcard(key) for key in keys}
        if found != wanted:
            self.failures.setdefault("groups", []).append(
                "expected %s, found %s" % (sorted(wanted.items()), sorted(found.items()))
            )
        self.groups = found


# --- Report ----------------------------------------------------------------------------


def percentile(values, share):
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def line(label, values):
    if not values:
        return "  %-34s %5d" % (label, 0)
    return "  %-34s %5d %8.0f %8.0f %8.0f" % (
        label,
        len(values),
        percentile(values, 0.5),
        percentile(values, 0.95),
        max(values),
    )


def report(bench, measures, args) -> int:
    plan = bench.plan
    pages = bench.pages
    mix = {}
    for page in pages:
        key = "%s on %s" % (page.spec.who, page.spec.page)
        mix[key] = mix.get(key, 0) + 1
    print()
    print(
        "Live figures: %d websocket clients on %d Daphne workers, %s, Redis layer, "
        "%d saves, %d ERIC (saves and team pages on %d)"
        % (
            len(pages),
            len(bench.workers),
            plan["database"],
            len(bench.saves),
            plan["erics"],
            plan["team_erics"],
        )
    )
    print("  clients: " + ", ".join("%d %s" % (n, k) for k, n in mix.items()))
    if getattr(bench, "groups", None):
        print(
            "  sockets per channel-layer group (as each user's scope allows): "
            + ", ".join("%s %d" % item for item in sorted(bench.groups.items()))
        )
    if measures is None:
        print("  the pages did not load: nothing measured")
    else:
        print(
            "  load average before / after the saves: %s / %s"
            % tuple(" ".join("%.2f" % v for v in load) for load in measures["load"])
        )
        for kind, timings in measures["alone"].items():
            print(
                "  %s fragment alone (idle servers): p50 %.0f ms, max %.0f ms"
                % (kind, percentile(timings, 0.5), max(timings))
            )
        told = [s for s in bench.saves if s.committed is not None]
        message, screen, queue, by_page = [], [], [], {}
        for save in told:
            for page in pages:
                if page.spec.number not in save.expected:
                    continue
                if save.index in page.received:
                    message.append((page.received[save.index] - save.committed) * 1000)
                if save.index in page.screened:
                    value = (page.screened[save.index] - save.committed) * 1000
                    screen.append(value)
                    by_page.setdefault(page.spec.page, []).append(value)
                    queue.append((page.screened[save.index] - page.received[save.index]) * 1000)
        print()
        print("  %-34s %5s %8s %8s %8s" % ("(ms)", "n", "p50", "p95", "max"))
        print(
            line("commit → broadcast sent (saver)", [(s.sent - s.committed) * 1000 for s in told])
        )
        print(line("message latency", message))
        if not args.no_fetch:
            print(line("save-to-screen", screen))
            for kind, values in sorted(by_page.items()):
                print(line("  on the %s" % kind, values))
            print(line("message → screen (fetch)", queue))
        print()
        count = max(len(told), 1)
        print(
            "  CPU per save: "
            + ", ".join(
                "worker %d %.2f s" % (worker.number, cpu / count)
                for worker, cpu in zip(bench.workers, measures["worker_cpu"], strict=True)
            )
            + ", bench process (clients, sampler) %.2f s" % (measures["own_cpu"] / count)
        )
        print(
            "  PostgreSQL connections at once, at most: %d of %d allowed "
            "(servers' DATABASE_CONN_MAX_AGE=%d)"
            % (measures["connections"], args.max_connections, args.conn_max_age)
        )
        if args.jitter_ms:
            print("  emulated proposal: random wait of 0–%d ms before each fetch" % args.jitter_ms)
        if args.verbose:
            for save in told:
                got = [
                    (p.received[save.index] - save.committed) * 1000
                    for p in pages
                    if save.index in p.received
                ]
                shown = [
                    (p.screened[save.index] - save.committed) * 1000
                    for p in pages
                    if save.index in p.screened
                ]
                print(
                    "  save %2d (ERIC %d): %3d told, messages %4.0f–%4.0f ms, screens %4.0f–%5.0f ms"
                    % (
                        save.index + 1,
                        save.eric,
                        len(save.expected),
                        min(got, default=0),
                        max(got, default=0),
                        min(shown, default=0),
                        max(shown, default=0),
                    )
                )
        if not args.no_fetch and screen:
            p95 = percentile(screen, 0.95)
            print(
                "  goal: save-to-screen p95 ≤ %d ms — %s (p95 %.0f ms)"
                % (GOAL_MS, "met" if p95 <= GOAL_MS else "missed", p95)
            )
        print(
            "  figures checked on screen: %d; duplicate messages: %d"
            % (bench.checked, bench.duplicates)
        )
        bench.unsettled()
    if bench.failures:
        print("  FAILURES:")
        for kind, items in bench.failures.items():
            print("    %s: %d" % (kind, len(items)))
            for item in items[:5]:
                print("      " + item)
        return 1
    print("  failures: none")
    return 0


# --- Main --------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--saves", type=int, default=20)
    parser.add_argument(
        "--erics", type=int, default=0, help="generate a programme of this many ERIC (0: demo)"
    )
    parser.add_argument("--years", type=int, default=1, help="history of a generated programme")
    parser.add_argument("--timeout", type=float, default=10, help="seconds a save may take")
    parser.add_argument("--interval", type=float, default=1, help="seconds between saves")
    parser.add_argument("--no-fetch", action="store_true", help="messages only, no fragment")
    parser.add_argument(
        "--fetch-only",
        action="store_true",
        help="do not ask for the figures with the messages: fetch each fragment (the old way)",
    )
    parser.add_argument(
        "--jitter-ms",
        type=int,
        default=0,
        help="try a proposed live-figures.js: wait a random 0..N ms before fetching (0: as today)",
    )
    parser.add_argument(
        "--conn-max-age",
        type=int,
        default=0,
        help="DATABASE_CONN_MAX_AGE of the servers; 0 as Django advises under ASGI (production's "
        "default of 60 keeps one connection per request thread: PostgreSQL runs out)",
    )
    parser.add_argument("--verbose", action="store_true", help="one line per save")
    parser.add_argument(
        "--database-url",
        default="postgres://postgres@127.0.0.1:5432/postgres",
        help="a PostgreSQL server (and a database to connect to) where the bench creates, "
        "then drops, its own database",
    )
    parser.add_argument(
        "--max-connections",
        type=int,
        default=60,
        help="connection limit of the bench's PostgreSQL role (servers, saver, bench)",
    )
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/11")
    parser.add_argument("--saver", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.saver:
        saver_main(args.saver)
        return 0
    if args.clients < 1 or args.workers < 1 or args.saves < 1:
        parser.error("--clients, --workers and --saves must be positive")

    redis_db(args.redis_url).flushdb()
    scratch = Path(tempfile.mkdtemp(prefix="bench-live-"))
    args.logs = scratch
    name = "bench_live_%d" % os.getpid()
    host = urlsplit(args.database_url).netloc.rpartition("@")[2]
    database_url = "postgres://%s@%s/%s" % (name, host, name)
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DEBUG="false",
        DATABASE_URL=database_url,
        DATABASE_CONN_MAX_AGE=str(args.conn_max_age),
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
    )
    os.environ.update(env)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 4096)), hard))
    workers = []
    status = 1
    try:
        create_database(args.database_url, name, args.max_connections)
        import django

        django.setup()
        from django.db import connections

        plan = prepare(args)
        connections.close_all()
        print("Starting %d Daphne workers…" % args.workers, flush=True)
        workers = start_workers(args.workers, env, scratch)
        bench = Bench(plan, workers, args, env)
        measures = asyncio.run(bench.run())
        status = report(bench, measures, args)
    finally:
        for worker in workers:
            stop_process(worker.process)
        with contextlib.suppress(Exception):
            from django.db import connections

            connections.close_all()
        drop_database(args.database_url, name)
        redis_db(args.redis_url).flushdb()
        if status == 0:
            shutil.rmtree(scratch, ignore_errors=True)
        else:
            print("  logs kept in %s" % scratch)
    return status


if __name__ == "__main__":
    sys.exit(main())
