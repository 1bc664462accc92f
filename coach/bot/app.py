"""build_application(): every handler in one place, in an order that matters."""

from __future__ import annotations

import asyncio
import gc
import logging
import ssl
from datetime import timedelta
from functools import cache

import httpx
from sqlalchemy import Engine
from telegram import BotCommand
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)
from telegram.request import HTTPXRequest

from coach.bot import flood
from coach.bot.handlers import admin, buttons, errors, export, participant
from coach.bot.ordering import PerChatOrderedProcessor
from coach.bot.outbound import Outbound
from coach.bot.reminder_sender import Dispatcher, process_worker_name
from coach.bot.runtime import RUNTIME_KEY, Runtime
from coach.core.clock import Clock
from coach.core.config import Settings
from coach.core.metrics import Metrics
from coach.domain import understanding
from coach.scheduler.engine import ReminderEngine, schedule_ticks
from coach.services.admin.callbacks import FootCleared
from coach.services.checkins.callbacks import CheckinCancel, CheckinScore, FootAnswer, StartCheckin
from coach.services.participants.callbacks import EraseConfirm
from coach.services.plumbing.runner import UseCaseRunner
from coach.services.reminders import due
from coach.services.reminders.callbacks import ScheduleAsk, ScheduleChoice
from coach.services.review.callbacks import ReviewAnswer
from coach.services.training.callbacks import LogPress, SessionAnswer, SessionReminderPress

PARTICIPANT_COMMANDS = [
    ("checkin", "Daily symptom check-in"),
    ("log", "Log a training session"),
    ("today", "Today's plan and what's done"),
    ("week", "Your week so far"),
    ("history", "Your recent entries"),
    ("program", "Your exercises"),
    ("schedule", "Your reminder times"),
    ("pause", "Pause reminders for a while"),
    ("resume", "Start reminders again"),
    ("timezone", "Change your time zone"),
    ("cleared", "Your clinician gave the go-ahead"),
    ("export", "All your data, for you or your clinician"),
    ("delete", "Erase everything about you"),
    ("privacy", "What I store and who sees it"),
    ("cancel", "Stop what we're doing"),
    ("help", "What I can do"),
]


def build_application(settings: Settings, *, engine: Engine, clock: Clock, token: str) -> Application:
    """The bot, wired to the database and the clock it is given."""
    # As ApplicationBuilder would make them, but sharing one TLS context: building one reads the CA bundle
    # (some 40 ms of CPU), twice for every bot started (every worker, the demo, each end-to-end test).
    tls = {"verify": _tls_context()}
    builder = (ApplicationBuilder().token(token).base_url(settings.telegram_api_base_url)
               .request(HTTPXRequest(connection_pool_size=256, read_timeout=settings.coach_telegram_timeout_seconds,
                                     httpx_kwargs=tls))
               .get_updates_request(HTTPXRequest(connection_pool_size=1, httpx_kwargs=tls)))
    if settings.telegram_api_base_url.endswith("/bot"):
        builder = builder.base_file_url(settings.telegram_api_base_url.removesuffix("/bot") + "/file/bot")
    application = (
        builder
        .concurrent_updates(PerChatOrderedProcessor())
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
        .build()
    )
    runner = UseCaseRunner(engine, clock, default_timezone=settings.coach_default_timezone,
                           admin_ids=settings.coach_admin_ids)
    metrics = Metrics()
    lease = timedelta(seconds=settings.coach_claim_lease_seconds)
    # The reminders' rules end a reminder when the outbox row carrying its words ends, whichever worker sends it.
    outbound = Outbound(runner, application.bot, worker=process_worker_name(), send_rate=settings.coach_send_rate,
                        lease=lease, on_finished=due.words_ended, metrics=metrics)
    dispatcher = Dispatcher(runner, application.bot, send_rate=settings.coach_send_rate,
                            grace=timedelta(minutes=settings.coach_grace_minutes), lease=lease, metrics=metrics,
                            outbound=outbound)
    reminders = ReminderEngine(runner, dispatcher, dispatcher.outbound, tick_seconds=settings.coach_tick_seconds)
    application.bot_data[RUNTIME_KEY] = Runtime(settings=settings, clock=clock, runner=runner, reminders=reminders,
                                                metrics=metrics, outbound=outbound)
    register_handlers(application)
    return application


@cache
def _set_aside_long_lived() -> None:
    """Once per process, after start-up: what lives as long as the process (modules, lexicons, the language
    pipeline, compiled statements) is set aside from the garbage collector, which otherwise walks all of it again
    at every full collection (measured with bench/inbound.py). Collected first, so no garbage is set aside."""
    gc.collect()
    gc.freeze()


@cache
def _tls_context() -> ssl.SSLContext:
    """The context httpx would build for each client (certifi's bundle, or SSL_CERT_FILE), built once per process."""
    return httpx.create_ssl_context()


