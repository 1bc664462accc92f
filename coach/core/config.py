"""Settings read from the environment and `.env`; nothing is read at import time."""

from __future__ import annotations

import re
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

TELEGRAM_API_DEFAULT = "https://api.telegram.org/bot"
DEFAULT_DATABASE_URL = "sqlite:///coach.db"
_TOKEN_PATTERN = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{30,}$")
_PLACEHOLDER_TOKENS = {"changeme", "your-token-here", "123456:replace-me"}
_PLACEHOLDER_SECRETS = {"changeme", "changethis", "secret", "your-secret-here", "replace-me",
                        "change-me-to-a-long-random-string", "please-change-this-secret-key-now"}


class ConfigError(Exception):
    """A setting is missing or malformed; its message is one sentence for the operator."""


class Settings(BaseSettings):
    """Every knob of the bot, from environment variables or a `.env` file."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str = TELEGRAM_API_DEFAULT
    database_url: str = DEFAULT_DATABASE_URL
    coach_admin_ids: Annotated[tuple[int, ...], NoDecode] = ()
    coach_default_timezone: str = "UTC"
    log_level: str = "INFO"
    # The reminders engine: how often it plans and sends, how fast, and how late is too late.
    coach_tick_seconds: float = Field(default=30.0, gt=0, le=3600)
    coach_send_rate: float = Field(default=25.0, gt=0, le=10_000)  # above ~30 only for benchmarks
    coach_grace_minutes: int = Field(default=120, ge=1, le=24 * 60)
    # A reminder or an update claimed by a worker that then died goes to another worker after this.
    coach_claim_lease_seconds: float = Field(default=120.0, ge=1, le=3600)
    # Webhook mode (`coach run --webhook`): where Telegram's updates arrive, and the shared secret
    # Telegram sends back with each (set with setWebhook's secret_token). COACH_WEBHOOK_URL, when
    # given, is registered with Telegram at start; behind a proxy it is the public https address.
    coach_webhook_secret: SecretStr | None = None
    coach_webhook_url: str | None = None
    coach_webhook_host: str = "0.0.0.0"
    coach_webhook_port: int = Field(default=8080, ge=0, le=65535)
    coach_webhook_path: str = "/telegram"
    # How long one call to Telegram may take before it counts as timed out (PTB's read timeout).
    coach_telegram_timeout_seconds: float = Field(default=5.0, gt=0, le=120)
    # The care team's web dashboard (`coach web`, or under /dashboard/ of `coach run --webhook`): the key that
    # signs its session cookies and forms, the public address /dashboard links point at, and where it listens.
    coach_web_secret: SecretStr | None = None
    coach_web_url: str | None = None
    coach_web_host: str = "127.0.0.1"
    coach_web_port: int = Field(default=8081, ge=0, le=65535)
    coach_web_session_hours: float = Field(default=12.0, gt=0, le=24 * 7)

    @field_validator("coach_admin_ids", mode="before")
    @classmethod
    def _split_admin_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [p.strip() for p in value.split(",") if p.strip()]
            for part in parts:
                if not re.fullmatch(r"-?\d+", part):
                    raise ValueError(f"COACH_ADMIN_IDS must be comma-separated numbers, not {part!r}")
            return tuple(int(p) for p in parts)
        if isinstance(value, int):
            return (value,)
        return value

    @field_validator("telegram_api_base_url")
    @classmethod
    def _check_base_url(cls, value: str) -> str:
        if not re.match(r"^https?://[^\s/]+", value):
            raise ValueError(f"TELEGRAM_API_BASE_URL must start with http:// or https://, not {value!r}")
        return value

    @field_validator("database_url")
    @classmethod
    def _check_database_url(cls, value: str) -> str:
        if not re.match(r"^(sqlite|postgresql)(\+\w+)?://", value):
            raise ValueError("DATABASE_URL must be a sqlite:/// or postgresql:// URL")
        return value

    @field_validator("coach_default_timezone")
    @classmethod
    def _check_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"COACH_DEFAULT_TIMEZONE {value!r} is not an IANA time zone") from exc
        return value

    @field_validator("log_level")
    @classmethod
    def _check_log_level(cls, value: str) -> str:
        value = value.upper()
        if value not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError("LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL")
        return value

    @field_validator("coach_webhook_url")
    @classmethod
    def _check_webhook_url(cls, value: str | None) -> str | None:
        if value is not None and value.strip() == "":
            return None
        if value is not None and not re.match(r"^https?://[^\s/]+/\S*$", value):
            raise ValueError(f"COACH_WEBHOOK_URL must be a full address like https://coach.example.org/telegram, "
                             f"not {value!r}")
        return value

    @field_validator("coach_web_url")
    @classmethod
    def _check_web_url(cls, value: str | None) -> str | None:
        if value is not None and value.strip() == "":
            return None
        if value is not None and not re.match(r"^https?://[^\s/]+(/\S*)?$", value):
            raise ValueError(f"COACH_WEB_URL must be a full address like https://coach.example.org/dashboard, "
                             f"not {value!r}")
        return value.rstrip("/") if value is not None else None

    @field_validator("coach_webhook_path")
    @classmethod
    def _check_webhook_path(cls, value: str) -> str:
        if not re.fullmatch(r"/[A-Za-z0-9_\-/]*", value):
            raise ValueError("COACH_WEBHOOK_PATH must start with / and hold only letters, digits, -, _ and /")
        return value

    def require_webhook_secret(self) -> str:
        """The webhook secret, or a ConfigError (never its value): Telegram allows 1-256 of A-Z a-z 0-9 _ -."""
        secret = self.coach_webhook_secret.get_secret_value().strip() if self.coach_webhook_secret else ""
        if not secret:
            raise ConfigError("COACH_WEBHOOK_SECRET is not set: webhook mode needs it, so that only Telegram "
                              "can post updates. Make one with: python -c 'import secrets; "
                              "print(secrets.token_urlsafe(32))'")
        if not re.fullmatch(r"[A-Za-z0-9_-]{16,256}", secret):
            raise ConfigError("COACH_WEBHOOK_SECRET must be 16 to 256 letters, digits, '_' or '-'.")
        return secret

    def web_url(self) -> str:
        """Where the dashboard's sign-in links point: COACH_WEB_URL, or `coach web`'s own address."""
        if self.coach_web_url:
            return self.coach_web_url
        host = "127.0.0.1" if self.coach_web_host in ("0.0.0.0", "", "::") else self.coach_web_host
        return f"http://{host}:{self.coach_web_port}"

    def web_is_local(self) -> bool:
        """The dashboard is reachable from this machine only (listening on and linked to the loopback)."""
        loopback = ("127.0.0.1", "localhost", "::1")
        link_host = re.sub(r"^https?://([^/:]+|\[[^\]]+\]).*$", r"\1", self.web_url()).strip("[]")
        return self.coach_web_host in loopback and link_host in loopback

    def require_web_secret(self) -> str | None:
        """The dashboard's signing key; None on a local-only dashboard without one (a key per process is made
        then). Outside local use a missing, short or placeholder key is a ConfigError (never its value)."""
        secret = self.coach_web_secret.get_secret_value().strip() if self.coach_web_secret else ""
        if not secret:
            if self.web_is_local():
                return None
            raise ConfigError("COACH_WEB_SECRET is not set: the dashboard needs it outside local use, to sign its "
                              "sessions. Make one with: python -c 'import secrets; print(secrets.token_urlsafe(32))'")
        if secret.lower() in _PLACEHOLDER_SECRETS or len(set(secret)) < 8:
            raise ConfigError("COACH_WEB_SECRET is a placeholder: make a real one with python -c 'import secrets; "
                              "print(secrets.token_urlsafe(32))'.")
        if len(secret) < 32:
            raise ConfigError("COACH_WEB_SECRET is too short: use at least 32 characters, e.g. from python -c "
                              "'import secrets; print(secrets.token_urlsafe(32))'.")
        return secret

    def require_token(self) -> str:
        """The bot token, or a ConfigError naming what is wrong with it (never its value)."""
        if self.telegram_bot_token is None or not self.telegram_bot_token.get_secret_value():
            raise ConfigError("TELEGRAM_BOT_TOKEN is not set: get one from @BotFather and put it in .env.")
        token = self.telegram_bot_token.get_secret_value().strip()
        if token.lower() in _PLACEHOLDER_TOKENS or not _TOKEN_PATTERN.match(token):
            raise ConfigError(
                "TELEGRAM_BOT_TOKEN does not look like a bot token (expected digits, a colon, "
                "then at least 30 letters, digits, '-' or '_')."
            )
        return token


def load_settings(*, env_file: str | None = ".env", **overrides: object) -> Settings:
    """Read settings, turning validation errors into one clear ConfigError sentence."""
    try:
        return Settings(_env_file=env_file, **overrides)  # type: ignore[arg-type, call-arg]
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first.get("loc", ())).upper() or "a setting"
        message = str(first.get("msg", "is invalid")).removeprefix("Value error, ")
        if field and field not in message:
            message = f"{field}: {message}"
        raise ConfigError(message.rstrip(".") + ".") from None
