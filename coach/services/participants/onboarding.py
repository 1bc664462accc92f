"""Onboarding: consent, screening with clearance gating, condition, time zone, schedule."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from coach.domain import schedule as sched
from coach.domain.states import Awaiting, OnboardingStep
from coach.domain.timezones import ZoneMatch, describe_zone, resolve_zone_location, resolve_zone_text
from coach.services import texts
from coach.services.participants.callbacks import (
    AcceptSchedule,
    ConditionChoice,
    Consent,
    ScreeningAnswer,
    UseDefaultZone,
)
from coach.services.plumbing.context import UseCaseContext, first_name_suffix
from coach.services.plumbing.replies import Outcome, button_rows
from coach.store import participants as store
from coach.store import reminders as reminder_store
from coach.store.models import Participant, Schedule

QUESTION_KEYS = tuple(key for key, _ in texts.SCREENING_QUESTIONS)
CONDITION_KEYS = tuple(key for key, _ in texts.CONDITIONS)


def start(ctx: UseCaseContext, *, telegram_id: int, chat_id: int, first_name: str) -> Outcome:
    """/start: begin onboarding, resume it where it stopped, or welcome back."""
    participant = store.get_by_telegram_id(session=ctx.session, telegram_id=telegram_id)
    if participant is None:
        store.create_participant(session=ctx.session, telegram_id=telegram_id, chat_id=chat_id,
                                 first_name=first_name, timezone=ctx.default_timezone, now=ctx.now)
        return Outcome().say(texts.INTRO.format(name=first_name_suffix(first_name)),
                             buttons=_consent_buttons())
    participant.chat_id = chat_id
    if participant.status == "inactive":
        # They had blocked the bot; talking to it again brings their reminders back.
        participant.status = "active"
        reminder_store.replan(connection=ctx.connection, participant_id=participant.id, now=ctx.now)
    store.touch(participant, now=ctx.now)
    if participant.onboarding_step is not None:
        return current_step(ctx, participant)
    return Outcome().say(texts.WELCOME_BACK.format(name=first_name_suffix(participant.first_name)))


def current_step(ctx: UseCaseContext, participant: Participant) -> Outcome:
    """Ask again whatever onboarding question is open."""
    step = participant.onboarding_step
    if step == OnboardingStep.CONSENT:
        return Outcome().say(texts.INTRO.format(name=first_name_suffix(participant.first_name)),
                             buttons=_consent_buttons())
    if step == OnboardingStep.SCREENING:
        index = _open_screening_question(ctx, participant)
        return Outcome().say(_screening_question(index), buttons=_screening_buttons(index))
    if step == OnboardingStep.CONDITION:
        return Outcome().say(texts.CONDITION_QUESTION, buttons=_condition_buttons())
    if step == OnboardingStep.TIMEZONE:
        return _ask_timezone(ctx, participant)
    if step == OnboardingStep.SCHEDULE:
        return _offer_schedule(ctx, participant)
    return Outcome().say(texts.WELCOME_BACK.format(name=first_name_suffix(participant.first_name)))


def answer_consent(ctx: UseCaseContext, participant: Participant, agreed: bool) -> Outcome:
    if participant.onboarding_step != OnboardingStep.CONSENT:
        return Outcome(toast=texts.STALE_BUTTON)
    if not agreed:
        store.delete_participant(session=ctx.session, participant=participant)
        return Outcome().say(texts.CONSENT_DECLINED, edit=True)
    store.record_consent(session=ctx.session, participant_id=participant.id, version=texts.CONSENT_VERSION,
                         now=ctx.now)
    participant.onboarding_step = OnboardingStep.SCREENING
    store.touch(participant, now=ctx.now)
    return (Outcome().say(texts.CONSENT_GIVEN, edit=True)
            .say(texts.SCREENING_INTRO)
            .say(_screening_question(0), buttons=_screening_buttons(0)))


def answer_screening(ctx: UseCaseContext, participant: Participant, index: int, answer: bool) -> Outcome:
    """Store one screening answer and ask the next; the last one decides clearance."""
    if participant.onboarding_step != OnboardingStep.SCREENING or index != _open_screening_question(ctx, participant) \
            or not 0 <= index < len(QUESTION_KEYS):
        return Outcome(toast=texts.STALE_BUTTON)
    store.save_screening_answer(session=ctx.session, participant_id=participant.id,
                                question=QUESTION_KEYS[index], answer=answer, now=ctx.now)
    answered = texts.ANSWERED_YES if answer else texts.ANSWERED_NO
    outcome = Outcome().say(answered.format(question=_screening_question(index)), edit=True)
    if index + 1 < len(QUESTION_KEYS):
        store.touch(participant, now=ctx.now)
        return outcome.say(_screening_question(index + 1), buttons=_screening_buttons(index + 1))
    answers = store.screening_answers(session=ctx.session, participant_id=participant.id)
    participant.clearance_required = any(answers.values())
    participant.onboarding_step = OnboardingStep.CONDITION
    store.touch(participant, now=ctx.now)
    outcome.say(texts.CLEARANCE_NEEDED if participant.clearance_required else texts.SCREENING_CLEAR)
    return outcome.say(texts.CONDITION_QUESTION, buttons=_condition_buttons())


def answer_condition(ctx: UseCaseContext, participant: Participant, key: str) -> Outcome:
    if participant.onboarding_step != OnboardingStep.CONDITION or key not in CONDITION_KEYS:
        return Outcome(toast=texts.STALE_BUTTON)
    participant.condition = key
    participant.onboarding_step = OnboardingStep.TIMEZONE
    store.touch(participant, now=ctx.now)
    label = dict(texts.CONDITIONS)[key]
    answered = texts.ANSWERED_CONDITION.format(question=texts.CONDITION_QUESTION, condition=label)
    return Outcome().say(answered, edit=True).extend(
        _ask_timezone(ctx, participant))


def use_default_timezone(ctx: UseCaseContext, participant: Participant) -> Outcome:
    if participant.onboarding_step != OnboardingStep.TIMEZONE:
        return Outcome(toast=texts.STALE_BUTTON)
    return _set_timezone(ctx, participant, ZoneMatch(zone=ctx.default_timezone, label=ctx.default_timezone))


def timezone_from_text(ctx: UseCaseContext, participant: Participant, text: str) -> Outcome:
    """A typed city or zone name, during onboarding or after /timezone."""
    result = resolve_zone_text(text)
    if isinstance(result, ZoneMatch):
        return _set_timezone(ctx, participant, result)
    if result.suggestions:
        return Outcome().say(result.reason + "\n"
                             + texts.TIMEZONE_DID_YOU_MEAN.format(suggestions=", ".join(result.suggestions)))
    return Outcome().say(result.reason)


def timezone_from_location(ctx: UseCaseContext, participant: Participant, latitude: float,
                           longitude: float) -> Outcome:
    result = resolve_zone_location(latitude, longitude)
    if isinstance(result, ZoneMatch):
        return _set_timezone(ctx, participant, result)
    return Outcome().say(result.reason)


def ask_timezone_change(ctx: UseCaseContext, participant: Participant, text: str) -> Outcome:
    """/timezone [place]: change it now, or ask for it."""
    if text.strip():
        return timezone_from_text(ctx, participant, text)
    participant.awaiting = Awaiting.TIMEZONE
    store.touch(participant, now=ctx.now)
    return Outcome().say(
        texts.TIMEZONE_NOW.format(zone=describe_zone(participant.timezone, ctx.now)) + "\n\n" + texts.TIMEZONE_QUESTION,
        location_button=texts.SHARE_LOCATION)


def accept_schedule(ctx: UseCaseContext, participant: Participant) -> Outcome:
    if participant.onboarding_step != OnboardingStep.SCHEDULE:
        return Outcome(toast=texts.STALE_BUTTON)
    schedule = store.ensure_schedule(session=ctx.session, participant_id=participant.id, now=ctx.now)
    participant.onboarding_step = None
    participant.status = "active"
    store.touch(participant, now=ctx.now)
    done = texts.FINISHED.format(name=first_name_suffix(participant.first_name))
    if participant.clearance_required and participant.cleared_at is None:
        done += texts.FINISHED_NOT_CLEARED
    return (Outcome().say(texts.SCHEDULE_INTRO + "\n" + describe_schedule(schedule) + "\n\n" + texts.SCHEDULE_SAVED,
                          edit=True)
            .say(done))


def mark_cleared(ctx: UseCaseContext, participant: Participant) -> Outcome:
    """/cleared: the participant reports their clinician's go-ahead."""
    if not participant.clearance_required:
        return Outcome().say(texts.CLEARED_NOT_NEEDED)
    if participant.cleared_at is not None:
        return Outcome().say(texts.CLEARED_ALREADY)
    participant.cleared_at = ctx.now
    store.touch(participant, now=ctx.now)
    return Outcome().say(texts.CLEARED_OK)


