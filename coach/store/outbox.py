"""Queries for the outbox and the shared send gate: store with the change, claim, attempt, finish, recover.

Core statements on a connection, like the reminder queue and the inbox: the outbox is on every reply's path.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, bindparam, delete, func, insert, or_, select, update
from sqlalchemy.orm import aliased

from coach.store.hot import HotStatement
from coach.store.models import OutboxMessage, SendGate

_O = OutboxMessage.__table__
_G = SendGate.__table__
OPEN_STATUSES = ("queued", "sending")
GATE_ID = 1
# The reason a send failed when Telegram refused the chat (403: the bot blocked, the account deactivated).
BLOCKED = "blocked by the recipient"


@dataclass(frozen=True)
class OutboxRow:
    id: int
    chat_id: int
    kind: str
    body: str
    media: bytes | None
    reminder_id: int | None = None  # the reminder whose words it carries


@dataclass(frozen=True)
class Finished:
    """How one send ended: sent (with Telegram's message id), uncertain or failed (with the reason)."""

    id: int
    status: str
    detail: str | None = None
    message_id: int | None = None


# The usual reply is one row (see store/hot.py).
_INSERT_ONE = HotStatement(insert(_O).returning(_O.c.id), column_keys=(
    "chat_id", "about_chat_id", "reminder_id", "kind", "body", "media", "status", "claimed_by", "claimed_at",
    "attempted_at", "created_at"))
_INSERT_RETURNING = insert(_O).returning(_O.c.id, sort_by_parameter_order=True)
_PAUSED_UNTIL = select(_G.c.paused_until).where(_G.c.id == GATE_ID)


def _open_elsewhere(chat: object) -> object:
    return (select(_O.c.id).where(chat, or_(*(_O.c.status == status for status in OPEN_STATUSES)),
                                  or_(_O.c.claimed_by.is_(None), _O.c.claimed_by != bindparam("worker")))
            .exists())


# Every reply asks both before its rows are stored, so one statement answers both; the usual reply goes to one
# chat, which is on every check-in's path (see store/hot.py).
_FREE_TO_SEND_ONE = HotStatement(select(_PAUSED_UNTIL.scalar_subquery(),
                                        _open_elsewhere(_O.c.chat_id == bindparam("chat"))))
_FREE_TO_SEND_MANY = select(_PAUSED_UNTIL.scalar_subquery(),
                            _open_elsewhere(_O.c.chat_id.in_(bindparam("chats", expanding=True))))


def free_to_send(*, connection: Connection, chat_ids: set[int], worker: str, wall: float) -> bool:
    """No pause in force at `wall`, and no message to these chats still unsent in another worker's hands (or in
    nobody's): messages stored now may be sent at once, in order."""
    if len(chat_ids) == 1:
        row = _FREE_TO_SEND_ONE.first(connection, {"chat": next(iter(chat_ids)), "worker": worker})
    else:
        row = connection.execute(_FREE_TO_SEND_MANY, {"chats": list(chat_ids), "worker": worker}).one()
    paused, busy = row
    return (paused or 0.0) <= wall and not busy


def add(*, connection: Connection, rows: Sequence[dict], worker: str | None, now: datetime,
        begun: bool = False) -> list[int]:
    """Store messages to send, claimed by `worker` (who sends them right after the commit), and with `begun` already
    marked as being sent; their ids in order."""
    if not rows:
        return []
    status, attempted = ("sending", now) if begun else ("queued", None)
    values = [{"about_chat_id": None, "reminder_id": None, "media": None, **row, "status": status, "claimed_by": worker,
               "claimed_at": now if worker else None, "attempted_at": attempted, "created_at": now} for row in rows]
    if len(values) == 1:
        return [_INSERT_ONE.insert(connection, values[0])]
    result = connection.execute(_INSERT_RETURNING, values)
    return [row[0] for row in result]


def load(*, connection: Connection, ids: Sequence[int]) -> list[OutboxRow]:
    rows = connection.execute(select(_O.c.id, _O.c.chat_id, _O.c.kind, _O.c.body, _O.c.media, _O.c.reminder_id)
                              .where(_O.c.id.in_(ids)).order_by(_O.c.id))
    return [OutboxRow(*row) for row in rows]


# Built once: these run for every reply, and building a statement costs more than SQLite takes to run it.
_EARLIER = aliased(_O)
_ATTEMPT = (
    update(_O)
    .where(_O.c.id.in_(bindparam("ids", expanding=True)), _O.c.claimed_by == bindparam("worker"),
           _O.c.status == "queued",
           ~select(_EARLIER.c.id).where(
               _EARLIER.c.chat_id == _O.c.chat_id, _EARLIER.c.id < _O.c.id, _EARLIER.c.status.in_(OPEN_STATUSES),
               _EARLIER.c.id.not_in(bindparam("ids", expanding=True)),
               or_(_EARLIER.c.claimed_by.is_(None), _EARLIER.c.claimed_by != bindparam("worker"))).exists())
    .values(status="sending", attempted_at=bindparam("now"), claimed_at=bindparam("now"))
    .returning(_O.c.id))


def attempt(*, connection: Connection, ids: Sequence[int], worker: str, now: datetime) -> set[int]:
    """Mark the sends as begun: only rows whose claim is still this worker's (not taken over after a lease), and
    only when no earlier message to the same chat, held by another worker, is still unsent (a chat's order is
    kept). Returns the ids that are now this worker's to send."""
    return set(connection.execute(_ATTEMPT, {"ids": list(ids), "worker": worker, "now": now}).scalars())


_FINISH = (update(_O).where(_O.c.id == bindparam("row_id"), _O.c.claimed_by == bindparam("worker"),
                           _O.c.status == "sending")
           # Once it has ended, what it said goes (it may hold health data); how it ended stays a while.
           .values(status=bindparam("new_status"), detail=bindparam("new_detail"),
                   message_id=bindparam("new_message_id"), sent_at=bindparam("new_sent_at"), body="", media=None))
_NOT_NOW = (update(_O).where(_O.c.id == bindparam("row_id"), _O.c.claimed_by == bindparam("worker"),
                             _O.c.status == "sending")
            .values(status="queued", attempted_at=None))


def finish(*, connection: Connection, results: Iterable[Finished], worker: str, now: datetime) -> None:
    """How each send ended, in one statement for many rows. "queued": Telegram said "not now" (a 429), so the
    row was not delivered and may go again."""
    ended, not_now = [], []
    for result in results:
        if result.status == "queued":
            not_now.append({"row_id": result.id, "worker": worker})
        else:
            ended.append({"row_id": result.id, "worker": worker, "new_status": result.status,
                          "new_detail": result.detail, "new_message_id": result.message_id,
                          "new_sent_at": now if result.status == "sent" else None})
    if ended:
        connection.execute(_FINISH, ended)
    if not_now:
        connection.execute(_NOT_NOW, not_now)


def release(*, connection: Connection, ids: Sequence[int], worker: str) -> None:
    """Hand unsent claimed rows to whichever worker sweeps next."""
    if ids:
        connection.execute(update(_O).where(_O.c.id.in_(ids), _O.c.claimed_by == worker, _O.c.status == "queued")
                           .values(claimed_by=None, claimed_at=None))


def release_all(*, connection: Connection, worker: str) -> int:
    """On a clean stop: everything this worker claimed but did not begin goes back at once."""
    return connection.execute(update(_O).where(_O.c.claimed_by == worker, _O.c.status == "queued")
                              .values(claimed_by=None, claimed_at=None)).rowcount


STOPPED_WHILE_SENDING = "worker stopped while sending"


@dataclass(frozen=True)
class Recovered:
    """What recover_stale did: rows back in the queue, rows now uncertain, and those of them that carry a
    reminder's words (reminder id, how the row ended) for the reminder to end with them."""

    released: int
    uncertain: int
    reminders: list[tuple[int, Finished]]


def recover_stale(*, connection: Connection, claimed_before: datetime) -> Recovered:
    """Rows claimed by a worker that stopped answering: unbegun ones back to the queue, begun ones uncertain
    (they may have reached Telegram: never sent twice)."""
    stale = (_O.c.claimed_by.is_not(None), _O.c.claimed_at < claimed_before)
    released = connection.execute(update(_O).where(*stale, _O.c.status == "queued")
                                  .values(claimed_by=None, claimed_at=None)).rowcount
    uncertain = connection.execute(update(_O).where(*stale, _O.c.status == "sending")
                                   .values(status="uncertain", detail=STOPPED_WHILE_SENDING)
                                   .returning(_O.c.id, _O.c.reminder_id)).all()
    return Recovered(released, len(uncertain), [
        (reminder_id, Finished(row_id, "uncertain", STOPPED_WHILE_SENDING))
        for row_id, reminder_id in uncertain if reminder_id is not None])


def last_rows(*, connection: Connection, reminder_ids: Iterable[int]) -> dict[int, int]:
    """Each reminder's last row (its words, after any chart): reminder id -> row id."""
    return dict(connection.execute(select(_O.c.reminder_id, func.max(_O.c.id))
                                   .where(_O.c.reminder_id.in_(list(reminder_ids))).group_by(_O.c.reminder_id)).all())


def claim(*, connection: Connection, worker: str, now: datetime, limit: int) -> list[OutboxRow]:
    """Take up to `limit` unclaimed rows, oldest first (so each chat's come in order)."""
    heads = (select(_O.c.id).where(_O.c.status == "queued", _O.c.claimed_by.is_(None)).order_by(_O.c.id)
             .limit(limit))
    if connection.dialect.name == "postgresql":
        heads = heads.with_for_update(skip_locked=True)
    ids = list(connection.execute(heads).scalars())
    if not ids:
        return []
    connection.execute(update(_O).where(_O.c.id.in_(ids), _O.c.claimed_by.is_(None))
                       .values(claimed_by=worker, claimed_at=now))
    return load(connection=connection, ids=ids)


def prune(*, connection: Connection, finished_before: datetime) -> int:
    """Forget finished rows after a while (their outcome is for reconciliation, not kept for ever)."""
    return connection.execute(delete(_O).where(_O.c.status.not_in(OPEN_STATUSES),
                                               _O.c.created_at < finished_before)).rowcount


def erase_chat(*, connection: Connection, chat_id: int) -> int:
    """Every row to or about this chat, whatever its state (an erasure)."""
    return connection.execute(delete(_O).where(or_(_O.c.chat_id == chat_id, _O.c.about_chat_id == chat_id))).rowcount


def drop(*, connection: Connection, ids: Sequence[int]) -> None:
    if ids:
        connection.execute(delete(_O).where(_O.c.id.in_(ids)))


def counts_by_status(*, connection: Connection) -> dict[str, int]:
    return dict(connection.execute(select(_O.c.status, func.count()).group_by(_O.c.status)).all())


# --- the send gate --------------------------------------------------------------------------------------------


def _gate(connection: Connection) -> tuple[float, float]:
    query = select(_G.c.next_slot, _G.c.paused_until).where(_G.c.id == GATE_ID)
    if connection.dialect.name == "postgresql":
        query = query.with_for_update()
    row = connection.execute(query).first()
    if row is None:
        connection.execute(insert(_G).values(id=GATE_ID, next_slot=0.0, paused_until=0.0))
        return 0.0, 0.0
    return row[0], row[1]


def paused_until(*, connection: Connection) -> float:
    row = connection.execute(_PAUSED_UNTIL).first()
    return row[0] if row else 0.0


def reserve(*, connection: Connection, wall: float, interval: float, count: int = 1) -> tuple[float, float]:
    """Book `count` send slots at the bot's one rate: (when the first may go, the pause in force). Nothing is
    booked while a pause is in force (the caller waits for it and asks again)."""
    next_slot, paused = _gate(connection)
    if paused > wall:
        return paused, paused
    start = max(next_slot, wall)
    connection.execute(update(_G).where(_G.c.id == GATE_ID).values(next_slot=start + interval * count))
    return start, paused


def pause(*, connection: Connection, until: float) -> None:
    """Telegram said "too many requests": every worker waits until `until`."""
    _gate(connection)
    connection.execute(update(_G).where(_G.c.id == GATE_ID, _G.c.paused_until < until).values(paused_until=until))
