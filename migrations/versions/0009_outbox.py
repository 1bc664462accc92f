"""outbox for everything the bot says, and the shared send gate

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 19:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('outbox_message',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('chat_id', sa.BigInteger(), nullable=False),
    sa.Column('about_chat_id', sa.BigInteger(), nullable=True),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('media', sa.LargeBinary(), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('detail', sa.String(length=64), nullable=True),
    sa.Column('claimed_by', sa.String(length=64), nullable=True),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('attempted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('message_id', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox_message')),
    sqlite_autoincrement=True,
    )
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.create_index('ix_outbox_message_chat_id_id', ['chat_id', 'id'], unique=False)
        batch_op.create_index('ix_outbox_message_status_id', ['status', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_outbox_message_about_chat_id'), ['about_chat_id'], unique=False)
    gate = op.create_table('send_gate',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('next_slot', sa.Float(), nullable=False),
    sa.Column('paused_until', sa.Float(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_send_gate')),
    )
    op.bulk_insert(gate, [{"id": 1, "next_slot": 0.0, "paused_until": 0.0}])


def downgrade() -> None:
    op.drop_table('send_gate')
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_message_about_chat_id'))
        batch_op.drop_index('ix_outbox_message_status_id')
        batch_op.drop_index('ix_outbox_message_chat_id_id')
    op.drop_table('outbox_message')
