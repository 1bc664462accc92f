"""One-time sign-in links to the dashboard: stored as a hash, used once, within their time."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, insert, select, update

from coach.store.models import DashboardLink

_L = DashboardLink.__table__


def add(*, connection: Connection, token_hash: str, admin_id: int, now: datetime, expires_at: datetime) -> None:
    connection.execute(insert(_L).values(token_hash=token_hash, admin_telegram_id=admin_id, created_at=now,
                                         expires_at=expires_at))


def find(*, connection: Connection, token_hash: str) -> DashboardLink | None:
    row = connection.execute(select(_L).where(_L.c.token_hash == token_hash)).mappings().first()
    return DashboardLink(**row) if row is not None else None


def use(*, connection: Connection, link_id: int, now: datetime) -> bool:
    """Mark the link used, if nobody used it first (two tabs racing: one wins)."""
    result = connection.execute(update(_L).where(_L.c.id == link_id, _L.c.used_at.is_(None), _L.c.expires_at > now)
                                .values(used_at=now))
    return result.rowcount == 1


def session_open(*, connection: Connection, link_id: int) -> bool:
    """The session this link started is still on: the link was used and its session not signed out."""
    return connection.execute(select(_L.c.id).where(_L.c.id == link_id, _L.c.used_at.is_not(None),
                                                    _L.c.session_ended_at.is_(None))).first() is not None


def end_session(*, connection: Connection, link_id: int, now: datetime) -> None:
    connection.execute(update(_L).where(_L.c.id == link_id, _L.c.session_ended_at.is_(None))
                       .values(session_ended_at=now))


def prune(*, connection: Connection, created_before: datetime) -> int:
    """Forget links (and their sessions) older than any session can last."""
    return connection.execute(_L.delete().where(_L.c.created_at < created_before)).rowcount
