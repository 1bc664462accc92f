"""The dashboard's session cookie and form tokens, both signed with COACH_WEB_SECRET.

The cookie holds the admin's Telegram id, when the session began (by the app's clock: a fixed lifetime, not
renewed by use) and a random session id; every form carries a token derived from that id, so a page from
another site cannot post on the admin's behalf. A cookie signed with an earlier secret no longer reads.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from itsdangerous import BadSignature, URLSafeSerializer

from coach.services.plumbing import gate

SESSION_COOKIE = "coach_dashboard"
FLASH_COOKIE = "coach_flash"


class SessionProblem(StrEnum):
    """Why a request has no valid session."""

    MISSING = "missing"
    INVALID = "invalid"  # altered, or signed with a secret since changed
    EXPIRED = "expired"
    NOT_ADMIN = "not_admin"  # their id has left COACH_ADMIN_IDS
    ENDED = "ended"  # signed out (checked against the database, not here)


@dataclass(frozen=True)
class AdminSession:
    admin_id: int
    began: datetime
    sid: str
    link_id: int  # the sign-in link's row, which records whether the session was signed out


class Signer:
    """Signs and reads the session cookie, the flash message and form tokens."""

    def __init__(self, secret: str, *, lifetime: timedelta) -> None:
        self._secret = secret.encode()
        self.lifetime = lifetime
        self._sessions = URLSafeSerializer(secret, salt="coach-dashboard-session")
        self._flashes = URLSafeSerializer(secret, salt="coach-dashboard-flash")

    def new_session(self, admin_id: int, *, link_id: int, now: datetime) -> str:
        return self._sessions.dumps({"a": admin_id, "b": int(now.timestamp()), "s": secrets.token_urlsafe(16),
                                     "l": link_id})

    def read_session(self, cookie: str | None, *, now: datetime,
                     admin_ids: tuple[int, ...]) -> AdminSession | SessionProblem:
        """The admin signed in, or why nobody is (checked on every request)."""
        if not cookie:
            return SessionProblem.MISSING
        try:
            data = self._sessions.loads(cookie)
            session = AdminSession(int(data["a"]), datetime.fromtimestamp(int(data["b"]), tz=now.tzinfo),
                                   str(data["s"]), int(data["l"]))
        except (BadSignature, KeyError, TypeError, ValueError, OverflowError):
            return SessionProblem.INVALID
        if now - session.began > self.lifetime:
            return SessionProblem.EXPIRED
        if not gate.is_admin_id(admin_ids, session.admin_id):
            return SessionProblem.NOT_ADMIN
        return session

    def csrf_token(self, session: AdminSession) -> str:
        return hmac.new(self._secret, b"csrf:" + session.sid.encode(), hashlib.sha256).hexdigest()

    def login_token(self, link_token: str) -> str:
        """The sign-in form's token: before a session exists, derived from the link itself."""
        return hmac.new(self._secret, b"login:" + link_token.encode(), hashlib.sha256).hexdigest()

    @staticmethod
    def same(given: str | None, expected: str) -> bool:
        return given is not None and hmac.compare_digest(given.encode(), expected.encode())

    def flash(self, kind: str, text: str) -> str:
        return self._flashes.dumps({"k": kind, "t": text})

    def read_flash(self, cookie: str | None) -> tuple[str, str] | None:
        if not cookie:
            return None
        try:
            data = self._flashes.loads(cookie)
            return str(data["k"]), str(data["t"])
        except (BadSignature, KeyError, TypeError):
            return None
