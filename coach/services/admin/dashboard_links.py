"""/dashboard: a one-time sign-in link for an admin, and redeeming it on the dashboard.

A link is good once, for LINK_MINUTES, for the admin it was made for, and only while their id is still in
COACH_ADMIN_IDS. Only the SHA-256 of its secret is stored.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from enum import StrEnum
from urllib.parse import urlencode

from coach.services import texts
from coach.services.plumbing import gate
from coach.services.plumbing.context import UseCaseContext
from coach.services.plumbing.replies import Outcome
from coach.store import dashboard_links as store

LINK_MINUTES = 10
TOKEN_BYTES = 32
MAX_TOKEN_LENGTH = 100
# A link's row also stands for the session it started, which lasts at most COACH_WEB_SESSION_HOURS (a week).
KEPT_FOR = timedelta(days=8)


class Redeemed(StrEnum):
    """What became of a sign-in link when it was opened."""

    OK = "ok"
    UNKNOWN = "unknown"  # never issued, or altered
    USED = "used"
    EXPIRED = "expired"
    OTHER_ADMIN = "other_admin"  # issued to a different admin than the link names
    NOT_ADMIN = "not_admin"  # the admin's id has left COACH_ADMIN_IDS since


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue(ctx: UseCaseContext, admin_id: int, *, base_url: str) -> Outcome:
    """A new link for this admin (through gate.for_admin only): `base_url`/login?a=<id>&t=<secret>."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    store.prune(connection=ctx.connection, created_before=ctx.now - KEPT_FOR)
    store.add(connection=ctx.connection, token_hash=token_hash(token), admin_id=admin_id, now=ctx.now,
              expires_at=ctx.now + timedelta(minutes=LINK_MINUTES))
    link = f"{base_url.rstrip('/')}/login?{urlencode({'a': admin_id, 't': token})}"
    return Outcome().say(texts.DASHBOARD_LINK.format(link=link, minutes=LINK_MINUTES))


def redeem(ctx: UseCaseContext, *, admin_id: int, token: str) -> tuple[Redeemed, int | None]:
    """Use the link once, if it is this admin's, unused and in time; with the link's id, which names the
    session it starts."""
    found = peek(ctx, admin_id=admin_id, token=token)
    if found is not Redeemed.OK:
        return found, None
    link = store.find(connection=ctx.connection, token_hash=token_hash(token))
    if not store.use(connection=ctx.connection, link_id=link.id, now=ctx.now):
        return Redeemed.USED, None
    return Redeemed.OK, link.id


def session_open(ctx: UseCaseContext, link_id: int) -> bool:
    """Whether the session started by this link is still on (checked on every request)."""
    return 0 < link_id < 2**31 and store.session_open(connection=ctx.connection, link_id=link_id)


def end_session(ctx: UseCaseContext, link_id: int) -> None:
    """Sign out: the session's cookie no longer lets anyone in, wherever a copy of it is."""
    store.end_session(connection=ctx.connection, link_id=link_id, now=ctx.now)


def peek(ctx: UseCaseContext, *, admin_id: int, token: str) -> Redeemed:
    """What redeeming would say, changing nothing (the page before the Sign in button)."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return Redeemed.UNKNOWN
    link = store.find(connection=ctx.connection, token_hash=token_hash(token))
    if link is None:
        return Redeemed.UNKNOWN
    if link.admin_telegram_id != admin_id:
        return Redeemed.OTHER_ADMIN
    if not gate.is_admin(ctx, link.admin_telegram_id):
        return Redeemed.NOT_ADMIN
    if link.used_at is not None:
        return Redeemed.USED
    if link.expires_at <= ctx.now:
        return Redeemed.EXPIRED
    return Redeemed.OK
