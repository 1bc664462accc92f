"""Alembic environment: the same settings and metadata as the bot."""

from __future__ import annotations

from alembic import context
from sqlalchemy import DateTime
from sqlmodel import SQLModel

import coach.store.models  # noqa: F401  (registers every table on SQLModel.metadata)
from coach.store.db import make_engine
from coach.store.types import UTCDateTime

config = context.config
if config.config_file_name is not None:
    from logging.config import fileConfig

    fileConfig(config.config_file_name, disable_existing_loggers=False)
target_metadata = SQLModel.metadata


def _database_url() -> str:
    # An URL passed in by `coach migrate` or the tests wins over the environment.
    url = config.attributes.get("database_url") or config.get_main_option("sqlalchemy.url")
    if not url:
        from coach.core.config import load_settings

        url = load_settings().database_url
    return url


def _render_item(type_: str, obj: object, autogen_context: object) -> str | bool:
    """Write our UTC column type as a plain timezone-aware DateTime in migration scripts."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    if type_ == "type" and obj.__class__.__module__.startswith("sqlmodel"):
        return "sa.String(length=%s)" % getattr(obj, "length", None)
    return False


def _compare_type(ctx, inspected_column, metadata_column, inspected_type, metadata_type):  # noqa: ANN001
    if isinstance(metadata_type, UTCDateTime):
        return not isinstance(inspected_type, DateTime)
    return None


def _configure(**kwargs: object) -> None:
    context.configure(
        target_metadata=target_metadata,
        render_item=_render_item,
        compare_type=_compare_type,
        render_as_batch=True,  # SQLite can only ALTER by copying the table
        **kwargs,
    )


def run_migrations_offline() -> None:
    _configure(url=_database_url(), literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = make_engine(_database_url())
    with engine.connect() as conn:
        _configure(connection=conn)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
