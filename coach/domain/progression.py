"""The weekly review's rules: one table of named thresholds, the baseline, and the decision.

Pure: no I/O. `decide()` is a function of one week's facts and the baseline; `review()` adds the
one-step program change a progression or an easier week would make. The table and its order
follow PRODUCT.md ("Weekly review rules"); first match wins.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from operator import itemgetter
from typing import NamedTuple

from coach.domain.program import Change, Program, deload_step, progression_step
from coach.domain.symptoms import format_day

PROGRESS, HOLD, DELOAD, SEE_CLINICIAN = "progress", "hold", "deload", "see_clinician"
DECISIONS = (PROGRESS, HOLD, DELOAD, SEE_CLINICIAN)

ACSM_2009 = "ACSM position stand, Progression models in resistance training for healthy adults (2009)"
NSCA_2FOR2 = "NSCA '2-for-2' rule (2 extra reps in the last set, 2 sessions running)"
FARRAR_2001 = "Farrar et al. 2001, Pain 94:149 (0–10 pain: clinically important change ≈ 2 points / 30 %)"
PAIN_MONITORING = "Pain-monitoring model, Silbernagel et al. 2007 (0–3 safe, 4–5 acceptable, > 5 not acceptable)"
PRODUCT = "PRODUCT.md, weekly review rules (a product choice, kept conservative)"


def _rule(value: float, source: str) -> float:
    return field(default=value, metadata={"source": source})


@dataclass(frozen=True)
class Rules:
    """Every threshold the weekly review uses, by name, with where it comes from."""

    # Baseline: median of the first 14 check-ins (days with a check-in), then of the 28 days before the week.
    baseline_first_days: int = _rule(14, PRODUCT)
    baseline_rolling_days: int = _rule(28, PRODUCT)
    baseline_min_checkins: int = _rule(7, PRODUCT)
    # See a clinician: pain this far above baseline on this many days.
    clinician_pain_above_baseline: int = _rule(3, FARRAR_2001 + "; beyond the MCID on several days")
    clinician_pain_days: int = _rule(3, PRODUCT)
    # Rest / deload.
    deload_mean_pain_above_baseline: float = _rule(2, FARRAR_2001)
    unacceptable_pain: int = _rule(5, PAIN_MONITORING)  # a day with pain above this is too much
    deload_unacceptable_pain_days: int = _rule(2, PRODUCT)
    deload_numbness_tingling_rise: float = _rule(2, FARRAR_2001 + ", applied to numbness and tingling")
    deload_mean_rpe: float = _rule(9, ACSM_2009 + "; RPE 9–10 is near-maximal effort")
    unsettled_pain_rise: int = _rule(2, PAIN_MONITORING + "; pain should settle by the next morning")
    # Not enough data to judge.
    min_checkins: int = _rule(4, PRODUCT)
    min_sessions_logged: int = _rule(2, PRODUCT)
    # Light progression.
    progress_share_done: float = _rule(2 / 3, PRODUCT)
    progress_min_sessions_done: int = _rule(2, PRODUCT)
    progress_pain_above_baseline: float = _rule(1, FARRAR_2001 + "; well inside the MCID")
    progress_max_mean_rpe: float = _rule(6, ACSM_2009 + "; moderate effort leaves room to progress")
    progress_more_reps_sessions: int = _rule(2, NSCA_2FOR2)
    # Rising pain: the later half of the week this much above the earlier half blocks progression.
    rising_pain_points: float = _rule(1, PAIN_MONITORING + "; a trend, not yet a flare")


RULES = Rules()


def rule_sources(rules: Rules = RULES) -> dict[str, tuple[float, str]]:
    """Each threshold's name, value and source (for `coach review --rules` and the tests)."""
    return {f.name: (getattr(rules, f.name), f.metadata["source"]) for f in fields(rules)}


# --- facts --------------------------------------------------------------------------------------


_BY_DAY = itemgetter(0)
ONE_DAY = timedelta(days=1)


