"""The pages: triage, one participant (and their chart), the audit log, the downloads."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from coach.services.plumbing.context import UseCaseContext
from coach.services.reports.chart import render_png
from coach.services.reports.clinician_pdf import render_pdf
from coach.services.reports.export import to_csv
from coach.services.reports.fhir import render_fhir
from coach.store import audit as audit_store
from coach.store.export import rows_about
from coach.web import pages
from coach.web.common import Dashboard, no_participant, render, take_flash, with_headers
from coach.web.security import FLASH_COOKIE, AdminSession


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
        return no_participant(board, request, tid, admin_session, csrf)
    if message is None:
        message = board.signer.read_flash(request.cookies.get(FLASH_COOKIE))
    response = render(board, request, "participant.html", status, admin=admin_session, csrf=csrf, p=page,
                      message=message)
    take_flash(board, request, response)
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
        return no_participant(board, request, tid, admin_session, csrf)
    png = await asyncio.to_thread(render_png, chart, size=size)
    return with_headers(Response(png, media_type="image/png"))


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
            return no_participant(board, request, tid, admin_session, csrf)
        tables, today = found
        if kind == "csv":
            body = to_csv(tables)
        elif kind == "pdf":
            body = await asyncio.to_thread(render_pdf, dict(tables), today=today)
        else:
            body = render_fhir(dict(tables))
        name = f"coach-{tid}-{today.isoformat()}.{suffix}"
        return with_headers(Response(body, media_type=media,
                                 headers={"Content-Disposition": f'attachment; filename="{name}"'}))

    return view


async def audit_view(board: Dashboard, request: Request, admin_session: AdminSession, csrf: str,
                     _: FormData | None) -> Response:
    page = _int(request.query_params.get("page"), 1)
    found = await board.runner.run_async(lambda ctx: pages.audit_page(ctx, page=page))
    return render(board, request, "audit.html", admin=admin_session, csrf=csrf, audit=found)


