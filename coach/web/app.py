"""The dashboard's routes: sign-in by a one-time link, triage, one participant, the audit log, downloads.

Every page checks the session cookie and that its admin is still in COACH_ADMIN_IDS; every form carries a CSRF
token; every change runs through the same admin use case as the Telegram command (via `gate.for_admin`),
audited in its transaction, and the participant is told afterwards through `coach.web.tell`.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from jinja2 import pass_context
from sqlalchemy import Engine
from starlette.applications import Starlette
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from coach.clock import Clock
from coach.config import Settings
from coach.domain.program import describe_exercise
from coach.domain.schedule import format_weekdays
from coach.services import admin, admin_changes, dashboard_links, gate
from coach.services.chart import render_png
from coach.services.clinician_pdf import render_pdf
from coach.services.context import UseCaseContext
from coach.services.export import to_csv
from coach.services.fhir_export import render_fhir
from coach.services.replies import Outcome
from coach.services.runner import UseCaseRunner
from coach.store import audit as audit_store
from coach.store.export import rows_about
from coach.store.models import Participant, SafetyFlag
from coach.web import pages
from coach.web.ranking import RankingCache
from coach.web.security import FLASH_COOKIE, SESSION_COOKIE, AdminSession, SessionProblem, Signer
from coach.web.tell import Teller

log = logging.getLogger(__name__)
HERE = Path(__file__).parent
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
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


@dataclass(frozen=True)
class ActionResult:
    outcome: Outcome | None  # None: no such participant
    changed: bool
    participant_id: int | None = None


def create_app(settings: Settings, *, engine: Engine, clock: Clock, teller: Teller, secret: str | None = None,
               on_close: Callable[[], Any] | None = None) -> Starlette:
    """The dashboard as an ASGI app. `secret` defaults to COACH_WEB_SECRET (on a local-only dashboard without
    one, a key for this process: its sessions end when it stops)."""
    if secret is None:
        secret = settings.require_web_secret()
    if secret is None:
        log.warning("dashboard: COACH_WEB_SECRET is not set; using a key for this process only (local use)")
        secret = secrets.token_urlsafe(32)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals.update(path_for=_path_for, format_weekdays=format_weekdays,
                                 describe_exercise=describe_exercise, decision_label=pages.decision_label,
                                 weekdays=WEEKDAYS, ranges=list(pages.RANGES), states=pages.STATE_FILTERS)
    runner = UseCaseRunner(engine, clock, default_timezone=settings.coach_default_timezone,
                           admin_ids=settings.coach_admin_ids)
    board = Dashboard(settings=settings, runner=runner, ranking=RankingCache(runner),
                      signer=Signer(secret, lifetime=timedelta(hours=settings.coach_web_session_hours)),
                      teller=teller, templates=templates,
                      secure_cookies=settings.web_url().startswith("https://"))

    @asynccontextmanager
    async def lifespan(_: Starlette):  # noqa: ANN202
        try:
            yield
        finally:
            await board.ranking.close()
            board.runner.close()
            if on_close is not None:
                result = on_close()
                if asyncio.iscoroutine(result):
                    await result

    routes = [
        Route("/", _page(board, triage_view), name="triage"),
        Route("/login", _handler(board, login_form), name="login", methods=["GET"]),
        Route("/login", _handler(board, login), name="login_post", methods=["POST"]),
        Route("/logout", _page(board, logout, post=True), name="logout", methods=["POST"]),
        Route("/audit", _page(board, audit_view), name="audit"),
        Route("/p/{tid}", _page(board, participant_view), name="participant"),
        Route("/p/{tid}/chart.png", _page(board, chart_view), name="chart"),
        Route("/p/{tid}/export.csv", _page(board, download_view("csv")), name="download_csv"),
        Route("/p/{tid}/summary.pdf", _page(board, download_view("pdf")), name="download_pdf"),
        Route("/p/{tid}/fhir.json", _page(board, download_view("fhir")), name="download_fhir"),
        Route("/p/{tid}/flags/{flag_id}/ack", _page(board, ack_action, post=True), name="ack", methods=["POST"]),
        Route("/p/{tid}/foot", _page(board, foot_action, post=True), name="foot", methods=["POST"]),
        Route("/p/{tid}/schedule", _page(board, schedule_action, post=True), name="schedule", methods=["POST"]),
        Route("/p/{tid}/pause", _page(board, pause_action, post=True), name="pause", methods=["POST"]),
        Route("/p/{tid}/resume", _page(board, resume_action, post=True), name="resume", methods=["POST"]),
        Route("/p/{tid}/program", _page(board, program_action, post=True), name="program", methods=["POST"]),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    app = Starlette(routes=routes, lifespan=lifespan,
                    exception_handlers={404: _not_found(board), 500: _server_error(board)})
    app.state.dashboard = board
    return app


# --- plumbing -----------------------------------------------------------------------------------------------


@pass_context
def _path_for(context: dict, name: str, **params: Any) -> str:
    """A route's path (with the mount's prefix): never an absolute URL, which a proxy in front could get wrong."""
    return context["request"].url_for(name, **params).path


def path_to(request: Request, name: str, **params: Any) -> str:
    return request.url_for(name, **params).path


def _headers(response: Response) -> Response:
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
    return _headers(board.templates.TemplateResponse(request, template, context, status_code=status))


def message_page(board: Dashboard, request: Request, problem: tuple[int, str, str], *,
                 admin: AdminSession | None = None, csrf: str = "", back: str | None = None) -> Response:
    status, title, text = problem
    return render(board, request, "message.html", status, title=title, text=text, admin=admin, csrf=csrf, back=back)


def _handler(board: Dashboard, view: Callable) -> Callable:
    async def endpoint(request: Request) -> Response:
        return await view(board, request)

    return endpoint


def _page(board: Dashboard, view: Callable, *, post: bool = False) -> Callable:
    """A route for signed-in admins only (checked on every request); a form's CSRF token checked first."""
    async def endpoint(request: Request) -> Response:
        found = board.signer.read_session(request.cookies.get(SESSION_COOKIE), now=board.runner.clock.now(),
                                          admin_ids=board.settings.coach_admin_ids)
        if isinstance(found, SessionProblem):
            response = message_page(board, request, SESSION_PROBLEMS[found])
            if found is not SessionProblem.MISSING:
                _forget_session(board, request, response)
            return response
        csrf = board.signer.csrf_token(found)
        form = None
        if post:
            form = await request.form()
            if not board.signer.same(_text(form, "csrf"), csrf):
                log.info("dashboard: a form without the right CSRF token was refused")
                return message_page(board, request, CSRF_PROBLEM, admin=found, csrf=csrf)
        return await view(board, request, found, csrf, form)

    return endpoint


