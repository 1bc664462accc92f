"""Every `coach` subcommand takes --database; on a database that does not exist, is not migrated or does not
answer it says so in one sentence, exits non-zero and creates nothing. `coach run` waits for what is merely
away, one line per try, and stops with one sentence only when a setting cannot work."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coach.cli.main import main as coach_main
from coach.store.migrate import upgrade

TOKEN = "123456789:" + "cli-edge-token-" + "x" * 21


@pytest.mark.parametrize("command", [["review", "--user", "1"], ["review", "--all"], ["export", "--user", "1"]])
def test_a_database_that_does_not_exist_is_said_and_not_created(tmp_path, monkeypatch, capsys, command):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    missing = tmp_path / "demo" / "coach-demo.db"
    assert coach_main([*command, "--database", f"sqlite:///{missing}"]) == 1
    error = capsys.readouterr().err.strip()
    assert error == (f"coach: there is no database at {missing}; create it with `coach migrate` (and --database if "
                     "it is elsewhere).")
    assert not missing.exists() and not (tmp_path / "coach.db").exists()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", [["review", "--user", "1"], ["export", "--user", "1"]])
def test_a_database_never_migrated_is_said(tmp_path, capsys, command):
    empty = tmp_path / "empty.db"
    empty.touch()
    assert coach_main([*command, "--database", f"sqlite:///{empty}"]) == 1
    assert capsys.readouterr().err.strip() == \
        "coach: the database has no Coach tables yet; run `coach migrate` first."


def test_a_database_behind_the_code_is_said_with_both_revisions(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    upgrade(url, "0007")
    assert coach_main(["export", "--user", "1", "--database", url]) == 1
    error = capsys.readouterr().err.strip()
    assert error.startswith("coach: the database is at schema revision 0007 and this code needs ")
    assert error.endswith("; run `coach migrate` first.") and "\n" not in error


def test_an_unreachable_postgresql_is_one_sentence(capsys):
    assert coach_main(["review", "--all", "--database", "postgresql://nobody@127.0.0.1:9/none"]) == 1
    assert capsys.readouterr().err.strip() == \
        "coach: cannot reach the database; is it running, and is the URL right?"


def test_migrate_takes_database_and_then_review_reads_it(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    assert coach_main(["migrate", "--database", url]) == 0
    assert coach_main(["review", "--user", "1", "--database", url]) == 1
    assert capsys.readouterr().err.strip() == "coach: no participant has the Telegram id 1."


def test_database_also_takes_a_sqlite_files_path_as_the_demo_prints_it(tmp_path, capsys, monkeypatch):
    """`--database coach-demo.db` (the demo's "Try next" lines) is that file, not an error about URLs."""
    monkeypatch.chdir(tmp_path)
    assert coach_main(["migrate", "--database", "coach-demo.db"]) == 0
    assert (tmp_path / "coach-demo.db").is_file()
    assert coach_main(["review", "--all", "--database", "coach-demo.db"]) == 0
    assert "URL" not in capsys.readouterr().err


def _coach_run(tmp_path: Path, **env: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "coach", "run"], cwd=tmp_path, text=True,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            env={**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "LOG_LEVEL": "INFO", **env})


def _lines_until(process: subprocess.Popen, count: int, needle: str, timeout: float = 60) -> list[str]:
    lines, deadline = [], time.monotonic() + timeout
    while sum(needle in line for line in lines) < count and time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line)
    return lines


def test_run_with_telegram_unreachable_logs_one_line_per_try_with_backoff(tmp_path):
    process = _coach_run(tmp_path, TELEGRAM_API_BASE_URL="http://127.0.0.1:9/bot",
                         DATABASE_URL=f"sqlite:///{tmp_path / 'coach.db'}")
    try:
        lines = _lines_until(process, 2, "Trying again in")
    finally:
        process.kill()
        process.wait(10)
    tries = [line for line in lines if "Trying again in" in line]
    assert len(tries) == 2, lines
    assert "Telegram is not reachable at TELEGRAM_API_BASE_URL (NetworkError). Trying again in 1s." in tries[0]
    assert "Trying again in 2s." in tries[1]
    assert not any("Traceback" in line for line in lines) and TOKEN not in "".join(lines)


def test_run_with_the_database_unreachable_logs_one_line_per_try(tmp_path):
    process = _coach_run(tmp_path, DATABASE_URL="postgresql://nobody@127.0.0.1:9/none")
    try:
        lines = _lines_until(process, 2, "Trying again in")
    finally:
        process.kill()
        process.wait(10)
    tries = [line for line in lines if "Trying again in" in line]
    assert len(tries) == 2 and "The database does not answer (OperationalError). Trying again in 1s." in tries[0]
    assert not any("Traceback" in line for line in lines)
