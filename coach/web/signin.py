"""Signing in with the one-time link from /dashboard, and signing out."""

from __future__ import annotations

import logging
from typing import Any

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from coach.services.admin import dashboard_links
from coach.web.common import (
    Dashboard,
    cookie_path,
    forget_session,
    form_text,
    message_page,
    path_to,
    render,
    secure,
    with_headers,
)
from coach.web.security import SESSION_COOKIE, AdminSession

log = logging.getLogger("coach.web")
LINK_PROBLEMS = {
    dashboard_links.Redeemed.UNKNOWN: (400, "This sign-in link is not valid",
                                       "It may have been mistyped or changed. Send /dashboard to the bot for a new "
                                       "link."),
    dashboard_links.Redeemed.USED: (410, "This sign-in link has already been used",
                                    "Each link works once. Send /dashboard to the bot for a new one."),
    dashboard_links.Redeemed.EXPIRED: (410, "This sign-in link has expired",
                                       f"Links work for {dashboard_links.LINK_MINUTES} minutes. Send /dashboard to "
                                       "the bot for a new one."),
    dashboard_links.Redeemed.OTHER_ADMIN: (403, "This sign-in link was made for another admin",
                                           "Each admin signs in with their own link: send /dashboard to the bot "
                                           "from your own Telegram account."),
    dashboard_links.Redeemed.NOT_ADMIN: (403, "This Telegram account is not an admin",
                                         "Only the Telegram ids in COACH_ADMIN_IDS can use the dashboard."),
}

def _link_args(source: Any) -> tuple[int | None, str]:
    admin_word, token = str(source.get("a") or ""), str(source.get("t") or "")
    admin_id = int(admin_word) if admin_word.isascii() and admin_word.isdigit() and len(admin_word) <= 15 else None
    return admin_id, token[:dashboard_links.MAX_TOKEN_LENGTH + 1]


async def login_form(board: Dashboard, request: Request) -> Response:
    """The link's page: a button that signs in (opening the link — or a link preview — uses nothing)."""
    admin_id, token = _link_args(request.query_params)
    if admin_id is None or not token:
        return message_page(board, request, LINK_PROBLEMS[dashboard_links.Redeemed.UNKNOWN])
    signed_in = board.signer.read_session(request.cookies.get(SESSION_COOKIE), now=board.runner.clock.now(),
                                          admin_ids=board.settings.coach_admin_ids)
    if isinstance(signed_in, AdminSession) and signed_in.admin_id != admin_id:
        return message_page(board, request, LINK_PROBLEMS[dashboard_links.Redeemed.OTHER_ADMIN])
    found = await board.runner.run_async(lambda ctx: dashboard_links.peek(ctx, admin_id=admin_id, token=token))
    if found is not dashboard_links.Redeemed.OK:
        return message_page(board, request, LINK_PROBLEMS[found])
    return render(board, request, "login.html", link_admin=admin_id, token=token,
                  login_csrf=board.signer.login_token(token))


async def login(board: Dashboard, request: Request) -> Response:
    """Use the link once and start the session."""
    form = await request.form()
    admin_id, token = _link_args(form)
    if admin_id is None or not token or not board.signer.same(form_text(form, "csrf", 100),
                                                              board.signer.login_token(token)):
        return message_page(board, request, LINK_PROBLEMS[dashboard_links.Redeemed.UNKNOWN])
    found, link_id = await board.runner.run_async(
        lambda ctx: dashboard_links.redeem(ctx, admin_id=admin_id, token=token))
    if found is not dashboard_links.Redeemed.OK:
        return message_page(board, request, LINK_PROBLEMS[found])
    log.info("dashboard: admin %s signed in", admin_id)
    response = RedirectResponse(path_to(request, "triage"), status_code=303)
    response.set_cookie(SESSION_COOKIE, board.signer.new_session(admin_id, link_id=link_id,
                                                                  now=board.runner.clock.now()),
                        max_age=int(board.signer.lifetime.total_seconds()), path=cookie_path(request),
                        secure=secure(board, request), httponly=True, samesite="strict")
    return with_headers(response)


async def logout(board: Dashboard, request: Request, admin_session: AdminSession, csrf: str,
                 form: FormData) -> Response:
    await board.runner.run_async(lambda ctx: dashboard_links.end_session(ctx, admin_session.link_id))
    response = message_page(board, request, (200, "You are signed out",
                                             "To sign in again, send /dashboard to the bot."))
    forget_session(board, request, response)
    return response


