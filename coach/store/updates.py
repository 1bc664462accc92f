"""Queries for the inbox of webhook updates: store on arrival, claim in chat order, fence, finish.

Core statements on a connection, like the reminder queue: the webhook stores an update before
Telegram gets its 200, and every worker polls this table, so each statement is kept to one round trip.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, delete, exists, func, or_, select, update
from sqlalchemy.orm import aliased

from coach.store.db import insert_ignoring_duplicates
from coach.store.hot import HotStatement
from coach.store.models import HandledUpdate, InboxUpdate

_U = InboxUpdate.__table__
_EARLIER = aliased(InboxUpdate.__table__)
_INSERT_IGNORING_DUPLICATES = {dialect: statement.returning(_U.c.update_id) for dialect, statement
                               in insert_ignoring_duplicates(_U, ["update_id"]).items()}
_H = HandledUpdate.__table__
_RECORD_HANDLED_INSERTS = {dialect: statement.returning(_H.c.update_id) for dialect, statement
                           in insert_ignoring_duplicates(_H, ["update_id"]).items()}
_RECORD_HANDLED = HotStatement(_RECORD_HANDLED_INSERTS["sqlite"], elsewhere=_RECORD_HANDLED_INSERTS["postgresql"],
                               column_keys=("update_id", "handled_at"))
OPEN_STATUSES = ("new", "working")
# Telegram redelivers an update it has not seen confirmed for up to 24 hours: a handled id is kept twice that.
KEEP_HANDLED = timedelta(days=2)


@dataclass(frozen=True)
class ClaimedUpdate:
    update_id: int
    payload: str
    attempts: int  # counting this one
    token: str  # the claim's, which fences what is stored for the update


def receive(*, connection: Connection, update_id: int, chat_id: int | None, payload: str, now: datetime) -> bool:
    """Store an update as it arrives; False when it was stored before (Telegram delivered it again)."""
    # RETURNING says whether a row went in: psycopg reports no row count for this statement.
    result = connection.execute(_INSERT_IGNORING_DUPLICATES[connection.dialect.name], {
        "update_id": update_id, "chat_id": chat_id, "payload": payload, "status": "new", "attempts": 0,
        "received_at": now})
    return result.first() is not None


def claim(*, connection: Connection, now: datetime, worker: str, token: str, limit: int) -> list[ClaimedUpdate]:
    """Take up to `limit` updates to handle, each the oldest open one of its chat.

    A chat's next update waits until the one before it is handled (or given up), so a
    participant's messages are handled in the order they were written even when several workers
    share the inbox. On PostgreSQL, SKIP LOCKED lets workers claim side by side; the update
    checks the status again, so a row is never claimed twice on SQLite either.
    """
    earlier_open = exists().where(_EARLIER.c.chat_id == _U.c.chat_id, _EARLIER.c.update_id < _U.c.update_id,
                                  _EARLIER.c.status.in_(OPEN_STATUSES))
    heads = (select(_U.c.update_id)
             .where(_U.c.status == "new", or_(_U.c.not_before.is_(None), _U.c.not_before <= now), ~earlier_open)
             .order_by(_U.c.update_id).limit(limit))
    if connection.dialect.name == "postgresql":
        heads = heads.with_for_update(skip_locked=True, of=_U)
    ids = list(connection.execute(heads).scalars())
    if not ids:
        return []
    rows = connection.execute(
        update(_U).where(_U.c.update_id.in_(ids), _U.c.status == "new")
        .values(status="working", claimed_by=worker, claim_token=token, claimed_at=now, attempts=_U.c.attempts + 1)
        .returning(_U.c.update_id, _U.c.payload, _U.c.attempts))
    return sorted((ClaimedUpdate(*row, token) for row in rows), key=lambda c: c.update_id)


def mark_done(*, connection: Connection, update_id: int, token: str, now: datetime) -> bool:
    """Handled: the payload goes, the id stays to recognise a redelivery. False when the update is no
    longer this claim's to finish: a worker thought dead took it over, or it is done already (a commit
    whose answer was lost, then retried), so the caller's work must not be kept a second time."""
    return connection.execute(
        update(_U).where(_U.c.update_id == update_id, _U.c.claim_token == token, _U.c.status == "working")
        .values(status="done", payload=None, handled_at=now)).rowcount == 1


