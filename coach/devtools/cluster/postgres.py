"""Throw-away PostgreSQL databases on a server: one per test or benchmark run, dropped afterwards."""

from __future__ import annotations

import uuid

from sqlalchemy import create_engine, text


def _admin(server_url: str):  # noqa: ANN202 - an AUTOCOMMIT engine on the server's own database
    return create_engine(server_url.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT")


def create_postgres_database(server_url: str) -> str:
    """A fresh, empty database on the server, returned as its URL."""
    name = f"coach_test_{uuid.uuid4().hex[:12]}"
    admin = _admin(server_url)
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return server_url.rsplit("/", 1)[0] + "/" + name


def drop_postgres_database(server_url: str, url: str) -> None:
    name = url.rsplit("/", 1)[1]
    admin = _admin(server_url)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()
