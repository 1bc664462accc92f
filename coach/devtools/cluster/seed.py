"""Onboarded participants and due reminders written straight to the store, in bulk (set-up, not what is tested)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Engine, insert

from coach.store.models import Consent, Participant, Reminder

CHUNK = 1000


def seed_participants(engine: Engine, telegram_ids: Sequence[int], *, now: datetime) -> dict[int, int]:
    """Active participants in UTC with consent and no schedule (so the planner queues nothing of its own);
    returns their ids by Telegram id."""
    ids: dict[int, int] = {}
    with engine.begin() as connection:
        for start in range(0, len(telegram_ids), CHUNK):
            rows = [{"telegram_id": t, "chat_id": t, "first_name": "Pat", "status": "active", "onboarding_step": None,
                     "awaiting": None, "timezone": "UTC", "condition": "peripheral", "clearance_required": False,
                     "created_at": now, "updated_at": now} for t in telegram_ids[start:start + CHUNK]]
            result = connection.execute(insert(Participant.__table__).returning(
                Participant.__table__.c.id, Participant.__table__.c.telegram_id), rows)
            chunk = {telegram_id: pid for pid, telegram_id in result}
            connection.execute(insert(Consent.__table__), [
                {"participant_id": pid, "version": "seed", "given_at": now, "withdrawn_at": None}
                for pid in chunk.values()])
            ids.update(chunk)
    return ids


def queue_checkin_reminders(engine: Engine, participant_ids: Sequence[int], *, due_at: datetime,
                            now: datetime) -> None:
    """One check-in reminder each, due at `due_at`."""
    with engine.begin() as connection:
        for start in range(0, len(participant_ids), CHUNK):
            connection.execute(insert(Reminder.__table__), [
                {"participant_id": pid, "kind": "checkin", "local_date": due_at.date(), "due_at": due_at,
                 "status": "queued", "created_at": now} for pid in participant_ids[start:start + CHUNK]])