def _not_found(board: Dashboard) -> Callable:
    async def handler(request: Request, _: Exception) -> Response:
        return message_page(board, request, (404, "Page not found", "There is no such page on the dashboard."))

    return handler


def _server_error(board: Dashboard) -> Callable:
    async def handler(request: Request, exc: Exception) -> Response:
        log.error("dashboard: a request failed (%s)", type(exc).__name__)
        return message_page(board, request, (500, "Something went wrong",
                                             "The dashboard could not finish this request (the database may be "
                                             "busy or away). Reload the page to see what is stored now."))

    return handler


def _text(form: FormData | None, name: str, limit: int = 300) -> str:
    value = form.get(name) if form is not None else None
    return value.strip()[:limit] if isinstance(value, str) else ""


def _cookie_path(request: Request) -> str:
    return (request.scope.get("root_path") or "") + "/"


def _forget_session(board: Dashboard, request: Request, response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path=_cookie_path(request), secure=_secure(board, request),
                           httponly=True, samesite="strict")


def _secure(board: Dashboard, request: Request) -> bool:
    return board.secure_cookies or request.url.scheme == "https"


def _flash_and_go(board: Dashboard, request: Request, url: str, kind: str, text: str) -> Response:
    response = RedirectResponse(url, status_code=303)
    response.set_cookie(FLASH_COOKIE, board.signer.flash(kind, text), max_age=60, path=_cookie_path(request),
                        secure=_secure(board, request), httponly=True, samesite="strict")
    return _headers(response)


def _take_flash(board: Dashboard, request: Request, response: Response) -> None:
    if FLASH_COOKIE in request.cookies:
        response.delete_cookie(FLASH_COOKIE, path=_cookie_path(request), secure=_secure(board, request),
                               httponly=True, samesite="strict")