# Named tuples rather than frozen dataclasses for the values a review builds for every participant
# (its days and sessions, the facts, the numbers, the decision): a tuple is several times cheaper to make.
class DayScores(NamedTuple):
    day: date
    pain: int
    numbness: int
    tingling: int
    balance: int


class SessionEntry(NamedTuple):
    day: date
    status: str  # done, partly, skipped
    rpe: int | None = None
    pain: int | None = None
    reps: str | None = None  # fewer, planned, more


class WeekFacts(NamedTuple):
    """Everything one week's decision looks at; check-ins and sessions inside [first, last], by day."""

    first: date
    last: date
    checkins: tuple[DayScores, ...]
    sessions: tuple[SessionEntry, ...]
    planned_sessions: int
    red_flags: tuple[str, ...] = ()  # kinds of the red flags raised during the week
    open_flag_before: bool = False  # a red flag from outside the week still awaits an admin
    not_cleared: bool = False  # a screening "yes" still awaits the clinician's go-ahead
    foot_care: bool = False  # a foot wound: non-weight-bearing work until an admin clears it
    next_day: DayScores | None = None  # the check-in after `last`, if any (pain after a session)
    since: date | None = None  # the first day the week counts (joining mid-week); None: `first`


class Baseline(NamedTuple):
    """The participant's usual scores (medians), how many check-ins they come from, and which ones."""

    pain: float
    numbness: float
    tingling: float
    balance: float
    checkins: int
    basis: str  # "your first 14 check-ins" or "the 28 days before this week"


def baseline_from(history: Sequence[DayScores], *, week_first: date, joined: date | None = None,
                  rules: Rules = RULES) -> Baseline | None:
    """Median scores before the week: of the first 14 check-ins while the participant has been here
    less than 28 days, then of the 28 days before the week. None with fewer than 7 check-ins there
    (an irregular check-in habit gives no reliable "usual"; the absolute rules decide then).

    `joined` (when known) says how long the history is, so a gap in check-ins is not taken for a start.
    """
    before = sorted((c for c in history if c.day < week_first), key=_BY_DAY)
    if len(before) < rules.baseline_min_checkins:
        return None
    days, *scores = zip(*before, strict=True)
    return baseline_of([day.toordinal() for day in days], scores, week_first=week_first.toordinal(),
                       joined=joined.toordinal() if joined is not None else None, rules=rules)


def baseline_of(days: Sequence[int], scores: Sequence[Sequence[int]], *, week_first: int, joined: int | None,
                rules: Rules = RULES) -> Baseline | None:
    """baseline_from() on columns: `days` are day numbers (date.toordinal()) in ascending order, `scores` the
    pain, numbness, tingling and balance of those days; `week_first` and `joined` are day numbers too.

    The bulk review computes a baseline for every participant from the rows as they come (bench/weekly.py):
    slices and C-level sorts instead of a filtered list of tuples per participant.
    """
    end = bisect_left(days, week_first)  # only the days before the week count
    if end < rules.baseline_min_checkins:
        return None
    rolling_start = week_first - rules.baseline_rolling_days
    if (joined if joined is not None else days[0]) > rolling_start:
        start, end = 0, min(end, rules.baseline_first_days)
        basis = f"your first {end} check-ins"
    else:
        start = bisect_left(days, rolling_start, 0, end)
        basis = f"the {rules.baseline_rolling_days} days before this week"
    if end - start < rules.baseline_min_checkins:
        return None
    pain, numbness, tingling, balance = (_median(column[start:end]) for column in scores)
    return Baseline(pain=pain, numbness=numbness, tingling=tingling, balance=balance, checkins=end - start,
                    basis=basis)


