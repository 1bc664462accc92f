"""Run the emulator off the caller's event loop: in a daemon thread or as a subprocess."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import signal
import sys
import threading
from collections.abc import Sequence
from typing import Any

from coach.devtools.emulator.client import EmulatorClient
from coach.devtools.emulator.server import BotApiEmulator


class EmulatorThread:
    """Context manager serving a BotApiEmulator from its own event loop in a daemon thread."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, **emulator_kwargs: Any) -> None:
        self.host, self.port = host, port
        self.emulator = BotApiEmulator(**emulator_kwargs)
        self.loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self.client: EmulatorClient | None = None

    @property
    def base_url(self) -> str:
        """Bot API base URL for telegram.Bot(base_url=...)."""
        return self.emulator.base_url

    @property
    def control_url(self) -> str:
        """Control API root for EmulatorClient."""
        return self.emulator.control_url

    def start(self, timeout: float = 10.0) -> EmulatorThread:
        """Start the thread; returns once the server is listening."""
        self._thread = threading.Thread(target=self._run, name="bot-api-emulator", daemon=True)
        self._thread.start()
        if not self._ready.wait(timeout):
            raise TimeoutError("emulator did not start in time")
        if self._error is not None:
            raise RuntimeError("emulator failed to start") from self._error
        self.client = EmulatorClient(self.control_url)
        return self

    def _run(self) -> None:
        loop = self.loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(self.emulator.start(self.host, self.port))
        except BaseException as exc:  # reported to start() in the caller's thread
            self._error = exc
            self._ready.set()
            loop.close()
            return
        self._ready.set()
        try:
            loop.run_forever()
        finally:
            loop.run_until_complete(self.emulator.stop())
            # Cancel what aiohttp left behind (e.g. idle keep-alive handlers) before closing.
            leftovers = asyncio.all_tasks(loop)
            for task in leftovers:
                task.cancel()
            loop.run_until_complete(asyncio.gather(*leftovers, return_exceptions=True))
            loop.close()

    def call(self, fn: Any, *args: Any, timeout: float = 30.0) -> Any:
        """Run fn(*args) on the emulator's loop (awaiting it if it is a coroutine)."""

        async def runner() -> Any:
            result = fn(*args)
            return await result if asyncio.iscoroutine(result) else result

        assert self.loop is not None, "emulator thread not started"
        return asyncio.run_coroutine_threadsafe(runner(), self.loop).result(timeout)

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the server and join the thread."""
        if self.client is not None:
            self.client.close()
        if self.loop is not None and self._thread is not None and self._thread.is_alive():
            self.loop.call_soon_threadsafe(self.loop.stop)
            self._thread.join(timeout)

    def __enter__(self) -> EmulatorThread:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


async def _serve(host: str, port: int) -> None:
    emulator = await BotApiEmulator().start(host, port)
    print(json.dumps({"base_url": emulator.base_url, "control_url": emulator.control_url}), flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):  # not available on Windows
            loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        await emulator.stop()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `python -m coach.devtools.emulator`."""
    parser = argparse.ArgumentParser(prog="python -m coach.devtools.emulator",
                                     description="Local Telegram Bot API emulator")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    args = parser.parse_args(argv)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(args.host, args.port))
    sys.stdout.flush()
    return 0
