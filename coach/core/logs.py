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


def configure_logging(level: str, *, token: str | None = None, webhook_secret: str | None = None) -> None:
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    numeric = logging.getLevelName(level)
    for noisy in ("httpx", "httpcore", "apscheduler", "aiohttp.access"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, numeric))
    # At DEBUG, python-telegram-bot logs every request's parameters and every update: message
    # texts, that is health data. Its INFO and above carry none.
    logging.getLogger("telegram").setLevel(max(logging.INFO, numeric))
    for secret in (token, webhook_secret):
        if secret:
            redactor = RedactToken(secret)
            for handler in logging.getLogger().handlers:
                handler.addFilter(redactor)
