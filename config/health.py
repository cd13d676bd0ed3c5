"""Health pages.

``/healthz`` (for the monitor): 200 when the database, the cache and the channel layer
answer, 503 naming what is down otherwise. ``/healthz/live`` (for the proxy's health
checks): 200 as long as this process serves requests — a worker is not taken out of the
pool because Redis or PostgreSQL is down, since every worker shares them and the pages
degrade on their own (a French 503 page when the database is down, ADR 0020).
"""

import asyncio
import logging
import secrets

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)

CHANNEL_LAYER_TIMEOUT = 2.0


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache() -> None:
    ping = getattr(cache, "ping", None)
    if ping is not None:  # Redis (core.cache): ask it, not its fallbacks
        ping()
        return
    token = secrets.token_hex(8)
    cache.set("healthz", token, 10)
    if cache.get("healthz") != token:
        raise RuntimeError("the cache did not keep a value")


async def _round_trip(layer) -> None:
    channel = await layer.new_channel("healthz.")
    await layer.send(channel, {"type": "healthz.ping"})
    message = await layer.receive(channel)
    if message.get("type") != "healthz.ping":
        raise RuntimeError("unexpected message on the health channel")


def check_channel_layer() -> None:
    layer = get_channel_layer()
    if layer is None:
        raise RuntimeError("no channel layer configured")

    async def probe():
        await asyncio.wait_for(_round_trip(layer), timeout=CHANNEL_LAYER_TIMEOUT)

    async_to_sync(probe)()


CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "channel_layer": check_channel_layer,
}


@never_cache
@require_GET
def healthz(request):
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as error:  # report, never raise: this page is for the monitor
            logger.error("Health check %s failed: %s", name, error)
            results[name] = "down"
        else:
            results[name] = "ok"
    down = [name for name, state in results.items() if state != "ok"]
    return JsonResponse(
        {"status": "down" if down else "ok", "checks": results, "down": down},
        status=503 if down else 200,
    )


@never_cache
@require_GET
def healthz_live(request):
    return HttpResponse("ok", content_type="text/plain")