def _no_participant(board: Dashboard, request: Request, tid: str, admin_session: AdminSession,
                    csrf: str) -> Response:
    shown = tid if tid.isascii() and tid.isdigit() and len(tid) <= 20 else "that"
    return message_page(board, request, (404, "No such participant",
                                         f"No participant has the Telegram id {shown}. Nothing was changed."),
                        admin=admin_session, csrf=csrf, back=path_to(request, "triage"))


# --- sign-in and sign-out -----------------------------------------------------------------------------------


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
    if admin_id is None or not token or not board.signer.same(_text(form, "csrf", 100),
                                                              board.signer.login_token(token)):
        return message_page(board, request, LINK_PROBLEMS[dashboard_links.Redeemed.UNKNOWN])
    found = await board.runner.run_async(lambda ctx: dashboard_links.redeem(ctx, admin_id=admin_id, token=token))
    if found is not dashboard_links.Redeemed.OK:
        return message_page(board, request, LINK_PROBLEMS[found])
    log.info("dashboard: admin %s signed in", admin_id)
    response = RedirectResponse(path_to(request, "triage"), status_code=303)
    response.set_cookie(SESSION_COOKIE, board.signer.new_session(admin_id, now=board.runner.clock.now()),
                        max_age=int(board.signer.lifetime.total_seconds()), path=_cookie_path(request),
                        secure=_secure(board, request), httponly=True, samesite="strict")
    return _headers(response)


async def logout(board: Dashboard, request: Request, admin_session: AdminSession, csrf: str,
                 form: FormData) -> Response:
    response = message_page(board, request, (200, "You are signed out",
                                             "To sign in again, send /dashboard to the bot."))
    _forget_session(board, request, response)
    return response


# --- pages ----------------------------------------------------------------------------------------------------


def _int(value: str | None, default: int) -> int:
    return int(value) if value and value.isascii() and value.isdigit() and len(value) <= 6 else default


async def triage_view(board: Dashboard, request: Request, admin_session: AdminSession, csrf: str,
                      _: FormData | None) -> Response:
    params = request.query_params
    search = (params.get("q") or "")[:100]
    state = params.get("state") or ""
    state = state if state in pages.STATE_FILTERS else ""
    attention = params.get("need") == "1"
    page = _int(params.get("page"), 1)
    ranking = await board.ranking.get()
    found = pages.triage_page(ranking.needs, search=search, state=state, attention_only=attention, page=page)
    return render(board, request, "triage.html", admin=admin_session, csrf=csrf, triage=found, q=search,
                  state=state, need=attention, ranked_at=ranking.at.strftime("%H:%M:%S"))


async def participant_view(board: Dashboard, request: Request, admin_session: AdminSession, csrf: str,
                           _: FormData | None, *, status: int = 200, message: tuple[str, str] | None = None,
                           ) -> Response:
    tid = request.path_params["tid"]
    range_key = request.query_params.get("range") or pages.DEFAULT_RANGE
    range_key = range_key if range_key in pages.RANGES else pages.DEFAULT_RANGE

    def read(ctx: UseCaseContext) -> pages.ParticipantPage | None:
        participant = pages.find_participant(ctx, tid)
        return None if participant is None else pages.participant_page(ctx, participant, range_key=range_key)

    page = await board.runner.run_async(read)
    if page is None:
        return _no_participant(board, request, tid, admin_session, csrf)
    if message is None:
        message = board.signer.read_flash(request.cookies.get(FLASH_COOKIE))
    response = render(board, request, "participant.html", status, admin=admin_session, csrf=csrf, p=page,
                      message=message)
    _take_flash(board, request, response)
    return response


async def chart_view(board: Dashboard, request: Request, admin_session: AdminSession, csrf: str,
                     _: FormData | None) -> Response:
    tid = request.path_params["tid"]
    range_key = request.query_params.get("range") or pages.DEFAULT_RANGE
    size = "phone" if request.query_params.get("size") == "phone" else "page"

    def read(ctx: UseCaseContext):  # noqa: ANN202
        participant = pages.find_participant(ctx, tid)
        return None if participant is None else pages.chart_for(ctx, participant, range_key=range_key)

    chart = await board.runner.run_async(read)
    if chart is None:
        return _no_participant(board, request, tid, admin_session, csrf)
    png = await asyncio.to_thread(render_png, chart, size=size)
    return _headers(Response(png, media_type="image/png"))


