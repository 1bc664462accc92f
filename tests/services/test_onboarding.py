"""Onboarding's use cases: consent, screening and clearance, condition, time zone, the first schedule."""

from __future__ import annotations

from datetime import timedelta

from coach.domain.states import OnboardingStep
from coach.scheduler import planner
from coach.services import texts
from coach.services.participants import onboarding
from coach.services.reminders import schedules
from coach.services.safety.training_hold import NOT_CLEARED, training_hold
from coach.store import participants as participant_store
from coach.store import reminders as reminder_store
from coach.store.models import CheckIn, CheckInDraft, Consent, Participant, Reminder, Schedule, ScreeningAnswer
from tests.helpers.use_cases import START, Desk, flat_labels, labels, onboard, texts_of

SEVEN_NOS = [False] * 7


def _through_screening(ann, answers: list[bool]):
    ann.start()
    ann.onboarding(lambda ctx, p: onboarding.answer_consent(ctx, p, True))
    outcome = None
    for index, answer in enumerate(answers):
        outcome = ann.onboarding(lambda ctx, p, i=index, a=answer: onboarding.answer_screening(ctx, p, i, a))
    return outcome


def _hold(desk: Desk, someone) -> str | None:
    def use_case(ctx):
        p = ctx.session.get(Participant, someone.id)
        return training_hold(ctx.session, participant_id=p.id, clearance_required=p.clearance_required,
                             cleared_at=p.cleared_at)
    return desk.run(use_case)


def test_start_greets_by_name_says_what_coach_is_not_and_asks_consent(desk: Desk):
    """/start from someone new: a greeting by name, "not medical advice", two consent buttons, and a participant
    kept only as far as waiting for that answer."""
    outcome = desk.person(1001, "Ann").start()
    assert outcome.replies[0].text.startswith("Hello, Ann!")
    assert "not medical advice" in texts_of(outcome) and "not for emergencies" in texts_of(outcome)
    assert labels(outcome) == [["✅ I agree", "No, thanks"]]
    stored = desk.person(1001).stored()
    assert (stored.status, stored.onboarding_step, stored.timezone) == ("onboarding", "consent", "Europe/Berlin")
    assert desk.count(Consent) == 0


def test_agreeing_stores_the_consent_with_its_version_and_asks_the_first_question(desk: Desk):
    """'I agree': the button's message says so, consent is stored with the text's version and the instant, and
    question 1 of 7 comes with Yes/No."""
    ann = desk.person(1002)
    ann.start()
    outcome = ann.onboarding(lambda ctx, p: onboarding.answer_consent(ctx, p, True))
    assert outcome.replies[0].text == texts.CONSENT_GIVEN and outcome.replies[0].edit
    assert outcome.replies[-1].text.startswith("Question 1 of 7: Has a doctor ever said")
    assert labels(outcome) == [["Yes", "No"]]
    [consent] = ann.rows(Consent)
    assert (consent.version, consent.given_at) == (texts.CONSENT_VERSION, START)
    assert ann.stored().onboarding_step == OnboardingStep.SCREENING and ann.rows(ScreeningAnswer) == []


def test_declining_consent_erases_the_person_and_says_nothing_was_stored(desk: Desk):
    """'No, thanks': the reply says nothing was stored, and no table holds a row about them."""
    cy = desk.person(1003, "Cy")
    cy.start()
    outcome = cy.onboarding(lambda ctx, p: onboarding.answer_consent(ctx, p, False))
    assert "haven't stored anything" in texts_of(outcome)
    # send_gate is the bot's one shared send-rate row, about nobody.
    assert {table: count for table, count in desk.row_counts().items() if count and table != "send_gate"} == {}


def test_seven_noes_store_seven_answers_and_need_no_clearance(desk: Desk):
    """Seven 'No': each answer is echoed on its message and stored; nothing holds training back; the condition
    is asked next with one button per condition."""
    ann = desk.person(1004)
    outcome = _through_screening(ann, SEVEN_NOS)
    assert outcome.replies[0].text.endswith("→ No") and outcome.replies[0].edit
    assert texts.SCREENING_CLEAR in texts_of(outcome)
    assert flat_labels(outcome) == [label for _, label in texts.CONDITIONS]
    assert [a.answer for a in ann.rows(ScreeningAnswer)] == SEVEN_NOS
    assert {a.question for a in ann.rows(ScreeningAnswer)} == set(onboarding.QUESTION_KEYS)
    stored = ann.stored()
    assert (stored.clearance_required, stored.onboarding_step) == (False, "condition")