def describe_schedule(schedule: Schedule) -> str:
    days = sched.format_weekdays(sched.decode_weekdays(schedule.session_days))
    return texts.SCHEDULE_LINES.format(
        days=days, session_time=sched.format_hhmm(schedule.session_time),
        checkin_time=sched.format_hhmm(schedule.checkin_time),
        review_day=sched.format_weekdays([schedule.review_day]), review_time=sched.format_hhmm(schedule.review_time))


def _set_timezone(ctx: UseCaseContext, participant: Participant, match: ZoneMatch) -> Outcome:
    participant.timezone = match.zone
    participant.awaiting = None
    store.touch(participant, now=ctx.now)
    if participant.id is not None:
        # Queued reminders were planned in the old zone's wall time.
        reminder_store.replan(connection=ctx.connection, participant_id=participant.id, now=ctx.now)
    local = ctx.now.astimezone(ZoneInfo(match.zone))
    outcome = Outcome().say(texts.TIMEZONE_SET.format(zone=match.label, time=sched.format_hhmm(local.time())),
                            remove_keyboard=True)
    if participant.onboarding_step == OnboardingStep.TIMEZONE:
        participant.onboarding_step = OnboardingStep.SCHEDULE
        outcome.extend(_offer_schedule(ctx, participant))
    return outcome


