"""Benchmark: what the public pages cost, next to a static file, as in production.

Usage:
  .venv/bin/python bench/public_pages.py [--workers 1] [--connections 32]
      [--requests 2000] [--database-url postgres://…] [--redis-url redis://…/11]
      [--server daphne|uvicorn|granian] [--data-dir /tmp/bench-public]

1. Makes a throw-away data folder, migrates, loads the demo programme and collects the
   static files, with the production settings (``config.settings.base``: DEBUG off,
   WhiteNoise's compressed manifest); SQLite and the local-memory cache unless
   ``--database-url`` / ``--redis-url`` are given (a Redis db other than 0 and 9).
2. Starts ``--workers`` ASGI server processes as platform/Procfile does (``--server``:
   granian, the production choice of ADR 0020, by default; Daphne or uvicorn to compare).
3. For each URL in turn — a static file, the home page, an ERIC page, a knowledge-base
   search, the Region's dashboard logged in — sends ``--requests`` GETs over
   ``--connections`` keep-alive connections (spread over the workers), after a few to
   warm up, and measures each answer's time.

It prints, per URL: requests per second, p50 and p95 in ms, errors (anything but 200),
the ratio of its throughput to the static file's, the largest worker's resident memory
once that URL's requests are done; then each worker's resident memory
after all the requests. Goals (issue « Production and performance »): home and ERIC
page at least 25 % of the static file's throughput with p95 under 100 ms; no error;
workers under 250 MB. The load generator shares the machine's cores with the servers:
the figures are a lower bound of what separate machines give. Exit status 1 on errors.
"""

import argparse
import asyncio
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.live_latency import (  # noqa: E402
    SERVERS,
    pass_second_factor,
    start_workers,
    stop_process,
)

GOALS = {"share_of_static": 0.25, "p95_ms": 100, "worker_mb": 250}


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


