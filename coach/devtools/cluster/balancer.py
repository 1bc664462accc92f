"""A small round-robin reverse proxy, standing in for the load balancer in front of the workers."""

from __future__ import annotations

import asyncio
import itertools
import threading

import aiohttp
from aiohttp import web

# Headers that belong to one hop, not to the request being passed on.
_HOP_HEADERS = {"host", "content-length", "connection", "transfer-encoding", "keep-alive"}


class Balancer:
    """Passes each POST to the next worker in turn; a worker that does not answer is skipped, and
    when none does the caller gets a 502 (so Telegram, or the emulator, delivers again later)."""

    def __init__(self, backends: list[str]):
        self.backends = list(backends)
        self._turn = itertools.count()
        self.loop: asyncio.AbstractEventLoop | None = None
        self.port = 0
        self._ready = threading.Event()
        self._stop: asyncio.Event | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Balancer:
        self._thread = threading.Thread(target=lambda: asyncio.run(self._serve()), name="balancer", daemon=True)
        self._thread.start()
        if not self._ready.wait(10):
            raise TimeoutError("the balancer did not start")
        return self

    def stop(self) -> None:
        if self.loop is not None and self._stop is not None:
            self.loop.call_soon_threadsafe(self._stop.set)
        if self._thread is not None:
            self._thread.join(10)

    async def _serve(self) -> None:
        self.loop, self._stop = asyncio.get_running_loop(), asyncio.Event()
        app = web.Application(client_max_size=2 * 1024 * 1024)
        app.router.add_route("*", "/{path:.*}", self._forward)
        runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=0.5)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # noqa: SLF001 - aiohttp exposes no other way
        timeout = aiohttp.ClientTimeout(total=30, connect=1)
        async with aiohttp.ClientSession(timeout=timeout) as self._session:
            self._ready.set()
            await self._stop.wait()
            await runner.cleanup()

    async def _forward(self, request: web.Request) -> web.Response:
        body = await request.read()
        headers = {k: v for k, v in request.headers.items() if k.lower() not in _HOP_HEADERS}
        start = next(self._turn)
        for offset in range(len(self.backends)):
            backend = self.backends[(start + offset) % len(self.backends)]
            try:
                async with self._session.request(request.method, backend + request.path_qs, data=body,
                                                 headers=headers) as answer:
                    return web.Response(status=answer.status, body=await answer.read(),
                                        content_type=answer.content_type)
            except (TimeoutError, aiohttp.ClientConnectionError):
                continue  # that worker is down: the next one takes it
        return web.json_response({"ok": False, "error": "no worker answered"}, status=502)
