"""The daily check-in: by buttons (one edited message), by a typed line, by command, backfilled."""

from __future__ import annotations

from datetime import date, timedelta

from coach.domain.states import Awaiting, DraftStatus
from coach.domain.symptoms import (
    ITEM_LABELS,
    ITEMS,
    ParseFailure,
    format_day,
    format_scores,
    needs_foot_check,
    parse_checkin,
)
from coach.domain.understanding.classify import Understanding, understand
from coach.domain.understanding.scores import Ambiguity, Doubt
from coach.services import texts
from coach.services.checkins.callbacks import CheckinCancel, CheckinScore, FootAnswer
from coach.services.plumbing.context import UseCaseContext
from coach.services.plumbing.replies import Outcome, Reply, button_rows
from coach.services.safety import red_flags as safety
from coach.store import checkins as store
from coach.store import notes as note_store
from coach.store import participants as participant_store
from coach.store.models import CheckIn, CheckInDraft, Participant
from coach.store.participants import ParticipantView

FOOT_STEP = len(ITEMS)
_DOUBT_TEXTS = {Doubt.RANGE: texts.AMBIGUOUS_RANGE, Doubt.FRACTION: texts.AMBIGUOUS_FRACTION,
                Doubt.OUT_OF_RANGE: texts.AMBIGUOUS_OUT_OF_RANGE, Doubt.TWO_VALUES: texts.AMBIGUOUS_TWO_VALUES}


def start_buttons(ctx: UseCaseContext, participant: Participant) -> Outcome:
    """/checkin with nothing after it: one message with 0–10 buttons, edited as answers come."""
    today = ctx.local_today(participant)
    draft = store.open_draft(session=ctx.session, participant_id=participant.id, local_date=today, now=ctx.now)
    participant.awaiting = Awaiting.CHECKIN
    reply = _draft_reply(draft, participant, edit=False)
    if store.get_checkin(session=ctx.session, participant_id=participant.id, local_date=today):
        reply = Reply(texts.CHECKIN_ALREADY_TODAY + "\n" + reply.text, buttons=reply.buttons)
    return Outcome(replies=[reply])


def press(ctx: UseCaseContext, participant: Participant, draft_id: int, step: int, value: int) -> Outcome:
    """A 0–10 (or foot yes/no) button on a check-in message."""
    draft = store.get_draft(session=ctx.session, draft_id=draft_id)
    if draft is None or draft.participant_id != participant.id:
        return Outcome(toast=texts.NOT_YOUR_BUTTON)
    if draft.status != DraftStatus.OPEN or step != _next_step(draft, participant):
        return Outcome(toast=texts.STALE_BUTTON)
    if step < FOOT_STEP:
        if not 0 <= value <= 10:
            return Outcome(toast=texts.STALE_BUTTON)
        setattr(draft, ITEMS[step], value)
    else:
        if value not in (0, 1):
            return Outcome(toast=texts.STALE_BUTTON)
        draft.foot_problem = bool(value)
    ctx.session.add(draft)
    if _next_step(draft, participant) is not None:
        return Outcome(replies=[_draft_reply(draft, participant, edit=True)], toast=texts.TOAST_GOT_IT)
    return _save_draft(ctx, participant, draft)


def cancel(ctx: UseCaseContext, participant: Participant) -> Outcome:
    had_something = store.cancel_open_drafts(connection=ctx.connection, participant_id=participant.id) > 0
    had_something = had_something or participant.awaiting is not None
    participant.awaiting = None
    return Outcome().say(texts.CANCELLED if had_something else texts.NOTHING_TO_CANCEL,
                         remove_keyboard=had_something)


def cancel_draft(ctx: UseCaseContext, participant: Participant, draft_id: int) -> Outcome:
    draft = store.get_draft(session=ctx.session, draft_id=draft_id)
    if draft is None or draft.participant_id != participant.id:
        return Outcome(toast=texts.NOT_YOUR_BUTTON)
    if draft.status != DraftStatus.OPEN:
        return Outcome(toast=texts.STALE_BUTTON)
    draft.status = DraftStatus.CANCELLED
    ctx.session.add(draft)
    if participant.awaiting == Awaiting.CHECKIN:  # this was the open draft it waited for
        participant.awaiting = None
    return Outcome().say(texts.CHECKIN_CANCELLED, edit=True)


