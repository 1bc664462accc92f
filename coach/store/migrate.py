"""Run the Alembic migrations from code: `coach migrate`, `coach run` on first start, the tests."""

from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config


def migrations_dir() -> Path:
    """The `migrations/` folder: beside the package in a checkout, or where COACH_MIGRATIONS_DIR says."""
    override = os.environ.get("COACH_MIGRATIONS_DIR")
    candidates = [Path(override)] if override else []
    candidates += [Path(__file__).resolve().parents[2] / "migrations", Path.cwd() / "migrations"]
    for candidate in candidates:
        if (candidate / "env.py").is_file():
            return candidate
    raise FileNotFoundError("cannot find the migrations/ folder; set COACH_MIGRATIONS_DIR")


def alembic_config(database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.attributes["database_url"] = database_url
    return config


def upgrade(database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(database_url), revision)


def downgrade(database_url: str, revision: str = "base") -> None:
    command.downgrade(alembic_config(database_url), revision)


def sqlite_path(database_url: str) -> Path | None:
    """The file a sqlite:/// URL names (None for PostgreSQL or an in-memory database)."""
    if not database_url.startswith("sqlite"):
        return None
    path = database_url.split(":///", 1)[1] if ":///" in database_url else ""
    return Path(path) if path and path != ":memory:" else None


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def database_state(database_url: str) -> tuple[str, str]:
    """("ok" | "missing" | "unreachable" | "unmigrated", a sentence saying so). Creates nothing: a SQLite file
    that does not exist is reported, not made."""
    from alembic.runtime.migration import MigrationContext
    from sqlalchemy.exc import DBAPIError

    from coach.store.db import make_engine

    path = sqlite_path(database_url)
    if path is not None and not path.is_file():
        return "missing", (f"there is no database at {path}; create it with `coach migrate` (and --database "
                           "if it is elsewhere).")
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
    except DBAPIError as exc:
        return "unreachable", f"The database does not answer ({type(exc.orig or exc).__name__})."
    finally:
        engine.dispose()
    head = head_revision()
    if current is None:
        return "unmigrated", "the database has no Coach tables yet; run `coach migrate` first."
    if current != head:
        return "unmigrated", (f"the database is at schema revision {current} and this code needs {head}; "
                              "run `coach migrate` first.")
    return "ok", "the database is ready."


def not_ready(database_url: str) -> str | None:
    """Why the database cannot be used as it is (one sentence), or None when it is ready."""
    state, sentence = database_state(database_url)
    if state == "unreachable":
        return "cannot reach the database; is it running, and is the URL right?"
    return None if state == "ok" else sentence
