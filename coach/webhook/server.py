"""The webhook's HTTP side: Telegram's updates in (stored before the 200), /healthz and /metrics out."""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from dataclasses import asdict
from datetime import timedelta
from typing import Any

import aiohttp
from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST

from coach.core.metrics import Metrics
from coach.services.plumbing.health import Health, read_health
from coach.services.plumbing.runner import UseCaseRunner
from coach.store import updates as update_store
from coach.store.reminders import FINAL_STATUSES
from coach.webhook.inbox import InboxWorker

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# A real update is a few kilobytes; anything far larger is not from Telegram.
MAX_BODY_BYTES = 1024 * 1024
HEALTH_TIMEOUT_SECONDS = 5.0


def chat_of(update: dict[str, Any]) -> int | None:
    """The chat an update belongs to (its updates are handled in order), or None for chat-less kinds."""
    for kind, value in update.items():
        if kind == "update_id" or not isinstance(value, dict):
            continue
        for holder in (value, value.get("message")):
            chat = holder.get("chat") if isinstance(holder, dict) else None
            if isinstance(chat, dict) and isinstance(chat.get("id"), int):
                return chat["id"]
        sender = value.get("from") or value.get("user")
        if isinstance(sender, dict) and isinstance(sender.get("id"), int):
            return sender["id"]
    return None


class WebhookServer:
    def __init__(self, *, runner: UseCaseRunner, inbox: InboxWorker, metrics: Metrics, secret: str, path: str,
                 alive_window: timedelta):
        self.runner = runner
        self.inbox = inbox
        self.metrics = metrics
        self.secret = secret.encode()
        self.path = path
        self.alive_window = alive_window

    def app(self) -> web.Application:
        app = web.Application(client_max_size=MAX_BODY_BYTES)
        app.router.add_post(self.path, self.receive)
        app.router.add_get("/healthz", self.healthz)
        app.router.add_get("/metrics", self.metrics_text)
        return app

    async def receive(self, request: web.Request) -> web.Response:
        """Store the update, then answer 200; a 503 when it could not be stored, so Telegram sends it again."""
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, self.secret):
            self.metrics.updates_received.labels("rejected").inc()
            log.warning("webhook: a post without the right secret token was refused")
            return web.json_response({"ok": False, "error": "wrong secret token"}, status=401)
        try:
            body = await request.read()
        except (ConnectionResetError, web.HTTPException, aiohttp.ClientPayloadError):
            return web.json_response({"ok": False, "error": "incomplete body"}, status=400)
        try:
            update = json.loads(body)
            update_id = update["update_id"] if isinstance(update, dict) else None
            if not isinstance(update_id, int) or isinstance(update_id, bool) or not 0 <= update_id < 2**63:
                raise ValueError("no update_id")
        except (ValueError, KeyError, UnicodeDecodeError, RecursionError, TypeError):
            # Anything that does not parse as an update, however it fails (JSON nested deeper than the parser
            # goes is a RecursionError), is a bad request: never a 500.
            self.metrics.updates_received.labels("rejected").inc()
            return web.json_response({"ok": False, "error": "not a Telegram update"}, status=400)
        chat_id = chat_of(update)
        try:
            new = await self.runner.run_async(lambda ctx: update_store.receive(
                connection=ctx.connection, update_id=update_id, chat_id=chat_id, payload=body.decode(), now=ctx.now))
        except Exception as exc:  # noqa: BLE001 - never a 200 for an update that was not stored
            log.warning("webhook: update %s could not be stored (%s); Telegram will send it again",
                        update_id, type(exc).__name__)
            self.metrics.updates_received.labels("unavailable").inc()
            return web.json_response({"ok": False, "error": "try again"}, status=503)
        self.metrics.updates_received.labels("new" if new else "duplicate").inc()
        if new:
            self.inbox.nudge()
        return web.json_response({"ok": True})

    async def healthz(self, _: web.Request) -> web.Response:
        """200 with the lags when the database answers, 503 when it does not (a load balancer's check)."""
        health = await self._health()
        if health is None:
            return web.json_response({"status": "unavailable", "database": "unreachable"}, status=503)
        return web.json_response({"status": "ok", "database": "ok", **asdict(health)})

    async def metrics_text(self, _: web.Request) -> web.Response:
        health = await self._health()
        self.metrics.database_up.set(0 if health is None else 1)
        if health is not None:
            self.metrics.dispatcher_lag.set(health.dispatcher_lag_seconds)
            self.metrics.inbox_waiting.set(health.inbox_waiting)
            self.metrics.inbox_lag.set(health.inbox_lag_seconds)
            self.metrics.workers.set(health.workers_alive)
            for status in ("queued", "sending", "handed", *FINAL_STATUSES):
                self.metrics.reminders.labels(status).set(health.reminders.get(status, 0))
        return web.Response(body=self.metrics.render(), headers={"Content-Type": CONTENT_TYPE_LATEST})

    async def _health(self) -> Health | None:
        try:
            return await asyncio.wait_for(self.runner.run_async(
                lambda ctx: read_health(ctx, alive_window=self.alive_window)), HEALTH_TIMEOUT_SECONDS)
        except Exception as exc:  # noqa: BLE001 - any failure here means "not healthy", said in one word
            log.warning("health check: the database did not answer (%s)", type(exc).__name__)
            return None