def _median(values: Sequence[int]) -> float:
    """statistics.median, exactly (the middle value, or the mean of the two middle ones), without its checks."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


class WeekNumbers(NamedTuple):
    """The week in numbers, as the message shows them and the rules read them."""

    checkins: int
    days: int
    mean: dict[str, float]  # pain, numbness, tingling, balance
    worst_pain: int | None
    done: int
    partly: int
    skipped: int
    planned: int
    mean_rpe: float | None
    mean_session_pain: float | None


ITEMS = ("pain", "numbness", "tingling", "balance")


def week_numbers(facts: WeekFacts) -> WeekNumbers:
    count = len(facts.checkins)
    mean: dict[str, float] = {}
    worst = None
    if count:
        _, pain, numbness, tingling, balance = zip(*facts.checkins, strict=True)  # columns, summed in C
        mean = {"pain": sum(pain) / count, "numbness": sum(numbness) / count, "tingling": sum(tingling) / count,
                "balance": sum(balance) / count}
        worst = max(pain)
    done = partly = skipped = 0
    efforts, pains = [], []
    for entry in facts.sessions:
        if entry.status == "done":
            done += 1
        elif entry.status == "partly":
            partly += 1
        else:
            skipped += 1
        if entry.rpe is not None:
            efforts.append(entry.rpe)
        if entry.pain is not None:
            pains.append(entry.pain)
    return WeekNumbers(
        checkins=count, days=(facts.last - max(facts.first, facts.since or facts.first)).days + 1, mean=mean,
        worst_pain=worst,
        done=done, partly=partly, skipped=skipped, planned=facts.planned_sessions,
        mean_rpe=sum(efforts) / len(efforts) if efforts else None,
        mean_session_pain=sum(pains) / len(pains) if pains else None)


def pain_rising(checkins: Sequence[DayScores], rules: Rules = RULES) -> bool:
    """The later half of the week's check-ins averages `rising_pain_points` more pain than the earlier."""
    if len(checkins) < 2:
        return False
    ordered = sorted(checkins, key=_BY_DAY)
    half = len(ordered) // 2
    earlier = sum(c.pain for c in ordered[:half]) / half
    later = sum(c.pain for c in ordered[-half:]) / half
    return later - earlier >= rules.rising_pain_points


def unsettled_sessions(facts: WeekFacts, rules: Rules = RULES) -> list[tuple[date, int, int]]:
    """Session days whose next-day check-in was `unsettled_pain_rise` or more above the session day's."""
    pain_on = {c.day: c.pain for c in facts.checkins}
    if facts.next_day is not None:
        pain_on.setdefault(facts.next_day.day, facts.next_day.pain)
    found = []
    for entry in facts.sessions:
        if entry.status == "skipped" or (on_day := pain_on.get(entry.day)) is None:
            continue
        after = pain_on.get(entry.day + ONE_DAY)
        if after is not None and after - on_day >= rules.unsettled_pain_rise:
            found.append((entry.day, on_day, after))
    return found


# --- the decision -------------------------------------------------------------------------------


class Decision(NamedTuple):
    kind: str  # one of DECISIONS
    reasons: tuple[str, ...]  # plain words, for the participant
    rules: tuple[str, ...]  # the names of the rules that decided it (for admins and tests)
    notes: tuple[str, ...] = ()  # the same reasons in the third person, for the clinician's summary


def decide(facts: WeekFacts, baseline: Baseline | None, rules: Rules = RULES, *,
           numbers: WeekNumbers | None = None) -> Decision:
    """The week's decision and its reasons; the first rule of PRODUCT.md's table that matches wins.

    `numbers` are week_numbers(facts), when the caller has them already.
    """
    numbers = numbers or week_numbers(facts)
    return (_see_clinician(facts, numbers, baseline, rules)
            or _deload(facts, numbers, baseline, rules)
            or _safety_hold(facts)
            or _not_enough_data(numbers, rules)
            or _progress_or_hold(facts, numbers, baseline, rules))


OPEN_FLAG_HOLD = "Something you reported still awaits the coaching team's follow-up; no step up until then."
NOT_CLEARED_HOLD = "Your go-ahead to exercise (/cleared) is still pending, so there is no training step yet."


