"""Several ASGI processes behind the proxy share one PostgreSQL and one Redis (#19.5):
a save through the first process reaches a websocket open on the second."""

import json
import os
import time

from django.urls import reverse
from websockets.sync.client import connect

from .conftest import NEEDS_POSTGRES_AND_REDIS, quick_call
from .servers import database_url, post, production_env, running_servers, session_cookie

pytestmark = NEEDS_POSTGRES_AND_REDIS


def test_a_save_through_one_worker_reaches_the_dashboard_open_on_another(live_world, tmp_path):
    from django.conf import settings
    from django.db import connection

    from coaching.models import HotlineCall

    world = live_world
    prefix = "test-two-workers-%d" % os.getpid()
    env = production_env(
        tmp_path,
        DATABASE_URL=database_url(connection.settings_dict),
        REDIS_URL=settings.REDIS_URL,
        DATABASE_POOL_MAX_SIZE=4,
        # this test's own channel groups and cache keys on the shared Redis
        CHANNEL_LAYER_PREFIX=prefix,
        CACHE_KEY_PREFIX=prefix,
    )
    region = session_cookie(world.region)
    coach = session_cookie(world.coach_a)
    programme = world.programme.pk

    with running_servers(2, env, tmp_path) as (first, second):
        with connect(
            "ws://127.0.0.1:%d/ws/changes/" % second.port,
            additional_headers={"Cookie": region, "Origin": second.url},
            open_timeout=20,
        ) as socket:
            # as live.js does on the Region's dashboard
            socket.send(json.dumps({"follow": {"programme": programme}}))
            socket.send(json.dumps({"fragment": {"kind": "dashboard", "programme": programme}}))

            status, headers, body = post(
                first.url + reverse("coaching:hotline_quick_log"), quick_call(world), cookie=coach
            )
            assert status == 302, body[:2000]
            call = HotlineCall.objects.get()

            # the call's slot is announced too: read until the call's own event
            deadline = time.monotonic() + 30
            message = {}
            while message.get("kind") != "hotline_call":
                message = json.loads(socket.recv(timeout=max(0.1, deadline - time.monotonic())))

    assert message["event"] == "changed"
    assert (message["kind"], message["pk"]) == ("hotline_call", call.pk)
    assert (message["programme"], message["eric"]) == (programme, world.eric_a.pk)
    # the dashboard's figures, rendered by the second process after the first one's save
    assert 'data-indicator="hotline_half_days"' in message["html"]
