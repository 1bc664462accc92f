"""Queries for the reminder queue: planning it, claiming due rows, recording how each send went.

All Core statements on a connection: the planner and the dispatcher touch thousands of rows a
tick, and the ORM's per-object bookkeeping would cost more than the SQL.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import Connection, bindparam, delete, func, or_, select, update

from coach.domain.states import ReminderKind, ReminderStatus
from coach.store.db import insert_ignoring_duplicates
from coach.store.hot import HotStatement
from coach.store.models import Participant, Reminder, Schedule

_R, _P, _S = Reminder.__table__, Participant.__table__, Schedule.__table__

SNOOZED_SESSION = ReminderKind.SESSION_SNOOZE
PLANNED_KINDS = (ReminderKind.CHECKIN, ReminderKind.SESSION, ReminderKind.REVIEW)
# Statuses a reminder ends in; "queued", "sending" and "handed" are the only ones that can still change.
FINAL_STATUSES = (ReminderStatus.SENT, ReminderStatus.EXPIRED, ReminderStatus.SKIPPED, ReminderStatus.FAILED,
                  ReminderStatus.UNCERTAIN)


@dataclass(frozen=True)
class PlanTarget:
    """A participant whose reminders need planning, with the schedule to plan them from."""

    participant_id: int
    schedule_id: int
    timezone: str
    session_days: str
    session_time: time
    checkin_time: time
    review_day: int
    review_time: time
    schedule_updated_at: datetime
    planned_through: date | None


@dataclass(frozen=True)
class DueReminder:
    """A claimed reminder with what the dispatcher needs to decide on it and send it."""

    id: int
    participant_id: int
    kind: str
    local_date: date
    due_at: datetime
    chat_id: int
    first_name: str
    status: str  # the participant's
    paused_until: datetime | None
    clearance_required: bool
    cleared_at: datetime | None
    timezone: str
    checkin_time: time | None


def plan_targets(*, connection: Connection, now: datetime, after_id: int, limit: int) -> list[PlanTarget]:
    """Active, onboarded participants (ids above `after_id`) whose queue needs planning now."""
    rows = connection.execute(
        select(_P.c.id, _S.c.id, _P.c.timezone, _S.c.session_days, _S.c.session_time, _S.c.checkin_time,
               _S.c.review_day, _S.c.review_time, _S.c.updated_at, _S.c.planned_through)
        .join(_S, _S.c.participant_id == _P.c.id)
        .where(_P.c.status == "active", _P.c.onboarding_step.is_(None),
               _P.c.id > after_id, or_(_S.c.plan_again_at.is_(None), _S.c.plan_again_at <= now))
        .order_by(_P.c.id).limit(limit))
    return [PlanTarget(*row) for row in rows]


_INSERT_IGNORING_DUPLICATES = insert_ignoring_duplicates(_R, ["participant_id", "kind", "local_date"])
# The planner queues every participant's coming days (see store/hot.py).
_QUEUE = HotStatement(_INSERT_IGNORING_DUPLICATES["sqlite"], elsewhere=_INSERT_IGNORING_DUPLICATES["postgresql"],
                      column_keys=("participant_id", "kind", "local_date", "due_at", "status", "created_at"))


def queue(*, connection: Connection, rows: Sequence[dict]) -> None:
    """Insert reminder rows (each with every column of _QUEUE); an occurrence already queued (or already sent) is
    left as it is."""
    if rows:
        _QUEUE.insert_many(connection, rows)


def mark_planned(*, connection: Connection, plans: Iterable[tuple[int, date, datetime]]) -> None:
    """Record, per schedule id, the last local date queued and when to plan again."""
    values = [{"schedule_id": schedule_id, "through": day, "again": again} for schedule_id, day, again in plans]
    if values:
        connection.execute(update(_S).where(_S.c.id == bindparam("schedule_id"))
                           .values(planned_through=bindparam("through"), plan_again_at=bindparam("again")), values)


def replan(*, connection: Connection, participant_id: int, now: datetime) -> int:
    """After a schedule, zone or status change: drop the future reminders not yet sent and plan afresh."""
    # Only what the planner makes: a snooze or a follow-up was asked for (or earned) on its own. A future reminder
    # is "skipped" only because the participant blocked the bot or was paused before it fell due: it goes too, or
    # its row would keep the planner (which never queues a day twice) from bringing that day's reminder back.
    dropped = connection.execute(delete(_R).where(
        _R.c.participant_id == participant_id, _R.c.status.in_((ReminderStatus.QUEUED, ReminderStatus.SKIPPED)),
        _R.c.due_at > now, _R.c.kind.in_(PLANNED_KINDS))).rowcount
    connection.execute(update(_S).where(_S.c.participant_id == participant_id)
                       .values(planned_through=None, plan_again_at=None))
    return dropped


def expire_overdue(*, connection: Connection, older_than: datetime) -> int:
    """Queued reminders due before `older_than` (after downtime, say) are expired, not sent late."""
    return connection.execute(update(_R).where(_R.c.status == ReminderStatus.QUEUED, _R.c.due_at < older_than)
                              .values(status=ReminderStatus.EXPIRED, detail="past its grace window")).rowcount


def recover_stale_claims(*, connection: Connection, claimed_before: datetime) -> tuple[int, int]:
    """Claims nobody finished, because their worker died: (released, uncertain).

    A claim never tried goes back to the queue for another worker. One whose send was under way
    may or may not have reached Telegram, which has no idempotency key: it is marked uncertain,
    never sent a second time.
    """
    # Only "sending": a handed reminder's words are in the outbox, whose own lease hands them on.
    stale = (_R.c.status == ReminderStatus.SENDING, _R.c.claimed_at < claimed_before)
    released = connection.execute(update(_R).where(*stale, _R.c.attempted_at.is_(None))
                                  .values(status=ReminderStatus.QUEUED, claimed_by=None, claimed_at=None)).rowcount
    uncertain = connection.execute(update(_R).where(*stale, _R.c.attempted_at.is_not(None)).values(
        status=ReminderStatus.UNCERTAIN, detail="worker stopped while sending")).rowcount
    return released, uncertain


def claim_due(*, connection: Connection, now: datetime, limit: int, worker: str) -> list[DueReminder]:
    """Take up to `limit` due reminders, oldest first, for this worker alone.

    On PostgreSQL, FOR UPDATE SKIP LOCKED lets several workers claim side by side without ever
    taking the same row. The update checks again that each row is still queued and keeps only
    the rows it changed, so two processes sharing one SQLite file (whose plain select takes no
    lock) cannot both claim a row either.
    """
    due = select(_R.c.id).where(_R.c.status == ReminderStatus.QUEUED, _R.c.due_at <= now).order_by(_R.c.due_at, _R.c.id)
    due = due.limit(limit)
    if connection.dialect.name == "postgresql":
        due = due.with_for_update(skip_locked=True)
    ids = list(connection.execute(due).scalars())
    if not ids:
        return []
    ids = list(connection.execute(
        update(_R).where(_R.c.id.in_(ids), _R.c.status == ReminderStatus.QUEUED)
        .values(status=ReminderStatus.SENDING, claimed_by=worker, claimed_at=now).returning(_R.c.id)).scalars())
    if not ids:
        return []
    return load_due(connection=connection, ids=ids)


def load_due(*, connection: Connection, ids: Sequence[int]) -> list[DueReminder]:
    """The reminders with what deciding on them, and what their sending changes, needs; in due order."""
    rows = connection.execute(
        select(_R.c.id, _R.c.participant_id, _R.c.kind, _R.c.local_date, _R.c.due_at, _P.c.chat_id,
               _P.c.first_name, _P.c.status, _P.c.paused_until, _P.c.clearance_required, _P.c.cleared_at,
               _P.c.timezone, _S.c.checkin_time)
        .join(_P, _P.c.id == _R.c.participant_id).outerjoin(_S, _S.c.participant_id == _R.c.participant_id)
        .where(_R.c.id.in_(list(ids))).order_by(_R.c.due_at, _R.c.id))
    return [DueReminder(*row) for row in rows]


def renew_claim(*, connection: Connection, reminder_id: int, worker: str, now: datetime) -> bool:
    """Just before sending: is the claim still this worker's? Renews its lease and records the attempt if so.

    A batch can outlast the lease (a slow send rate, a long 429 pause); a claim another worker
    has meanwhile given up on must not be sent after all.
    """
    return connection.execute(update(_R).where(_R.c.id == reminder_id, _R.c.status == ReminderStatus.SENDING,
                                               _R.c.claimed_by == worker)
                              .values(claimed_at=now, attempted_at=now)).rowcount == 1


def finish(*, connection: Connection, reminder_id: int, status: str, now: datetime, detail: str | None = None,
           message_id: int | None = None, worker: str | None = None) -> bool:
    """Record how a claimed reminder ended; False when it was no longer claimed (by `worker`, when given):
    nothing is written then."""
    values: dict = {"status": status, "detail": detail}
    if status == ReminderStatus.SENT:
        values.update(sent_at=now, message_id=message_id)
    claimed = [_R.c.status == ReminderStatus.SENDING]
    if worker is not None:
        claimed.append(_R.c.claimed_by == worker)
    return connection.execute(update(_R).where(_R.c.id == reminder_id, *claimed).values(**values)).rowcount == 1


def hand_over(*, connection: Connection, reminder_id: int, worker: str) -> bool:
    """Its words are stored in the outbox (in this transaction): from now on the outbox sends them, and how its
    last row ends is how the reminder ends (see end_handed). False when the claim is no longer this worker's."""
    return connection.execute(update(_R).where(_R.c.id == reminder_id, _R.c.status == ReminderStatus.SENDING,
                                               _R.c.claimed_by == worker)
                              .values(status=ReminderStatus.HANDED)).rowcount == 1


