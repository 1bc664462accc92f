"""The daily check-in's use cases: a typed line, a partial one finished by presses, buttons, corrections,
backfills, the foot check and /history — each Outcome and what it stored."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from coach.services import texts
from coach.services.checkins import daily
from coach.store.models import CheckIn, CheckInDraft, CheckInRevision, Note, SafetyFlag
from tests.helpers.use_cases import ADMIN_IDS, Desk, flat_labels, labels, onboard, texts_of

TODAY = date(2026, 11, 21)  # Saturday, in Berlin at the desk's instant
SCORE_ROWS = [[str(v) for v in range(0, 6)], [str(v) for v in range(6, 11)], ["Cancel"]]


def _scores(someone) -> list[tuple]:
    return [(c.local_date, c.pain, c.numbness, c.tingling, c.balance, c.note, c.foot_problem, c.source)
            for c in sorted(someone.rows(CheckIn), key=lambda c: c.local_date)]


def _press(someone, step: int, value: int):
    draft = someone.open_draft()
    return someone.does(lambda ctx, p: daily.press(ctx, p, draft.id, step, value))


@pytest.fixture
def ann(desk: Desk):
    someone = desk.person(2001, "Ann")
    onboard(someone)
    return someone


def test_a_typed_line_is_stored_and_each_item_named_back(ann):
    """'pain 4 numbness 2 tingling 3 balance 1 - slept badly': one check-in for today with its note, and a reply
    naming every item, its value and the note."""
    outcome = ann.says("pain 4 numbness 2 tingling 3 balance 1 - slept badly")
    assert texts_of(outcome) == ("Saved for Sat 21 Nov: pain 4 · numbness 2 · tingling 3 · balance 1\n"
                                 "Note: slept badly")
    assert labels(outcome) == [] and outcome.admin_alerts == []
    assert _scores(ann) == [(TODAY, 4, 2, 3, 1, "slept badly", None, "typed")]
    [note] = ann.rows(Note)
    assert (note.text, note.checkin_id) == ("slept badly", ann.rows(CheckIn)[0].id)


def test_a_partial_line_keeps_a_draft_and_asks_for_the_rest_with_buttons(ann):
    """'pain 6, numbness 2': both named back, tingling and balance asked for (tingling with 0–10 buttons and
    Cancel), and nothing is a check-in yet — only a draft holding what was given."""
    outcome = ann.says("pain 6, numbness 2")
    said = texts_of(outcome)
    assert "Got it for Sat 21 Nov: pain 6 · numbness 2." in said
    assert "I still need tingling/burning and balance/unsteadiness" in said and "Tingling/burning right now?" in said
    assert labels(outcome) == SCORE_ROWS
    assert ann.rows(CheckIn) == []
    draft = ann.open_draft()
    assert (draft.pain, draft.numbness, draft.tingling, draft.balance) == (6, 2, None, None)


def test_presses_finish_a_partial_check_in_and_the_last_saves_all_four(ann):
    """After 'pain 6, numbness 2', tingling 3 and balance 1 by button: the first press edits the message and
    asks balance, the last says 'Saved' with all four, and the draft becomes one stored check-in."""
    ann.says("pain 6, numbness 2")
    middle = _press(ann, 2, 3)
    assert middle.toast == "Got it" and middle.replies[0].edit
    assert "tingling 3" in texts_of(middle) and "Balance/unsteadiness right now?" in texts_of(middle)
    done = _press(ann, 3, 1)
    assert done.toast == "Saved" and done.replies[0].edit
    assert texts_of(done) == "Saved for Sat 21 Nov: pain 6 · numbness 2 · tingling 3 · balance 1"
    assert _scores(ann) == [(TODAY, 6, 2, 3, 1, None, None, "buttons")]
    assert [d.status for d in ann.rows(CheckInDraft)] == ["saved"] and ann.stored().awaiting is None


def test_a_stale_or_out_of_turn_press_is_refused_and_changes_nothing(ann):
    """A press for a step already answered, or a value no button offers, gets 'no longer active' and the draft
    stays as it was."""
    ann.does(daily.start_buttons)
    _press(ann, 0, 4)
    assert _press(ann, 0, 7).toast == texts.STALE_BUTTON
    assert _press(ann, 1, 11).toast == texts.STALE_BUTTON
    draft = ann.open_draft()
    assert (draft.pain, draft.numbness) == (4, None) and ann.rows(CheckIn) == []


def test_someone_elses_check_in_button_is_not_theirs(desk: Desk, ann):
    """Bo pressing a button of Ann's check-in message: 'isn't for you', and Ann's draft is untouched."""
    ann.does(daily.start_buttons)
    bo = desk.person(2002, "Bo")
    onboard(bo)
    draft = ann.open_draft()
    refused = bo.does(lambda ctx, p: daily.press(ctx, p, draft.id, 0, 9))
    assert refused.toast == texts.NOT_YOUR_BUTTON and refused.replies == []
    assert ann.open_draft().pain is None and bo.rows(CheckInDraft) == []


