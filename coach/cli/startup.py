"""`coach run` waits for Telegram and the database: one line per try, with backoff, and no traceback.

Only a configuration that cannot work (a token Telegram refuses, a database that is not migrated) stops it,
with one sentence. Anything else that is merely away is waited for.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable

from coach.core.config import ConfigError, Settings

log = logging.getLogger("coach.cli.startup")
BACKOFF_SECONDS = (1, 2, 4, 8, 15, 30, 60)


def _backoff(attempt: int) -> float:
    return BACKOFF_SECONDS[min(attempt, len(BACKOFF_SECONDS) - 1)]


def wait_for_database(settings: Settings, *, sleep: Callable[[float], None] = time.sleep) -> None:
    """Until the database answers and is migrated; a database that answers but is not migrated is a sentence."""
    from coach.store.migrate import database_state

    attempt = 0
    while True:
        state, sentence = database_state(settings.database_url)
        if state == "ok":
            return
        if state != "unreachable":
            raise ConfigError(sentence)
        delay = _backoff(attempt)
        log.warning("%s Trying again in %ss.", sentence, delay)
        sleep(delay)
        attempt += 1


def wait_for_telegram(settings: Settings, token: str) -> None:
    """Until the Bot API answers getMe; a token it refuses is a sentence."""
    asyncio.run(_wait_for_telegram(settings, token))


async def _wait_for_telegram(settings: Settings, token: str) -> None:
    from telegram import Bot
    from telegram.error import InvalidToken, NetworkError, TelegramError

    attempt = 0
    while True:
        bot = Bot(token, base_url=settings.telegram_api_base_url)
        try:
            async with bot:  # initialize() calls getMe
                return
        except InvalidToken:
            raise ConfigError("Telegram refused TELEGRAM_BOT_TOKEN: check it with @BotFather.") from None
        except (NetworkError, TelegramError, OSError) as exc:
            delay = _backoff(attempt)
            log.warning("Telegram is not reachable at TELEGRAM_API_BASE_URL (%s). Trying again in %ss.",
                        type(exc).__name__, delay)
            await asyncio.sleep(delay)
            attempt += 1
