"""long polling records each handled update's id, to recognise Telegram delivering it again

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 01:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0013'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'handled_update',
        sa.Column('update_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=False,
                  nullable=False),
        sa.Column('handled_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('update_id', name=op.f('pk_handled_update')),
    )
    op.create_index(op.f('ix_handled_update_handled_at'), 'handled_update', ['handled_at'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_handled_update_handled_at'), table_name='handled_update')
    op.drop_table('handled_update')
