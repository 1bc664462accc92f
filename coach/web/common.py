"""What the dashboard's routes share: the Dashboard's parts, rendering, the session check on every request,
the CSRF check on every form, cookies, flashes and the pages that explain a refusal."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from jinja2 import pass_context
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.templating import Jinja2Templates

from coach.core.config import Settings
from coach.services.admin import dashboard_links
from coach.services.plumbing.runner import UseCaseRunner
from coach.web.ranking import RankingCache
from coach.web.security import FLASH_COOKIE, SESSION_COOKIE, AdminSession, SessionProblem, Signer
from coach.web.tell import Teller

log = logging.getLogger("coach.web")
SESSION_PROBLEMS = {
    SessionProblem.MISSING: (401, "Please sign in",
                             "Send /dashboard to the bot from your admin Telegram account: it answers with a "
                             "sign-in link that works once, for 10 minutes."),
    SessionProblem.INVALID: (401, "Your session is no longer valid",
                             "The dashboard's key has changed since you signed in (or the cookie was altered). "
                             "Send /dashboard to the bot for a new sign-in link."),
    SessionProblem.EXPIRED: (401, "Your session has ended",
                             "Sessions last a fixed time. Send /dashboard to the bot for a new sign-in link."),
    SessionProblem.NOT_ADMIN: (403, "You are no longer an admin",
                               "Your Telegram id is not in COACH_ADMIN_IDS any more, so this session has ended."),
    SessionProblem.ENDED: (401, "This session was signed out",
                           "Send /dashboard to the bot for a new sign-in link."),
}
CSRF_PROBLEM = (403, "This form could not be accepted",
                "It did not carry this session's security token (an old page, or a form from another site). "
                "Nothing was changed. Go back, reload the page and try again.")


@dataclass
class Dashboard:
    """What the routes share."""

    settings: Settings
    runner: UseCaseRunner
    signer: Signer
    teller: Teller
    templates: Jinja2Templates
    secure_cookies: bool
    ranking: RankingCache


@pass_context
def path_for(context: dict, name: str, **params: Any) -> str:
    """A route's path (with the mount's prefix): never an absolute URL, which a proxy in front could get wrong."""
    return context["request"].url_for(name, **params).path


def path_to(request: Request, name: str, **params: Any) -> str:
    return request.url_for(name, **params).path


def with_headers(response: Response) -> Response:
    """No caching of health data; no third-party anything; the link's secret never leaves in a Referer."""
    response.headers.setdefault("Cache-Control", "no-store")
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = ("default-src 'self'; img-src 'self'; style-src 'self'; "
                                                   "script-src 'self'; frame-ancestors 'none'; form-action 'self'; "
                                                   "base-uri 'none'")
    return response


def render(board: Dashboard, request: Request, template: str, status: int = 200, **context: Any) -> Response:
    context.setdefault("admin", None)
    context.setdefault("csrf", "")
    return with_headers(board.templates.TemplateResponse(request, template, context, status_code=status))


def message_page(board: Dashboard, request: Request, problem: tuple[int, str, str], *,
                 admin: AdminSession | None = None, csrf: str = "", back: str | None = None) -> Response:
    status, title, text = problem
    return render(board, request, "message.html", status, title=title, text=text, admin=admin, csrf=csrf, back=back)


def anyone(board: Dashboard, view: Callable) -> Callable:
    async def endpoint(request: Request) -> Response:
        return await view(board, request)

    return endpoint


def signed_in(board: Dashboard, view: Callable, *, post: bool = False) -> Callable:
    """A route for signed-in admins only (checked on every request); a form's CSRF token checked first."""
    async def endpoint(request: Request) -> Response:
        found = board.signer.read_session(request.cookies.get(SESSION_COOKIE), now=board.runner.clock.now(),
                                          admin_ids=board.settings.coach_admin_ids)
        if not isinstance(found, SessionProblem) and not await board.runner.run_async(
                lambda ctx: dashboard_links.session_open(ctx, found.link_id)):
            found = SessionProblem.ENDED
        if isinstance(found, SessionProblem):
            response = message_page(board, request, SESSION_PROBLEMS[found])
            if found is not SessionProblem.MISSING:
                forget_session(board, request, response)
            return response
        csrf = board.signer.csrf_token(found)
        form = None
        if post:
            form = await request.form()
            if not board.signer.same(form_text(form, "csrf"), csrf):
                log.info("dashboard: a form without the right CSRF token was refused")
                return message_page(board, request, CSRF_PROBLEM, admin=found, csrf=csrf)
        return await view(board, request, found, csrf, form)

    return endpoint


def not_found(board: Dashboard) -> Callable:
    async def handler(request: Request, _: Exception) -> Response:
        return message_page(board, request, (404, "Page not found", "There is no such page on the dashboard."))

    return handler


def server_error(board: Dashboard) -> Callable:
    async def handler(request: Request, exc: Exception) -> Response:
        log.error("dashboard: a request failed (%s)", type(exc).__name__)
        return message_page(board, request, (500, "Something went wrong",
                                             "The dashboard could not finish this request (the database may be "
                                             "busy or away). Reload the page to see what is stored now."))

    return handler


def form_text(form: FormData | None, name: str, limit: int = 300) -> str:
    value = form.get(name) if form is not None else None
    return value.strip()[:limit] if isinstance(value, str) else ""


def cookie_path(request: Request) -> str:
    return (request.scope.get("root_path") or "") + "/"


def forget_session(board: Dashboard, request: Request, response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path=cookie_path(request), secure=secure(board, request),
                           httponly=True, samesite="strict")


def secure(board: Dashboard, request: Request) -> bool:
    return board.secure_cookies or request.url.scheme == "https"


def flash_and_go(board: Dashboard, request: Request, url: str, kind: str, text: str) -> Response:
    response = RedirectResponse(url, status_code=303)
    response.set_cookie(FLASH_COOKIE, board.signer.flash(kind, text), max_age=60, path=cookie_path(request),
                        secure=secure(board, request), httponly=True, samesite="strict")
    return with_headers(response)


def take_flash(board: Dashboard, request: Request, response: Response) -> None:
    if FLASH_COOKIE in request.cookies:
        response.delete_cookie(FLASH_COOKIE, path=cookie_path(request), secure=secure(board, request),
                               httponly=True, samesite="strict")


def no_participant(board: Dashboard, request: Request, tid: str, admin_session: AdminSession,
                    csrf: str) -> Response:
    shown = tid if tid.isascii() and tid.isdigit() and len(tid) <= 20 else "that"
    return message_page(board, request, (404, "No such participant",
                                         f"No participant has the Telegram id {shown}. Nothing was changed."),
                        admin=admin_session, csrf=csrf, back=path_to(request, "triage"))


