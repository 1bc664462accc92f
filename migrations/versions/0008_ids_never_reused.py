"""ids never reused: SQLite tables become AUTOINCREMENT

SQLite gives a deleted row's id to the next row unless the table is AUTOINCREMENT, so an id freed
by /delete could name another person's row in an old button, command, link, audit line or export.
SQLite cannot alter that in place: each table is copied (batch "recreate"), rows and ids kept.
PostgreSQL's sequences never hand an id out twice, so nothing changes there.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 18:30:00.000000
"""
from collections.abc import Sequence

from alembic import op

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Parents before children, so that each copy's foreign keys name a table that exists.
TABLES = ("participant", "consent", "screening_answer", "schedule", "checkin", "checkin_revision",
          "checkin_draft", "note", "safety_flag", "reminder", "session_log", "program_version", "weekly_review",
          "audit_entry")


def _recreate(autoincrement: bool) -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    # Dropping the old participant table with foreign keys on would cascade into every child table.
    # (The pragma only takes effect outside a transaction: the first statement of an upgrade from 0007 is.)
    bind.exec_driver_sql("PRAGMA foreign_keys=OFF")
    try:
        for table in TABLES:
            with op.batch_alter_table(table, recreate="always",
                                      table_kwargs={"sqlite_autoincrement": autoincrement}):
                pass
    finally:
        bind.exec_driver_sql("PRAGMA foreign_keys=ON")


def upgrade() -> None:
    _recreate(True)


def downgrade() -> None:
    _recreate(False)
