"""Whatever a participant or admin types, every reader of it answers: a result, or a reason to show them.

Property tests (hypothesis): arbitrary unicode, very long input, and near misses of each grammar.
A parser with a safety net (parse_checkin, resolve_zone_text) must not need it: the net's generic
apology means the parser itself crashed, and the person got a vaguer answer than they should.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.core.clock import FrozenClock
from coach.domain import symptoms
from coach.domain.program_edit import AddExercise, ChangeExercise, EditError, RemoveExercise, parse_edit
from coach.domain.schedule import (
    ScheduleChange,
    ScheduleChangeError,
    parse_hhmm,
    parse_schedule_change,
    parse_weekdays,
)
from coach.domain.sessions import STATUSES, SessionReport, parse_log
from coach.domain.symptoms import ITEMS, MAX_BACKFILL_DAYS, ParsedCheckin, ParseFailure, parse_checkin, parse_day_prefix
from coach.domain.timezones import ZoneFailure, ZoneMatch, is_valid_zone, resolve_zone_text
from coach.services.admin import changes as admin_changes
from coach.services.admin.changes import MAX_ID_DIGITS, parse_telegram_id
from coach.services.plumbing.runner import UseCaseRunner
from coach.services.reminders import schedules
from coach.store import participants as participant_store
from coach.store.db import make_engine, session_scope
from coach.store.migrate import upgrade

EXAMPLES = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --- what people might type -------------------------------------------------------------------

anything = st.text(max_size=200)
very_long = st.builds(lambda piece, times: piece * times, st.text(min_size=1, max_size=12), st.integers(80, 600))
digits_and_marks = st.from_regex(r"[0-9 \-–/.:,;+#xX]{0,40}", fullmatch=True)
typed = st.one_of(anything, very_long, digits_and_marks)

checkin_near_misses = st.from_regex(
    r"(yesterday |today |tomorrow |mon |sunday |20\d\d-\d{1,2}-\d{1,2} |\d{1,2}\.\d{1,2}\.(\d{2,4})? )?"
    r"(same( as yesterday)? )?"
    r"((pain|p|numb|numbness|n|tingling|t|burning|balance|b|unsteady|pins and needles|foot|feet|dizzy|note)"
    r"( is|:|=)? ?(-?\d{1,3}([./]\d{1,3})?( ?/ ?10| out of 10)?|\d-\d|four|ten|ok|blister)[ ,;]*){0,6}"
    r"( ?[-–—] ?[a-z ]{0,20})?",
    fullmatch=True)
schedule_near_misses = st.from_regex(
    r"(checkin|check-in|sessions|session|training|review|reminders)?"
    r"( (mon|tue|wed|thu|fri|sat|sun|monday|daily|weekdays|weekend|every day)([,/&+ ]|-| to | and ){0,2}){0,5}"
    r"( ?\d{1,3}(:\d{1,3})? ?([ap]\.?m\.?)?| noon| midnight)?",
    fullmatch=True)
log_near_misses = st.from_regex(
    r"(yesterday |20\d\d-\d{1,2}-\d{1,2} |fri |tomorrow )?(done|partly|skipped|did|skip|walked)?"
    r"( (rpe|effort|pain|reps|rep)( ?[:=])? ?(-?\d{1,3}([.,]\d)?|fewer|more|planned|as planned|\+2|2\+|all)?){0,4}",
    fullmatch=True)
zone_near_misses = st.one_of(
    st.from_regex(r"(UTC|GMT|utc|EST|CET|PST|IST|Z)? ?[+\-−]?\d{0,2}(:?\d{2})?", fullmatch=True),
    st.from_regex(r"[A-Za-z]{0,12}/[A-Za-z_\-]{0,16}(/[A-Za-z_]{0,10})?", fullmatch=True),
    st.builds(lambda city, junk: city + junk,
              st.sampled_from(["Berlin", "São Paulo", "New York", "Portland, Oregon", "Kolkata", "Lord Howe",
                               "Germany", "St. Louis", "N'Djamena", "Winston-Salem", "Springfield"]),
              st.text(max_size=8)))
pause_near_misses = st.from_regex(r"(-?\d{0,5}|[٠-٩]{1,3}|seven|a)( (day|days|week|weeks|d))?( please)?",
                                  fullmatch=True)
id_near_misses = st.from_regex(r" ?#?[0-9٠-٩０-９²³]{0,20} ?", fullmatch=True)
# ASCII digits in these two: from_regex's \d draws mostly other scripts' digits, a near miss every time.
_AMOUNT = r"(-?[0-9]{1,4}([.,][0-9]{1,3})? ?(kg|lb|g)?|band (extra light|light|medium|heavy|purple)|bodyweight)"
edit_near_misses = st.from_regex(
    rf"add [A-Za-z]{{0,12}}( [a-zé]{{2,8}})? [0-9]{{1,2}} ?[x×*]? ?[0-9]{{1,3}}( {_AMOUNT})?"
    rf"|(change|set) [0-9]{{1,3}} (sets|reps|load|weight) ([0-9]{{1,3}}|{_AMOUNT})"
    r"|(remove|delete) ?[-#]?[0-9]{0,4}",
    fullmatch=True)
todays = st.dates(min_value=date(2020, 1, 1), max_value=date(2040, 12, 31))


def _shown(reason: str) -> None:
    """A reason is something to show a person: words, not an empty message."""
    assert isinstance(reason, str) and reason.strip(), repr(reason)


# --- check-in lines --------------------------------------------------------------------------


@EXAMPLES
@given(text=st.one_of(typed, checkin_near_misses), today=todays, allow_date_prefix=st.booleans())
def test_a_checkin_line_is_read_whole_or_refused_with_a_reason(text, today, allow_date_prefix):
    """Scores for all four items (0–10) on a day within the backfill window, or a reason to show."""
    result = parse_checkin(text, today=today, allow_date_prefix=allow_date_prefix)
    if isinstance(result, ParseFailure):
        _shown(result.reason)
        assert result.reason != symptoms._FALLBACK_REASON, "the parser crashed; the safety net answered"
        return
    assert isinstance(result, ParsedCheckin)
    assert today - timedelta(days=MAX_BACKFILL_DAYS) <= result.day <= today
    if not result.same_as_yesterday:
        assert set(result.scores) == set(ITEMS)
        assert all(0 <= value <= 10 for value in result.scores.values())


@EXAMPLES
@given(text=st.one_of(typed, checkin_near_misses), today=todays)
def test_a_date_in_front_of_a_line_is_read_or_refused_with_a_reason(text, today):
    """The day prefix shared by /checkin and /log: a day in the window and the rest, or a reason."""
    result = parse_day_prefix(text, today=today)
    if isinstance(result, ParseFailure):
        _shown(result.reason)
        return
    day, rest = result
    assert today - timedelta(days=MAX_BACKFILL_DAYS) <= day <= today and isinstance(rest, str)


# --- /log --------------------------------------------------------------------------------------


@EXAMPLES
@given(text=st.one_of(typed, log_near_misses), today=todays)
def test_a_session_log_is_read_or_refused_with_a_reason(text, today):
    """/log arguments: a status with values in range, or a reason with the right form."""
    result = parse_log(text, today=today)
    if isinstance(result, ParseFailure):
        _shown(result.reason)
        return
    assert isinstance(result, SessionReport) and result.status in STATUSES
    assert all(v is None or 0 <= v <= 10 for v in (result.rpe, result.pain))


# --- /schedule -------------------------------------------------------------------------------


@EXAMPLES
@given(text=st.one_of(typed, schedule_near_misses))
def test_a_schedule_change_is_read_or_refused_with_a_reason(text):
    """/schedule arguments: a part, a time and valid days, or a reason with examples."""
    result = parse_schedule_change(text)
    if isinstance(result, ScheduleChangeError):
        _shown(result.reason)
        return
    assert isinstance(result, ScheduleChange) and result.part in ("checkin", "sessions", "review")
    assert isinstance(result.at, time)
    assert result.days is None or (result.days and all(0 <= d <= 6 for d in result.days))


@EXAMPLES
@given(text=st.one_of(typed, schedule_near_misses))
def test_times_and_weekdays_are_read_or_are_none(text):
    """The pieces of a schedule change: a time or None, sorted distinct weekdays or None."""
    at = parse_hhmm(text)
    assert at is None or isinstance(at, time)
    days = parse_weekdays(text)
    assert days is None or (list(days) == sorted(set(days)) and all(0 <= d <= 6 for d in days))


# --- time zones --------------------------------------------------------------------------------


@EXAMPLES
@given(text=st.one_of(typed, zone_near_misses))
def test_a_place_or_zone_name_resolves_or_is_refused_with_a_reason(text):
    """/timezone and onboarding: a real IANA zone, or a reason (and at most a few suggestions)."""
    result = resolve_zone_text(text)
    if isinstance(result, ZoneFailure):
        _shown(result.reason)
        assert not result.reason.startswith("Sorry, I couldn't work that out"), "the resolver crashed"
        assert len(result.suggestions) <= 3
        return
    assert isinstance(result, ZoneMatch) and is_valid_zone(result.zone) and result.label


# --- admin commands ----------------------------------------------------------------------------


@EXAMPLES
@given(text=st.one_of(typed, id_near_misses))
def test_an_admin_commands_number_is_a_plain_id_or_none(text):
    """/review <id>, /ack <flag> and the other admin commands: ASCII digits (an optional #), else None."""
    number = parse_telegram_id(text)
    assert number is None or (isinstance(number, int) and 0 <= number < 10**MAX_ID_DIGITS)


@EXAMPLES
@given(text=st.one_of(typed, edit_near_misses))
def test_a_program_edit_is_read_or_refused_with_a_reason(text):
    """/program <id> add|change|remove …: one edit within the limits, or a reason with the usage."""
    result = parse_edit(text)
    if isinstance(result, EditError):
        _shown(result.reason)
        return
    assert isinstance(result, AddExercise | ChangeExercise | RemoveExercise)


# --- /pause and /pauseuser, through their use cases on a real database ----------------------------

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
ADMIN = 90_001


@pytest.fixture(scope="module")
def runner(tmp_path_factory) -> UseCaseRunner:
    url = f"sqlite:///{tmp_path_factory.mktemp('pause') / 'coach.db'}"
    upgrade(url)
    engine = make_engine(url)
    with session_scope(engine) as session:
        participant = participant_store.create_participant(session=session, telegram_id=77, chat_id=77,
                                                           first_name="Ann", timezone="Europe/Berlin", now=NOW)
        participant.onboarding_step, participant.status = None, "active"
    use_cases = UseCaseRunner(engine, FrozenClock(NOW), default_timezone="UTC", admin_ids=(ADMIN,))
    yield use_cases
    use_cases.close()
    engine.dispose()


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(typed, pause_near_misses))
def test_pause_answers_every_argument_with_one_clear_sentence(runner, text):
    """/pause <anything>: paused, or told how to write it — one reply, never an error."""

    def pause(ctx):  # noqa: ANN001, ANN202
        participant = participant_store.get_by_telegram_id(session=ctx.session, telegram_id=77)
        return schedules.pause(ctx, participant, text)

    outcome = runner.run(pause)
    assert len(outcome.replies) == 1
    _shown(outcome.replies[0].text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(typed, pause_near_misses))
def test_pauseuser_answers_the_admin_for_every_argument(runner, text):
    """/pauseuser <id> <anything>: the admin is told what changed, or how to write it — never an error."""
    outcome = runner.run(lambda ctx: admin_changes.pause_user(ctx, ADMIN, f"77 {text}"))
    assert outcome.replies
    for reply in outcome.replies:
        _shown(reply.text)
