"""The weekly review: gather a week's facts, decide, word it, send it once, and apply or keep it."""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import NamedTuple

from sqlalchemy import Connection

from coach.domain import insights as insights_domain
from coach.domain import program as program_domain
from coach.domain.progression import (
    DELOAD,
    HOLD,
    PROGRESS,
    SEE_CLINICIAN,
    Baseline,
    DayScores,
    Review,
    SessionEntry,
    WeekFacts,
    baseline_of,
    review,
)
from coach.domain.review_message import DECISION_LABELS, compose
from coach.domain.schedule import decode_weekdays, training_day_count, zone_info
from coach.domain.symptoms import format_day
from coach.services import texts
from coach.services.plumbing.context import UseCaseContext
from coach.services.plumbing.replies import Outcome, Reply, button_rows
from coach.services.reports.chart import ChartData, ChartMark, chart_window
from coach.services.review.callbacks import ReviewAnswer, ReviewChoice
from coach.services.safety.training_hold import training_hold
from coach.services.training import programs
from coach.store import reviews as store
from coach.store.models import Participant
from coach.store.reviews import ReviewInputs

# A first review needs a few days to look back on.
MIN_DAYS_FOR_A_REVIEW = 3
# After a change of review day, a review this soon after the last one is skipped; a longer gap is not,
# so moving the day never leaves a stretch of days unreviewed for long.
REVIEW_GAP_DAYS = 3
BASELINE_DAYS = 28  # the rolling baseline's reach before the week (the first 14 days fit inside it)
# Every review sent puts the admins' triage digest on the next morning's list (see scheduler/digest.py).
DIGEST_AFTER = (PROGRESS, HOLD, DELOAD, SEE_CLINICIAN)


class PreparedReview(NamedTuple):
    """One participant's review, with what Apply would store; worded only when the words are needed.

    A named tuple rather than a frozen dataclass: the bulk review makes one for every participant, and a
    tuple is several times cheaper to make (bench/weekly.py).
    """

    participant_id: int
    telegram_id: int
    first_name: str
    facts: WeekFacts
    baseline: Baseline | None
    result: Review
    base_version: int
    chart: ChartData | None
    can_apply: bool
    condition: str | None = None
    recent_checkins: int | None = None  # check-ins in the baseline's reach up to the week's end
    insights: insights_domain.Insights | None = None  # the four weeks ending with the week

    @property
    def decision(self) -> str:
        return self.result.decision.kind

    @property
    def message(self) -> str:
        """The whole weekly message (worded anew each time it is asked for; keep it when it is needed twice)."""
        return compose(first_name=self.first_name, facts=self.facts, baseline=self.baseline, review=self.result,
                       can_apply=self.can_apply, condition=self.condition, recent_checkins=self.recent_checkins)

    @property
    def monthly(self) -> bool:
        """The first review of a month shows what the participant's own data says (in the chart's caption)."""
        return is_monthly(self.facts.last)

    def as_json(self) -> dict:
        first, last = self.facts.first, self.facts.last
        year, week, _ = last.isocalendar()
        return {"user": self.telegram_id, "decision": self.decision, "reasons": list(self.result.decision.reasons),
                "rules": list(self.result.decision.rules), "message": self.message,
                "week": {"first": first.isoformat(), "last": last.isoformat(), "iso": f"{year}-W{week:02d}"},
                "changes": [change.describe() for change in self.result.changes],
                "insights": insights_domain.for_participant(self.insights) if self.insights else []}


def week_ending(last: date) -> tuple[date, date]:
    """The 7 local days ending on `last`."""
    return last - timedelta(days=6), last


def week_before(day: date) -> tuple[date, date]:
    """The week a review sent on `day` covers: the 7 days up to the previous local midnight, a week that has
    ended (see docs/decisions/weekly-review-window.md)."""
    return week_ending(day - timedelta(days=1))


def is_monthly(last: date) -> bool:
    """Whether the review of the week ending `last` is the month's first: it goes out in the first 7 days
    of a month, which holds for exactly one review day a month."""
    return (last + timedelta(days=1)).day <= 7


_ISO_WEEK = re.compile(r"^(\d{4})-?W(\d{2})$", re.IGNORECASE)


def iso_week(text: str) -> tuple[date, date]:
    """'2026-W47' → its Monday and Sunday; ValueError with a sentence for anything else."""
    match = _ISO_WEEK.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not an ISO week; write it like 2026-W47.")
    try:
        monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError:
        raise ValueError(f"{text!r} is not a week of that year.") from None
    return monday, monday + timedelta(days=6)


