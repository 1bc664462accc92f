"""Settings: read from the environment, and refused with one clear sentence when malformed."""

from __future__ import annotations

import logging
import os
import subprocess
import sys

import pytest

from coach.core.config import ConfigError, load_settings
from coach.core.logs import RedactToken

GOOD_TOKEN = "123456789:" + "A" * 35


def test_defaults_are_the_embedded_sqlite_and_telegrams_own_api():
    """With nothing set, the bot uses a SQLite file here and Telegram's own API."""
    settings = load_settings(env_file=None)
    assert settings.database_url == "sqlite:///coach.db"
    assert settings.telegram_api_base_url == "https://api.telegram.org/bot"
    assert settings.coach_admin_ids == ()


def test_admin_ids_are_comma_separated_numbers(monkeypatch):
    """COACH_ADMIN_IDS='1, 22,333' gives three ids."""
    monkeypatch.setenv("COACH_ADMIN_IDS", "1, 22,333")
    assert load_settings(env_file=None).coach_admin_ids == (1, 22, 333)


@pytest.mark.parametrize(("variable", "value", "mentions"), [
    ("COACH_ADMIN_IDS", "12,abc", "COACH_ADMIN_IDS"),
    ("TELEGRAM_API_BASE_URL", "ftp://nowhere", "TELEGRAM_API_BASE_URL"),
    ("DATABASE_URL", "mysql://x", "DATABASE_URL"),
    ("COACH_DEFAULT_TIMEZONE", "Mars/Olympus", "COACH_DEFAULT_TIMEZONE"),
    ("LOG_LEVEL", "LOUD", "LOG_LEVEL"),
    ("COACH_WEBHOOK_URL", "https:///telegram", "COACH_WEBHOOK_URL"),
    ("COACH_WEBHOOK_PATH", "telegram", "COACH_WEBHOOK_PATH"),
    ("COACH_CLAIM_LEASE_SECONDS", "0", "COACH_CLAIM_LEASE_SECONDS"),
])
def test_a_malformed_setting_is_one_sentence_naming_it(monkeypatch, variable, value, mentions):
    """Each malformed setting raises ConfigError whose message names the variable."""
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError) as caught:
        load_settings(env_file=None)
    message = str(caught.value)
    assert mentions in message and "\n" not in message


@pytest.mark.parametrize("token", [None, "", "changeme", "12345", "123:short", "abc:" + "A" * 35])
def test_a_missing_or_malformed_token_is_refused_without_printing_it(token):
    """require_token() refuses bad tokens and never echoes the value back."""
    settings = load_settings(env_file=None, telegram_bot_token=token)
    with pytest.raises(ConfigError) as caught:
        settings.require_token()
    assert "TELEGRAM_BOT_TOKEN" in str(caught.value)
    if token:
        assert token not in str(caught.value)


def test_a_good_token_is_accepted():
    assert load_settings(env_file=None, telegram_bot_token=GOOD_TOKEN).require_token() == GOOD_TOKEN


def _coach(*args: str, env: dict[str, str], cwd) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "COACH_", "DATABASE_"))}
    return subprocess.run([sys.executable, "-m", "coach", *args], env={**clean, **env}, cwd=cwd,
                          capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)


@pytest.mark.parametrize(("env", "mentions"), [
    ({}, "TELEGRAM_BOT_TOKEN"),
    ({"TELEGRAM_BOT_TOKEN": "not-a-token"}, "TELEGRAM_BOT_TOKEN"),
    ({"TELEGRAM_BOT_TOKEN": GOOD_TOKEN, "TELEGRAM_API_BASE_URL": "localhost:8081"}, "TELEGRAM_API_BASE_URL"),
    ({"TELEGRAM_BOT_TOKEN": GOOD_TOKEN, "COACH_ADMIN_IDS": "me"}, "COACH_ADMIN_IDS"),
])
def test_coach_run_exits_nonzero_with_one_clear_sentence(tmp_path, env, mentions):
    """`coach run` with a bad setting prints one line naming it, no traceback, and exits 2."""
    result = _coach("run", env=env, cwd=tmp_path)
    assert result.returncode == 2
    assert mentions in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "not-a-token" not in result.stderr


def test_coach_migrate_creates_the_default_sqlite_database(tmp_path):
    """`coach migrate` with no settings creates coach.db in the working directory."""
    result = _coach("migrate", env={}, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "coach.db").exists()


def test_the_token_is_redacted_from_log_lines():
    """A log line that carries the token (httpx logs request URLs) shows <token> instead."""
    record = logging.LogRecord("httpx", logging.INFO, __file__, 1, "POST %s", (
        f"https://api.telegram.org/bot{GOOD_TOKEN}/getUpdates",), None)
    RedactToken(GOOD_TOKEN).filter(record)
    assert GOOD_TOKEN not in record.getMessage() and "<token>" in record.getMessage()


@pytest.mark.parametrize(("secret", "problem"), [
    (None, "COACH_WEBHOOK_SECRET is not set"),
    ("short", "16 to 256"),
    ("has spaces in it, which Telegram refuses", "16 to 256"),
])
def test_webhook_mode_needs_a_secret_telegram_accepts(secret, problem):
    """The webhook secret is required, and must be what Telegram's secret_token allows; it is never echoed."""
    settings = load_settings(env_file=None, coach_webhook_secret=secret)
    with pytest.raises(ConfigError, match=problem) as raised:
        settings.require_webhook_secret()
    assert secret is None or secret not in str(raised.value)


def test_a_good_webhook_secret_and_an_empty_url_are_accepted():
    settings = load_settings(env_file=None, coach_webhook_secret="a" * 32, coach_webhook_url="")
    assert settings.require_webhook_secret() == "a" * 32
    assert settings.coach_webhook_url is None
