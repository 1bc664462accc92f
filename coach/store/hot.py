"""The everyday check-in's few statements, run on SQLite's own cursor.

Around each statement SQLAlchemy spends some 40 µs of Python (an execution context, a result object): on a local
SQLite file that is four times what the statement itself takes, and a typed check-in runs four of them on the
event loop (measured with bench/inbound.py). These statements are still written with SQLAlchemy Core, compiled
once per dialect, and given the same bind conversions (dates, UTC datetimes) as any other statement; only the
execution skips the wrapper. On PostgreSQL, where a network round trip dwarfs those microseconds and use cases run
on threads, they go through SQLAlchemy as usual.

Errors come out as SQLAlchemy's own (OperationalError for "database is locked", IntegrityError…), so the use-case
runner retries them exactly as it retries any other statement.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql import ClauseElement


def _as_sqlalchemy_error(connection: Connection, sql: str, exc: Exception) -> DBAPIError:
    """The driver's error as SQLAlchemy would raise it (parameters hidden: they carry health data)."""
    return DBAPIError.instance(sql, None, exc, connection.dialect.loaded_dbapi.Error, hide_parameters=True,
                               dialect=connection.dialect)


class HotStatement:
    """A Core statement that runs straight on the SQLite driver: `first()` for a read, `insert()` for an INSERT …
    RETURNING id. Only inside a transaction begun through SQLAlchemy (as the use-case runner always does), so that
    SQLAlchemy's commit or rollback covers it."""

    def __init__(self, statement: ClauseElement, *, column_keys: tuple[str, ...] | None = None,
                 elsewhere: ClauseElement | None = None):
        self.statement = statement
        self.elsewhere = statement if elsewhere is None else elsewhere  # what other dialects run (a PostgreSQL upsert)
        self.column_keys = column_keys  # an INSERT's columns (the keys its parameters will always have)
        self._sqlite: tuple[str, tuple[str, ...], Callable[[Mapping[str, Any]], dict[str, Any]],
                            dict[str, Callable[[Any], Any]]] | None = None

    def _prepared(self, connection: Connection):  # noqa: ANN202 - the compiled form, built on first use
        if self._sqlite is None:
            dialect = connection.dialect
            compiled = self.statement.compile(dialect=dialect, column_keys=self.column_keys)
            if "POSTCOMPILE" in compiled.string:
                raise ValueError("a hot statement cannot hold an expanding IN: write the values out")
            processors = {}
            for name in compiled.positiontup:
                processor = compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect)
                if processor is not None:
                    processors[name] = processor
            self._sqlite = (compiled.string, tuple(compiled.positiontup), compiled.construct_params, processors)
        return self._sqlite

    def _execute(self, connection: Connection, params: Mapping[str, Any]):  # noqa: ANN202 - a DB-API cursor
        sql, order, construct, processors = self._prepared(connection)
        values = construct(params)
        args = [processors[name](values[name]) if name in processors else values[name] for name in order]
        # A plain try rather than a context manager: this runs several times for every check-in.
        try:
            return connection.connection.driver_connection.execute(sql, args)
        except connection.dialect.loaded_dbapi.Error as exc:
            raise _as_sqlalchemy_error(connection, sql, exc) from exc

    def insert_many(self, connection: Connection, rows: Sequence[Mapping[str, Any]]) -> None:
        """Run an INSERT without RETURNING for every row, each holding every one of `column_keys` (the planner's
        hundreds of thousands of reminders: one executemany on the driver)."""
        if connection.dialect.name != "sqlite":
            connection.execute(self.elsewhere, list(rows))
            return
        sql, order, _, processors = self._prepared(connection)
        # Planned rows share a few instants and dates (one zone, one time, one "now"): each is converted once.
        converted: dict[str, dict[Any, Any]] = {name: {} for name in processors}

        def bind(name: str, value: Any) -> Any:  # noqa: ANN401 - whatever the column holds
            seen = converted[name]
            if value not in seen:
                seen[value] = processors[name](value)
            return seen[value]

        args = [[bind(name, row[name]) if name in processors else row[name] for name in order] for row in rows]
        try:
            connection.connection.driver_connection.executemany(sql, args)
        except connection.dialect.loaded_dbapi.Error as exc:
            raise _as_sqlalchemy_error(connection, sql, exc) from exc

    def first(self, connection: Connection, params: Mapping[str, Any]) -> tuple | None:
        if connection.dialect.name != "sqlite":
            row = connection.execute(self.elsewhere, params).first()
            return tuple(row) if row is not None else None
        return self._execute(connection, params).fetchone()

    def insert(self, connection: Connection, params: Mapping[str, Any]) -> int | None:
        """Run an INSERT; the new row's id (None when ON CONFLICT DO NOTHING inserted nothing)."""
        if connection.dialect.name != "sqlite":
            return connection.execute(self.elsewhere, params).scalar()
        row = self._execute(connection, params).fetchone()
        return row[0] if row is not None else None
