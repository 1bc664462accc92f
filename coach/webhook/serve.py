"""Start and stop the bot in webhook mode: `coach run --webhook`, and the end-to-end tests."""

from __future__ import annotations

import asyncio
import logging
import signal
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import timedelta

from aiohttp import web
from sqlalchemy import Engine
from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application

from coach.bot.app import build_application
from coach.bot.runtime import RUNTIME_KEY
from coach.core.clock import Clock
from coach.core.config import ConfigError, Settings
from coach.webhook.inbox import InboxWorker
from coach.webhook.server import WebhookServer

log = logging.getLogger(__name__)
DASHBOARD_PREFIX = "/dashboard"


@dataclass(frozen=True)
class WebhookBot:
    application: Application
    inbox: InboxWorker
    host: str
    port: int
    path: str

    @property
    def url(self) -> str:
        """Where this worker takes updates (what setWebhook is given when no proxy is in front)."""
        host = "127.0.0.1" if self.host in ("0.0.0.0", "") else self.host
        return f"http://{host}:{self.port}{self.path}"


@asynccontextmanager
async def running_webhook_bot(settings: Settings, *, engine: Engine, clock: Clock) -> AsyncIterator[WebhookBot]:
    """The bot serving its webhook (and /healthz, /metrics) until the block ends."""
    secret = settings.require_webhook_secret()
    application = build_application(settings, engine=engine, clock=clock, token=settings.require_token())
    runtime = application.bot_data[RUNTIME_KEY]
    lease = timedelta(seconds=settings.coach_claim_lease_seconds)
    inbox = InboxWorker(application, runtime.runner, name=runtime.reminders.dispatcher.worker, lease=lease,
                        metrics=runtime.metrics)
    server = WebhookServer(runner=runtime.runner, inbox=inbox, metrics=runtime.metrics, secret=secret,
                           path=settings.coach_webhook_path, alive_window=runtime.reminders.alive_window)
    async with application:
        # run_webhook() would call these hooks itself; started by hand, they are ours to call.
        if application.post_init:
            await application.post_init(application)
        await application.start()
        http_app = server.app()
        dashboard = _mount_dashboard(http_app, settings, engine=engine, clock=clock, application=application)
        web_runner = web.AppRunner(http_app, access_log=None, handle_signals=False, shutdown_timeout=2.0)
        await web_runner.setup()
        sock = _listening_socket(settings.coach_webhook_host, settings.coach_webhook_port)
        await web.SockSite(web_runner, sock).start()
        bot = WebhookBot(application, inbox, settings.coach_webhook_host, sock.getsockname()[1],
                         settings.coach_webhook_path)
        inbox.start()
        try:
            if settings.coach_webhook_url:
                try:
                    await application.bot.set_webhook(settings.coach_webhook_url, secret_token=secret,
                                                      allowed_updates=Update.ALL_TYPES)
                except TelegramError as exc:
                    raise ConfigError(f"Telegram refused COACH_WEBHOOK_URL ({exc.message}): it must be a public "
                                      "https address that reaches this worker.") from None
            yield bot
        finally:
            # The reminder being sent finishes and the rest of its batch goes back to the queue, at once
            # (see schedule_ticks). Then stop taking updates: Telegram keeps what it could not deliver
            # and sends it to a worker still up. Then finish the updates in hand, then the ticks.
            runtime.reminders.dispatcher.stopping = lambda: True
            await web_runner.cleanup()
            if dashboard is not None:
                dashboard.runner.close()
            await inbox.stop()
            await application.stop()
            if application.post_shutdown:
                await application.post_shutdown(application)


def _mount_dashboard(http_app: web.Application, settings: Settings, *, engine: Engine, clock: Clock,
                     application: Application):  # noqa: ANN202 - the dashboard's shared state, or None
    """The care team's dashboard under /dashboard/ on the same port, when COACH_WEB_SECRET is set; participants
    are told of changes through this worker's own bot."""
    if settings.coach_web_secret is None or not settings.coach_web_secret.get_secret_value().strip():
        return None
    from coach.web.app import create_app
    from coach.web.mount import mount
    from coach.web.tell import BotTeller

    teller = BotTeller(application.bot, owns_bot=False, outbound=application.bot_data[RUNTIME_KEY].outbound)
    dashboard_app = create_app(settings, engine=engine, clock=clock, teller=teller,
                               secret=settings.require_web_secret())
    mount(http_app, dashboard_app, prefix=DASHBOARD_PREFIX)
    return dashboard_app.state.dashboard


async def serve_until_stopped(settings: Settings, *, engine: Engine, clock: Clock) -> None:
    """`coach run --webhook`: serve until SIGTERM or SIGINT, then stop cleanly."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    async with running_webhook_bot(settings, engine=engine, clock=clock) as bot:
        log.info("webhook worker %s listening on %s:%d%s", bot.inbox.name, bot.host, bot.port, bot.path)
        await stop.wait()
        log.info("stopping: finishing the updates and the reminder in hand")


def _listening_socket(host: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    return sock