# --- facts ----------------------------------------------------------------------------------------


def prepare(inputs: ReviewInputs, *, first: date, last: date, with_chart: bool, can_apply: bool) -> PreparedReview:
    """Turn one participant's rows into their review (pure apart from reading the rows given).

    The bulk review runs this for every participant (bench/weekly.py), so the rows are taken apart into
    columns once, with days as day numbers (date.toordinal()): the week, the baseline's reach and the
    four weeks of insights are slices of them, and only the week's own entries become dated tuples.
    """
    (pid, telegram_id, first_name, timezone, created_at, clearance_required, cleared_at, foot_care_since,
     session_days, condition) = inputs.participant
    zone = zone_info(timezone)
    joined = created_at.astimezone(zone).date()
    first_n, last_n = first.toordinal(), last.toordinal()
    days, *scores = inputs.checkins  # columns, oldest first, the days as day numbers
    pains, numbness, tingling, balance = scores
    week_start, week_end = bisect_left(days, first_n), bisect_right(days, last_n)
    week_checkins = tuple(map(DayScores, map(DATES.__getitem__, days[week_start:week_end]),
                              pains[week_start:week_end], numbness[week_start:week_end],
                              tingling[week_start:week_end], balance[week_start:week_end]))
    next_day = None
    if week_end < len(days) and days[week_end] == last_n + 1:
        next_day = DayScores(DATES[days[week_end]], pains[week_end], numbness[week_end], tingling[week_end],
                             balance[week_end])
    # Sessions, oldest first: (day number, status, rpe, pain, reps).
    trained, week_sessions = set(), []
    for row in inputs.sessions:
        day = row[0]
        if row[1] != "skipped":
            trained.add(day)
        if first_n <= day <= last_n:
            week_sessions.append(SessionEntry(DATES[day], *row[1:]))
    sessions = tuple(week_sessions)
    training = decode_weekdays(session_days) if session_days else ()
    planned = training_day_count(max(first, joined), last, training)
    # The week counts from joining, or from the first day filled in if that was earlier (a backfill).
    entered = [entries[0].day for entries in (week_checkins, sessions) if entries]
    since = max(first, min([joined, *entered]))
    week_flags, open_outside = [], False
    for kind, raised_at, acknowledged_at in inputs.flags:
        raised_on = raised_at.astimezone(zone).date()
        if first <= raised_on <= last:
            week_flags.append(kind)
        elif acknowledged_at is None and raised_on <= last + timedelta(days=1):
            # Still open from an earlier week, or raised on the review's own day: no step up either way.
            open_outside = True
    facts = WeekFacts(first=first, last=last, checkins=week_checkins, sessions=sessions,
                      planned_sessions=planned, red_flags=tuple(week_flags), open_flag_before=open_outside,
                      not_cleared=bool(clearance_required) and cleared_at is None,
                      foot_care=foot_care_since is not None, next_day=next_day, since=since)
    baseline = None
    if week_start:  # check-ins before the week
        baseline = baseline_of(days[:week_start], [column[:week_start] for column in scores], week_first=first_n,
                               joined=joined.toordinal())
    # What next week's baseline will see: the check-ins of the 28 days ending with this week.
    recent = week_end - bisect_right(days, last_n - BASELINE_DAYS, 0, week_end)
    found = insights_domain.insights_of(days, pains, numbness, tingling, trained, last=last_n)
    if inputs.program is None:
        base_version, program = 0, program_domain.STARTER_PROGRAM
    else:
        base_version, program = inputs.program[0], program_domain.from_json(inputs.program[1])
    result = review(facts, baseline, program, rotation=inputs.progressions)
    chart = None
    if with_chart:
        chart_first, chart_last = chart_window(last)
        chart_start = bisect_left(days, chart_first.toordinal())
        chart = ChartData(first=chart_first, last=chart_last,
                          checkins=tuple(map(DayScores, map(DATES.__getitem__, days[chart_start:week_end]),
                                             *(column[chart_start:week_end] for column in scores))),
                          session_days=tuple(DATES[day] for day in sorted(trained)
                                             if chart_first <= DATES[day] <= chart_last),
                          baseline_pain=baseline.pain if baseline else None,
                          notes=tuple(insights_domain.for_participant(found)) if is_monthly(last) else ())
    return PreparedReview(participant_id=pid, telegram_id=telegram_id, first_name=first_name, facts=facts,
                          baseline=baseline, result=result, base_version=base_version, chart=chart,
                          can_apply=can_apply, condition=condition, recent_checkins=recent, insights=found)


