"""COACH_WEB_SECRET: required outside local use, placeholders and short keys refused, never printed."""

from __future__ import annotations

import pytest

from coach.core.config import ConfigError, load_settings
from coach.web.serve import run_web

REAL = "Vq3-8sLk2_pZr7TnW0xYb4Mf9HcJd1Ge6Ua5"


def _settings(**values):
    return load_settings(env_file=None, **values)


def test_a_local_dashboard_may_run_without_a_secret():
    """Listening on and linked to 127.0.0.1: a key for the process is made (sessions end when it stops)."""
    assert _settings().require_web_secret() is None
    assert _settings(coach_web_url="http://localhost:8081").require_web_secret() is None


@pytest.mark.parametrize("where", [
    {"coach_web_host": "0.0.0.0"},
    {"coach_web_url": "https://coach.example.org/dashboard"},
    {"coach_web_secret": "   ", "coach_web_host": "0.0.0.0"},
])
def test_outside_local_use_the_secret_is_required(where):
    with pytest.raises(ConfigError, match="COACH_WEB_SECRET is not set"):
        _settings(**where).require_web_secret()


@pytest.mark.parametrize("secret", ["changeme", "secret", "your-secret-here", "a" * 40,
                                    "abababababababababababababababab"])
def test_placeholder_secrets_are_refused_even_locally(secret):
    with pytest.raises(ConfigError, match="placeholder") as raised:
        _settings(coach_web_secret=secret).require_web_secret()
    assert f"{secret!r}" not in str(raised.value) and "aaaaaaaa" not in str(raised.value)


def test_a_short_secret_is_refused():
    with pytest.raises(ConfigError, match="too short"):
        _settings(coach_web_secret="Zx81-kq7Lm3").require_web_secret()


def test_a_real_secret_is_accepted():
    assert _settings(coach_web_secret=REAL, coach_web_host="0.0.0.0").require_web_secret() == REAL


def test_the_link_address_is_checked():
    with pytest.raises(ConfigError, match="COACH_WEB_URL"):
        _settings(coach_web_url="coach.example.org")
    assert _settings(coach_web_url="https://coach.example.org/dashboard/").web_url() == \
        "https://coach.example.org/dashboard"
    assert _settings(coach_web_port=9000).web_url() == "http://127.0.0.1:9000"


def test_coach_web_stops_with_one_sentence_without_a_secret():
    settings = _settings(telegram_bot_token="123456789:" + "x" * 35, coach_web_host="0.0.0.0")
    with pytest.raises(ConfigError, match="COACH_WEB_SECRET is not set"):
        run_web(settings)