def _safety_hold(facts: WeekFacts) -> Decision | None:
    """No progression while a red flag awaits an admin or clearance awaits the clinician (PRODUCT.md, Safety)."""
    reasons, notes = [], []
    if facts.open_flag_before:
        reasons.append(OPEN_FLAG_HOLD)
        notes.append("A red flag from outside this week was still awaiting the coaching team's follow-up.")
    if facts.not_cleared:
        reasons.append(NOT_CLEARED_HOLD)
        notes.append("Clearance to exercise, asked for by the screening, was not yet confirmed.")
    return Decision(HOLD, tuple(reasons), ("safety_hold",), tuple(notes)) if reasons else None


def _see_clinician(facts: WeekFacts, numbers: WeekNumbers, baseline: Baseline | None,
                   rules: Rules) -> Decision | None:
    reasons, names, notes = [], [], []
    if facts.red_flags:
        kinds = ", ".join(sorted({flag_words(kind) for kind in facts.red_flags}))
        reasons.append(f"This week you reported: {kinds}.")
        notes.append(f"Red flag reported this week: {kinds}.")
        names.append("red_flag")
    if baseline is not None:
        limit = baseline.pain + rules.clinician_pain_above_baseline
        high = [c for c in facts.checkins if c.pain >= limit]
        if len(high) >= rules.clinician_pain_days:
            points, usual_pain = rules.clinician_pain_above_baseline, one_decimal(baseline.pain)
            reasons.append(f"Your pain was {points}+ points above your usual ({usual_pain}) on {len(high)} days.")
            notes.append(f"Pain {points}+ points above baseline ({usual_pain}) on {len(high)} days.")
            names.append("pain_far_above_baseline")
    return Decision(SEE_CLINICIAN, tuple(reasons), tuple(names), tuple(notes)) if reasons else None


# Flag kinds in plain words for the review's reasons (the safety module owns the kinds themselves).
_FLAG_WORDS = {"foot_wound": "a foot wound or blister", "bladder_bowel": "a bladder or bowel problem",
               "saddle_numbness": "numbness in the groin or saddle area", "chest_pain": "chest pain",
               "fainting": "fainting", "fall_injury": "a fall with an injury", "severe_pain": "sudden severe pain",
               "weakness": "new or spreading weakness"}


def flag_words(kind: str) -> str:
    """A red-flag kind as the review says it ('a foot wound or blister'); an unknown kind with spaces."""
    return _FLAG_WORDS.get(kind, kind.replace("_", " "))


def _deload(facts: WeekFacts, numbers: WeekNumbers, baseline: Baseline | None, rules: Rules) -> Decision | None:
    reasons, names, notes = [], [], []
    if baseline is not None and numbers.checkins:
        if numbers.mean["pain"] >= baseline.pain + rules.deload_mean_pain_above_baseline:
            mean, points, usual_pain = (one_decimal(numbers.mean["pain"]),
                                        one_decimal(rules.deload_mean_pain_above_baseline), one_decimal(baseline.pain))
            reasons.append(f"Your average pain ({mean}) was {points}+ points above your usual ({usual_pain}).")
            notes.append(f"Mean pain {mean}, {points}+ points above baseline ({usual_pain}).")
            names.append("mean_pain_above_baseline")
        for item in ("numbness", "tingling"):
            usual = getattr(baseline, item)
            if numbers.mean[item] >= usual + rules.deload_numbness_tingling_rise:
                mean, before = one_decimal(numbers.mean[item]), one_decimal(usual)
                reasons.append(f"Your {item} averaged {mean}, up from your usual {before}.")
                notes.append(f"Mean {item} {mean}, up from baseline {before}.")
                names.append(f"{item}_up")
    painful_days = [c for c in facts.checkins if c.pain > rules.unacceptable_pain]
    if len(painful_days) >= rules.deload_unacceptable_pain_days:
        reasons.append(f"Your pain was above {rules.unacceptable_pain} on {len(painful_days)} days.")
        notes.append(f"Pain above {rules.unacceptable_pain} on {len(painful_days)} days.")
        names.append("painful_days")
    if numbers.mean_rpe is not None and numbers.mean_rpe >= rules.deload_mean_rpe:
        reasons.append(f"Your sessions felt very hard (effort {one_decimal(numbers.mean_rpe)} of 10).")
        notes.append(f"Mean session effort {one_decimal(numbers.mean_rpe)}/10.")
        names.append("effort_too_high")
    unsettled = unsettled_sessions(facts, rules)
    if unsettled:
        day, before, after = unsettled[0]
        more = f" (and {len(unsettled) - 1} more)" if len(unsettled) > 1 else ""
        reasons.append(f"Pain hadn't settled the day after your {format_day(day)} session ({before} → {after}){more}.")
        notes.append(f"Pain not settled the day after the session on {format_day(day)} ({before} to {after}){more}.")
        names.append("pain_not_settled")
    return Decision(DELOAD, tuple(reasons), tuple(names), tuple(notes)) if reasons else None


