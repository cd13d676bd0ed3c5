"""ASGI server processes for the production tests, started as platform/Procfile says.

``running_servers(n, env)`` starts ``n`` processes of the Procfile's ``web`` line, each on
a free port, with production settings (``tests.production.server_settings``) and the
given environment; waits until each answers ``/healthz/live``; stops them all (their
whole process group) on the way out, whatever happened.
"""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
PROCFILE = ROOT / "platform" / "Procfile"
START_TIMEOUT = 45


def procfile_command(name: str) -> str:
    for line in PROCFILE.read_text().splitlines():
        if line.startswith(name + ":"):
            return line.partition(":")[2].strip()
    raise LookupError("no %r process in %s" % (name, PROCFILE))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def closed_port() -> int:
    """A port where nothing listens (bound then released: a refused connection)."""
    return free_port()


def database_url(settings_dict: dict) -> str:
    """The ``DATABASE_URL`` of a connection's settings (the test database's)."""
    if settings_dict["ENGINE"] == "django.db.backends.sqlite3":
        return "sqlite:///" + str(settings_dict["NAME"])
    credentials = quote(settings_dict.get("USER") or "")
    if settings_dict.get("PASSWORD"):
        credentials += ":" + quote(settings_dict["PASSWORD"])
    return "postgres://%s@%s:%s/%s" % (
        credentials,
        settings_dict.get("HOST") or "127.0.0.1",
        settings_dict.get("PORT") or 5432,
        settings_dict["NAME"],
    )


def production_env(tmp_path: Path, **overrides) -> dict:
    """Production settings for a test server; ``overrides`` are environment variables
    (``None`` removes one)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PYTEST_")) and key not in ("DATABASE_URL", "REDIS_URL")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="tests.production.server_settings",
        PYTHONPATH=str(ROOT),
        PATH=str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", ""),
        DEBUG="false",
        # the test process makes the sessions: the same key signs and checks them
        SECRET_KEY=settings.SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        DATA_DIR=str(tmp_path / "data"),
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
        TASKS_BACKEND="immediate",
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
        # the sessions made by the test owe no second factor (tests/organisations/
        # test_two_factor.py proves the rule; production turns it on by default)
        OTP_REQUIRED_FOR_STAFF="false",
    )
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = str(value)
    return env


@dataclass
class Server:
    port: int
    process: subprocess.Popen
    log: Path

    @property
    def url(self) -> str:
        return "http://127.0.0.1:%d" % self.port

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]


def _stop(server: Server) -> None:
    if server.process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.process.pid, signal.SIGTERM)
    try:
        server.process.wait(10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.process.pid, signal.SIGKILL)
        server.process.wait(5)


def _wait_until_live(server: Server, deadline: float) -> None:
    while True:
        if server.process.poll() is not None:
            raise RuntimeError("server on port %d exited:\n%s" % (server.port, server.output()))
        try:
            with urllib.request.urlopen(server.url + "/healthz/live", timeout=2) as response:
                if response.status == 200:
                    return
        except (OSError, urllib.error.URLError):
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(
                "server on port %d not live after %d s:\n%s"
                % (server.port, START_TIMEOUT, server.output())
            )
        time.sleep(0.2)


@contextlib.contextmanager
def running_servers(count: int, env: dict, logs: Path):
    command = procfile_command("web")
    servers = []
    try:
        for number in range(count):
            port = free_port()
            log = logs / ("web-%d.log" % number)
            with log.open("wb") as out:
                process = subprocess.Popen(
                    ["sh", "-c", command],
                    cwd=ROOT,
                    env=dict(env, PORT=str(port)),
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,  # its own process group: stopped whole
                )
            servers.append(Server(port, process, log))
        deadline = time.monotonic() + START_TIMEOUT
        for server in servers:
            _wait_until_live(server, deadline)
        yield servers
    finally:
        for server in servers:
            _stop(server)


def get(url: str, *, cookie: str | None = None, timeout: float = 20):
    """(status, headers, body) of a GET, errors included."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def post(url: str, data: dict, *, cookie: str, timeout: float = 20):
    """A form POST with a CSRF cookie and header of our own; no redirect followed."""
    from urllib.parse import urlencode

    token = "t" * 32
    request = urllib.request.Request(
        url,
        data=urlencode(data, doseq=True).encode(),
        headers={
            "Cookie": "%s; csrftoken=%s" % (cookie, token),
            "X-CSRFToken": token,
            "Content-Type": "application/x-www-form-urlencoded",
        },
        method="POST",
    )

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def session_cookie(user) -> str:
    """A logged-in session for ``user``, stored in the database the servers read."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return "%s=%s" % (settings.SESSION_COOKIE_NAME, session.session_key)
