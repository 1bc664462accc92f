"""Serving the dashboard (an ASGI app) under a path of the webhook's aiohttp server: `coach run --webhook`.

A small bridge rather than a second listening port: the request is read whole (forms are small), handed to
the app with `root_path` set to the prefix, and its response sent back whole (pages, a chart, an export).
"""

from __future__ import annotations

from typing import Any

from aiohttp import web
from multidict import CIMultiDict

MAX_BODY_BYTES = 256 * 1024


def mount(app: web.Application, asgi_app: Any, *, prefix: str = "/dashboard") -> None:
    """Route `prefix` and everything under it to `asgi_app` (its lifespan is run by `lifespan_context`)."""

    async def handle(request: web.Request) -> web.StreamResponse:
        if request.path == prefix:
            raise web.HTTPFound(prefix + "/")
        body = await request.read()
        if len(body) > MAX_BODY_BYTES:
            return web.Response(status=413, text="Too large.")
        scope = {
            "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": request.method,
            "scheme": request.scheme, "path": request.path, "raw_path": request.raw_path.split("?")[0].encode(),
            "root_path": prefix, "query_string": request.query_string.encode(),
            "headers": [(k.lower().encode(), v.encode()) for k, v in request.headers.items()],
            "client": (request.remote or "", 0), "server": (request.host, 0),
        }
        sent = False
        start: dict = {}
        chunks: list[bytes] = []

        async def receive() -> dict:
            nonlocal sent
            if sent:
                return {"type": "http.disconnect"}
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        async def send(message: dict) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await asgi_app(scope, receive, send)
        headers = CIMultiDict((key.decode("latin-1"), value.decode("latin-1"))
                              for key, value in start.get("headers", []) if key.lower() != b"content-length")
        return web.Response(status=start.get("status", 500), body=b"".join(chunks), headers=headers)

    app.router.add_route("*", prefix, handle)
    app.router.add_route("*", prefix + "/{tail:.*}", handle)