DOWNLOADS = {
    "csv": ("text/csv; charset=utf-8", "csv", "CSV of every stored row"),
    "pdf": ("application/pdf", "pdf", "clinician PDF"),
    "fhir": ("application/fhir+json", "fhir.json", "FHIR R4 bundle"),
}


def download_view(kind: str) -> Callable:
    """The participant's CSV, clinician PDF or FHIR bundle (the /export files); each download is audited."""
    media, suffix, words = DOWNLOADS[kind]

    async def view(board: Dashboard, request: Request, admin_session: AdminSession, csrf: str,
                   _: FormData | None) -> Response:
        tid = request.path_params["tid"]

        def read(ctx: UseCaseContext):  # noqa: ANN202
            participant = pages.find_participant(ctx, tid)
            if participant is None:
                return None
            tables = rows_about(connection=ctx.connection, participant_id=participant.id)
            audit_store.record(session=ctx.session, participant_id=participant.id,
                               admin_id=admin_session.admin_id, action="download", before=None,
                               after=f"{words} (dashboard)", now=ctx.now)
            return tables, ctx.local_today(participant)

        found = await board.runner.run_async(read)
        if found is None:
            return _no_participant(board, request, tid, admin_session, csrf)
        tables, today = found
        if kind == "csv":
            body = to_csv(tables)
        elif kind == "pdf":
            body = await asyncio.to_thread(render_pdf, dict(tables), today=today)
        else:
            body = render_fhir(dict(tables))
        name = f"coach-{tid}-{today.isoformat()}.{suffix}"
        return _headers(Response(body, media_type=media,
                                 headers={"Content-Disposition": f'attachment; filename="{name}"'}))

    return view


async def audit_view(board: Dashboard, request: Request, admin_session: AdminSession, csrf: str,
                     _: FormData | None) -> Response:
    page = _int(request.query_params.get("page"), 1)
    found = await board.runner.run_async(lambda ctx: pages.audit_page(ctx, page=page))
    return render(board, request, "audit.html", admin=admin_session, csrf=csrf, audit=found)


# --- changes: the admin commands' own use cases -----------------------------------------------------------------


AdminChange = Callable[[UseCaseContext, int, Participant], Outcome]


async def _change(board: Dashboard, request: Request, admin_session: AdminSession, csrf: str,
                  use_case: AdminChange) -> Response:
    """Run one admin use case for the participant of the URL, through the one admin guard; tell the participant
    once it is committed; show what happened."""
    tid = request.path_params["tid"]

    def run(ctx: UseCaseContext) -> ActionResult:
        participant = pages.find_participant(ctx, tid)
        if participant is None:
            return ActionResult(None, False)
        before = audit_store.count_for(session=ctx.session, participant_id=participant.id)
        outcome = gate.for_admin(ctx, admin_session.admin_id,
                                 lambda ctx, admin_id: use_case(ctx, admin_id, participant), command="/dashboard")
        return ActionResult(outcome, audit_store.count_for(session=ctx.session, participant_id=participant.id) > before,
                            participant.id)

    result = await board.runner.run_async(run)
    if result.outcome is None:
        return _no_participant(board, request, tid, admin_session, csrf)
    outcome = result.outcome
    text = outcome.replies[0].text if outcome.replies else (outcome.toast or "")
    if not result.changed:
        return await participant_view(board, request, admin_session, csrf, None, status=400,
                                      message=("error", text or "Nothing was changed."))
    await board.ranking.update(result.participant_id)
    failed = await board.teller(outcome.notices)
    shown = text.splitlines()[0] if text else "Saved."
    if failed:
        shown += " (The message to them could not be delivered just now.)"
    return _flash_and_go(board, request, path_to(request, "participant", tid=tid), "ok", shown)


def _ids(participant: Participant) -> str:
    return str(participant.telegram_id)