class _Dates(dict):
    """A day number → its date, each made once."""

    def __missing__(self, number: int) -> date:
        day = self[number] = date.fromordinal(number)
        return day


DATES = _Dates()


def prepare_one(connection: Connection, participant_id: int, *, last: date, can_apply: bool) -> PreparedReview | None:
    """One participant's review of the 7 days ending `last`, with its chart (flags and program changes
    marked); None if not onboarded."""
    first, _ = week_ending(last)
    chart_first, _ = chart_window(last)
    inputs = next(_inputs(connection, last=last, sessions_from=chart_first, participant_ids=[participant_id]), None)
    if inputs is None:
        return None
    prepared = prepare(inputs, first=first, last=last, with_chart=True, can_apply=can_apply)
    zone = zone_info(inputs.participant[3])
    marks = store.chart_marks(connection=connection, participant_id=participant_id, since=_day_start(chart_first),
                              until=_day_start(last + timedelta(days=3)))
    flags = tuple(ChartMark(at.astimezone(zone).date(), "urgent flag" if urgent else "flag")
                  for at, urgent in marks.flags)
    changes = tuple(ChartMark(at.astimezone(zone).date(), f"v{version}")
                    for version, at, _ in marks.versions if version > 1)
    return prepared._replace(chart=prepared.chart.marked(flags=flags, program_changes=changes))


def prepare_everyone(connection: Connection, *, last: date,
                     id_range: tuple[int, int] | None = None) -> Iterator[PreparedReview]:
    """Every onboarded participant's review of the 7 days ending `last` (no charts, insights computed), or of
    those whose ids lie in `id_range`: the bulk review (see services/review_bulk.py)."""
    first, _ = week_ending(last)
    chart_first, _ = chart_window(last)
    for inputs in _inputs(connection, last=last, sessions_from=chart_first, id_range=id_range):
        yield prepare(inputs, first=first, last=last, with_chart=False, can_apply=False)


def _inputs(connection: Connection, *, last: date, sessions_from: date, participant_ids: list[int] | None = None,
            id_range: tuple[int, int] | None = None) -> Iterator[ReviewInputs]:
    """The rows for reviews of the 7 days ending `last`: check-ins back to the baseline's reach (which
    also covers the chart's four weeks) and the day after, and flags from the eve of the week."""
    first, _ = week_ending(last)
    return store.review_inputs(connection=connection, checkins_from=first - timedelta(days=BASELINE_DAYS),
                               checkins_to=last + timedelta(days=1), sessions_from=sessions_from, last=last,
                               flags_since=_day_start(first - timedelta(days=1)), participant_ids=participant_ids,
                               id_range=id_range)


def _day_start(day: date) -> datetime:
    """An instant safely before `day` begins anywhere on Earth (local dates are filtered exactly later)."""
    return datetime.combine(day - timedelta(days=1), time(0), tzinfo=UTC) - timedelta(hours=14)


# --- the weekly job -------------------------------------------------------------------------------


def weekly_reply(ctx: UseCaseContext, participant_id: int, day: date) -> tuple[Reply | None, str | None]:
    """The review the weekly trigger sends on `day` (the 7 days up to that day's midnight), stored before it
    goes out; or None and why not."""
    participant = ctx.session.get(Participant, participant_id)
    joined = participant.created_at.astimezone(ctx.zone(participant)).date()
    _, last = week_before(day)
    if (day - joined).days < MIN_DAYS_FOR_A_REVIEW:
        return None, "joined too recently"
    if store.reviewed_between(session=ctx.session, participant_id=participant_id,
                              first=last - timedelta(days=REVIEW_GAP_DAYS), last=last - timedelta(days=1)):
        return None, "already reviewed this week"
    prepared = prepare_one(ctx.connection, participant_id, last=last, can_apply=True)
    if prepared is None:
        return None, "not set up"
    result, message = prepared.result, prepared.message
    row = store.save(
        session=ctx.session, participant_id=participant_id, week_first=prepared.facts.first, week_last=last,
        now=ctx.now, decision=prepared.decision, rules=",".join(result.decision.rules)[:200],
        reasons=stored_reasons(result.decision), message=message,
        proposal=program_domain.to_json(result.proposed) if result.proposed is not None else None,
        change="; ".join(change.describe() for change in result.changes) or None,
        base_version=prepared.base_version, status="sending", message_id=None, digest_pending=False)
    buttons = ()
    if result.proposed is not None:
        apply, keep = (ReviewAnswer(participant_id, row.id, choice).encode() for choice in ReviewChoice)
        buttons = button_rows([("✅ Apply", apply), ("Keep my current plan", keep)])
    return Reply(message, buttons=buttons, chart=prepared.chart), None