def record_handled(*, connection: Connection, update_id: int, now: datetime) -> bool:
    """Long polling: an update a use case is storing something for is recorded as handled, in that use case's
    transaction. False when it was recorded before: Telegram delivered it again after a worker stopped before
    confirming it, and what it asked for is stored already."""
    return _RECORD_HANDLED.insert(connection, {"update_id": update_id, "handled_at": now}) is not None


def retry_later(*, connection: Connection, update_id: int, token: str, not_before: datetime) -> bool:
    """Back to the queue after a passing failure (the database was away), to be tried at `not_before`."""
    return connection.execute(
        update(_U).where(_U.c.update_id == update_id, _U.c.claim_token == token, _U.c.status == "working")
        .values(status="new", not_before=not_before, claimed_by=None, claim_token=None, claimed_at=None)).rowcount == 1


def give_up(*, connection: Connection, update_id: int, token: str | None, now: datetime) -> bool:
    """After repeated failures: stop trying, and forget the payload (it may hold health data)."""
    condition = _U.c.claim_token == token if token is not None else _U.c.claim_token.is_(None)
    return connection.execute(
        update(_U).where(_U.c.update_id == update_id, condition, _U.c.status.in_(OPEN_STATUSES))
        .values(status="failed", payload=None, handled_at=now)).rowcount == 1


def give_back(*, connection: Connection, update_ids: list[int], token: str) -> int:
    """Claimed but not begun (the worker is stopping): back to the queue as if never claimed."""
    return connection.execute(
        update(_U).where(_U.c.update_id.in_(update_ids), _U.c.claim_token == token, _U.c.status == "working")
        .values(status="new", claimed_by=None, claim_token=None, claimed_at=None,
                attempts=_U.c.attempts - 1)).rowcount


def release_stale(*, connection: Connection, claimed_before: datetime) -> int:
    """Claims whose worker stopped (crashed, killed) go back to the queue; the fence in mark_done
    keeps a slow worker that was only presumed dead from applying the same update a second time."""
    return connection.execute(
        update(_U).where(_U.c.status == "working", _U.c.claimed_at < claimed_before)
        .values(status="new", claimed_by=None, claim_token=None, claimed_at=None)).rowcount


def prune(*, connection: Connection, handled_before: datetime) -> int:
    """Forget handled updates (the webhook's and long polling's) once Telegram can no longer redeliver them."""
    inbox = connection.execute(delete(_U).where(_U.c.status.in_(("done", "failed")),
                                                _U.c.handled_at < handled_before)).rowcount
    return inbox + connection.execute(delete(_H).where(_H.c.handled_at < handled_before)).rowcount


def erase_chat(*, connection: Connection, chat_id: int, now: datetime) -> int:
    """An erasure: nothing of the chat's updates is kept but Telegram's update ids (its own counter, needed to
    recognise a redelivery, which would otherwise be applied again). Updates written after the erasure stay."""
    return connection.execute(
        update(_U).where(_U.c.chat_id == chat_id, _U.c.status != "new")
        .values(chat_id=None, payload=None, received_at=now, handled_at=now, claimed_at=None,
                claimed_by=None)).rowcount


def counts_by_status(*, connection: Connection) -> dict[str, int]:
    return {status: count for status, count in
            connection.execute(select(_U.c.status, func.count()).group_by(_U.c.status))}


def oldest_waiting(*, connection: Connection) -> datetime | None:
    """When the oldest update still waiting to be handled arrived (None when none waits)."""
    return connection.execute(select(func.min(_U.c.received_at)).where(_U.c.status.in_(OPEN_STATUSES))).scalar()


def states(*, connection: Connection, update_ids: list[int] | None = None) -> dict[int, tuple[str, int]]:
    """(status, attempts) by update id: for reconciliation after a fault."""
    query = select(_U.c.update_id, _U.c.status, _U.c.attempts)
    if update_ids is not None:
        query = query.where(_U.c.update_id.in_(update_ids))
    return {uid: (status, attempts) for uid, status, attempts in connection.execute(query)}


