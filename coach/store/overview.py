"""Read-only queries for the admins' overview: a page of participants with their latest facts, and delivery
health. Each reads one page (or one aggregate) at a time, so it stays quick with many participants."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from sqlalchemy import Connection, and_, case, func, select

from coach.store.models import CheckIn, Participant, Reminder, SafetyFlag, Schedule, SessionLog
from coach.store.reviews import as_date

_P, _C, _F, _S, _L, _R = (m.__table__ for m in (Participant, CheckIn, SafetyFlag, Schedule, SessionLog, Reminder))

# A reminder sent more than this long after it was due counts as late in /stats.
LATE_AFTER = timedelta(minutes=5)


def participant_count(*, connection: Connection) -> int:
    return connection.execute(select(func.count()).select_from(_P)).scalar_one()


def participant_page(*, connection: Connection, offset: int, limit: int) -> list[Participant]:
    """Participants in the order they joined."""
    rows = connection.execute(select(_P).order_by(_P.c.id).offset(offset).limit(limit)).mappings()
    return [Participant(**row) for row in rows]


def last_checkin_dates(*, connection: Connection, participant_ids: Sequence[int]) -> dict[int, date]:
    rows = connection.execute(select(_C.c.participant_id, func.max(_C.c.local_date))
                              .where(_C.c.participant_id.in_(participant_ids)).group_by(_C.c.participant_id))
    return {pid: as_date(day) for pid, day in rows}


def open_flag_counts(*, connection: Connection, participant_ids: Sequence[int]) -> dict[int, int]:
    rows = connection.execute(select(_F.c.participant_id, func.count())
                              .where(_F.c.participant_id.in_(participant_ids), _F.c.acknowledged_at.is_(None))
                              .group_by(_F.c.participant_id))
    return dict(rows.all())


def training_days(*, connection: Connection, participant_ids: Sequence[int]) -> dict[int, str]:
    """Each participant's stored training days ('0,2,4')."""
    rows = connection.execute(select(_S.c.participant_id, _S.c.session_days)
                              .where(_S.c.participant_id.in_(participant_ids)))
    return dict(rows.all())


def session_statuses(*, connection: Connection, participant_ids: Sequence[int],
                     since: date) -> dict[int, dict[date, str]]:
    """Logged sessions from `since` on: participant → local date → done | partly | skipped."""
    rows = connection.execute(select(_L.c.participant_id, _L.c.local_date, _L.c.status)
                              .where(_L.c.participant_id.in_(participant_ids), _L.c.local_date >= since))
    result: dict[int, dict[date, str]] = defaultdict(dict)
    for pid, day, status in rows:
        result[pid][as_date(day)] = status
    return result


def participants_by_state(*, connection: Connection, now: datetime) -> dict[str, int]:
    """How many participants are setting up, blocked the bot, paused, not cleared, or active (first that
    applies, in that order)."""
    state = case(
        (_P.c.onboarding_step.is_not(None), "setting up"),
        (_P.c.status == "inactive", "blocked"),
        (and_(_P.c.paused_until.is_not(None), _P.c.paused_until > now), "paused"),
        (and_(_P.c.clearance_required, _P.c.cleared_at.is_(None)), "not cleared"),
        else_="active",
    )
    return dict(connection.execute(select(state, func.count()).group_by(state)).all())


def reminder_counts(*, connection: Connection, due_from: datetime, due_to: datetime) -> dict[str, int]:
    """Reminders due in [due_from, due_to) by status, with the sent ones that went out late counted apart."""
    due = and_(_R.c.due_at >= due_from, _R.c.due_at < due_to)
    counts = dict(connection.execute(select(_R.c.status, func.count()).where(due).group_by(_R.c.status)).all())
    # Portable across SQLite and PostgreSQL: compare in Python rather than with dialect date arithmetic.
    late = sum(1 for due_at, sent_at in connection.execute(
        select(_R.c.due_at, _R.c.sent_at).where(due, _R.c.status == "sent", _R.c.sent_at.is_not(None)))
        if sent_at - due_at > LATE_AFTER)
    counts["late"] = late
    return counts


def oldest_waiting(*, connection: Connection, now: datetime) -> datetime | None:
    """When the longest-waiting due reminder fell due (the dispatcher's lag), or None if none is waiting."""
    return connection.execute(select(func.min(_R.c.due_at)).where(
        _R.c.status.in_(("queued", "sending")), _R.c.due_at <= now)).scalar_one()
