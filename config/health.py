"""``/healthz``: 200 when the database and the channel layer answer, 503 otherwise."""

import asyncio
import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)

CHANNEL_LAYER_TIMEOUT = 2.0


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


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


CHECKS = {"database": check_database, "channel_layer": check_channel_layer}


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