def end_handed(*, connection: Connection, reminder_id: int, status: str, now: datetime, detail: str | None = None,
               message_id: int | None = None) -> bool:
    """Record how a handed reminder's words ended (whichever worker sent them); False when it had ended already."""
    values: dict = {"status": status, "detail": detail}
    if status == ReminderStatus.SENT:
        values.update(sent_at=now, message_id=message_id)
    return connection.execute(update(_R).where(_R.c.id == reminder_id, _R.c.status == ReminderStatus.HANDED)
                              .values(**values)).rowcount == 1


def release(*, connection: Connection, reminder_ids: Sequence[int]) -> None:
    """Put claimed reminders back in the queue unsent (Telegram asked us to wait, or we are stopping)."""
    if reminder_ids:
        connection.execute(update(_R).where(_R.c.id.in_(list(reminder_ids)), _R.c.status == ReminderStatus.SENDING)
                           .values(status=ReminderStatus.QUEUED, claimed_by=None, claimed_at=None, attempted_at=None))


def skip_queued(*, connection: Connection, participant_id: int, detail: str) -> int:
    """Stop every queued reminder of a participant (they blocked the bot, say)."""
    return connection.execute(update(_R).where(
        _R.c.participant_id == participant_id, _R.c.status == ReminderStatus.QUEUED)
        .values(status=ReminderStatus.SKIPPED, detail=detail)).rowcount


