"""At most ``limit`` HTTP requests computed at once by one ASGI process.

Django's ASGI handler gives each request a thread of its own for its synchronous code
(``asgiref.ThreadSensitiveContext``): 32 requests arriving together become 32 threads
taking turns on the GIL, each holding its half-built page, its database connection and
its querysets. Measured on the Region's dashboard (``bench/public_pages.py``, 32
connections, ADR 0020): 26 requests a second and a worker grown from 156 to 245 MB,
against 60 requests a second at 165 MB one at a time.

A request takes its slot once its body has arrived (Django reads the whole body before
it does anything else) and gives it back as soon as its response starts
(``http.response.start``): only the computing of the page is counted. A slow phone
uploading a photo, or a slow client receiving a file, keeps no other request waiting.
Requests past the limit wait on the event loop: a coroutine, no thread. Websockets
never pass through it (only the ``http`` branch of :mod:`config.asgi` is wrapped).
"""

import asyncio


class ConcurrencyLimit:
    """ASGI middleware: ``limit`` HTTP requests computed at once, the others queued."""

    def __init__(self, app, limit: int):
        if limit < 1:
            raise ValueError("The concurrency limit must be at least 1.")
        self.app = app
        self.limit = limit
        self._semaphore = None
        self._loop = None

    @property
    def semaphore(self) -> asyncio.Semaphore:
        # one per event loop, made inside it: a server runs one loop for its life, the
        # tests a loop each (a semaphore that once waited belongs to its loop)
        loop = asyncio.get_running_loop()
        if self._loop is not loop:
            self._semaphore, self._loop = asyncio.Semaphore(self.limit), loop
        return self._semaphore

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        semaphore = self.semaphore
        state = {"taken": False, "done": False}

        async def receive_then_take():
            message = await receive()
            body_complete = message["type"] == "http.request" and not message.get("more_body")
            if body_complete and not (state["taken"] or state["done"]):
                await semaphore.acquire()
                state["taken"] = True
            return message

        def give_back():
            state["done"] = True
            if state["taken"]:
                state["taken"] = False
                semaphore.release()

        async def send_then_give_back(message):
            if message["type"] == "http.response.start":
                give_back()
            await send(message)

        try:
            await self.app(scope, receive_then_take, send_then_give_back)
        finally:
            give_back()
