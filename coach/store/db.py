"""Engines and sessions: SQLite tuned for one writer with readers, or PostgreSQL via psycopg 3."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, Insert, Table, create_engine, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

# Short, because a SQLite use case runs on the event loop: a writer from another process (a
# migration, a script) makes it wait at most this long before it backs off and retries.
SQLITE_BUSY_TIMEOUT_MS = 1000


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """An engine for the URL, with SQLite pragmas set on every connection."""
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    if url.startswith("sqlite"):
        engine = create_engine(url, echo=echo, hide_parameters=True, connect_args={"check_same_thread": False,
                                                            "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    # hide_parameters: errors must never carry symptom values or notes into the logs.
    # connect_timeout: a database host that does not answer at all fails a use case (which is retried)
    # within seconds, rather than holding a thread, or a shutdown, for minutes.
    return create_engine(url, echo=echo, hide_parameters=True, pool_pre_ping=True, pool_size=5, max_overflow=5,
                         connect_args={"connect_timeout": 5})


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    # WAL lets the dispatcher read while a handler writes; busy_timeout rides out short locks.
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    # Deleted content is overwritten with zeros, so an erasure leaves nothing readable in the file's free pages.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


def checkpoint_wal(connection: Connection) -> None:
    """SQLite: copy the write-ahead log into the database file and empty it, so that old page versions (an
    erased note, say) do not linger in the -wal file. Nothing to do on PostgreSQL (see README: erasure)."""
    if connection.dialect.name == "sqlite":
        connection.commit()  # outside any transaction, or the checkpoint cannot run
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.commit()


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One unit of work: committed if it ends cleanly, rolled back whole if not."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def insert_ignoring_duplicates(table: Table, key: list[str]) -> dict[str, Insert]:
    """`INSERT … ON CONFLICT (key) DO NOTHING` for each dialect we run on, keyed by dialect name.

    Built once at import by the query modules: picking the statement is then one dict lookup.
    """
    return {dialect.__name__.rsplit(".", 1)[-1]: dialect.insert(table).on_conflict_do_nothing(index_elements=key)
            for dialect in (sqlite, postgresql)}
