"""`/delete`: after a confirmation, erase everything about the participant. This withdraws their consent too.

One DELETE of the participant row takes every other row with it (every table's participant key is
ON DELETE CASCADE): check-ins and their revisions, drafts, notes, sessions, programs, reviews, flags,
queued reminders, consent, screening answers and the audit entries about them. The webhook inbox and the
outbox are keyed by chat: what they hold of the person goes explicitly, in the same transaction; the
goodbye itself is forgotten once sent.
"""

from __future__ import annotations

from datetime import timedelta

from coach.services import texts
from coach.services.participants.callbacks import EraseConfirm
from coach.services.plumbing.context import UseCaseContext
from coach.services.plumbing.replies import Outcome, button_rows
from coach.store import outbox as outbox_store
from coach.store import participants as participant_store
from coach.store import updates as update_store
from coach.store.db import checkpoint_wal
from coach.store.models import Participant

# A confirmation button older than this asks for a fresh /delete: nobody erases by a stray old tap.
CONFIRM_WITHIN = timedelta(hours=24)


def ask(ctx: UseCaseContext, participant: Participant) -> Outcome:
    """/delete: what would be erased, with a confirmation naming this participant and when it was asked."""
    minute = int(ctx.now.timestamp() // 60)
    return Outcome().say(texts.ERASE_ASK, buttons=button_rows(
        [(texts.BUTTON_ERASE_YES, EraseConfirm(participant.id, minute, True).encode())],
        [(texts.BUTTON_ERASE_NO, EraseConfirm(participant.id, minute, False).encode())]))


def confirm(ctx: UseCaseContext, participant: Participant, participant_id: int, asked_minute: int,
            erase: bool) -> Outcome:
    """The confirmation button: only the participant it was offered to, and only within a day."""
    if participant_id != participant.id:
        # Someone else's button, or one from before this person erased and started again.
        return Outcome(toast=texts.TOAST_ERASE_NOT_YOURS)
    if not erase:
        return Outcome(toast=texts.TOAST_ERASE_KEPT).say(texts.ERASE_KEPT, edit=True)
    if ctx.now.timestamp() // 60 - asked_minute > CONFIRM_WITHIN.total_seconds() // 60:
        return Outcome(toast=texts.TOAST_ERASE_EXPIRED).say(texts.ERASE_EXPIRED, edit=True)
    # Webhook updates and the bot's messages are keyed by chat, not by participant: erased explicitly.
    update_store.erase_chat(connection=ctx.connection, chat_id=participant.chat_id, now=ctx.now)
    outbox_store.erase_chat(connection=ctx.connection, chat_id=participant.chat_id)
    participant_store.delete_participant(session=ctx.session, participant=participant)
    ctx.after_commit.append(checkpoint_wal)
    return Outcome(toast=texts.TOAST_ERASED, farewell=True).say(texts.ERASE_DONE, edit=True)