def _not_enough_data(numbers: WeekNumbers, rules: Rules) -> Decision | None:
    reasons, notes = [], []
    if numbers.checkins < rules.min_checkins:
        count = f"Only {numbers.checkins}" if numbers.checkins else "No"
        plural = "" if numbers.checkins == 1 else "s"
        reasons.append(f"{count} check-in{plural} this week — I need {rules.min_checkins} to see how you respond.")
        notes.append(f"{count} check-in{plural} this week ({rules.min_checkins} needed to judge).")
    logged = numbers.done + numbers.partly
    if logged < rules.min_sessions_logged:
        count, plural = ("Only " + str(logged) if logged else "No"), "" if logged == 1 else "s"
        reasons.append(f"{count} session{plural} logged — {rules.min_sessions_logged} are needed to judge progress.")
        notes.append(f"{count} session{plural} logged as done or partly ({rules.min_sessions_logged} needed).")
    return Decision(HOLD, tuple(reasons), ("not_enough_data",), tuple(notes)) if reasons else None


def _progress_or_hold(facts: WeekFacts, numbers: WeekNumbers, baseline: Baseline | None,
                      rules: Rules) -> Decision:
    # (participant's words, the clinician's) for each condition met and each not met
    met: list[tuple[str, str]] = []
    unmet: list[tuple[str, str]] = []
    planned, done = numbers.planned, numbers.done
    if planned and done >= rules.progress_min_sessions_done and done >= planned * rules.progress_share_done - 1e-9:
        met.append((f"You did {done} of {planned} planned sessions.", f"{done} of {planned} planned sessions done."))
    elif planned:
        need = max(rules.progress_min_sessions_done, math.ceil(planned * rules.progress_share_done - 1e-9))
        unmet.append((f"You did {done} of {planned} planned sessions; a step up waits for {need}.",
                      f"{done} of {planned} planned sessions done ({need} needed for a step up)."))
    else:
        unmet.append(("No sessions were planned this week.", "No sessions were planned this week."))
    worst = numbers.worst_pain or 0
    mean_pain = numbers.mean.get("pain", 0.0)
    if baseline is not None and mean_pain > baseline.pain + rules.progress_pain_above_baseline:
        mean, points, usual_pain = (one_decimal(mean_pain), one_decimal(rules.progress_pain_above_baseline),
                                    one_decimal(baseline.pain))
        unmet.append((f"Your average pain ({mean}) was more than {points} above your usual ({usual_pain}).",
                      f"Mean pain {mean}, more than {points} above baseline ({usual_pain})."))
    elif worst > rules.unacceptable_pain:
        unmet.append((f"Your pain reached {worst} on one day.", f"Pain reached {worst} on one day."))
    elif baseline is not None:
        mean, usual_pain = one_decimal(mean_pain), one_decimal(baseline.pain)
        met.append((f"Your pain stayed near your usual (average {mean}, usual {usual_pain}).",
                    f"Mean pain {mean} against a baseline of {usual_pain}, no day above {rules.unacceptable_pain}."))
    else:
        met.append((f"Your pain stayed at {rules.unacceptable_pain} or below every day.",
                    f"Pain {rules.unacceptable_pain} or below every day (no baseline yet)."))
    if pain_rising(facts.checkins, rules):
        unmet.append(("Your pain rose over the week, so this is not the week to add more.",
                      "Pain rose over the week."))
    if more_reps_lately(facts.sessions, rules):
        sessions = rules.progress_more_reps_sessions
        met.append((f"You managed 2+ extra reps in your last {sessions} sessions.",
                    f"2+ reps over target in the last {sessions} sessions."))
    elif numbers.mean_rpe is not None and numbers.mean_rpe <= rules.progress_max_mean_rpe:
        effort = one_decimal(numbers.mean_rpe)
        met.append((f"Your sessions felt manageable (effort {effort} of 10).", f"Mean session effort {effort}/10."))
    elif numbers.mean_rpe is not None:
        effort = one_decimal(numbers.mean_rpe)
        unmet.append((f"Your sessions took real effort ({effort} of 10) — let your body catch up first.",
                      f"Mean session effort {effort}/10: too hard to add more yet."))
    else:
        unmet.append(("I don't know yet how hard your sessions felt (no effort scores logged).",
                      "No effort (RPE) scores logged."))
    if unmet:
        return Decision(HOLD, tuple(you for you, _ in unmet), ("hold",), tuple(they for _, they in unmet))
    return Decision(PROGRESS, tuple(you for you, _ in met), ("progress",), tuple(they for _, they in met))


