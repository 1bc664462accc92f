"""Read-only queries for the admins' /stats: participants by state, and delivery health (who needs attention
is read by coach/store/triage.py)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Connection, and_, case, func, select

from coach.domain.states import ReminderStatus
from coach.store.models import CheckIn, Participant, Reminder, SafetyFlag, Schedule, SessionLog

_P, _C, _F, _S, _L, _R = (m.__table__ for m in (Participant, CheckIn, SafetyFlag, Schedule, SessionLog, Reminder))

# A reminder sent more than this long after it was due counts as late in /stats.
LATE_AFTER = timedelta(minutes=5)


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
        select(_R.c.due_at, _R.c.sent_at).where(due, _R.c.status == ReminderStatus.SENT, _R.c.sent_at.is_not(None)))
        if sent_at - due_at > LATE_AFTER)
    counts["late"] = late
    return counts


def oldest_waiting(*, connection: Connection, now: datetime) -> datetime | None:
    """When the longest-waiting due reminder fell due (the dispatcher's lag), or None if none is waiting."""
    return connection.execute(select(func.min(_R.c.due_at)).where(
        _R.c.status.in_((ReminderStatus.QUEUED, ReminderStatus.SENDING, ReminderStatus.HANDED)),
        _R.c.due_at <= now)).scalar_one()
