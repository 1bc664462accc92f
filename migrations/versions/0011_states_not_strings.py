"""states, not strings to parse: the awaited "checkin:17" becomes "checkin", the onboarding step "screen:3"
becomes "screening"

A participant has at most one open button check-in, so the draft's id need not be kept beside the state; the
open screening question is the number of screening answers stored (they are stored one by one, in order).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 18:20:00.000000
"""
from collections.abc import Sequence

from alembic import op

revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("UPDATE participant SET awaiting = 'checkin' WHERE awaiting LIKE 'checkin:%'")
    op.execute("UPDATE participant SET onboarding_step = 'screening' WHERE onboarding_step LIKE 'screen:%'")


def downgrade() -> None:
    op.execute("UPDATE participant SET onboarding_step = 'screen:' || (SELECT COUNT(*) FROM screening_answer a "
               "WHERE a.participant_id = participant.id) WHERE onboarding_step = 'screening'")
    # The draft id can be found again: the participant's one open draft.
    op.execute("UPDATE participant SET awaiting = 'checkin:' || (SELECT MAX(d.id) FROM checkin_draft d "
               "WHERE d.participant_id = participant.id AND d.status = 'open') "
               "WHERE awaiting = 'checkin' AND EXISTS (SELECT 1 FROM checkin_draft d "
               "WHERE d.participant_id = participant.id AND d.status = 'open')")
