"""What handlers need at run time, kept in bot_data and passed in rather than imported as globals."""

from __future__ import annotations

from dataclasses import dataclass

from telegram.ext import ContextTypes

from coach.bot.outbound import Outbound
from coach.core.clock import Clock
from coach.core.config import Settings
from coach.core.metrics import Metrics
from coach.scheduler.engine import ReminderEngine
from coach.services.plumbing.runner import UseCaseRunner


@dataclass(frozen=True)
class Runtime:
    settings: Settings
    clock: Clock
    runner: UseCaseRunner
    reminders: ReminderEngine
    metrics: Metrics
    outbound: Outbound


RUNTIME_KEY = "coach.runtime"


def runtime(context: ContextTypes.DEFAULT_TYPE) -> Runtime:
    return context.application.bot_data[RUNTIME_KEY]