def _ask_timezone(ctx: UseCaseContext, participant: Participant) -> Outcome:
    participant.awaiting = Awaiting.TIMEZONE
    return (Outcome()
            .say(texts.TIMEZONE_QUESTION, location_button=texts.SHARE_LOCATION)
            .say(texts.TIMEZONE_KEEP_DEFAULT.format(zone=ctx.default_timezone),
                 buttons=button_rows([(texts.BUTTON_USE_ZONE.format(zone=ctx.default_timezone),
                                       UseDefaultZone().encode())])))


def _offer_schedule(ctx: UseCaseContext, participant: Participant) -> Outcome:
    schedule = store.ensure_schedule(session=ctx.session, participant_id=participant.id, now=ctx.now)
    return Outcome().say(texts.SCHEDULE_INTRO + "\n" + describe_schedule(schedule) + "\n\n" + texts.SCHEDULE_OUTRO,
                         buttons=button_rows([(texts.BUTTON_SOUNDS_GOOD, AcceptSchedule().encode())]))


def _open_screening_question(ctx: UseCaseContext, participant: Participant) -> int:
    """The screening question waiting for an answer: answers are stored one by one, in order."""
    return len(store.screening_answers(session=ctx.session, participant_id=participant.id))


def _screening_question(index: int) -> str:
    return texts.SCREENING_QUESTION_NUMBERED.format(number=index + 1, total=len(QUESTION_KEYS),
                                                    question=texts.SCREENING_QUESTIONS[index][1])


def _consent_buttons():  # noqa: ANN202
    return button_rows([(texts.BUTTON_AGREE, Consent(True).encode()),
                        (texts.BUTTON_NO_THANKS, Consent(False).encode())])


def _screening_buttons(index: int):  # noqa: ANN202
    return button_rows([(texts.BUTTON_YES, ScreeningAnswer(index, True).encode()),
                        (texts.BUTTON_NO, ScreeningAnswer(index, False).encode())])


def _condition_buttons():  # noqa: ANN202
    return tuple(button_rows(*[[(label, ConditionChoice(key).encode())] for key, label in texts.CONDITIONS]))
