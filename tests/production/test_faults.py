"""Faults survived (#18.10), each against a real server process in production settings:

- Redis down (REDIS_URL on a closed port): public and logged-in pages still answer 200,
  a save still succeeds, ``/healthz`` answers 503 naming the cache and the channel
  layer, the live socket is refused (the page's script then says so in French and
  refreshes its figures every minute: tests/browser/test_live_offline.py);
- the database down (DATABASE_URL on a closed port): the French 503 page, and
  ``/healthz`` answers 503 naming the database; the proxy's ``/healthz/live`` stays 200
  in both cases, so that no worker is taken out of the pool for a shared fault.
"""

import json

import pytest
from django.db import connection
from django.urls import reverse
from websockets.exceptions import InvalidStatus, WebSocketException
from websockets.sync.client import connect

from .conftest import quick_call
from .servers import closed_port, database_url, get, post, production_env, running_servers
from .servers import session_cookie as make_session


def test_redis_down_pages_work_saves_succeed_and_healthz_names_it(live_world, tmp_path):
    from coaching.models import HotlineCall

    world = live_world
    env = production_env(
        tmp_path,
        DATABASE_URL=database_url(connection.settings_dict),
        REDIS_URL="redis://127.0.0.1:%d/11" % closed_port(),
        DATABASE_POOL_MAX_SIZE=0,
    )
    region = make_session(world.region)
    coach = make_session(world.coach_a)
    dashboard = reverse("progress:programme_dashboard", args=[world.programme.slug])

    with running_servers(1, env, tmp_path) as (server,):
        # anonymous public pages: the page cache is bypassed, twice the same answer
        for _ in range(2):
            status, headers, body = get(server.url + "/")
            assert status == 200, server.output()
            assert "X-Cache" not in headers
        assert get(server.url + "/agenda/")[0] == 200
        # logged in: the dashboard computes its figures without the cache
        status, _, body = get(server.url + dashboard, cookie=region)
        assert status == 200, server.output()
        assert 'data-indicator="hotline_half_days"' in body
        assert get(server.url + reverse("coaching:home"), cookie=coach)[0] == 200
        # a save succeeds; its live announcement is lost, not the record
        status, _, body = post(
            server.url + reverse("coaching:hotline_quick_log"), quick_call(world), cookie=coach
        )
        assert status == 302, body[:2000]
        assert HotlineCall.objects.filter(accompaniment=world.accompaniment_a).count() == 1

        status, _, body = get(server.url + "/healthz")
        assert status == 503
        report = json.loads(body)
        assert report["down"] == ["cache", "channel_layer"]
        assert report["checks"]["database"] == "ok"
        assert get(server.url + "/healthz/live")[0] == 200

        # the live socket cannot join its groups: refused or closed at once
        with pytest.raises((InvalidStatus, WebSocketException, OSError, TimeoutError)):
            with connect(
                "ws://127.0.0.1:%d/ws/changes/" % server.port,
                additional_headers={"Cookie": region, "Origin": server.url},
                open_timeout=10,
            ) as socket:
                socket.recv(timeout=10)


def test_database_down_answers_the_french_503_page_and_healthz_names_it(tmp_path):
    env = production_env(
        tmp_path,
        DATABASE_URL="postgres://trajectoires@127.0.0.1:%d/trajectoires" % closed_port(),
        REDIS_URL=None,
        # the pool gives up on a connection after this long (20 s by default)
        DATABASE_POOL_TIMEOUT=2,
    )
    with running_servers(1, env, tmp_path) as (server,):
        for path in ("/", "/plan-du-site/", "/recherche/?q=atelier"):
            status, headers, body = get(server.url + path)
            assert status == 503, (path, status, server.output())
            assert "Service momentanément indisponible" in body
            assert "La base de données de la plateforme ne répond pas" in body
            assert '<html lang="fr">' in body
            assert headers["Retry-After"] == "30"
        status, _, body = get(server.url + "/healthz")
        assert status == 503
        assert json.loads(body)["down"] == ["database"]
        assert get(server.url + "/healthz/live")[0] == 200
