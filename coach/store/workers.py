"""Queries for the worker table: each running bot process says it is alive at every tick."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, delete, func, select
from sqlalchemy.dialects import postgresql, sqlite

from coach.store.models import Worker

_W = Worker.__table__


def heartbeat(*, connection: Connection, name: str, now: datetime) -> None:
    """Insert this worker, or move its last sign of life to `now`."""
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(_W).values(name=name, started_at=now, seen_at=now)
    connection.execute(statement.on_conflict_do_update(index_elements=["name"], set_={"seen_at": now}))


def live_count(*, connection: Connection, seen_since: datetime) -> int:
    """How many workers were seen since `seen_since` (at least this one, once it has beaten)."""
    return connection.execute(select(func.count()).select_from(_W).where(_W.c.seen_at >= seen_since)).scalar_one()


def forget(*, connection: Connection, name: str) -> None:
    """A worker stopping cleanly leaves the others its share of the send rate at once."""
    connection.execute(delete(_W).where(_W.c.name == name))


def forget_silent(*, connection: Connection, seen_before: datetime) -> int:
    """Workers not seen for a long while (killed): their rows go."""
    return connection.execute(delete(_W).where(_W.c.seen_at < seen_before)).rowcount
