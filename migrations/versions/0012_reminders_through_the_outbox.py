"""a due reminder's words go through the outbox: its rows name the reminder they carry

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 10:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reminder_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_outbox_message_reminder_id'), ['reminder_id'], unique=False)


def downgrade() -> None:
    # A reminder handed to the outbox is sent by the outbox alone; the older code would never end it, so it
    # ends uncertain (its words may well have gone out).
    op.execute("UPDATE reminder SET status = 'uncertain', detail = 'handed to the outbox before a downgrade' "
               "WHERE status = 'handed'")
    # Dropping a column copies the table on SQLite: the copy stays AUTOINCREMENT (see 0008).
    with op.batch_alter_table('outbox_message', schema=None,
                              table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_message_reminder_id'))
        batch_op.drop_column('reminder_id')
