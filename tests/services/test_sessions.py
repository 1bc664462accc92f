"""Training sessions' use cases: the reminder's buttons, the three questions after Done, Skip, Snooze, /log."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from coach.scheduler import planner
from coach.services import texts
from coach.services.training import sessions
from coach.store import reminders as reminder_store
from coach.store.models import Reminder, SessionLog
from tests.helpers.use_cases import START, Desk, flat_labels, labels, onboard, texts_of

# Mon 23 Nov 2026, 18:00 Berlin = 17:00 UTC: a default training day's session time.
MONDAY_SESSION = START + timedelta(days=2)
MONDAY = date(2026, 11, 23)
SCORE_ROWS = [[str(v) for v in range(0, 6)], [str(v) for v in range(6, 11)]]


def _logs(someone) -> list[tuple]:
    return [(log.local_date, log.status, log.rpe, log.pain, log.reps, log.source)
            for log in sorted(someone.rows(SessionLog), key=lambda log: log.local_date)]


def _monday_reminder(desk: Desk, someone) -> int:
    """Monday 18:00 Berlin, the planner having queued the day: the id of the session reminder."""
    desk.clock.set(MONDAY_SESSION)
    desk.run(lambda ctx: planner.plan_page(ctx))
    [reminder] = [r for r in someone.rows(Reminder) if r.kind == "session" and r.local_date == MONDAY]
    return reminder.id


def _answer(someone, question: str, value: int):
    [log] = someone.rows(SessionLog)
    return someone.does(lambda ctx, p: sessions.answer(ctx, p, log.id, question, value))


@pytest.fixture
def ann(desk: Desk):
    someone = desk.person(4001, "Ann")
    onboard(someone)
    return someone


def test_done_then_effort_pain_and_reps_store_one_session_and_confirm_it_in_words(desk: Desk, ann):
    """Done on the reminder: the reminder is answered in place and effort asked with 0–10; effort 6, pain 2 and
    '2+ more' follow, each edited in; the last confirms the whole session, stored once with every answer."""
    reminder_id = _monday_reminder(desk, ann)
    done = ann.does(lambda ctx, p: sessions.reminder_button(ctx, p, reminder_id, "d"))
    assert done.toast == "Saved" and done.replies[0].edit
    pressed = done.replies[0].text
    assert pressed.startswith("Training day, Ann") and pressed.endswith("→ Mon 23 Nov: done ✅")
    assert "How hard did it feel overall?" in done.replies[1].text and labels(done) == SCORE_ROWS
    assert _logs(ann) == [(MONDAY, "done", None, None, None, "buttons")]

    assert "Any nerve pain during the session?" in texts_of(_answer(ann, "rpe", 6))
    reps = _answer(ann, "pain", 2)
    assert "Did you manage the target reps?" in texts_of(reps)
    assert flat_labels(reps) == ["Fewer than planned", "As planned", "2+ more"]
    final = _answer(ann, "reps", 2)
    assert final.replies[0].text == "Saved: session Mon 23 Nov: done · effort 6 · pain during 2 · reps 2+ more"
    assert "Well done" in texts_of(final) and labels(final) == []
    assert _logs(ann) == [(MONDAY, "done", 6, 2, "more", "buttons")]
    assert ann.rows(SessionLog)[0].asking is None


def test_an_answer_to_a_question_already_answered_is_stale(desk: Desk, ann):
    """Effort pressed again once pain is being asked: 'no longer active', and effort stays as first given."""
    reminder_id = _monday_reminder(desk, ann)
    ann.does(lambda ctx, p: sessions.reminder_button(ctx, p, reminder_id, "d"))
    _answer(ann, "rpe", 4)
    assert _answer(ann, "rpe", 9).toast == texts.STALE_BUTTON
    assert _logs(ann)[0][2] == 4


def test_high_pain_during_a_partial_session_gets_a_word_of_care(desk: Desk, ann):
    """Partly, effort 8, pain 7, fewer reps: stored as said, and the reply says never to push through pain."""
    reminder_id = _monday_reminder(desk, ann)
    ann.does(lambda ctx, p: sessions.reminder_button(ctx, p, reminder_id, "p"))
    _answer(ann, "rpe", 8)
    _answer(ann, "pain", 7)
    final = _answer(ann, "reps", 0)
    assert "partly done · effort 8 · pain during 7 · reps fewer than planned" in texts_of(final)
    assert "never push through it" in texts_of(final) and "Well done" not in texts_of(final)
    assert _logs(ann) == [(MONDAY, "partly", 8, 7, "fewer", "buttons")]


def test_skip_today_is_stored_asks_nothing_and_leaves_nothing_to_snooze(desk: Desk, ann):
    """Skip today: a kind word, a skipped session and no questions; Snooze pressed afterwards is refused and
    queues no second reminder."""
    reminder_id = _monday_reminder(desk, ann)
    skipped = ann.does(lambda ctx, p: sessions.reminder_button(ctx, p, reminder_id, "s"))
    assert "→ Mon 23 Nov: skipped" in skipped.replies[0].text
    assert "Rest is part of training too" in texts_of(skipped) and labels(skipped) == []
    assert _logs(ann) == [(MONDAY, "skipped", None, None, None, "buttons")]
    snooze = ann.does(lambda ctx, p: sessions.reminder_button(ctx, p, reminder_id, "z"))
    assert snooze.toast == "You've already logged today's session." and snooze.replies == []
    assert [r for r in ann.rows(Reminder) if r.kind == reminder_store.SNOOZED_SESSION] == []


def test_snooze_queues_the_reminder_again_thirty_minutes_later(desk: Desk, ann):
    """Snooze at 18:00: the reminder says 18:30, and one snoozed reminder is queued for then; nothing is logged."""
    reminder_id = _monday_reminder(desk, ann)
    snoozed = ann.does(lambda ctx, p: sessions.reminder_button(ctx, p, reminder_id, "z"))
    assert snoozed.toast == "Snoozed" and "I'll remind you again at 18:30" in texts_of(snoozed)
    again = [(r.local_date, r.due_at, r.status) for r in ann.rows(Reminder) if r.kind == reminder_store.SNOOZED_SESSION]
    assert again == [(MONDAY, MONDAY_SESSION + timedelta(minutes=30), "queued")]
    assert _logs(ann) == []


def test_someone_elses_reminder_is_not_theirs(desk: Desk, ann):
    """Bo pressing Done on Ann's reminder: 'isn't for you'; no session is logged for either."""
    reminder_id = _monday_reminder(desk, ann)
    bo = desk.person(4002, "Bo")
    onboard(bo)
    refused = bo.does(lambda ctx, p: sessions.reminder_button(ctx, p, reminder_id, "d"))
    assert refused.toast == texts.NOT_YOUR_BUTTON
    assert _logs(ann) == [] and _logs(bo) == []


def test_log_typed_with_every_part_is_stored_and_confirmed(desk: Desk, ann):
    """/log done rpe 6 pain 3 reps more: stored for today with each part, confirmed in the same words."""
    desk.clock.set(MONDAY_SESSION + timedelta(hours=1))
    outcome = ann.does(lambda ctx, p: sessions.log_command(ctx, p, "done rpe 6 pain 3 reps more"))
    assert outcome.replies[0].text == "Saved: session Mon 23 Nov: done · effort 6 · pain during 3 · reps 2+ more"
    assert _logs(ann) == [(MONDAY, "done", 6, 3, "more", "command")]


def test_log_backfilled_without_every_part_says_how_to_add_the_rest(desk: Desk, ann):
    """/log yesterday partly rpe 5: stored for Sunday, with an example naming that date to add the rest."""
    desk.clock.set(MONDAY_SESSION)
    outcome = ann.does(lambda ctx, p: sessions.log_command(ctx, p, "yesterday partly rpe 5"))
    assert "Saved: session Sun 22 Nov: partly done · effort 5" in texts_of(outcome)
    assert "/log 2026-11-22 partly rpe 6 pain 2 reps planned" in texts_of(outcome)
    assert _logs(ann) == [(date(2026, 11, 22), "partly", 5, None, None, "command")]


def test_a_second_log_the_same_day_replaces_the_first_and_says_so(desk: Desk, ann):
    """/log done rpe 6, then /log skipped: one session, skipped, and the reply says it replaces the earlier one."""
    ann.does(lambda ctx, p: sessions.log_command(ctx, p, "done rpe 6"))
    again = ann.does(lambda ctx, p: sessions.log_command(ctx, p, "skipped"))
    assert "replaces your earlier entry" in texts_of(again)
    assert _logs(ann) == [(START.date(), "skipped", None, None, None, "command")]


def test_bare_log_offers_todays_buttons_and_a_press_logs_today(ann):
    """/log alone: Done / Partly / Skipped for today; Done then asks effort like the reminder does."""
    offered = ann.does(lambda ctx, p: sessions.log_command(ctx, p, ""))
    assert "How did today's session go?" in texts_of(offered)
    assert flat_labels(offered) == ["✅ Done", "🌓 Partly", "Skipped"]
    pressed = ann.does(lambda ctx, p: sessions.log_button(ctx, p, "d", "20261121"))
    assert pressed.replies[0].text == "Session Sat 21 Nov: done." and "How hard did it feel" in texts_of(pressed)
    assert _logs(ann) == [(START.date(), "done", None, None, None, "buttons")]


def test_a_log_button_from_another_day_is_stale(ann):
    """A /log button offered yesterday, pressed today: 'no longer active', and nothing is filed under today."""
    pressed = ann.does(lambda ctx, p: sessions.log_button(ctx, p, "d", "20261120"))
    assert pressed.toast == texts.STALE_BUTTON and _logs(ann) == []


@pytest.mark.parametrize(("typed", "answer"), [
    ("done rpe 11", "0 to 10"),
    ("finished pain", "needs a value"),
    ("walked", "done, partly or skipped"),
    ("2026-11-10 done", "more than 7 days ago"),
    ("tomorrow done", "in the future"),
    ("done rpe 5 rpe 6", "given twice"),
    ("skipped rpe 4", "no effort"),
])
def test_log_it_cannot_read_is_explained_and_stores_nothing(ann, typed: str, answer: str):
    """Each unreadable /log gets an answer naming the problem, and no session is stored."""
    outcome = ann.does(lambda ctx, p: sessions.log_command(ctx, p, typed))
    assert answer in texts_of(outcome) and "Saved" not in texts_of(outcome)
    assert _logs(ann) == []
