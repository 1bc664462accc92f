"""`/delete`: after a confirmation, erase everything about the participant. This withdraws their consent too.

One DELETE of the participant row takes every other row with it (every table's participant key is
ON DELETE CASCADE): check-ins and their revisions, drafts, notes, sessions, programs, reviews, flags,
queued reminders, consent, screening answers and the audit entries about them. The webhook inbox and the
outbox are keyed by chat: what they hold of the person goes explicitly, in the same transaction; the
goodbye itself is forgotten once sent.
"""

from __future__ import annotations

from datetime import timedelta

from coach.services.context import UseCaseContext
from coach.services.replies import Outcome, button_rows
from coach.store import outbox as outbox_store
from coach.store import participants as participant_store
from coach.store import updates as update_store
from coach.store.db import checkpoint_wal
from coach.store.models import Participant

# A confirmation button older than this asks for a fresh /delete: nobody erases by a stray old tap.
CONFIRM_WITHIN = timedelta(hours=24)

ASK = ("This erases everything I have stored about you: check-ins, notes, sessions, your program, weekly "
       "reviews, safety reports, reminders and your consent. It can't be undone, and I'll stop sending you "
       "reminders.\n\nIf you'd like a copy first (for yourself or your clinician), send /export before "
       "you confirm.\n\nErase everything?")
ERASED = ("Done — everything about you has been erased, and your consent is withdrawn. Thank you for the time "
          "you spent here. If you ever want to start again, just send /start. Take good care of yourself.")
KEPT = "Nothing was erased. Your data stays as it was."
EXPIRED = "That confirmation is more than a day old, so I didn't act on it. Send /delete again if you still want to."


def ask(ctx: UseCaseContext, participant: Participant) -> Outcome:
    """/delete: what would be erased, with a confirmation naming this participant and when it was asked."""
    minute = int(ctx.now.timestamp() // 60)
    return Outcome().say(ASK, buttons=button_rows(
        [("Yes, erase everything", f"d1:{participant.id}:{minute}:y")],
        [("No, keep my data", f"d1:{participant.id}:{minute}:n")]))


def confirm(ctx: UseCaseContext, participant: Participant, participant_id: int, asked_minute: int,
            erase: bool) -> Outcome:
    """The confirmation button: only the participant it was offered to, and only within a day."""
    if participant_id != participant.id:
        # Someone else's button, or one from before this person erased and started again.
        return Outcome(toast="This button isn't for you.")
    if not erase:
        return Outcome(toast="Kept").say(KEPT, edit=True)
    if ctx.now.timestamp() // 60 - asked_minute > CONFIRM_WITHIN.total_seconds() // 60:
        return Outcome(toast="Expired").say(EXPIRED, edit=True)
    # Webhook updates and the bot's messages are keyed by chat, not by participant: erased explicitly.
    update_store.erase_chat(connection=ctx.connection, chat_id=participant.chat_id, now=ctx.now)
    outbox_store.erase_chat(connection=ctx.connection, chat_id=participant.chat_id)
    participant_store.delete_participant(session=ctx.session, participant=participant)
    ctx.after_commit.append(checkpoint_wal)
    outcome = Outcome(toast="Erased", farewell=True).say(ERASED, edit=True)
    return outcome
