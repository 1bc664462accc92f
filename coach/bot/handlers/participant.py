"""Participant commands and plain messages. Each is one line of routing into a use case."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from coach.bot.handlers.common import command_args, command_word, run_for_participant, run_plain
from coach.services import texts
from coach.services.checkins import daily as checkins
from coach.services.free_text import messages as inbox
from coach.services.participants import erasure, onboarding
from coach.services.plumbing import gate
from coach.services.plumbing.replies import Outcome
from coach.services.reminders import schedules
from coach.services.review import week
from coach.services.training import sessions


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start: onboarding, or welcome back."""
    user, chat = update.effective_user, update.effective_chat
    await run_plain(update, context, lambda ctx: onboarding.start(
        ctx, telegram_id=user.id, chat_id=chat.id, first_name=user.first_name or ""))


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/help: what the bot can do (admins also see their part)."""
    sender = update.effective_user.id
    await run_plain(update, context, lambda ctx: gate.help_for(ctx, sender))


async def checkin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/checkin: buttons, or a one-shot / backfilled line after the command."""
    args = command_args(update)
    if args.strip():
        await run_for_participant(update, context, lambda ctx, p: checkins.submit_command(ctx, p, args))
    else:
        await run_for_participant(update, context, checkins.start_buttons)


async def today(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/today: today's plan and what is done."""
    await run_for_participant(update, context, week.today)


async def week_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/week: the week so far."""
    await run_for_participant(update, context, week.week)


async def log(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/log [date] done|partly|skipped [rpe N] [pain N] [reps …]: a training session."""
    args = command_args(update)
    await run_for_participant(update, context, lambda ctx, p: sessions.log_command(ctx, p, args))


async def pause(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/pause [days]: a break from reminders."""
    args = command_args(update)
    await run_for_participant(update, context, lambda ctx, p: schedules.pause(ctx, p, args))


async def resume(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/resume: reminders again."""
    await run_for_participant(update, context, schedules.resume)


async def history(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/history: recent entries."""
    await run_for_participant(update, context, checkins.history)


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/cancel: drop whatever is in progress."""
    await run_for_participant(update, context, checkins.cancel, during_onboarding=True)


async def schedule(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/schedule: show the reminder times; `/schedule checkin 20:00` and the like change them."""
    args = command_args(update)
    if args.strip():
        await run_for_participant(update, context, lambda ctx, p: schedules.change_typed(ctx, p, args))
    else:
        await run_for_participant(update, context, schedules.show)


async def timezone(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/timezone [place]: change the time zone."""
    args = command_args(update)
    await run_for_participant(update, context, lambda ctx, p: onboarding.ask_timezone_change(ctx, p, args))


async def cleared(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/cleared: the clinician has given the go-ahead."""
    await run_for_participant(update, context, onboarding.mark_cleared)


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any command the bot does not know."""
    word = command_word(update)
    await run_plain(update, context, lambda ctx: Outcome().say(texts.UNKNOWN_COMMAND.format(command=word)))


async def text_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A typed message: safety scan, then a check-in line, a time zone, or a gentle pointer."""
    user_id, text = update.effective_user.id, update.effective_message.text or ""
    await run_plain(update, context, lambda ctx: inbox.handle_text(ctx, telegram_id=user_id, text=text))


async def other_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A photo, voice note, sticker…: its caption is scanned for red flags; the reply asks for text."""
    user_id, caption = update.effective_user.id, update.effective_message.caption or ""
    await run_plain(update, context, lambda ctx: inbox.handle_non_text(ctx, telegram_id=user_id, caption=caption))


async def edited_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An edited message changes nothing stored (and says so); a red flag written into it is still answered."""
    user_id, text = update.effective_user.id, update.effective_message.text or ""
    await run_plain(update, context, lambda ctx: inbox.handle_edit(ctx, telegram_id=user_id, text=text))


async def privacy(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/privacy: what is stored, who sees it, how to export and erase (Telegram expects every bot to answer)."""
    await run_plain(update, context, lambda ctx: Outcome().say(texts.PRIVACY))


async def location_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A shared location: used only to set the time zone."""
    user_id, loc = update.effective_user.id, update.effective_message.location
    await run_plain(update, context, lambda ctx: inbox.handle_location(
        ctx, telegram_id=user_id, latitude=loc.latitude, longitude=loc.longitude))


async def delete(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/delete: erase everything, after a confirmation."""
    await run_for_participant(update, context, erasure.ask, during_onboarding=True)