def test_one_yes_asks_for_a_clinicians_go_ahead_and_holds_training_until_cleared(desk: Desk):
    """A single 'Yes' (question 3): the clinician's go-ahead is asked for, the finished onboarding repeats it,
    /schedule says training reminders wait for /cleared, the session reminder is held — until /cleared."""
    bo = desk.person(1005, "Bo")
    answers = [index == 2 for index in range(7)]
    outcome = _through_screening(bo, answers)
    assert texts.CLEARANCE_NEEDED in texts_of(outcome) and "won't send training reminders" in texts_of(outcome)
    assert [a.answer for a in bo.rows(ScreeningAnswer)] == answers
    assert bo.stored().clearance_required
    bo.onboarding(lambda ctx, p: onboarding.answer_condition(ctx, p, "peripheral"))
    bo.says("Berlin")
    finished = bo.onboarding(onboarding.accept_schedule)
    assert "until your clinician gives the go-ahead and you send /cleared" in texts_of(finished)
    assert "Training reminders start once you send /cleared." in texts_of(bo.does(schedules.show))
    assert _hold(desk, bo) == NOT_CLEARED

    assert "go-ahead" in texts_of(bo.does(onboarding.mark_cleared))
    assert bo.stored().cleared_at == START and _hold(desk, bo) is None
    assert texts_of(bo.does(onboarding.mark_cleared)) == texts.CLEARED_ALREADY


def test_a_screening_button_pressed_twice_is_stale_and_stores_one_answer(desk: Desk):
    """Pressing question 1's button again after it was answered: a 'no longer active' toast, no second answer."""
    ann = desk.person(1006)
    _through_screening(ann, [False])
    again = ann.onboarding(lambda ctx, p: onboarding.answer_screening(ctx, p, 0, True))
    assert again.toast == texts.STALE_BUTTON and again.replies == []
    assert [a.answer for a in ann.rows(ScreeningAnswer)] == [False]


def test_the_condition_is_stored_and_the_time_zone_asked_with_a_location_key_and_the_default(desk: Desk):
    """Choosing a condition: it is echoed and stored; the zone is asked with 'share my location' and a button
    keeping the default zone."""
    ann = desk.person(1007)
    _through_screening(ann, SEVEN_NOS)
    outcome = ann.onboarding(lambda ctx, p: onboarding.answer_condition(ctx, p, "diabetic"))
    assert outcome.replies[0].text.endswith("→ Diabetic neuropathy") and outcome.replies[0].edit
    assert any(reply.location_button == texts.SHARE_LOCATION for reply in outcome.replies)
    assert labels(outcome) == [["Use Europe/Berlin"]]
    stored = ann.stored()
    assert (stored.condition, stored.onboarding_step, stored.awaiting) == ("diabetic", "timezone", "timezone")


def test_a_typed_city_sets_the_zone_says_the_local_time_and_offers_the_schedule(desk: Desk):
    """'New York' typed: the zone is set and its local time named (12:00 at 17:00 UTC), then the default
    schedule is offered with one button, and stored."""
    ann = desk.person(1008)
    _through_screening(ann, SEVEN_NOS)
    ann.onboarding(lambda ctx, p: onboarding.answer_condition(ctx, p, "peripheral"))
    outcome = ann.says("New York")
    assert "Time zone set" in texts_of(outcome) and "America/New_York" in texts_of(outcome)
    assert "It's 12:00 there now" in texts_of(outcome)
    assert "Mon, Wed, Fri at 18:00" in texts_of(outcome) and "every day at 20:00" in texts_of(outcome)
    assert labels(outcome) == [["👍 Sounds good"]]
    stored = ann.stored()
    assert (stored.timezone, stored.onboarding_step, stored.awaiting) == ("America/New_York", "schedule", None)
    [schedule] = ann.rows(Schedule)
    assert schedule.session_days == "0,2,4"


def test_an_unknown_place_is_explained_and_changes_nothing(desk: Desk):
    """A place no zone matches: a reply saying so, the zone and the open question as they were; the next try works."""
    ed = desk.person(1009, "Ed")
    _through_screening(ed, SEVEN_NOS)
    ed.onboarding(lambda ctx, p: onboarding.answer_condition(ctx, p, "other"))
    outcome = ed.says("Qwzxkjhv")
    assert texts_of(outcome).strip() and "Time zone set" not in texts_of(outcome)
    stored = ed.stored()
    assert (stored.timezone, stored.onboarding_step, stored.awaiting) == ("Europe/Berlin", "timezone", "timezone")
    assert ed.rows(Schedule) == []
    assert "Europe/London" in texts_of(ed.says("Europe/London"))
    assert ed.stored().timezone == "Europe/London"