def test_an_out_of_range_score_is_refused_and_not_stored(ann):
    """'pain 11 …': the reply says scores go from 0 to 10 and asks pain again; no check-in is stored and
    the 11 is nowhere."""
    outcome = ann.says("pain 11 numbness 2 tingling 3 balance 1")
    assert "For pain you wrote pain 11, but scores go from 0 (none) to 10 (worst)." in texts_of(outcome)
    assert "Pain right now?" in texts_of(outcome) and labels(outcome) == SCORE_ROWS
    assert ann.rows(CheckIn) == []
    draft = ann.open_draft()
    assert (draft.pain, draft.numbness, draft.tingling, draft.balance) == (None, 2, 3, 1)


def test_a_correction_the_same_day_replaces_the_entry_says_so_and_keeps_the_old_as_a_revision(desk: Desk, ann):
    """A second line an hour later: the reply says it replaces the earlier entry; one check-in holds the new
    scores, one revision the old ones."""
    ann.says("p4 n2 t3 b1")
    desk.clock.advance(timedelta(hours=1))
    outcome = ann.says("p6 n2 t3 b1")
    assert "Saved for Sat 21 Nov: pain 6" in texts_of(outcome)
    assert "This replaces your earlier entry for that day" in texts_of(outcome)
    assert _scores(ann) == [(TODAY, 6, 2, 3, 1, None, None, "typed")]
    assert [(r.pain, r.replaced_at) for r in desk.all(CheckInRevision)] == [(4, desk.clock.now())]


def test_one_item_typed_after_a_check_in_updates_just_that_item(ann):
    """'pain 7' after today's check-in: only pain changes, the reply names all four as updated."""
    ann.says("p4 n2 t3 b1")
    outcome = ann.says("pain 7")
    assert texts_of(outcome).startswith("Updated Sat 21 Nov: pain 7 · numbness 2 · tingling 3 · balance 1")
    assert [row[1:5] for row in _scores(ann)] == [(7, 2, 3, 1)] and ann.rows(CheckInDraft) == []


def test_a_backfill_is_stored_for_its_own_day_and_too_old_a_day_is_refused(ann):
    """/checkin for Thursday is stored under Thursday; a day more than 7 days back is explained and not stored."""
    saved = ann.does(lambda ctx, p: daily.submit_command(ctx, p, "2026-11-19 p1 n2 t1 b0"))
    assert texts_of(saved) == "Saved for Thu 19 Nov: pain 1 · numbness 2 · tingling 1 · balance 0"
    refused = ann.does(lambda ctx, p: daily.submit_command(ctx, p, "2026-11-10 p1 n1 t1 b1"))
    assert "more than 7 days ago" in texts_of(refused)
    yesterday = ann.says("yesterday pain 3 numbness 3 tingling 3 balance 3")
    assert "Saved for Fri 20 Nov" in texts_of(yesterday)
    assert [(row[0], row[-1]) for row in _scores(ann)] == [(date(2026, 11, 19), "command"),
                                                          (date(2026, 11, 20), "typed")]


def test_a_typed_line_from_a_diabetic_participant_asks_the_foot_check(desk: Desk):
    """People with diabetic neuropathy are asked about their feet after a typed line; 'No new problems' is stored
    on that check-in and echoed on the question; a second press is stale."""
    bo = desk.person(2003, "Bo")
    onboard(bo, condition="diabetic")
    outcome = bo.says("p4 n2 t3 b1")
    assert outcome.replies[-1].text == texts.FOOT_QUESTION
    assert flat_labels(outcome) == ["No new problems", "Yes"]
    [checkin] = bo.rows(CheckIn)
    assert checkin.foot_problem is None
    answered = bo.does(lambda ctx, p: daily.answer_foot_check(ctx, p, checkin.id, False))
    assert texts_of(answered).endswith("→ No new problems. Saved.") and answered.replies[0].edit
    assert answered.admin_alerts == [] and bo.rows(SafetyFlag) == []
    assert [row[6] for row in _scores(bo)] == [False]
    assert bo.does(lambda ctx, p: daily.answer_foot_check(ctx, p, checkin.id, True)).toast == texts.STALE_BUTTON


