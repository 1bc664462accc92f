"""inbox for webhook updates, workers, reminder send attempts

The reminder column tells a claim that was never tried (safe to hand to another worker)
from one whose send may have reached Telegram.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-21 21:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('inbox_update',
    sa.Column('update_id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('chat_id', sa.BigInteger(), nullable=True),
    sa.Column('payload', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=8), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('claimed_by', sa.String(length=64), nullable=True),
    sa.Column('claim_token', sa.String(length=32), nullable=True),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('not_before', sa.DateTime(timezone=True), nullable=True),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('handled_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('update_id', name=op.f('pk_inbox_update'))
    )
    with op.batch_alter_table('inbox_update', schema=None) as batch_op:
        batch_op.create_index('ix_inbox_update_chat_id_update_id', ['chat_id', 'update_id'], unique=False)
        batch_op.create_index('ix_inbox_update_status_update_id', ['status', 'update_id'], unique=False)

    op.create_table('worker',
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_worker'))
    )
    with op.batch_alter_table('reminder', schema=None) as batch_op:
        batch_op.add_column(sa.Column('attempted_at', sa.DateTime(timezone=True), nullable=True))
    # A send left under way by the previous version may have reached Telegram: never released to be sent again.
    op.execute("UPDATE reminder SET attempted_at = claimed_at WHERE status = 'sending'")



def downgrade() -> None:
    with op.batch_alter_table('reminder', schema=None) as batch_op:
        batch_op.drop_column('attempted_at')

    op.drop_table('worker')
    with op.batch_alter_table('inbox_update', schema=None) as batch_op:
        batch_op.drop_index('ix_inbox_update_status_update_id')
        batch_op.drop_index('ix_inbox_update_chat_id_update_id')

    op.drop_table('inbox_update')
