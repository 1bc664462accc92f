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
MAX_LINES = 60  # one Telegram message stays readable (and under 4,096 characters)


def latest_digest_instant(now: datetime, timezone: str) -> datetime:
    """The most recent DIGEST_TIME (local to `timezone`) at or before `now`, as a UTC instant."""
    zone = zone_info(timezone)
    local = now.astimezone(zone)
    at = datetime.combine(local.date(), DIGEST_TIME, tzinfo=zone)
    if at > local:
        at = datetime.combine(local.date() - timedelta(days=1), DIGEST_TIME, tzinfo=zone)
    return at.astimezone(UTC)


def digest_text(lines: list[DigestLine]) -> str:
    shown = lines[:MAX_LINES]
    text = [f"Weekly reviews that need a look — {len(lines)} participant{'s' if len(lines) != 1 else ''}:"]
    for line in shown:
        icon = "🩺" if line.decision == SEE_CLINICIAN else "🌙"
        rules = line.rules.replace("_", " ").replace(",", ", ")
        text.append(f"{icon} {line.first_name or 'participant'} (id {line.telegram_id}): "
                    f"{DECISION_LABELS[line.decision]}, week to {format_day(line.week_last)} — {rules}")
    if len(lines) > len(shown):
        text.append(f"…and {len(lines) - len(shown)} more.")
    text.append("Details: /review <id>.")
    return "\n".join(text)


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
    text = digest_text(lines)
    delivered = 0
    for admin in runner.admin_ids:
        try:
            await bot.send_message(chat_id=admin, text=text)
            delivered += 1
        except TelegramError as exc:
            log.warning("could not send the review digest to admin %s: %s", admin, type(exc).__name__)
    if not delivered:
        ids = [line.review_id for line in lines]
        await runner.run_async(lambda ctx: store.release_digest(connection=ctx.connection, review_ids=ids))
    return len(lines)