def test_a_new_foot_problem_is_stored_flagged_and_every_admin_alerted(desk: Desk):
    """'Yes' to the foot check: stored on the check-in, a foot-wound flag raised, advice to keep weight off it,
    training switched to seated, and an alert to each admin."""
    cy = desk.person(2004, "Cy")
    onboard(cy, condition="diabetic")
    cy.says("p4 n2 t3 b1")
    [checkin] = cy.rows(CheckIn)
    outcome = cy.does(lambda ctx, p: daily.answer_foot_check(ctx, p, checkin.id, True))
    said = texts_of(outcome)
    assert "→ Yes — a new problem. Saved." in said and "keep weight off it" in said
    assert "seated and lying exercises only" in said
    assert [alert.chat_id for alert in outcome.admin_alerts] == list(ADMIN_IDS)
    assert "foot wound" in outcome.admin_alerts[0].text and "Cy" in outcome.admin_alerts[0].text
    assert [(f.kind, f.source) for f in cy.rows(SafetyFlag)] == [("foot_wound", "foot_check")]
    assert [row[6] for row in _scores(cy)] == [True] and cy.stored().foot_care_since == desk.clock.now()


def test_the_buttons_ask_the_foot_check_last_for_diabetic_participants(desk: Desk):
    """By buttons, after balance comes the foot question; its answer saves the check-in with it."""
    di = desk.person(2005, "Di")
    onboard(di, condition="diabetic")
    di.does(daily.start_buttons)
    for step, value in enumerate((3, 5, 2)):
        _press(di, step, value)
    foot = _press(di, 3, 0)
    assert texts.FOOT_QUESTION in texts_of(foot) and flat_labels(foot) == ["No new problems", "Yes", "Cancel"]
    assert di.rows(CheckIn) == []
    done = _press(di, 4, 0)
    assert "Foot check: no new problems" in texts_of(done)
    assert _scores(di) == [(TODAY, 3, 5, 2, 0, None, False, "buttons")]


def test_history_lists_check_ins_and_notes_newest_first(desk: Desk, ann):
    """/history: nothing yet says how to start; later, each day's scores and a diary note, newest day first."""
    assert "No check-ins yet" in texts_of(ann.does(daily.history))
    ann.says("yesterday p1 n1 t1 b1")
    ann.says("feet burning more at night")
    desk.clock.advance(timedelta(days=1))
    ann.says("p2 n2 t2 b2")
    shown = texts_of(ann.does(daily.history))
    assert shown.splitlines() == [
        "Your recent check-ins and notes (newest first):",
        "Sun 22 Nov: pain 2 · numbness 2 · tingling 2 · balance 2",
        "Sat 21 Nov: 📝 feet burning more at night",
        "Fri 20 Nov: pain 1 · numbness 1 · tingling 1 · balance 1",
    ]


def test_a_note_kept_with_the_days_check_in_is_shown_in_history(ann):
    """A note sent after today's check-in is said to be kept with it — and /history shows it."""
    ann.says("p4 n2 t3 b1")
    kept = ann.says("feet burning more at night")
    assert "It's kept with that day's check-in." in texts_of(kept)
    assert [n.text for n in ann.rows(Note)] == ["feet burning more at night"]
    assert "feet burning more at night" in texts_of(ann.does(daily.history))


def test_cancel_drops_the_draft_and_saves_nothing(ann):
    """/cancel mid-way: 'Nothing was saved', the draft cancelled, no check-in; /cancel again has nothing to cancel."""
    ann.does(daily.start_buttons)
    _press(ann, 0, 4)
    assert texts_of(ann.does(daily.cancel)) == texts.CANCELLED
    assert [d.status for d in ann.rows(CheckInDraft)] == ["cancelled"] and ann.rows(CheckIn) == []
    assert texts_of(ann.does(daily.cancel)) == texts.NOTHING_TO_CANCEL


def test_a_range_is_asked_about_and_only_the_sure_items_kept(ann):
    """'pain 3-4 …': the other three named back, pain asked as one number with buttons; no check-in, and pain
    nowhere stored until chosen."""
    outcome = ann.says("pain 3-4 numbness 2 tingling 3 balance 1")
    assert "For pain you wrote pain 3-4 — which one number fits best right now?" in texts_of(outcome)
    assert labels(outcome) == SCORE_ROWS and ann.rows(CheckIn) == []
    draft = ann.open_draft()
    assert (draft.pain, draft.numbness, draft.tingling, draft.balance) == (None, 2, 3, 1)
    done = _press(ann, 0, 4)
    assert texts_of(done) == "Saved for Sat 21 Nov: pain 4 · numbness 2 · tingling 3 · balance 1"


def test_same_as_yesterday_without_a_yesterday_saves_nothing_and_says_why(ann):
    """'same as yesterday' when Friday has no check-in: the reply names Friday and how to check in; nothing stored."""
    outcome = ann.says("same as yesterday")
    assert texts_of(outcome).startswith("I don't have a check-in for Fri 20 Nov to copy, so nothing was saved.")
    assert ann.rows(CheckIn) == [] and ann.rows(CheckInDraft) == []
