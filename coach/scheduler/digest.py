"""The admins' morning digest: the morning after weekly reviews went out (Monday, with the default Sunday
review), everyone who needs attention, most pressing first, with the same reasons as /users.

Each review is claimed for the digest in the database before it is sent, so with several workers or
after a restart every review leads to exactly one digest.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta
from typing import Protocol

from coach.domain import triage
from coach.domain.schedule import zone_info
from coach.services.admin.overview import need_line
from coach.services.plumbing.context import UseCaseContext
from coach.services.plumbing.outbox import text_body
from coach.services.plumbing.runner import UseCaseRunner
from coach.store import outbox as outbox_store
from coach.store import reviews as store
from coach.store import triage as triage_store
from coach.store.outbox import OutboxRow

log = logging.getLogger(__name__)


class RowSender(Protocol):
    """The one sender (coach/bot/outbound.py), as the digest sees it."""

    worker: str

    async def send_rows(self, rows: Sequence[OutboxRow], *, paced: bool) -> object: ...


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


def digest_messages(ranked: list[triage.Need], *, reviewed: int) -> list[str]:
    """The digest as one or more messages, each under Telegram's 4,096 characters; everyone who needs
    attention appears, in the ranking's order."""
    needing = [need for need in ranked if need.needs_attention]
    weekly = f"{reviewed} weekly review{'s' * (reviewed != 1)} went out since the last digest."
    if not needing:
        return [f"Nobody needs attention this morning 🌿 ({len(ranked)} participant{'s' * (len(ranked) != 1)}). "
                + weekly]
    header = (f"Who needs attention — {len(needing)} of {len(ranked)} participant{'s' * (len(ranked) != 1)}, "
              f"most pressing first. {weekly}")
    footer = "Tap an id for the details; /users lists everyone."
    messages, current = [], [header]
    for need in needing:
        entry = need_line(need)
        if sum(len(part) + 1 for part in current) + len(entry) + len(footer) > MESSAGE_LIMIT:
            messages.append("\n".join(current))
            current = ["(continued)"]
        current.append(entry)
    current.append(footer)
    messages.append("\n".join(current))
    return messages


async def send_digest(runner: UseCaseRunner, outbound: RowSender) -> int:
    """At DIGEST_TIME after weekly reviews went out, tell every admin who needs attention; returns how many
    reviews the digest followed. The digest's messages are stored in the transaction that claims the reviews
    for it, so a worker dying before they are sent leaves them to another (never lost, never sent twice)."""
    if not runner.admin_ids:
        return 0  # kept pending: an admin configured later still hears of them

    def claim(ctx: UseCaseContext) -> tuple[int, list[OutboxRow]]:
        lines = store.claim_digest(connection=ctx.connection,
                                   created_before=latest_digest_instant(ctx.now, ctx.default_timezone))
        if not lines:
            return 0, []
        ranked = triage.rank(triage_store.triage_facts(connection=ctx.connection, now=ctx.now))
        messages = digest_messages(ranked, reviewed=len(lines))
        rows = [{"chat_id": admin, "kind": "digest", "body": text_body(text)}
                for admin in ctx.admin_ids for text in messages]
        ids = outbox_store.add(connection=ctx.connection, rows=rows, worker=outbound.worker, now=ctx.now)
        return len(lines), [OutboxRow(row_id, row["chat_id"], "digest", row["body"], None)
                            for row_id, row in zip(ids, rows, strict=True)]

    reviewed, rows = await runner.run_async(claim)
    if rows:
        await outbound.send_rows(rows, paced=True)
    return reviewed
