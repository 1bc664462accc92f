"""A due reminder, decided: send it (and with which words) or skip it and say why; its words handed to the outbox
in the same transaction; then what their sending changes — the one follow-up after a check-in reminder, the
review marked sent, or a participant who blocked the bot. The dispatcher (coach/bot/reminder_sender.py) and the
outbox's sender (coach/bot/outbound.py) call these inside their transactions; the rules live here."""

from __future__ import annotations

from datetime import timedelta

from coach.domain.schedule import follow_up_on
from coach.domain.states import ParticipantStatus, ReminderKind, ReminderStatus
from coach.services.plumbing.context import UseCaseContext
from coach.services.plumbing.outbox import store_reply
from coach.services.plumbing.replies import Reply
from coach.services.reminders import wording
from coach.services.review import weekly as weekly_review
from coach.services.safety.training_hold import open_flags_note, training_hold
from coach.services.training import programs
from coach.store import checkins as checkin_store
from coach.store import outbox as outbox_store
from coach.store import participants as participant_store
from coach.store import reminders as store
from coach.store import sessions as session_store
from coach.store.outbox import BLOCKED, Finished, OutboxRow
from coach.store.reminders import DueReminder

# A check-in reminder that went out late (after a restart, say) gets no follow-up hard on its heels.
FOLLOW_UP_NOT_BEFORE = timedelta(minutes=30)


def decide(ctx: UseCaseContext, reminder: DueReminder) -> tuple[Reply | None, str | None]:
    """The reminder to send, or None and why it is not sent after all."""
    if reminder.status != ParticipantStatus.ACTIVE:
        return None, f"participant {reminder.status}"
    if reminder.paused_until is not None and reminder.paused_until > ctx.now:
        return None, "paused"
    who, day = reminder.participant_id, reminder.local_date
    if reminder.kind in (ReminderKind.CHECKIN, ReminderKind.CHECKIN_FOLLOWUP):
        if checkin_store.has_checked_in(connection=ctx.connection, participant_id=who, local_date=day):
            return None, "already checked in"
        if reminder.kind == ReminderKind.CHECKIN:
            return wording.checkin_reminder(reminder.first_name), None
        return wording.checkin_follow_up(reminder.first_name), None
    if reminder.kind in (ReminderKind.SESSION, ReminderKind.SESSION_SNOOZE):
        hold = training_hold(ctx.session, participant_id=who, clearance_required=reminder.clearance_required,
                             cleared_at=reminder.cleared_at)
        if hold is not None:
            return None, hold
        if session_store.get_log(session=ctx.session, participant_id=who, local_date=day) is not None:
            return None, "session already logged"
        program = programs.current(ctx.session, who)[1]
        return wording.session_reminder(reminder.first_name, who, reminder.id, program,
                                        snoozed=reminder.kind == ReminderKind.SESSION_SNOOZE,
                                        safety_note=open_flags_note(ctx.session, participant_id=who)), None
    if reminder.kind == ReminderKind.REVIEW:
        return weekly_review.weekly_reply(ctx, who, day)
    return None, f"unknown kind {reminder.kind}"


def after_sent(ctx: UseCaseContext, reminder: DueReminder, message_id: int) -> None:
    """What a reminder that went out changes: the review is marked sent; a check-in reminder queues its one
    gentle follow-up (three hours later, never after 22:00)."""
    if reminder.kind == ReminderKind.REVIEW:
        weekly_review.review_sent(ctx, reminder.participant_id, reminder.local_date, message_id)
    if reminder.kind == ReminderKind.CHECKIN and reminder.checkin_time is not None:
        follow_up = follow_up_on(reminder.local_date, zone=reminder.timezone, checkin_time=reminder.checkin_time)
        if follow_up is not None and follow_up.due_at > ctx.now + FOLLOW_UP_NOT_BEFORE:
            store.queue(connection=ctx.connection, rows=[{
                "participant_id": reminder.participant_id, "kind": follow_up.kind,
                "local_date": follow_up.local_date, "due_at": follow_up.due_at, "status": ReminderStatus.QUEUED,
                "created_at": ctx.now}])


def after_blocked(ctx: UseCaseContext, reminder: DueReminder) -> None:
    """The participant blocked the bot: no more reminders until they /start again."""
    participant_store.mark_inactive(connection=ctx.connection, participant_id=reminder.participant_id, now=ctx.now)
    store.skip_queued(connection=ctx.connection, participant_id=reminder.participant_id,
                      detail="participant blocked the bot")


def hand_over(ctx: UseCaseContext, reminder: DueReminder, reply: Reply, *, worker: str) -> list[OutboxRow]:
    """Store the reminder's words in the outbox, claimed by `worker`, and mark it handed, in one transaction: from
    the commit on, the outbox sends them (this worker at once, or another's sweep after the lease) and how its
    last row ends is how the reminder ends (see words_ended)."""
    rows = store_reply(ctx, reply, chat_id=reminder.chat_id, kind="reminder", about=reminder.chat_id, worker=worker,
                       reminder_id=reminder.id)
    store.hand_over(connection=ctx.connection, reminder_id=reminder.id, worker=worker)
    return rows


def words_ended(ctx: UseCaseContext, ended: list[tuple[int, Finished]]) -> None:
    """Outbox rows carrying reminders' words ended (in this transaction, which records their outcome): each
    reminder whose last row it is (its words, after any chart) ends the same way, and what that changes follows."""
    last = outbox_store.last_rows(connection=ctx.connection, reminder_ids={reminder_id for reminder_id, _ in ended})
    words = {reminder_id: result for reminder_id, result in ended if last.get(reminder_id) == result.id}
    if not words:
        return
    for reminder in store.load_due(connection=ctx.connection, ids=list(words)):
        _end(ctx, reminder, words[reminder.id])


def _end(ctx: UseCaseContext, reminder: DueReminder, result: Finished) -> None:
    """One handed reminder ends as its words did; an outcome it already has (written by another worker) is kept."""
    if result.status == "sent":
        if store.end_handed(connection=ctx.connection, reminder_id=reminder.id, status=ReminderStatus.SENT,
                            now=ctx.now, message_id=result.message_id):
            after_sent(ctx, reminder, result.message_id)
    elif result.status == "failed" and result.detail == BLOCKED:
        if store.end_handed(connection=ctx.connection, reminder_id=reminder.id, status=ReminderStatus.FAILED,
                            now=ctx.now, detail="blocked by the participant"):
            after_blocked(ctx, reminder)
    else:
        status = ReminderStatus.FAILED if result.status == "failed" else ReminderStatus.UNCERTAIN
        store.end_handed(connection=ctx.connection, reminder_id=reminder.id, status=status, now=ctx.now,
                         detail=result.detail)
