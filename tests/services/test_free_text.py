"""Plain messages through the free-text use case: diary notes, questions, small talk, and red flags — stored,
answered, alerted once per situation."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from coach.services import texts
from coach.services.checkins import daily
from coach.services.free_text import messages
from coach.services.safety.red_flags import REPEAT_WINDOW
from coach.store.models import CheckIn, CheckInDraft, Note, Participant, SafetyFlag
from tests.helpers.use_cases import ADMIN_IDS, Desk, labels, onboard, texts_of

TODAY = date(2026, 11, 21)


@pytest.fixture
def ann(desk: Desk):
    someone = desk.person(4101, "Ann")
    onboard(someone)
    return someone


def _flags(someone) -> list[tuple[str, str, str]]:
    return [(flag.kind, flag.source, flag.excerpt) for flag in someone.rows(SafetyFlag)]


# Notes -----------------------------------------------------------------------------------------------------------

def test_a_note_is_stored_for_today_quoted_back_and_offers_the_check_in(ann):
    """A symptom report in their own words: stored for today, quoted back, and today's check-in offered with one
    button — no check-in, no draft, no flag."""
    outcome = ann.says("feet burning more at night, barely slept")
    assert outcome.replies[0].text.startswith(
        "📝 Added to your diary for Sat 21 Nov: “feet burning more at night, barely slept”")
    assert texts.NOTE_OFFER_CHECKIN in texts_of(outcome) and labels(outcome) == [[texts.CHECK_IN_NOW]]
    assert [(n.local_date, n.text, n.checkin_id) for n in ann.rows(Note)] == [
        (TODAY, "feet burning more at night, barely slept", None)]
    assert ann.rows(CheckIn) == [] and ann.rows(CheckInDraft) == [] and ann.rows(SafetyFlag) == []


def test_check_in_now_under_a_note_starts_the_button_check_in(ann):
    """'Check in now': a toast, the pain question with 0–10 buttons, and an open draft for today."""
    ann.says("feet burning more at night")
    outcome = ann.does(daily.start_from_button)
    assert outcome.toast == "Let's check in" and "Pain right now?" in texts_of(outcome)
    assert ann.open_draft().local_date == TODAY


def test_a_note_about_yesterday_is_dated_yesterday_and_offers_nothing(ann):
    """'yesterday my feet were burning…': kept under Friday, without the words 'yesterday', and no check-in offer."""
    outcome = ann.says("yesterday my feet were burning all evening")
    assert texts_of(outcome) == "📝 Added to your diary for Fri 20 Nov: “my feet were burning all evening”"
    assert [(n.local_date, n.text) for n in ann.rows(Note)] == [
        (date(2026, 11, 20), "my feet were burning all evening")]


def test_a_note_after_the_days_check_in_is_linked_to_it(ann):
    """A note after today's check-in: kept with that check-in, said so, and no second check-in offered."""
    ann.says("p4 n2 t3 b1")
    outcome = ann.says("feet burning more at night")
    assert texts_of(outcome).endswith(texts.NOTE_WITH_CHECKIN) and labels(outcome) == []
    [note] = ann.rows(Note)
    assert note.checkin_id == ann.rows(CheckIn)[0].id


# Questions and the rest ------------------------------------------------------------------------------------------

def test_a_question_about_the_scales_is_answered_and_nothing_stored(desk: Desk, ann):
    """'is 10 the worst…?': the scales explained; no note, check-in or flag; no 'didn't understand'."""
    outcome = ann.says("is 10 the worst for balance too?")
    assert texts_of(outcome) == texts.ANSWERS["scales"]
    assert ann.rows(Note) == [] and ann.rows(CheckIn) == [] and ann.rows(SafetyFlag) == []


@pytest.mark.parametrize(("place", "numbers"), [("Berlin", ("112", "0800 111 0 111")),
                                                ("London", ("999", "Samaritans: 116 123"))])
def test_an_emergency_question_gives_the_participants_own_countrys_numbers(desk: Desk, place, numbers):
    """'What counts as an emergency?': the emergency and crisis numbers of the country their time zone is in."""
    bo = desk.person(4102, "Bo")
    onboard(bo, place=place)
    answer = texts_of(bo.says("what counts as an emergency?"))
    assert answer.startswith("Please get emergency help at once")
    for number in numbers:
        assert number in answer
    assert bo.rows(SafetyFlag) == []


def test_small_talk_and_gibberish_each_get_a_gentle_pointer(ann):
    """'hi' gets the friendly nudge, 'asdfgh' the 'didn't understand' with an example; neither stores anything."""
    assert texts_of(ann.says("hi")) == texts.SMALL_TALK
    assert texts_of(ann.says("asdfgh")) == texts.NOT_UNDERSTOOD
    assert ann.rows(Note) == [] and ann.rows(CheckInDraft) == []


def test_someone_who_never_started_is_asked_to_start_and_nothing_is_stored(desk: Desk):
    """A message from an unknown Telegram id: 'please send /start', and no row is created."""
    outcome = desk.person(4199).says("p4 n2 t3 b1")
    assert texts_of(outcome) == texts.NEED_START
    assert desk.all(Participant) == []


# Red flags -------------------------------------------------------------------------------------------------------

