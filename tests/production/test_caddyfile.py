"""platform/Caddyfile: Caddy reads it, balances every address of WEB_UPSTREAMS (websockets
go through the same reverse_proxy) and checks them on /healthz/live with the site's
host name (ALLOWED_HOSTS refuses any other)."""

import json
import os
import shutil
import subprocess

import pytest

from .servers import ROOT

pytestmark = pytest.mark.skipif(
    shutil.which("caddy") is None, reason="caddy missing (Debian: apt-get install caddy)"
)


def adapt(**env):
    result = subprocess.run(
        ["caddy", "adapt", "--config", str(ROOT / "platform" / "Caddyfile")],
        env=dict(os.environ, **env),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    config = json.loads(result.stdout)
    (server,) = config["apps"]["http"]["servers"].values()
    return [node for node in _walk(server) if node.get("handler") == "reverse_proxy"]


def _walk(node):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def test_every_web_upstream_is_balanced_and_checked_on_healthz_live():
    (proxy,) = adapt(
        WEB_UPSTREAMS="10.0.0.11:8000 10.0.0.11:8001 10.0.0.12:8000",
        SITE_HOST="trajectoires.example.org",
    )
    assert [upstream["dial"] for upstream in proxy["upstreams"]] == [
        "10.0.0.11:8000",
        "10.0.0.11:8001",
        "10.0.0.12:8000",
    ]
    active = proxy["health_checks"]["active"]
    assert active["uri"] == "/healthz/live"
    assert active["headers"]["Host"] == ["trajectoires.example.org"]
    assert proxy["load_balancing"]["selection_policy"]["policy"] == "least_conn"


def test_without_web_upstreams_the_compose_workers_are_used(monkeypatch):
    monkeypatch.delenv("WEB_UPSTREAMS", raising=False)
    (proxy,) = adapt()
    assert [upstream["dial"] for upstream in proxy["upstreams"]] == ["web1:8000", "web2:8000"]