def submit_command(ctx: UseCaseContext, participant: Participant, text: str) -> Outcome:
    """`/checkin <line>`: red flags first, as for any text, then the check-in itself — whole, or the items given."""
    understood = understand(text, today=ctx.local_today(participant))
    outcome = safety.raise_flags(ctx, participant, list(understood.flags), source="checkin_note") \
        if understood.flags else Outcome()
    if understood.complete or understood.scores or understood.ambiguities or understood.date_problem:
        return outcome.extend(record(ctx, participant, understood, source="command"))
    # No score in it at all: the strict reader says what a check-in line looks like, in the words it was given.
    parsed = parse_checkin(text, today=ctx.local_today(participant))
    return outcome.say(parsed.reason if isinstance(parsed, ParseFailure) else texts.CHECKIN_HOW)


def record(ctx: UseCaseContext, participant: Participant | ParticipantView, understood: Understanding, *,
           source: str) -> Outcome:
    """Store the scores a message gave: the whole check-in, or the items given with the rest asked for."""
    if understood.date_problem:
        return Outcome().say(understood.date_problem)
    if understood.complete and not understood.ambiguities:
        return _save_whole(ctx, participant, understood, source=source)
    return _save_partly(ctx, _full(ctx, participant), understood)


def start_from_button(ctx: UseCaseContext, participant: Participant) -> Outcome:
    """The "Check in now" button offered after a note."""
    outcome = start_buttons(ctx, participant)
    return Outcome(replies=outcome.replies, toast=texts.TOAST_LETS_CHECK_IN)


def _save_whole(ctx: UseCaseContext, participant: Participant | ParticipantView, understood: Understanding, *,
                source: str) -> Outcome:
    scores = understood.scores
    if understood.same_as_yesterday:
        previous = store.get_checkin(session=ctx.session, participant_id=participant.id,
                                     local_date=understood.day - timedelta(days=1))
        if previous is None:
            return Outcome().say(texts.NOTHING_TO_COPY.format(
                day=format_day(understood.day - timedelta(days=1)), how=texts.CHECKIN_HOW))
        scores, source = _scores(previous), "same"
    saved = store.save_checkin(connection=ctx.connection, participant_id=participant.id, local_date=understood.day,
                               scores=scores, note=understood.note, foot_problem=understood.foot_problem,
                               source=source, now=ctx.now)
    if participant.awaiting == Awaiting.CHECKIN:
        # A typed line finishes the button check-in it answered.
        store.cancel_open_drafts(connection=ctx.connection, participant_id=participant.id)
        _full(ctx, participant).awaiting = None
    outcome = Outcome().say(_confirmation(saved.checkin, replaced=saved.replaced))
    if understood.foot_problem:
        outcome.extend(safety.foot_problem_reported(ctx, _full(ctx, participant)))
    elif understood.foot_problem is None and needs_foot_check(participant.condition):
        outcome.say(_foot_question(ctx, participant, understood.day), buttons=button_rows(
            [(texts.BUTTON_FOOT_NO, FootAnswer(participant.id, saved.checkin.id, False).encode()),
             (texts.BUTTON_FOOT_YES, FootAnswer(participant.id, saved.checkin.id, True).encode())]))
    return outcome


def _save_partly(ctx: UseCaseContext, participant: Participant, understood: Understanding) -> Outcome:
    """Some items: an update of a day already checked in, or a button check-in started with them filled in."""
    day = understood.day
    existing = store.get_checkin(session=ctx.session, participant_id=participant.id, local_date=day)
    if existing is not None and understood.scores and not understood.ambiguities:
        scores = {**_scores(existing), **understood.scores}
        saved = store.save_checkin(connection=ctx.connection, participant_id=participant.id, local_date=day,
                                   scores=scores, note=existing.note, foot_problem=existing.foot_problem,
                                   source="typed", now=ctx.now)
        text = texts.PARTIAL_UPDATED.format(day=format_day(day), scores=format_scores(_scores(saved.checkin)))
        return _with_dizzy_hint(Outcome().say(text), understood)
    draft = _draft_for(ctx, participant, day)
    for item, value in understood.scores.items():
        setattr(draft, item, value)
    ctx.session.add(draft)
    participant.awaiting = Awaiting.CHECKIN
    lines = []
    given = {item: getattr(draft, item) for item in ITEMS if getattr(draft, item) is not None}
    if understood.scores:
        lines.append(texts.PARTIAL_SAVED.format(day=format_day(day), scores=format_scores(given)))
    lines.extend(_ask_about(ambiguity) for ambiguity in understood.ambiguities)
    if _next_step(draft, participant) is None:
        outcome = _save_draft(ctx, participant, draft)
        return Outcome(replies=[Reply(r.text, buttons=r.buttons) for r in outcome.replies],
                       admin_alerts=outcome.admin_alerts)
    missing = [ITEM_LABELS[item] for item in ITEMS if getattr(draft, item) is None]
    if missing:
        lines.append(texts.PARTIAL_STILL_NEED.format(missing=_join(missing), example=_example_for(draft)))
    outcome = Outcome().say("\n".join(lines)) if lines else Outcome()
    outcome.replies.append(_draft_reply(draft, participant, edit=False))
    return _with_dizzy_hint(outcome, understood)


