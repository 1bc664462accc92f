"""Button presses. Each feature's callback data is a typed value parsed here; a press naming a participant's
row must come from that participant, and every use case re-checks the row besides."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from coach.bot.handlers.common import run_for_participant
from coach.bot.runtime import runtime
from coach.services import texts
from coach.services.checkins import daily as checkins
from coach.services.checkins.callbacks import CheckinCancel, CheckinScore, FootAnswer
from coach.services.participants import erasure, onboarding
from coach.services.participants.callbacks import (
    ONBOARDING,
    AcceptSchedule,
    ConditionChoice,
    Consent,
    EraseConfirm,
    ScreeningAnswer,
    UseDefaultZone,
)
from coach.services.plumbing.replies import Outcome
from coach.services.reminders import schedules
from coach.services.reminders.callbacks import ScheduleAsk, ScheduleChoice
from coach.services.review import weekly as review
from coach.services.review.callbacks import ReviewAnswer
from coach.services.training import sessions
from coach.services.training.callbacks import LogPress, SessionAnswer, SessionReminderPress


def is_onboarding(data: object) -> bool:
    return any(kind.matches(data) for kind in ONBOARDING)


async def onboarding_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Consent, screening, condition, time zone and schedule buttons."""
    data = next(parsed for kind in ONBOARDING if (parsed := kind.parse(update.callback_query.data)) is not None)

    def use_case(ctx, participant):  # noqa: ANN001, ANN202
        match data:
            case Consent(agreed=agreed):
                return onboarding.answer_consent(ctx, participant, agreed)
            case ScreeningAnswer(index=index, yes=yes):
                return onboarding.answer_screening(ctx, participant, index, yes)
            case ConditionChoice(key=key):
                return onboarding.answer_condition(ctx, participant, key)
            case UseDefaultZone():
                return onboarding.use_default_timezone(ctx, participant)
            case AcceptSchedule():
                return onboarding.accept_schedule(ctx, participant)
        return Outcome(toast=texts.STALE_BUTTON)

    await run_for_participant(update, context, use_case, during_onboarding=True)


async def checkin_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A score (or the foot answer) on the check-in message."""
    data = CheckinScore.parse(update.callback_query.data)
    await run_for_participant(update, context, lambda ctx, p: checkins.press(
        ctx, p, data.draft_id, data.step, data.value), owner=data.owner)


async def checkin_cancel_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Cancel on the check-in message."""
    data = CheckinCancel.parse(update.callback_query.data)
    await run_for_participant(update, context, lambda ctx, p: checkins.cancel_draft(ctx, p, data.draft_id),
                              owner=data.owner)


async def start_checkin_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """ "Check in now", offered after a note."""
    await run_for_participant(update, context, checkins.start_from_button)


async def foot_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The foot question after a typed check-in."""
    data = FootAnswer.parse(update.callback_query.data)
    await run_for_participant(update, context, lambda ctx, p: checkins.answer_foot_check(
        ctx, p, data.checkin_id, data.problem), owner=data.owner)


async def session_reminder_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Done, Partly, Skip today or Snooze on a session reminder."""
    data = SessionReminderPress.parse(update.callback_query.data)
    await run_for_participant(update, context, lambda ctx, p: sessions.reminder_button(
        ctx, p, data.reminder_id, data.action), owner=data.owner)


async def session_question_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Effort, pain during the session, or reps against the target."""
    data = SessionAnswer.parse(update.callback_query.data)
    await run_for_participant(update, context, lambda ctx, p: sessions.answer(
        ctx, p, data.log_id, data.question, data.value), owner=data.owner)


async def log_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Done / Partly / Skipped under a bare /log."""
    data = LogPress.parse(update.callback_query.data)
    await run_for_participant(update, context, lambda ctx, p: sessions.log_button(ctx, p, data.action, data.day))


async def schedule_ask_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A part of the schedule to change."""
    data = ScheduleAsk.parse(update.callback_query.data)
    await run_for_participant(update, context, lambda ctx, p: schedules.ask_part(ctx, p, data.part))


async def schedule_choice_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The choice for a part of the schedule."""
    data = ScheduleChoice.parse(update.callback_query.data)
    await run_for_participant(update, context, lambda ctx, p: schedules.choose(ctx, p, data.part, data.code))


async def weekly_review_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Apply or Keep my current plan, on a weekly review."""
    data = ReviewAnswer.parse(update.callback_query.data)
    await run_for_participant(update, context, lambda ctx, p: review.answer(ctx, p, data.review_id, data.choice),
                              owner=data.owner)


async def delete_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Erase everything / keep my data."""
    data = EraseConfirm.parse(update.callback_query.data)
    await run_for_participant(update, context, lambda ctx, p: erasure.confirm(
        ctx, p, data.owner, data.minute, data.erase), during_onboarding=True)


async def unknown_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Forged, malformed or retired callback data: say so, change nothing."""
    await runtime(context).outbound.answer_press(update.callback_query, texts.STALE_BUTTON)
