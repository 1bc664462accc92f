"""Queries about logged training sessions."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session, select

from coach.store.models import SessionLog


def get_log(*, session: Session, participant_id: int, local_date: date) -> SessionLog | None:
    return session.exec(select(SessionLog).where(
        SessionLog.participant_id == participant_id, SessionLog.local_date == local_date)).first()


def get_log_by_id(*, session: Session, log_id: int) -> SessionLog | None:
    return session.get(SessionLog, log_id)


def save_log(*, session: Session, participant_id: int, local_date: date, status: str, now: datetime,
             source: str, rpe: int | None = None, pain: int | None = None, reps: str | None = None,
             asking: str | None = None) -> tuple[SessionLog, bool]:
    """Write the day's session, replacing an earlier entry for that day; True when one was replaced."""
    log = get_log(session=session, participant_id=participant_id, local_date=local_date)
    replaced = log is not None
    if log is None:
        log = SessionLog(participant_id=participant_id, local_date=local_date, status=status, source=source,
                         recorded_at=now)
    log.status, log.rpe, log.pain, log.reps, log.asking = status, rpe, pain, reps, asking
    log.source, log.recorded_at = source, now
    session.add(log)
    session.flush()
    return log, replaced


def logs_between(*, session: Session, participant_id: int, first: date, last: date) -> list[SessionLog]:
    """The participant's session logs from `first` to `last` (local dates, inclusive), oldest first."""
    return list(session.exec(select(SessionLog).where(
        SessionLog.participant_id == participant_id, SessionLog.local_date >= first,
        SessionLog.local_date <= last).order_by(SessionLog.local_date)))