def register_handlers(application: Application) -> None:
    # First of all, in memory: a chat sending faster than a person can is stopped here (coach/bot/flood.py).
    application.add_handler(flood.guard(), group=-1)
    commands = {
        "start": participant.start,
        "help": participant.help_command,
        "checkin": participant.checkin,
        "today": participant.today,
        "week": participant.week_command,
        "log": participant.log,
        "program": admin.program,  # the sender's own; with an id, an admin's view of a participant's
        "export": export.export,
        "delete": participant.delete,
        "pause": participant.pause,
        "resume": participant.resume,
        "history": participant.history,
        "cancel": participant.cancel,
        "schedule": participant.schedule,
        "timezone": participant.timezone,
        "cleared": participant.cleared,
        "privacy": participant.privacy,
    }
    # New messages only: an edited message is not a second check-in (see edited_message below).
    private = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
    # Plain text first: it is most of what arrives, and no command can match it (a command is a message whose first
    # entity is a bot command, which this filter excludes), so it need not be tried against every command.
    application.add_handler(MessageHandler(private & filters.TEXT & ~filters.COMMAND, participant.text_message))
    for name, callback in commands.items():
        application.add_handler(CommandHandler(name, callback, filters=private))
    admin_commands = {
        "users": admin.users, "user": admin.user, "stats": admin.stats, "setschedule": admin.set_schedule,
        "pauseuser": admin.pause_user, "resumeuser": admin.resume_user, "review": admin.review,
        "flags": admin.flags, "ack": admin.ack, "dashboard": admin.dashboard,
    }
    for name, callback in admin_commands.items():
        application.add_handler(CommandHandler(name, callback, filters=private))
    # "/user_17" and "/ack_5" in an alert are one tap each (Telegram links a command only up to its first space).
    application.add_handler(MessageHandler(private & filters.Regex(admin.TAPPABLE), admin.tapped_command))
    # After every known command: anything else that starts with "/" is an unknown command.
    application.add_handler(MessageHandler(private & filters.COMMAND, participant.unknown_command))
    application.add_handler(MessageHandler(private & filters.LOCATION, participant.location_message))
    # Photos, voice notes, stickers…: captions are still read for red flags, then a pointer to text.
    application.add_handler(MessageHandler(private, participant.other_message))
    application.add_handler(MessageHandler(
        filters.ChatType.PRIVATE & filters.UpdateType.EDITED_MESSAGE & filters.TEXT, participant.edited_message))
    # Each button kind is a typed value from the feature that owns it; its parse() is the pattern.
    for handler, pattern in (
            (buttons.onboarding_button, buttons.is_onboarding),
            (buttons.checkin_button, CheckinScore.matches),
            (buttons.checkin_cancel_button, CheckinCancel.matches),
            (buttons.start_checkin_button, StartCheckin.matches),
            (buttons.foot_button, FootAnswer.matches),
            (buttons.session_reminder_button, SessionReminderPress.matches),
            (buttons.session_question_button, SessionAnswer.matches),
            (buttons.log_button, LogPress.matches),
            (buttons.schedule_ask_button, ScheduleAsk.matches),
            (buttons.schedule_choice_button, ScheduleChoice.matches),
            (buttons.weekly_review_button, ReviewAnswer.matches),
            (buttons.delete_button, EraseConfirm.matches),
            (admin.foot_cleared_button, FootCleared.matches)):
        application.add_handler(CallbackQueryHandler(handler, pattern=pattern))
    # Last: forged or retired button data still gets an answer, never silence.
    application.add_handler(CallbackQueryHandler(buttons.unknown_button))
    application.add_error_handler(errors.on_error)


async def _post_shutdown(application: Application) -> None:
    runtime = application.bot_data[RUNTIME_KEY]
    try:
        await runtime.outbound.release_claims()
    except Exception:  # noqa: BLE001 - the lease hands them on instead
        logging.getLogger(__name__).warning("could not give back this worker's unsent messages", exc_info=True)
    try:
        await runtime.reminders.forget_worker()
    except Exception:  # noqa: BLE001 - the database may be the reason we stop; the row then ages out
        logging.getLogger(__name__).warning("could not sign this worker off", exc_info=True)
    runtime.runner.close()


async def _post_init(application: Application) -> None:
    # Off the event loop and not awaited: the bot answers at once, and the first free-text message finds the
    # understanding pipeline loaded.
    warming = asyncio.get_running_loop().run_in_executor(None, understanding.warm_up)
    warming.add_done_callback(lambda _: _set_aside_long_lived())
    try:
        await application.bot.set_my_commands([BotCommand(n, d) for n, d in PARTICIPANT_COMMANDS])
    except Exception as exc:  # noqa: BLE001 - the command menu is a convenience: the bot runs on without it
        logging.getLogger(__name__).warning("could not set the command menu (%s); running on without it",
                                            type(exc).__name__)
    runtime = application.bot_data[RUNTIME_KEY]
    try:
        # Messages a worker that died had stored but not sent (after the lease), without waiting for the first tick.
        await runtime.outbound.sweep()
    except Exception:  # noqa: BLE001 - the ticks sweep again
        logging.getLogger(__name__).warning("could not look at the outbox yet", exc_info=True)
    try:
        await runtime.reminders.sign_in()
    except Exception:  # noqa: BLE001 - the first tick signs in again; starting must not wait for the database
        logging.getLogger(__name__).warning("could not sign this worker in yet", exc_info=True)
    schedule_ticks(application, runtime.reminders, seconds=runtime.settings.coach_tick_seconds)
