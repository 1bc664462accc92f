"""Local Telegram Bot API emulator for end-to-end tests, demos and benchmarks."""

from coach.devtools.emulator.client import EmulatorClient, EmulatorError
from coach.devtools.emulator.runner import EmulatorThread
from coach.devtools.emulator.server import BotApiEmulator
from coach.devtools.emulator.spec import validate_call

__all__ = ["BotApiEmulator", "EmulatorClient", "EmulatorError", "EmulatorThread", "validate_call"]
