"""One ASGI process computes a few HTTP requests at once and queues the others on its
event loop (config/concurrency.py, ADR 0020); websockets are never held back."""

import asyncio

import pytest

from config.asgi import application
from config.concurrency import ConcurrencyLimit


class SlowApp:
    """An ASGI app that counts the requests inside it and answers when told to."""

    def __init__(self):
        self.inside = 0
        self.most_inside = 0
        self.go = asyncio.Event()

    async def __call__(self, scope, receive, send):
        await receive()  # the body, as Django reads it first
        self.inside += 1
        self.most_inside = max(self.most_inside, self.inside)
        try:
            await self.go.wait()
            await send({"type": "http.response.start", "status": 200, "headers": []})
            self.inside -= 1  # computed: only the body is left to send
            await send({"type": "http.response.body", "body": b"ok"})
        except BaseException:
            self.inside -= 1
            raise


async def request(app, scope_type="http", body_arrives=None):
    sent = []

    async def receive():
        if body_arrives is not None:
            await body_arrives.wait()  # a slow upload
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    await app({"type": scope_type, "path": "/"}, receive, send)
    return sent


@pytest.mark.asyncio
async def test_at_most_the_limit_is_computed_at_once_and_every_request_is_answered():
    inner = SlowApp()
    limited = ConcurrencyLimit(inner, limit=3)
    requests = [asyncio.create_task(request(limited)) for _ in range(10)]
    await asyncio.sleep(0.05)
    assert inner.inside == 3  # the seven others wait, not inside Django
    inner.go.set()
    answers = await asyncio.gather(*requests)
    assert inner.most_inside == 3
    assert all(sent[0]["status"] == 200 and sent[-1]["body"] == b"ok" for sent in answers)


@pytest.mark.asyncio
async def test_a_slot_is_given_back_when_the_response_starts():
    """The body of a long download must not keep the next request waiting."""
    body_sent = asyncio.Event()
    started = []

    async def download(scope, receive, send):
        await receive()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        started.append(scope)
        await body_sent.wait()  # a slow client
        await send({"type": "http.response.body", "body": b"..."})

    limited = ConcurrencyLimit(download, limit=1)
    first = asyncio.create_task(request(limited))
    second = asyncio.create_task(request(limited))
    await asyncio.sleep(0.05)
    assert len(started) == 2  # the second is computed while the first body still goes
    body_sent.set()
    await asyncio.wait_for(asyncio.gather(first, second), timeout=2)


@pytest.mark.asyncio
async def test_a_request_takes_its_slot_once_its_body_has_arrived():
    """A slow upload must not keep the requests behind it waiting."""
    inner = SlowApp()
    limited = ConcurrencyLimit(inner, limit=1)
    uploaded = asyncio.Event()
    upload = asyncio.create_task(request(limited, body_arrives=uploaded))
    pages = [asyncio.create_task(request(limited)) for _ in range(3)]
    await asyncio.sleep(0.05)
    assert inner.inside == 1  # a page is computed while the upload still arrives
    inner.go.set()
    await asyncio.wait_for(asyncio.gather(*pages), timeout=2)
    assert not upload.done()
    uploaded.set()
    await asyncio.wait_for(upload, timeout=2)
    assert inner.most_inside == 1


@pytest.mark.asyncio
async def test_a_failing_request_gives_its_slot_back():
    async def broken(scope, receive, send):
        await receive()
        raise RuntimeError("boom")

    limited = ConcurrencyLimit(broken, limit=1)
    for _ in range(3):  # would wait for ever if the first failure kept the slot
        with pytest.raises(RuntimeError):
            await asyncio.wait_for(request(limited), timeout=2)


@pytest.mark.asyncio
async def test_websockets_are_not_counted():
    inner = SlowApp()
    limited = ConcurrencyLimit(inner, limit=1)
    sockets = [asyncio.create_task(request(limited, "websocket")) for _ in range(5)]
    await asyncio.sleep(0.05)
    assert inner.inside == 5
    inner.go.set()
    await asyncio.gather(*sockets)


def test_the_platform_limits_its_http_branch_only(settings):
    http = application.application_mapping["http"]
    assert isinstance(http, ConcurrencyLimit)
    assert http.limit == settings.WEB_CONCURRENCY_LIMIT == 4
    assert not isinstance(application.application_mapping["websocket"], ConcurrencyLimit)


def test_a_limit_below_one_is_refused():
    with pytest.raises(ValueError):
        ConcurrencyLimit(SlowApp(), limit=0)
