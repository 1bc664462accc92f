"""Start, kill and stop `coach run --webhook` worker processes, each with its own port and log file."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from coach.bot.reminder_sender import process_worker_name


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class WorkerProcess:
    index: int
    port: int
    process: subprocess.Popen
    log_path: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def name(self) -> str:
        """How this worker signs its claims."""
        return process_worker_name(self.process.pid)

    def health(self) -> dict | None:
        """/healthz as JSON, or None while it does not answer 200."""
        try:
            with urllib.request.urlopen(self.url + "/healthz", timeout=2) as answer:  # noqa: S310 - our own worker
                return json.loads(answer.read())
        except OSError:
            return None

    def metrics(self) -> str:
        with urllib.request.urlopen(self.url + "/metrics", timeout=5) as answer:  # noqa: S310 - our own worker
            return answer.read().decode()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


@dataclass
class WorkerPool:
    """Workers sharing one database; `env` holds the settings they all get (see coach/core/config.py)."""

    env: dict[str, str]
    directory: Path
    workers: list[WorkerProcess] = field(default_factory=list)
    reserved: list[int] = field(default_factory=list)  # ports of workers yet to start

    def start(self, count: int, *, timeout: float = 60.0) -> list[WorkerProcess]:
        started = [self._spawn(len(self.workers) + i) for i in range(count)]
        self.workers.extend(started)
        self.wait_healthy(started, timeout=timeout)
        return started

    def reserve(self, count: int) -> list[str]:
        """Addresses for the next `count` workers (the balancer needs them before they start)."""
        self.reserved = [free_port() for _ in range(count)]
        return [f"http://127.0.0.1:{port}" for port in self.reserved]

    def _spawn(self, index: int) -> WorkerProcess:
        port = self.reserved[index] if index < len(self.reserved) else free_port()
        log_path = self.directory / f"worker-{index}.log"
        env = {**os.environ, **self.env, "COACH_WEBHOOK_HOST": "127.0.0.1", "COACH_WEBHOOK_PORT": str(port)}
        with open(log_path, "ab") as log:
            process = subprocess.Popen([sys.executable, "-m", "coach", "run", "--webhook"], env=env,
                                       cwd=self.directory, stdin=subprocess.DEVNULL, stdout=log,
                                       stderr=subprocess.STDOUT)
        return WorkerProcess(index, port, process, log_path)

    def wait_healthy(self, workers: list[WorkerProcess], *, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        for worker in workers:
            while worker.health() is None:
                if worker.process.poll() is not None:
                    raise RuntimeError(f"worker {worker.index} exited ({worker.process.returncode}):\n"
                                       f"{worker.log()[-3000:]}")
                if time.monotonic() > deadline:
                    raise TimeoutError(f"worker {worker.index} did not become healthy:\n{worker.log()[-3000:]}")
                time.sleep(0.1)

    def kill(self, worker: WorkerProcess) -> None:
        """SIGKILL: no clean-up of any kind, as when a machine dies."""
        worker.process.send_signal(signal.SIGKILL)
        worker.process.wait(10)

    def stop_all(self, timeout: float = 20.0) -> None:
        for worker in self.workers:
            if worker.process.poll() is None:
                worker.process.send_signal(signal.SIGTERM)
        for worker in self.workers:
            try:
                worker.process.wait(timeout)
            except subprocess.TimeoutExpired:
                worker.process.kill()
                worker.process.wait(5)