def get(*, connection: Connection, reminder_id: int) -> Reminder | None:
    row = connection.execute(select(_R).where(_R.c.id == reminder_id)).mappings().first()
    return Reminder(**row) if row is not None else None


def snooze(*, connection: Connection, participant_id: int, local_date: date, due_at: datetime,
           now: datetime) -> None:
    """Queue the day's snoozed session reminder for `due_at`.

    Snoozing again moves the same row to the new time: one snooze reminder per day, each one
    asked for by the participant (so sending it again is not a duplicate).
    """
    key = (_R.c.participant_id == participant_id, _R.c.kind == SNOOZED_SESSION, _R.c.local_date == local_date)
    existing = connection.execute(select(_R.c.status).where(*key)).scalar()
    going_out = (ReminderStatus.SENDING, ReminderStatus.HANDED)
    if existing in going_out:
        return  # the snoozed reminder is going out this moment; it is the one they asked for
    if existing is not None:
        connection.execute(update(_R).where(*key, _R.c.status.not_in(going_out)).values(
            status=ReminderStatus.QUEUED, due_at=due_at, detail="snoozed again", claimed_by=None, claimed_at=None,
            attempted_at=None, sent_at=None, message_id=None))
    else:
        queue(connection=connection, rows=[{"participant_id": participant_id, "kind": SNOOZED_SESSION,
                                            "local_date": local_date, "due_at": due_at, "status": ReminderStatus.QUEUED,
                                            "created_at": now}])


def counts_by_status(*, connection: Connection, since: datetime | None = None) -> dict[str, int]:
    """How many reminders are in each status (due since `since`, when given)."""
    query = select(_R.c.status, func.count()).group_by(_R.c.status)
    if since is not None:
        query = query.where(_R.c.due_at >= since)
    return {status: count for status, count in connection.execute(query)}


def for_participant(*, connection: Connection, participant_id: int) -> list[Reminder]:
    """Every reminder of one participant, in due order (for tests, /stats and export)."""
    rows = connection.execute(select(_R).where(_R.c.participant_id == participant_id)
                              .order_by(_R.c.due_at, _R.c.id)).mappings()
    return [Reminder(**row) for row in rows]

