"""Changes from the dashboard: each through the admin command's own use case and the one admin guard, audited
in its transaction; the participant told once it is committed (coach/web/tell.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from coach.services.admin import changes as admin_changes
from coach.services.admin import flags as admin
from coach.services.plumbing import gate, outbox
from coach.services.plumbing.context import UseCaseContext
from coach.services.plumbing.replies import Outcome
from coach.store import audit as audit_store
from coach.store.models import Participant, SafetyFlag
from coach.web import pages
from coach.web.common import Dashboard, flash_and_go, form_text, no_participant, path_to
from coach.web.security import AdminSession
from coach.web.views import participant_view

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class ActionResult:
    outcome: Outcome | None  # None: no such participant
    changed: bool
    participant_id: int | None = None
    recorded: outbox.Recorded | None = None



AdminChange = Callable[[UseCaseContext, int, Participant], Outcome]


async def _change(board: Dashboard, request: Request, admin_session: AdminSession, csrf: str,
                  use_case: AdminChange) -> Response:
    """Run one admin use case for the participant of the URL, through the one admin guard; tell the participant
    once it is committed; show what happened."""
    tid = request.path_params["tid"]
    worker = await board.teller.ready()

    def run(ctx: UseCaseContext) -> ActionResult:
        participant = pages.find_participant(ctx, tid)
        if participant is None:
            return ActionResult(None, False)
        before = audit_store.count_for(session=ctx.session, participant_id=participant.id)
        outcome = gate.for_admin(ctx, admin_session.admin_id,
                                 lambda ctx, admin_id: use_case(ctx, admin_id, participant), command="/dashboard")
        # What the participant is told is stored with the change (the admin's own words are this page).
        recorded = outbox.record(ctx, outcome, outbox.Target(None, None), worker=worker)
        return ActionResult(outcome, audit_store.count_for(session=ctx.session, participant_id=participant.id) > before,
                            participant.id, recorded)

    result = await board.runner.run_async(run)
    if result.outcome is None:
        return no_participant(board, request, tid, admin_session, csrf)
    outcome = result.outcome
    text = outcome.replies[0].text if outcome.replies else (outcome.toast or "")
    if not result.changed:
        return await participant_view(board, request, admin_session, csrf, None, status=400,
                                      message=("error", text or "Nothing was changed."))
    await board.ranking.update(result.participant_id)
    shown = text.splitlines()[0] if text else "Saved."
    if result.recorded is not None and result.recorded.rows:
        if worker is None:
            shown += " (Telegram cannot be reached just now; they will be told as soon as it can.)"
        else:
            await board.teller.send(result.recorded)
    return flash_and_go(board, request, path_to(request, "participant", tid=tid), "ok", shown)


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
    flag_word = form_text(form, "flag", 12)
    flag_id = int(flag_word) if flag_word.isdigit() else 0

    def use_case(ctx: UseCaseContext, admin_id: int, participant: Participant) -> Outcome:
        flag = ctx.session.get(SafetyFlag, flag_id) if flag_id else None
        if flag is None or flag.participant_id != participant.id:
            return Outcome().say(f"{admin_changes.label(participant)} has no such foot-wound flag.")
        return admin.clear_foot(ctx, admin_id, flag_id, participant.id)

    return await _change(board, request, admin_session, csrf, use_case)


def schedule_words(form: FormData) -> str:
    """The form as the words /setschedule takes after the id ('checkin 20:00', 'sessions mon,wed 18:00', …)."""
    part = form_text(form, "part", 10)
    if part == "checkin":
        return f"checkin {form_text(form, 'time', 10)}"
    if part == "sessions":
        days = [day for day in form.getlist("days") if day in WEEKDAYS]
        return f"sessions {','.join(days) or 'none'} {form_text(form, 'time', 10)}"
    if part == "review":
        day = form_text(form, "day", 5)
        return f"review {day if day in WEEKDAYS else 'none'} {form_text(form, 'time', 10)}"
    return ""


async def schedule_action(board: Dashboard, request: Request, admin_session: AdminSession, csrf: str,
                          form: FormData) -> Response:
    words = schedule_words(form)
    return await _change(board, request, admin_session, csrf, lambda ctx, admin_id, participant:
                         admin_changes.set_schedule(ctx, admin_id, f"{_ids(participant)} {words}"))


async def pause_action(board: Dashboard, request: Request, admin_session: AdminSession, csrf: str,
                       form: FormData) -> Response:
    days = form_text(form, "days", 10)
    return await _change(board, request, admin_session, csrf, lambda ctx, admin_id, participant:
                         admin_changes.pause_user(ctx, admin_id, f"{_ids(participant)} {days}".strip()))


async def resume_action(board: Dashboard, request: Request, admin_session: AdminSession, csrf: str,
                        form: FormData) -> Response:
    return await _change(board, request, admin_session, csrf, lambda ctx, admin_id, participant:
                         admin_changes.resume_user(ctx, admin_id, _ids(participant)))


def program_words(form: FormData) -> str:
    """The form as the words /program <id> takes: 'change 2 reps 12', 'add Seated march 2x10 2 kg', 'remove 4'."""
    edit = form_text(form, "edit", 10)
    number = form_text(form, "number", 3)
    if edit == "change":
        return f"change {number} {form_text(form, 'what', 5)} {form_text(form, 'value', 30)}"
    if edit == "add":
        dose = f"{form_text(form, 'sets', 3)}x{form_text(form, 'reps', 3)}"
        return f"add {form_text(form, 'name', 80)} {dose} {form_text(form, 'load', 30)}".strip()
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