def review_sent(ctx: UseCaseContext, participant_id: int, day: date, message_id: int) -> None:
    """The review sent on `day` reached the participant: Apply / Keep wait now, and the admins' next digest
    goes out (each review counted in exactly one)."""
    _, last = week_before(day)
    store.mark_sent(connection=ctx.connection, participant_id=participant_id, week_last=last, message_id=message_id,
                    follow_up=DIGEST_AFTER)


def stored_reasons(decision) -> str:  # noqa: ANN001 - a progression.Decision
    """The reasons as the review row keeps them: the participant's words and the clinician's (third person)."""
    return json.dumps({"participant": list(decision.reasons), "clinician": list(decision.notes)})


# --- Apply / Keep ---------------------------------------------------------------------------------


def answer(ctx: UseCaseContext, participant: Participant, review_id: int, choice: str) -> Outcome:
    """Apply or Keep on a weekly review: Apply stores the proposed program as a new version."""
    row = store.get(session=ctx.session, review_id=review_id)
    if row is None or row.participant_id != participant.id or choice not in ("a", "k"):
        return Outcome(toast=texts.NOT_YOUR_BUTTON)
    if row.status in ("applied", "kept"):
        done = "applied" if row.status == "applied" else "kept your current plan"
        return Outcome(toast=f"Already done — you {done} for that week.")
    if row.proposal is None or row.status not in ("sending", "proposed"):
        return Outcome(toast=texts.STALE_BUTTON)
    newest = store.latest(session=ctx.session, participant_id=participant.id)
    if newest is not None and newest.id != row.id:
        # A later week's review (perhaps "see a clinician") has the last word.
        return Outcome(toast="That suggestion was for an earlier week; only your latest review counts.")
    version, _ = programs.current(ctx.session, participant.id)
    hold = training_hold(ctx.session, participant_id=participant.id,
                         clearance_required=participant.clearance_required, cleared_at=participant.cleared_at)
    refused = version != row.base_version or (row.decision == PROGRESS and hold is not None)
    # One answer per review, even when Apply and Keep are pressed at once on two devices.
    if not store.answer_once(connection=ctx.connection, review_id=row.id,
                             status="applied" if choice == "a" and not refused else "kept", now=ctx.now):
        return Outcome(toast="Already done for that week.")
    ctx.session.refresh(row)
    if choice == "k":
        return Outcome(toast="Kept").say(row.message + "\n\n👍 You kept your current plan.", edit=True)
    if refused:
        why = ("your program has changed since this review" if version != row.base_version
               else "training is on hold for now")
        return Outcome(toast="Not applied").say(
            row.message + f"\n\nℹ️ Not applied: {why}, so your current plan stays. Send /program to see it.",
            edit=True)
    new_version = programs.change(ctx.session, participant.id, program_domain.from_json(row.proposal),
                                  reason=row.decision, change=row.change, now=ctx.now)
    return Outcome(toast="Applied").say(
        row.message + f"\n\n✅ Applied — your program is now version {new_version}: {row.change}. "
        "Send /program to see it all.", edit=True)


# --- admin and command line -------------------------------------------------------------------------


def admin_preview(ctx: UseCaseContext, participant: Participant) -> Outcome:
    """Admin /review <id>: the review of the last week that has ended (the 7 days to last midnight), as the
    participant would get it today."""
    _, last = week_before(ctx.local_today(participant))
    prepared = prepare_one(ctx.connection, participant.id, last=last, can_apply=False)
    if prepared is None:
        return Outcome().say("That participant hasn't finished setting up yet, so there is nothing to review.")
    decision = prepared.result.decision
    header = (f"Review for {participant.first_name or 'participant'} (id {participant.telegram_id}): "
              f"{DECISION_LABELS[decision.kind]}, {format_day(prepared.facts.first)} – "
              f"{format_day(prepared.facts.last)}. Nothing was sent to them; this is what the weekly review would "
              "say today:")
    return Outcome().say(header).say(prepared.message, chart=prepared.chart)