def more_reps_lately(sessions: Sequence[SessionEntry], rules: Rules = RULES) -> bool:
    """'2+ more reps' in each of the last `progress_more_reps_sessions` sessions done or partly."""
    trained = [s for s in sorted(sessions, key=_BY_DAY) if s.status != "skipped"]
    last = trained[-rules.progress_more_reps_sessions:]
    return len(last) == rules.progress_more_reps_sessions and all(s.reps == "more" for s in last)


# --- the review: decision plus the program change it would make -------------------------------------


class Review(NamedTuple):
    decision: Decision
    numbers: WeekNumbers
    changes: tuple[Change, ...] = ()  # what Apply would change
    proposed: Program | None = None  # the program Apply would store


TOP_OF_RANGE = "You're at the top of the range on every exercise I can change — ask your coach about a next level."
TOP_OF_RANGE_NOTE = "At the top of the range on every exercise the bot may change; a next level needs the team."


def review(facts: WeekFacts, baseline: Baseline | None, program: Program, *, rotation: int = 0,
           blocked: frozenset[str] = frozenset(), rules: Rules = RULES) -> Review:
    """decide(), plus the program Apply would store: one step harder for a progression, one step easier
    for a deload (nothing for hold and see a clinician). `rotation` picks which exercise goes first."""
    numbers = week_numbers(facts)
    decision = decide(facts, baseline, rules, numbers=numbers)
    if decision.kind == PROGRESS:
        if facts.foot_care:
            blocked = blocked | {e.name for e in program if e.weight_bearing}
        step = progression_step(program, start=rotation, extra_reps=more_reps_lately(facts.sessions, rules),
                                blocked=blocked)
        if step is None:
            return Review(Decision(HOLD, (*decision.reasons, TOP_OF_RANGE), ("top_of_range",),
                                   (*decision.notes, TOP_OF_RANGE_NOTE)), numbers)
        proposed, change = step
        return Review(decision, numbers, (change,), proposed)
    if decision.kind == DELOAD:
        proposed, changes = deload_step(program)
        return Review(decision, numbers, changes, proposed if changes else None)
    return Review(decision, numbers)


def one_decimal(value: float) -> str:
    """2.0 → '2', 2.25 → '2.3': scores as the messages show them."""
    return f"{value:.1f}".removesuffix(".0")
