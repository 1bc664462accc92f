"""The dashboard as an ASGI app: sign-in by a one-time link, triage, one participant, the audit log, downloads.

Every page checks the session cookie and that its admin is still in COACH_ADMIN_IDS (coach/web/common.py);
every form carries a CSRF token; every change runs through the same admin use case as the Telegram command,
behind `gate.for_admin`, audited in its transaction, and the participant is told afterwards through
`coach.web.tell` (coach/web/changes.py).
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Callable
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from starlette.applications import Starlette
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from coach.core.clock import Clock
from coach.core.config import Settings
from coach.domain.program import describe_exercise
from coach.domain.schedule import format_weekdays
from coach.domain.sessions import REPS_LABELS, STATUS_LABELS
from coach.services.plumbing.runner import UseCaseRunner
from coach.web import changes, pages, signin, views
from coach.web.common import Dashboard, anyone, not_found, path_for, server_error, signed_in
from coach.web.ranking import RankingCache
from coach.web.security import Signer
from coach.web.tell import Teller

log = logging.getLogger(__name__)
HERE = Path(__file__).parent


def create_app(settings: Settings, *, engine: Engine, clock: Clock, teller: Teller, secret: str | None = None,
               on_close: Callable[[], Any] | None = None) -> Starlette:
    """The dashboard. `secret` defaults to COACH_WEB_SECRET (on a local-only dashboard without one, a key for
    this process: its sessions end when it stops)."""
    if secret is None:
        secret = settings.require_web_secret()
    if secret is None:
        log.warning("dashboard: COACH_WEB_SECRET is not set; using a key for this process only (local use)")
        secret = secrets.token_urlsafe(32)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals.update(path_for=path_for, format_weekdays=format_weekdays,
                                 describe_exercise=describe_exercise, decision_label=pages.decision_label,
                                 weekdays=changes.WEEKDAYS, ranges=list(pages.RANGES), states=pages.STATE_FILTERS,
                                 reps_labels=REPS_LABELS, status_labels=STATUS_LABELS)
    runner = UseCaseRunner(engine, clock, default_timezone=settings.coach_default_timezone,
                           admin_ids=settings.coach_admin_ids)
    teller.bind(runner, settings)
    board = Dashboard(settings=settings, runner=runner, ranking=RankingCache(runner),
                      signer=Signer(secret, lifetime=timedelta(hours=settings.coach_web_session_hours)),
                      teller=teller, templates=templates, secure_cookies=settings.web_url().startswith("https://"))

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

    def page(view: Callable, *, post: bool = False) -> Callable:
        return signed_in(board, view, post=post)

    routes = [
        Route("/", page(views.triage_view), name="triage"),
        Route("/login", anyone(board, signin.login_form), name="login", methods=["GET"]),
        Route("/login", anyone(board, signin.login), name="login_post", methods=["POST"]),
        Route("/logout", page(signin.logout, post=True), name="logout", methods=["POST"]),
        Route("/audit", page(views.audit_view), name="audit"),
        Route("/p/{tid}", page(views.participant_view), name="participant"),
        Route("/p/{tid}/chart.png", page(views.chart_view), name="chart"),
        Route("/p/{tid}/export.csv", page(views.download_view("csv")), name="download_csv"),
        Route("/p/{tid}/summary.pdf", page(views.download_view("pdf")), name="download_pdf"),
        Route("/p/{tid}/fhir.json", page(views.download_view("fhir")), name="download_fhir"),
        Route("/p/{tid}/flags/{flag_id}/ack", page(changes.ack_action, post=True), name="ack", methods=["POST"]),
        Route("/p/{tid}/foot", page(changes.foot_action, post=True), name="foot", methods=["POST"]),
        Route("/p/{tid}/schedule", page(changes.schedule_action, post=True), name="schedule", methods=["POST"]),
        Route("/p/{tid}/pause", page(changes.pause_action, post=True), name="pause", methods=["POST"]),
        Route("/p/{tid}/resume", page(changes.resume_action, post=True), name="resume", methods=["POST"]),
        Route("/p/{tid}/program", page(changes.program_action, post=True), name="program", methods=["POST"]),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    app = Starlette(routes=routes, lifespan=lifespan,
                    exception_handlers={404: not_found(board), 500: server_error(board)})
    app.state.dashboard = board
    return app
