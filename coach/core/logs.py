"""Logging set-up: quiet HTTP libraries and filters that keep the bot token and webhook secret out of every line."""

from __future__ import annotations

import logging


class RedactToken(logging.Filter):
    """Replaces the token wherever it appears (httpx, for one, logs full request URLs)."""

    def __init__(self, secret: str) -> None:
        super().__init__()
        self.secret = secret

    def filter(self, record: logging.LogRecord) -> bool:
        if self.secret and self.secret in record.getMessage():
            record.msg = record.getMessage().replace(self.secret, "<token>")
            record.args = ()
        return True


class OneLineForOutages(logging.Filter):
    """A network or database outage is expected weather, not a bug: one line with the error's class, no traceback
    (python-telegram-bot logs each failed poll with one; the ticks would too)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None and _is_outage(record.exc_info[1]):
            exc = record.exc_info[1]
            # The error's own first line says why ("database is locked"); statements are never in it, and their
            # parameters (health data) never anywhere: the engine hides them.
            why = (str(getattr(exc, "orig", None) or exc).strip().splitlines() or [""])[0][:200]
            record.msg = f"{record.getMessage()} ({type(exc).__name__}: {why})" if why else \
                f"{record.getMessage()} ({type(exc).__name__})"
            record.args = ()
            record.exc_info = None
            record.exc_text = None
        return True


def _is_outage(exc: BaseException) -> bool:
    from sqlalchemy.exc import DBAPIError
    from telegram.error import NetworkError

    from coach.services.plumbing.runner import is_transient

    return isinstance(exc, NetworkError | ConnectionError | TimeoutError) or (
        isinstance(exc, DBAPIError) and is_transient(exc))


def configure_logging(level: str, *, token: str | None = None, webhook_secret: str | None = None) -> None:
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    numeric = logging.getLevelName(level)
    for noisy in ("httpx", "httpcore", "apscheduler", "aiohttp.access"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, numeric))
    # At DEBUG, python-telegram-bot logs every request's parameters and every update: message
    # texts, that is health data. Its INFO and above carry none.
    logging.getLogger("telegram").setLevel(max(logging.INFO, numeric))
    outages = OneLineForOutages()
    for handler in logging.getLogger().handlers:
        handler.addFilter(outages)
    for secret in (token, webhook_secret):
        if secret:
            redactor = RedactToken(secret)
            for handler in logging.getLogger().handlers:
                handler.addFilter(redactor)
