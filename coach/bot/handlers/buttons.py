"""Button presses. Callback data is short and versioned; every use case re-checks ownership."""

from __future__ import annotations

import re

from telegram import Update
from telegram.ext import ContextTypes

from coach.bot.handlers.common import run_for_participant
from coach.bot.runtime import runtime
from coach.services import checkins, erasure, onboarding, review, schedules, sessions, texts
from coach.services.replies import Outcome

ONBOARDING = re.compile(r"^o1:(consent:[yn]|s:\d{1,2}:[yn]|c:[a-z_]{1,16}|tz:default|sch:ok)$")
CHECKIN = re.compile(r"^c1:(\d{1,9}):(\d|x):(\d{1,2})$")
FOOT = re.compile(r"^f1:(\d{1,9}):([01])$")
START_CHECKIN = re.compile("^" + re.escape(checkins.START_CHECKIN) + "$")
SESSION_REMINDER = re.compile(r"^r1:(\d{1,9}):([dpsz])$")
SESSION_QUESTION = re.compile(r"^s1:(\d{1,9}):(rpe|pain|reps):(\d{1,2})$")
LOG = re.compile(r"^l1:([dps]):(\d{8})$")
SCHEDULE = re.compile(r"^h1:([ctdr])(?::(\d{3,4}))?$")
WEEKLY_REVIEW = re.compile(r"^w1:(\d{1,9}):([ak])$")
DELETE = re.compile(r"^d1:(\d{1,9}):(\d{1,10}):([yn])$")


async def onboarding_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Consent, screening, condition, time zone and schedule buttons."""
    parts = update.callback_query.data.split(":")[1:]

    def use_case(ctx, participant):  # noqa: ANN001, ANN202
        match parts:
            case ["consent", answer]:
                return onboarding.answer_consent(ctx, participant, answer == "y")
            case ["s", index, answer]:
                return onboarding.answer_screening(ctx, participant, int(index), answer == "y")
            case ["c", key]:
                return onboarding.answer_condition(ctx, participant, key)
            case ["tz", "default"]:
                return onboarding.use_default_timezone(ctx, participant)
            case ["sch", "ok"]:
                return onboarding.accept_schedule(ctx, participant)
        return Outcome(toast=texts.STALE_BUTTON)

    await run_for_participant(update, context, use_case, during_onboarding=True)


async def checkin_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A score (or foot check, or Cancel) on the check-in message."""
    draft_id, step, value = CHECKIN.match(update.callback_query.data).groups()
    if step == "x":
        await run_for_participant(update, context, lambda ctx, p: checkins.cancel_draft(ctx, p, int(draft_id)))
        return
    await run_for_participant(update, context, lambda ctx, p: checkins.press(
        ctx, p, int(draft_id), int(step), int(value)))


async def start_checkin_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """ "Check in now", offered after a note."""
    await run_for_participant(update, context, checkins.start_from_button)


async def foot_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The foot question after a typed check-in."""
    checkin_id, answer = FOOT.match(update.callback_query.data).groups()
    await run_for_participant(update, context, lambda ctx, p: checkins.answer_foot_check(
        ctx, p, int(checkin_id), answer == "1"))


async def session_reminder_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Done, Partly, Skip today or Snooze on a session reminder."""
    reminder_id, action = SESSION_REMINDER.match(update.callback_query.data).groups()
    await run_for_participant(update, context, lambda ctx, p: sessions.reminder_button(
        ctx, p, int(reminder_id), action))


async def session_question_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Effort, pain during the session, or reps against the target."""
    log_id, question, value = SESSION_QUESTION.match(update.callback_query.data).groups()
    await run_for_participant(update, context, lambda ctx, p: sessions.answer(ctx, p, int(log_id), question,
                                                                               int(value)))


async def log_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Done / Partly / Skipped under a bare /log."""
    action, day = LOG.match(update.callback_query.data).groups()
    await run_for_participant(update, context, lambda ctx, p: sessions.log_button(ctx, p, action, day))


async def schedule_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A part of the schedule to change, or the choice for it."""
    part, code = SCHEDULE.match(update.callback_query.data).groups()
    if code is None:
        await run_for_participant(update, context, lambda ctx, p: schedules.ask_part(ctx, p, part))
    else:
        await run_for_participant(update, context, lambda ctx, p: schedules.choose(ctx, p, part, code))


async def weekly_review_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Apply or Keep my current plan, on a weekly review."""
    review_id, choice = WEEKLY_REVIEW.match(update.callback_query.data).groups()
    await run_for_participant(update, context, lambda ctx, p: review.answer(ctx, p, int(review_id), choice))


async def unknown_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Forged, malformed or retired callback data: say so, change nothing."""
    await runtime(context).outbound.answer_press(update.callback_query, texts.STALE_BUTTON)


async def delete_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Erase everything / keep my data."""
    participant_id, minute, answer = DELETE.match(update.callback_query.data).groups()
    await run_for_participant(update, context, lambda ctx, p: erasure.confirm(
        ctx, p, int(participant_id), int(minute), answer == "y"), during_onboarding=True)