def _draft_for(ctx: UseCaseContext, participant: Participant, day: date) -> CheckInDraft:
    """The open button check-in for that day, to add to; or a new one."""
    if participant.awaiting == Awaiting.CHECKIN:
        draft = store.get_open_draft(session=ctx.session, participant_id=participant.id)
        if draft is not None and draft.local_date == day:
            return draft
    return store.open_draft(session=ctx.session, participant_id=participant.id, local_date=day, now=ctx.now)


def _ask_about(ambiguity: Ambiguity) -> str:
    return _DOUBT_TEXTS[ambiguity.doubt].format(item=ITEM_LABELS[ambiguity.item], written=ambiguity.written)


def _with_dizzy_hint(outcome: Outcome, understood: Understanding) -> Outcome:
    if understood.dizzy:
        outcome.say(texts.DIZZY_NOT_A_SCORE)
    return outcome


def _example_for(draft: CheckInDraft) -> str:
    return " ".join(f"{item} {value}" for item, value in zip(ITEMS, (4, 2, 3, 1), strict=True)
                    if getattr(draft, item) is None)


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else texts.LIST_AND.format(rest=", ".join(words[:-1]), last=words[-1])


def _full(ctx: UseCaseContext, participant: Participant | ParticipantView) -> Participant:
    """The ORM participant, for use cases that change them (the everyday path reads a light view)."""
    if isinstance(participant, Participant):
        return participant
    return participant_store.get_by_telegram_id(session=ctx.session, telegram_id=participant.telegram_id)


def answer_foot_check(ctx: UseCaseContext, participant: Participant, checkin_id: int, problem: bool) -> Outcome:
    """The foot question asked after a typed check-in from someone with diabetic neuropathy."""
    checkin = store.get_checkin_by_id(session=ctx.session, checkin_id=checkin_id)
    if checkin is None or checkin.participant_id != participant.id:
        return Outcome(toast=texts.NOT_YOUR_BUTTON)
    if checkin.foot_problem is not None:
        return Outcome(toast=texts.STALE_BUTTON)
    checkin.foot_problem = problem
    ctx.session.add(checkin)
    saved = texts.FOOT_ANSWER_SAVED_PROBLEM if problem else texts.FOOT_ANSWER_SAVED_FINE
    outcome = Outcome().say(saved.format(question=_foot_question(ctx, participant, checkin.local_date)), edit=True)
    if problem:
        outcome.extend(safety.foot_problem_reported(ctx, participant))
    return outcome