class Connection:
    """One HTTP/1.1 keep-alive connection; reopened when the server closes it."""

    def __init__(self, port, cookie=None):
        self.port, self.cookie, self.stream = port, cookie, None

    async def get(self, path):
        for _attempt in range(2):
            if self.stream is None:
                self.stream = await asyncio.open_connection("127.0.0.1", self.port)
            try:
                return await self._request(path)
            except (ConnectionError, asyncio.IncompleteReadError):
                self.close()
        raise ConnectionError("port %d closed the connection twice" % self.port)

    async def _request(self, path):
        reader, writer = self.stream
        cookie = "Cookie: sessionid=%s\r\n" % self.cookie if self.cookie else ""
        writer.write(
            (
                "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n%sAccept: text/html,*/*\r\n"
                "Accept-Encoding: identity\r\nX-Forwarded-Proto: https\r\n\r\n" % (path, cookie)
            ).encode("latin-1")
        )
        head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        status = int(head[0].split()[1])
        headers = {}
        for line in head[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip().lower()
        if headers.get("transfer-encoding") == "chunked":
            while True:
                size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
                if size == 0:
                    while await reader.readuntil(b"\r\n") != b"\r\n":
                        pass
                    break
                await reader.readexactly(size + 2)
        elif "content-length" in headers:
            await reader.readexactly(int(headers["content-length"]))
        else:
            await reader.read()
            self.close()
        if headers.get("connection") == "close":
            self.close()
        return status, headers.get("x-cache", "")

    def close(self):
        if self.stream is not None:
            self.stream[1].close()
            self.stream = None


async def hammer(ports, path, requests, connections, cookie=None):
    """``requests`` GETs of ``path`` over ``connections`` connections; returns
    (seconds, latencies in ms, errors, cache hits)."""
    pool = [Connection(ports[i % len(ports)], cookie) for i in range(connections)]
    for connection in pool[: len(ports) * 2]:  # warm up: each worker renders once
        await connection.get(path)
    remaining = requests
    latencies, errors, hits = [], [], 0

    async def run(connection):
        nonlocal remaining, hits
        while remaining > 0:
            remaining -= 1
            started = time.perf_counter()
            try:
                status, cache = await connection.get(path)
            except OSError as error:
                errors.append(repr(error))
                continue
            latencies.append((time.perf_counter() - started) * 1000)
            hits += cache == "hit"
            if status != 200:
                errors.append(status)

    started = time.perf_counter()
    await asyncio.gather(*(run(connection) for connection in pool))
    elapsed = time.perf_counter() - started
    for connection in pool:
        connection.close()
    return elapsed, latencies, errors, hits


def prepare(env, reuse=False):
    """Migrate, load the demo, collect the static files (unless ``reuse``: a data folder
    a previous run kept); return the URLs and a session."""
    if not reuse:
        print("Migrating, loading the demo, collecting static files…", flush=True)
    # the demo's command refuses to run with DEBUG off (known passwords): load it with
    # DEBUG on into the same data folder, then serve it with DEBUG off
    for command, debug in (
        ()
        if reuse
        else (
            (["migrate", "--noinput", "-v", "0"], "false"),
            (["load_demo_data"], "true"),
            (["collectstatic", "--noinput", "-v", "0"], "false"),
        )
    ):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=dict(env, DEBUG=debug),
            check=True,
            stdout=subprocess.DEVNULL,
        )
    os.environ.update(env)
    import django

    django.setup()
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.urls import reverse

    from cms.models.knowledge_base import KnowledgeBaseIndexPage
    from cms.models.pages import EricPage
    from coaching.models import Programme

    region = get_user_model().objects.get(username="region")
    session = SessionStore()
    session[SESSION_KEY] = str(region.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = region.get_session_auth_hash()
    pass_second_factor(session, region)  # with DEBUG off, as after a login with the code
    session.create()
    programme = Programme.objects.get()
    urls = [
        ("static file", staticfiles_storage.url("css/trajectoires.css"), None),
        ("home page", "/", None),
        ("ERIC page", EricPage.objects.live().order_by("pk").first().url, None),
        (
            "knowledge-base search",
            KnowledgeBaseIndexPage.objects.live().get().url + "?q=repair",
            None,
        ),
        (
            "Region dashboard (logged in)",
            reverse("progress:programme_dashboard", args=[programme.slug]),
            session.session_key,
        ),
    ]
    from django.db import connections

    connections.close_all()
    return urls


def rss_mb(pid):
    for line in Path("/proc/%d/status" % pid).read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def worker_rss_mb(pid):
    """The resident memory of the process serving the requests: the server itself, or
    its largest child when it forks its worker (granian)."""
    children = Path("/proc/%d/task/%d/children" % (pid, pid)).read_text().split()
    return max([rss_mb(pid)] + [rss_mb(int(child)) for child in children])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--requests", type=int, default=2000, help="per URL")
    parser.add_argument("--database-url", help="PostgreSQL database (emptied!) instead of SQLite")
    parser.add_argument("--redis-url", help="Redis cache instead of the local-memory cache")
    parser.add_argument("--server", choices=sorted(SERVERS), default="granian")
    parser.add_argument(
        "--data-dir",
        help="keep the prepared data folder here and reuse it on the next run (SQLite only; "
        "compare servers without migrating again)",
    )
    parser.add_argument(
        "--malloc-arena-max",
        type=int,
        default=2,
        help="glibc's MALLOC_ARENA_MAX for the workers, as platform/Procfile sets it "
        "(0: glibc's default, up to 8 arenas a core)",
    )
    args = parser.parse_args()
    if args.redis_url and re.search(r"/(0|9)$", args.redis_url):
        parser.error("use a Redis db other than 0 (production) and 9 (CI)")

    if args.data_dir:
        scratch = Path(args.data_dir)
        reuse = (scratch / "static" / "staticfiles.json").exists()
        scratch.mkdir(parents=True, exist_ok=True)
    else:
        scratch, reuse = Path(tempfile.mkdtemp(prefix="bench-public-")), False
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="config.settings.base",
        DEBUG="false",
        SECRET_KEY="bench-public-pages-not-a-secret-0123456789-abcdefghijklmnop",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATA_DIR=str(scratch),
        STATIC_ROOT=str(scratch / "static"),
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        TASKS_BACKEND="immediate",
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    for name in ("DATABASE_URL", "REDIS_URL"):
        env.pop(name, None)
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
    env.pop("MALLOC_ARENA_MAX", None)
    if args.malloc_arena_max:
        env["MALLOC_ARENA_MAX"] = str(args.malloc_arena_max)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 4096)), hard))
    workers, status = [], 1
    try:
        urls = prepare(env, reuse)
        print("Starting %d %s worker(s)…" % (args.workers, args.server), flush=True)
        workers = start_workers(args.workers, env, scratch, server=args.server)
        ports = [worker.port for worker in workers]
        rows, total = [], 0
        started_mb = max(worker_rss_mb(worker.process.pid) for worker in workers)
        for label, path, cookie in urls:
            elapsed, latencies, errors, hits = asyncio.run(
                hammer(ports, path, args.requests, args.connections, cookie)
            )
            total += len(latencies) + len(errors)
            memory = max(worker_rss_mb(worker.process.pid) for worker in workers)
            rows.append((label, path, len(latencies) / elapsed, latencies, errors, hits, memory))
        static_rate = rows[0][2]
        print(
            "\n%d %s worker(s) (MALLOC_ARENA_MAX=%s), %d connections, %d requests per URL, "
            "%s, %s, on %d cores"
            % (
                args.workers,
                args.server,
                args.malloc_arena_max or "unset",
                args.connections,
                args.requests,
                "PostgreSQL" if args.database_url else "SQLite",
                "Redis cache" if args.redis_url else "local-memory cache",
                os.cpu_count(),
            )
        )
        print("largest worker at start: %.0f MB resident" % started_mb)
        print(
            "%-30s %8s %8s %8s %7s %9s %7s %8s"
            % ("URL", "req/s", "p50 ms", "p95 ms", "errors", "vs static", "cached", "RSS MB")
        )
        failures = []
        for label, path, rate, latencies, errors, hits, memory in rows:
            p95 = percentile(latencies, 0.95)
            print(
                "%-30s %8.0f %8.1f %8.1f %7d %8.1f%% %6.0f%% %8.0f"
                % (
                    label,
                    rate,
                    percentile(latencies, 0.50),
                    p95,
                    len(errors),
                    100 * rate / static_rate,
                    100 * hits / max(1, len(latencies)),
                    memory,
                )
            )
            if errors:
                failures.append(
                    "%s (%s): %d errors, e.g. %s" % (label, path, len(errors), errors[0])
                )
            if label in ("home page", "ERIC page"):
                if rate / static_rate < GOALS["share_of_static"] or p95 > GOALS["p95_ms"]:
                    print("  goal missed: ≥ 25 % of the static file and p95 < 100 ms")
        for worker in workers:
            memory = worker_rss_mb(worker.process.pid)
            print(
                "worker %d: %.0f MB resident after %d requests in all (goal < %d MB)"
                % (worker.number, memory, total, GOALS["worker_mb"])
            )
        for failure in failures:
            print("FAILED:", failure)
        status = 1 if failures else 0
    finally:
        for worker in workers:
            stop_process(worker.process)
        if status == 0 and not args.data_dir:
            shutil.rmtree(scratch, ignore_errors=True)
        else:
            print("logs kept in %s" % scratch)
    return status


if __name__ == "__main__":
    sys.exit(main())