def test_accepting_the_schedule_finishes_onboarding_and_makes_the_participant_active(desk: Desk):
    """'Sounds good': the schedule is confirmed as saved, 'All set, Ann!' follows, and the participant is active."""
    ann = desk.person(1010, "Ann")
    finished = onboard(ann)
    assert finished.replies[0].edit and finished.replies[0].text.endswith("✅ Saved.")
    assert finished.replies[-1].text.startswith("All set, Ann!")
    assert "/cleared" not in texts_of(finished)
    stored = ann.stored()
    assert (stored.status, stored.onboarding_step, stored.clearance_required) == ("active", None, False)


def test_a_message_during_onboarding_asks_the_open_question_again_and_stores_no_check_in(desk: Desk):
    """A check-in line before onboarding is done: 'let's finish setting up first', the open question again, no
    check-in stored; /start later resumes at the same question."""
    gus = desk.person(1011, "Gus")
    _through_screening(gus, [False, False])
    outcome = gus.says("pain 4 numbness 2 tingling 3 balance 1")
    assert outcome.replies[0].text == texts.FINISH_ONBOARDING
    assert outcome.replies[-1].text.startswith("Question 3 of 7") and labels(outcome) == [["Yes", "No"]]
    assert desk.all(Participant)[0].onboarding_step == OnboardingStep.SCREENING
    assert desk.count(ScreeningAnswer) == 2  # so the third question is the open one
    assert desk.count(CheckIn) == 0 and desk.count(CheckInDraft) == 0
    assert gus.start().replies[-1].text.startswith("Question 3 of 7")


def test_keeping_the_default_zone_by_button_offers_the_schedule(desk: Desk):
    """'Use Europe/Berlin': the default zone confirmed and stored, and the schedule offered next."""
    ann = desk.person(1012)
    _through_screening(ann, SEVEN_NOS)
    ann.onboarding(lambda ctx, p: onboarding.answer_condition(ctx, p, "radiculopathy"))
    outcome = ann.onboarding(onboarding.use_default_timezone)
    assert "Time zone set: Europe/Berlin. It's 18:00 there now." in texts_of(outcome)
    assert labels(outcome) == [["👍 Sounds good"]]
    assert (ann.stored().timezone, ann.stored().onboarding_step) == ("Europe/Berlin", "schedule")


def _block_the_bot(desk: Desk, someone) -> None:
    """What the dispatcher does when a send fails with 'blocked by the user'."""
    desk.run(lambda ctx: participant_store.mark_inactive(connection=ctx.connection, participant_id=someone.id,
                                                         now=ctx.now))
    desk.run(lambda ctx: reminder_store.skip_queued(connection=ctx.connection, participant_id=someone.id,
                                                    detail="participant blocked the bot"))


def _queued(someone) -> list[tuple[str, str]]:
    return [(r.kind, f"{r.local_date:%a}") for r in someone.rows(Reminder) if r.status == "queued"]


def test_start_after_blocking_the_bot_makes_them_active_and_planned_again(desk: Desk):
    """Someone who blocked the bot sends /start two days later: welcomed back by name, active again, and the
    planner queues their reminders once more."""
    ann = desk.person(1013, "Ann")
    onboard(ann)
    _block_the_bot(desk, ann)
    desk.clock.advance(timedelta(days=2))
    desk.run(lambda ctx: planner.plan_page(ctx))
    assert _queued(ann) == []  # an inactive participant is not planned

    outcome = ann.start()
    assert texts_of(outcome).startswith("Welcome back, Ann!")
    assert ann.stored().status == "active"
    desk.run(lambda ctx: planner.plan_page(ctx))
    assert _queued(ann) == [("checkin", "Mon"), ("session", "Mon"), ("checkin", "Tue")]


def test_start_after_blocking_brings_back_the_reminders_of_the_same_day(desk: Desk):
    """Blocked and back within the hour on Saturday: tonight's check-in reminder and Sunday's come again."""
    ann = desk.person(1014, "Ann")
    onboard(ann)
    desk.run(lambda ctx: planner.plan_page(ctx))
    assert _queued(ann) == [("checkin", "Sat"), ("checkin", "Sun"), ("review", "Sun")]
    _block_the_bot(desk, ann)
    desk.clock.advance(timedelta(minutes=30))
    ann.start()
    desk.run(lambda ctx: planner.plan_page(ctx))
    assert _queued(ann) == [("checkin", "Sat"), ("checkin", "Sun"), ("review", "Sun")]