def history(ctx: UseCaseContext, participant: Participant, *, days: int = 14) -> Outcome:
    """/history: the last two weeks' check-ins and diary notes, newest first."""
    rows = store.recent_checkins(session=ctx.session, participant_id=participant.id, limit=days)
    since = min([c.local_date for c in rows], default=ctx.local_today(participant) - timedelta(days=days - 1))
    # A check-in line's own words are shown with its scores; a note kept with the day's check-in later is not
    # one of them, so it is shown too.
    own_words = {(c.id, c.note) for c in rows if c.note}
    notes = [n for n in note_store.recent(session=ctx.session, participant_id=participant.id, since=since)
             if (n.checkin_id, n.text) not in own_words]
    if not rows and not notes:
        return Outcome().say(texts.HISTORY_EMPTY)
    by_day: dict[date, list[str]] = {}
    for checkin in rows:
        line = format_scores(_scores(checkin))
        if checkin.note:
            line += "\n   " + texts.HISTORY_NOTE.format(note=_short(checkin.note))
        by_day.setdefault(checkin.local_date, []).append(line)
    for note in notes:
        by_day.setdefault(note.local_date, []).append(texts.HISTORY_NOTE.format(note=_short(note.text)))
    lines = [texts.HISTORY_DAY.format(day=format_day(day), entries="\n   ".join(by_day[day]))
             for day in sorted(by_day, reverse=True)]
    return Outcome().say("\n".join([texts.HISTORY_TITLE, *lines]))


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _confirmation(checkin: CheckIn | store.StoredCheckIn, *, replaced: bool) -> str:
    lines = [texts.CHECKIN_SAVED.format(day=format_day(checkin.local_date), scores=format_scores(_scores(checkin)))]
    if checkin.note:
        lines.append(texts.CHECKIN_SAVED_NOTE.format(note=checkin.note))
    if checkin.foot_problem is not None:
        lines.append(texts.CHECKIN_SAVED_FOOT_PROBLEM if checkin.foot_problem else texts.CHECKIN_SAVED_FOOT_FINE)
    if replaced:
        lines.append(texts.CHECKIN_REPLACED)
    return "\n".join(lines)


def _foot_question(ctx: UseCaseContext, participant: Participant, day: date) -> str:
    if day == ctx.local_today(participant):
        return texts.FOOT_QUESTION
    return texts.FOOT_QUESTION_FOR_DAY.format(day=format_day(day))


def _save_draft(ctx: UseCaseContext, participant: Participant, draft: CheckInDraft) -> Outcome:
    scores = _scores(draft)
    saved = store.save_checkin(connection=ctx.connection, participant_id=participant.id, local_date=draft.local_date,
                               scores=scores, note=None, foot_problem=draft.foot_problem, source="buttons",
                               now=ctx.now)
    draft.status = DraftStatus.SAVED
    ctx.session.add(draft)
    if participant.awaiting == Awaiting.CHECKIN:  # this was the open draft it waited for
        participant.awaiting = None
    outcome = Outcome(replies=[Reply(_confirmation(saved.checkin, replaced=saved.replaced), edit=True)],
                      toast=texts.TOAST_SAVED)
    if draft.foot_problem:
        outcome.extend(safety.foot_problem_reported(ctx, participant))
    return outcome


def _next_step(draft: CheckInDraft, participant: Participant) -> int | None:
    for index, item in enumerate(ITEMS):
        if getattr(draft, item) is None:
            return index
    if needs_foot_check(participant.condition) and draft.foot_problem is None:
        return FOOT_STEP
    return None


def _draft_reply(draft: CheckInDraft, participant: Participant, *, edit: bool) -> Reply:
    step = _next_step(draft, participant)
    answered = {item: getattr(draft, item) for item in ITEMS if getattr(draft, item) is not None}
    lines = [texts.CHECKIN_FOR_DAY.format(day=format_day(draft.local_date))]
    if answered:
        lines.append(format_scores(answered))
    cancel_row = [(texts.BUTTON_CANCEL, CheckinCancel(participant.id, draft.id).encode())]

    def score(value: int) -> str:
        return CheckinScore(participant.id, draft.id, step, value).encode()

    if step == FOOT_STEP:
        lines.append("\n" + texts.FOOT_QUESTION)
        buttons = button_rows([(texts.BUTTON_FOOT_NO, score(0)), (texts.BUTTON_FOOT_YES, score(1))], cancel_row)
    else:
        item = ITEMS[step]
        lines.append("\n" + texts.CHECKIN_ITEM_QUESTION.format(item=ITEM_LABELS[item].capitalize()))
        if step == 0:
            lines.append(texts.CHECKIN_TYPE_ALL_FOUR)
        buttons = button_rows([(str(v), score(v)) for v in range(0, 6)],
                              [(str(v), score(v)) for v in range(6, 11)], cancel_row)
    return Reply("\n".join(lines), buttons=buttons, edit=edit)


def _scores(row: CheckIn | CheckInDraft | store.StoredCheckIn) -> dict[str, int]:
    """The four scores of a stored check-in or a finished draft."""
    return {item: getattr(row, item) for item in ITEMS}