def test_a_red_flag_is_stored_answered_and_every_admin_alerted(ann):
    """'I fell over in the kitchen': a fall flag with their words, an answer asking if they are hurt and saying the
    team knows, and one alert per admin naming the kind, the person and their words."""
    outcome = ann.says("I fell over in the kitchen")
    said = texts_of(outcome)
    assert "Are you hurt at all?" in said and "I've let the coaching team know" in said
    assert _flags(ann) == [("fall", "free_text", "I fell over in the kitchen")]
    assert [alert.chat_id for alert in outcome.admin_alerts] == list(ADMIN_IDS)
    alert = outcome.admin_alerts[0].text
    assert "Kind: fall" in alert and "Ann · /user_4101" in alert and "“I fell over in the kitchen”" in alert
    flag_id = ann.rows(SafetyFlag)[0].id
    assert f"/ack_{flag_id}" in alert
    assert ann.rows(Note) == []  # the words are kept with the flag, not in the diary


def test_the_same_kind_again_within_minutes_is_answered_but_neither_stored_nor_alerted_again(desk: Desk, ann):
    """A second message about the fall ten minutes later is answered the same way, with no second flag or alert;
    a new kind (chest pain) alerts at once; the fall again after the window alerts anew."""
    ann.says("I fell over in the kitchen")
    desk.clock.advance(timedelta(minutes=10))
    again = ann.says("sorry, yes I fell over earlier, in the kitchen")
    assert "Are you hurt at all?" in texts_of(again) and again.admin_alerts == []
    assert [kind for kind, _, _ in _flags(ann)] == ["fall"]

    chest = ann.says("and now my chest feels tight")
    assert "call 112 now" in texts_of(chest)
    assert len(chest.admin_alerts) == len(ADMIN_IDS) and "Kind: chest pain" in chest.admin_alerts[0].text
    assert chest.admin_alerts[0].text.startswith("🚨 URGENT")

    desk.clock.advance(REPEAT_WINDOW + timedelta(minutes=1))
    later = ann.says("I fell over again on the stairs")
    assert len(later.admin_alerts) == len(ADMIN_IDS) and "Kind: fall" in later.admin_alerts[0].text
    assert [kind for kind, _, _ in _flags(ann)] == ["fall", "chest_pain", "fall"]


def test_a_red_flag_in_a_check_in_line_is_answered_first_and_both_are_stored(ann):
    """Scores and 'I blacked out' in one line: the safety answer comes before the confirmation; the check-in and a
    fainting flag (source: check-in note) are both stored, and the admins alerted."""
    outcome = ann.says("p4 n2 t3 b1 and I blacked out earlier")
    assert "call 112 now" in outcome.replies[0].text
    assert outcome.replies[-1].text.startswith("Saved for Sat 21 Nov: pain 4 · numbness 2 · tingling 3 · balance 1")
    assert [(kind, source) for kind, source, _ in _flags(ann)] == [("fainting", "checkin_note")]
    assert [(c.pain, c.note) for c in ann.rows(CheckIn)] == [(4, "I blacked out earlier")]
    assert len(outcome.admin_alerts) == len(ADMIN_IDS)


def test_a_red_flag_before_consent_is_answered_but_nothing_stored_or_alerted(desk: Desk):
    """Chest pain typed while consent is still open: the emergency answer, without claiming the team was told;
    no flag stored and no alert (nothing may be stored before consent)."""
    cy = desk.person(4103, "Cy")
    cy.start()
    outcome = cy.says("my chest feels tight")
    assert "call 112 now" in texts_of(outcome) and "I've let the coaching team know" not in texts_of(outcome)
    assert outcome.admin_alerts == [] and desk.all(SafetyFlag) == []


def test_a_red_flag_in_a_photos_caption_is_answered_stored_and_alerted(desk: Desk, ann):
    """A photo captioned 'fell and hit my head': the head-injury answer, a stored flag and alerts — and a word that
    only typed messages are read."""
    outcome = desk.run(lambda ctx: messages.handle_non_text(ctx, telegram_id=ann.telegram_id,
                                                            caption="fell and hit my head on the shelf"))
    assert "call 112 now" in outcome.replies[0].text and outcome.replies[-1].text == texts.ONLY_TEXT
    assert [kind for kind, _, _ in _flags(ann)] == ["fall_injury"]
    assert len(outcome.admin_alerts) == len(ADMIN_IDS)


def test_a_message_longer_than_telegram_allows_is_refused_but_still_read_for_red_flags(ann):
    """More than 4,096 characters: 'too long, nothing was saved' — no check-in or note — yet 'I blacked out' at its
    start is answered, stored and alerted."""
    outcome = ann.says("I blacked out this morning. pain 4 numbness 2 tingling 3 balance 1 " + "and so on " * 500)
    assert "call 112 now" in outcome.replies[0].text
    assert "That message is too long for me to read" in texts_of(outcome) and "Nothing was saved" in texts_of(outcome)
    assert ann.rows(CheckIn) == [] and ann.rows(Note) == []
    assert [kind for kind, _, _ in _flags(ann)] == ["fainting"] and len(outcome.admin_alerts) == len(ADMIN_IDS)


def test_an_edited_message_changes_nothing_stored_but_its_red_flag_is_answered(desk: Desk, ann):
    """An edit adding 'my chest is tight' to a check-in line: the check-in stays as sent; the edit's red flag is
    answered (saying it was seen in the change), stored and alerted."""
    ann.says("p4 n2 t3 b1")
    outcome = desk.run(lambda ctx: messages.handle_edit(ctx, telegram_id=ann.telegram_id,
                                                        text="p5 n2 t3 b1 and my chest is tight"))
    assert outcome.replies[0].text.startswith(texts.EDITED_RED_FLAG) and "call 112 now" in outcome.replies[0].text
    assert outcome.replies[-1].text == texts.EDIT_NOT_APPLIED
    assert [(c.pain, c.note) for c in ann.rows(CheckIn)] == [(4, None)]
    assert [kind for kind, _, _ in _flags(ann)] == ["chest_pain"] and len(outcome.admin_alerts) == len(ADMIN_IDS)
