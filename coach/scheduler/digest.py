"""The admins' morning digest: participants whose weekly review suggested an easier week or a clinician.

Each review is claimed for the digest in the database before it is sent, so with several workers or
after a restart every review appears in exactly one digest.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, time, timedelta

from telegram import Bot
from telegram.error import TelegramError

from coach.domain.progression import SEE_CLINICIAN
from coach.domain.review_message import DECISION_LABELS
from coach.domain.schedule import zone_info
from coach.domain.symptoms import format_day
from coach.services.context import UseCaseContext
from coach.services.runner import UseCaseRunner
from coach.store import reviews as store
from coach.store.reviews import DigestLine

log = logging.getLogger(__name__)
DIGEST_TIME = time(8, 0)  # local to COACH_DEFAULT_TIMEZONE
MESSAGE_LIMIT = 4000  # Telegram takes up to 4,096 characters a message


def latest_digest_instant(now: datetime, timezone: str) -> datetime:
    """The most recent DIGEST_TIME (local to `timezone`) at or before `now`, as a UTC instant."""
    zone = zone_info(timezone)
    local = now.astimezone(zone)
    at = datetime.combine(local.date(), DIGEST_TIME, tzinfo=zone)
    if at > local:
        at = datetime.combine(local.date() - timedelta(days=1), DIGEST_TIME, tzinfo=zone)
    return at.astimezone(UTC)


def digest_messages(lines: list[DigestLine]) -> list[str]:
    """The digest as one or more messages, each under Telegram's 4,096 characters; every line appears."""
    header = f"Weekly reviews that need a look — {len(lines)} participant{'s' if len(lines) != 1 else ''}:"
    footer = "Details: /review <id>."
    messages, current = [], [header]
    for line in lines:
        icon = "🩺" if line.decision == SEE_CLINICIAN else "🌙"
        rules = line.rules.replace("_", " ").replace(",", ", ")
        entry = (f"{icon} {line.first_name or 'participant'} (id {line.telegram_id}): "
                 f"{DECISION_LABELS[line.decision]}, week to {format_day(line.week_last)} — {rules}")
        if sum(len(part) + 1 for part in current) + len(entry) + len(footer) > MESSAGE_LIMIT:
            messages.append("\n".join(current))
            current = ["(continued)"]
        current.append(entry)
    current.append(footer)
    messages.append("\n".join(current))
    return messages


async def send_digest(runner: UseCaseRunner, bot: Bot) -> int:
    """At DIGEST_TIME, tell every admin about the reviews decided before it; returns lines sent."""
    if not runner.admin_ids:
        return 0  # kept pending: an admin configured later still hears of them

    def claim(ctx: UseCaseContext) -> list[DigestLine]:
        return store.claim_digest(connection=ctx.connection,
                                  created_before=latest_digest_instant(ctx.now, ctx.default_timezone))

    lines = await runner.run_async(claim)
    if not lines:
        return 0
    messages = digest_messages(lines)
    delivered = 0
    for admin in runner.admin_ids:
        try:
            for text in messages:
                await bot.send_message(chat_id=admin, text=text)
            delivered += 1
        except TelegramError as exc:
            log.warning("could not send the review digest to admin %s: %s", admin, type(exc).__name__)
    if not delivered:
        ids = [line.review_id for line in lines]
        await runner.run_async(lambda ctx: store.release_digest(connection=ctx.connection, review_ids=ids))
    return len(lines)


