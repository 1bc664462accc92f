"""Local Telegram Bot API emulator for end-to-end tests, demos and benchmarks."""

from coach.emulator.client import EmulatorClient, EmulatorError
from coach.emulator.runner import EmulatorThread
from coach.emulator.server import BotApiEmulator
from coach.emulator.spec import validate_call

__all__ = ["BotApiEmulator", "EmulatorClient", "EmulatorError", "EmulatorThread", "validate_call"]