async def ack_action(board: Dashboard, request: Request, admin_session: AdminSession, csrf: str,
                     form: FormData) -> Response:
    flag_word = request.path_params["flag_id"]
    flag_id = int(flag_word) if flag_word.isascii() and flag_word.isdigit() and len(flag_word) <= 9 else 0

    def use_case(ctx: UseCaseContext, admin_id: int, participant: Participant) -> Outcome:
        flag = ctx.session.get(SafetyFlag, flag_id) if flag_id else None
        if flag is None or flag.participant_id != participant.id:
            return Outcome().say(f"{admin_changes.label(participant)} has no flag #{flag_word[:12]}.")
        return admin.acknowledge(ctx, admin_id, str(flag_id))

    return await _change(board, request, admin_session, csrf, use_case)


async def foot_action(board: Dashboard, request: Request, admin_session: AdminSession, csrf: str,
                      form: FormData) -> Response:
    flag_word = _text(form, "flag", 12)
    flag_id = int(flag_word) if flag_word.isdigit() else 0

    def use_case(ctx: UseCaseContext, admin_id: int, participant: Participant) -> Outcome:
        flag = ctx.session.get(SafetyFlag, flag_id) if flag_id else None
        if flag is None or flag.participant_id != participant.id:
            return Outcome().say(f"{admin_changes.label(participant)} has no such foot-wound flag.")
        return admin.clear_foot(ctx, admin_id, flag_id)

    return await _change(board, request, admin_session, csrf, use_case)


def schedule_words(form: FormData) -> str:
    """The form as the words /setschedule takes after the id ('checkin 20:00', 'sessions mon,wed 18:00', …)."""
    part = _text(form, "part", 10)
    if part == "checkin":
        return f"checkin {_text(form, 'time', 10)}"
    if part == "sessions":
        days = [day for day in form.getlist("days") if day in WEEKDAYS]
        return f"sessions {','.join(days) or 'none'} {_text(form, 'time', 10)}"
    if part == "review":
        day = _text(form, "day", 5)
        return f"review {day if day in WEEKDAYS else 'none'} {_text(form, 'time', 10)}"
    return ""


async def schedule_action(board: Dashboard, request: Request, admin_session: AdminSession, csrf: str,
                          form: FormData) -> Response:
    words = schedule_words(form)
    return await _change(board, request, admin_session, csrf, lambda ctx, admin_id, participant:
                         admin_changes.set_schedule(ctx, admin_id, f"{_ids(participant)} {words}"))


async def pause_action(board: Dashboard, request: Request, admin_session: AdminSession, csrf: str,
                       form: FormData) -> Response:
    days = _text(form, "days", 10)
    return await _change(board, request, admin_session, csrf, lambda ctx, admin_id, participant:
                         admin_changes.pause_user(ctx, admin_id, f"{_ids(participant)} {days}".strip()))


async def resume_action(board: Dashboard, request: Request, admin_session: AdminSession, csrf: str,
                        form: FormData) -> Response:
    return await _change(board, request, admin_session, csrf, lambda ctx, admin_id, participant:
                         admin_changes.resume_user(ctx, admin_id, _ids(participant)))


def program_words(form: FormData) -> str:
    """The form as the words /program <id> takes: 'change 2 reps 12', 'add Seated march 2x10 2 kg', 'remove 4'."""
    edit = _text(form, "edit", 10)
    number = _text(form, "number", 3)
    if edit == "change":
        return f"change {number} {_text(form, 'what', 5)} {_text(form, 'value', 30)}"
    if edit == "add":
        dose = f"{_text(form, 'sets', 3)}x{_text(form, 'reps', 3)}"
        return f"add {_text(form, 'name', 80)} {dose} {_text(form, 'load', 30)}".strip()
    if edit == "remove":
        return f"remove {number}"
    return ""


async def program_action(board: Dashboard, request: Request, admin_session: AdminSession, csrf: str,
                         form: FormData) -> Response:
    words = program_words(form)

    def use_case(ctx: UseCaseContext, admin_id: int, participant: Participant) -> Outcome:
        if not words:
            return Outcome().say("Choose a change to make to the program.")
        return admin_changes.show_or_edit_program(ctx, admin_id, f"{_ids(participant)} {words}")

    return await _change(board, request, admin_session, csrf, use_case)
