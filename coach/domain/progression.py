"""The weekly review's rules: one table of named thresholds, the baseline, and the decision.

Pure: no I/O. `decide()` is a function of one week's facts and the baseline; `review()` adds the
one-step program change a progression or an easier week would make. The table and its order
follow PRODUCT.md ("Weekly review rules"); first match wins.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from operator import itemgetter
from statistics import median
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
    open_flag_before: bool = False  # a red flag from before the week still awaits an admin
    not_cleared: bool = False  # a screening "yes" still awaits the clinician's go-ahead
    foot_care: bool = False  # a foot wound: non-weight-bearing work until an admin clears it
    next_day: DayScores | None = None  # the check-in after `last`, if any (pain after a session)


@dataclass(frozen=True)
class Baseline:
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
    before = [c for c in history if c.day < week_first]
    if len(before) < rules.baseline_min_checkins:
        return None
    first_day = min(c.day for c in before)
    rolling_start = week_first - timedelta(days=rules.baseline_rolling_days)
    if (joined if joined is not None else first_day) > rolling_start:
        chosen = sorted(before, key=lambda c: c.day)[:rules.baseline_first_days]
        basis = f"your first {len(chosen)} check-ins"
    else:
        chosen = [c for c in before if c.day >= rolling_start]
        basis = f"the {rules.baseline_rolling_days} days before this week"
    if len(chosen) < rules.baseline_min_checkins:
        return None
    return Baseline(pain=median(c.pain for c in chosen), numbness=median(c.numbness for c in chosen),
                    tingling=median(c.tingling for c in chosen), balance=median(c.balance for c in chosen),
                    checkins=len(chosen), basis=basis)


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
        pain = numbness = tingling = balance = 0
        for c in facts.checkins:
            pain += c.pain
            numbness += c.numbness
            tingling += c.tingling
            balance += c.balance
        mean = {"pain": pain / count, "numbness": numbness / count, "tingling": tingling / count,
                "balance": balance / count}
        worst = max(c.pain for c in facts.checkins)
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
        checkins=count, days=(facts.last - facts.first).days + 1, mean=mean, worst_pain=worst,
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


OPEN_FLAG_HOLD = ("A safety concern you reported is still waiting for the coaching team's follow-up; "
                  "there is no step up until then.")
NOT_CLEARED_HOLD = ("Your clinician's go-ahead (/cleared) is still pending, so there is no training step yet — "
                    "until then, your check-ins are what counts.")


def _safety_hold(facts: WeekFacts) -> Decision | None:
    """No progression while a red flag awaits an admin or clearance awaits the clinician (PRODUCT.md, Safety)."""
    reasons = []
    if facts.open_flag_before:
        reasons.append(OPEN_FLAG_HOLD)
    if facts.not_cleared:
        reasons.append(NOT_CLEARED_HOLD)
    return Decision(HOLD, tuple(reasons), ("safety_hold",)) if reasons else None


def _see_clinician(facts: WeekFacts, numbers: WeekNumbers, baseline: Baseline | None,
                   rules: Rules) -> Decision | None:
    reasons, names = [], []
    if facts.red_flags:
        kinds = ", ".join(sorted({kind.replace("_", " ") for kind in facts.red_flags}))
        reasons.append(f"This week you told me about something a clinician should look at ({kinds}).")
        names.append("red_flag")
    if baseline is not None:
        limit = baseline.pain + rules.clinician_pain_above_baseline
        high = [c for c in facts.checkins if c.pain >= limit]
        if len(high) >= rules.clinician_pain_days:
            reasons.append(f"Your pain was {rules.clinician_pain_above_baseline} or more points above your usual "
                           f"level ({one_decimal(baseline.pain)}) on {len(high)} days.")
            names.append("pain_far_above_baseline")
    return Decision(SEE_CLINICIAN, tuple(reasons), tuple(names)) if reasons else None


def _deload(facts: WeekFacts, numbers: WeekNumbers, baseline: Baseline | None, rules: Rules) -> Decision | None:
    reasons, names = [], []
    if baseline is not None and numbers.checkins:
        if numbers.mean["pain"] >= baseline.pain + rules.deload_mean_pain_above_baseline:
            reasons.append(f"Your average pain this week ({one_decimal(numbers.mean['pain'])}) was "
                           f"{one_decimal(rules.deload_mean_pain_above_baseline)} or more points above your usual "
                           f"level ({one_decimal(baseline.pain)}).")
            names.append("mean_pain_above_baseline")
        for item in ("numbness", "tingling"):
            usual = getattr(baseline, item)
            if numbers.mean[item] >= usual + rules.deload_numbness_tingling_rise:
                reasons.append(f"Your {item} averaged {one_decimal(numbers.mean[item])}, up from your usual "
                               f"{one_decimal(usual)}.")
                names.append(f"{item}_up")
    painful_days = [c for c in facts.checkins if c.pain > rules.unacceptable_pain]
    if len(painful_days) >= rules.deload_unacceptable_pain_days:
        reasons.append(f"Your pain was above {rules.unacceptable_pain} on {len(painful_days)} days.")
        names.append("painful_days")
    if numbers.mean_rpe is not None and numbers.mean_rpe >= rules.deload_mean_rpe:
        reasons.append(f"Your sessions felt very hard (average effort {one_decimal(numbers.mean_rpe)} of 10).")
        names.append("effort_too_high")
    unsettled = unsettled_sessions(facts, rules)
    if unsettled:
        day, before, after = unsettled[0]
        more = f" (and after {len(unsettled) - 1} more)" if len(unsettled) > 1 else ""
        reasons.append(f"Pain had not settled the day after your session on {format_day(day)} "
                       f"({before} → {after}){more}.")
        names.append("pain_not_settled")
    return Decision(DELOAD, tuple(reasons), tuple(names)) if reasons else None


def _not_enough_data(numbers: WeekNumbers, rules: Rules) -> Decision | None:
    reasons = []
    if numbers.checkins < rules.min_checkins:
        count = f"Only {numbers.checkins}" if numbers.checkins else "No"
        reasons.append(f"{count} check-in{'' if numbers.checkins == 1 else 's'} this week — "
                       f"I need at least {rules.min_checkins} to see how your symptoms respond.")
    logged = numbers.done + numbers.partly
    if logged < rules.min_sessions_logged:
        reasons.append(f"{'Only ' + str(logged) if logged else 'No'} session{'' if logged == 1 else 's'} logged "
                       f"as done or partly — at least {rules.min_sessions_logged} are needed to judge progress.")
    return Decision(HOLD, tuple(reasons), ("not_enough_data",)) if reasons else None


def _progress_or_hold(facts: WeekFacts, numbers: WeekNumbers, baseline: Baseline | None,
                      rules: Rules) -> Decision:
    met, unmet = [], []
    planned, done = numbers.planned, numbers.done
    if planned and done >= rules.progress_min_sessions_done and done >= planned * rules.progress_share_done - 1e-9:
        met.append(f"You did {done} of {planned} planned sessions.")
    elif planned:
        need = max(rules.progress_min_sessions_done, math.ceil(planned * rules.progress_share_done - 1e-9))
        unmet.append(f"You did {done} of {planned} planned sessions; a step up waits for {need}.")
    else:
        unmet.append("No sessions were planned this week.")
    worst = numbers.worst_pain or 0
    mean_pain = numbers.mean.get("pain", 0.0)
    if baseline is not None and mean_pain > baseline.pain + rules.progress_pain_above_baseline:
        unmet.append(f"Your average pain ({one_decimal(mean_pain)}) was more than "
                     f"{one_decimal(rules.progress_pain_above_baseline)} above your usual level "
                     f"({one_decimal(baseline.pain)}).")
    elif worst > rules.unacceptable_pain:
        unmet.append(f"Your pain reached {worst} on one day.")
    elif baseline is not None:
        met.append(f"Your pain stayed near your usual level (average {one_decimal(mean_pain)}, "
                   f"usual {one_decimal(baseline.pain)}, never above {rules.unacceptable_pain}).")
    else:
        met.append(f"Your pain stayed at {rules.unacceptable_pain} or below every day.")
    if pain_rising(facts.checkins, rules):
        unmet.append("Your pain rose over the week, so this is not the week to add more.")
    if more_reps_lately(facts.sessions, rules):
        met.append(f"You managed 2 or more extra reps in your last {rules.progress_more_reps_sessions} sessions.")
    elif numbers.mean_rpe is not None and numbers.mean_rpe <= rules.progress_max_mean_rpe:
        met.append(f"Your sessions felt manageable (average effort {one_decimal(numbers.mean_rpe)} of 10).")
    elif numbers.mean_rpe is not None:
        unmet.append(f"Your sessions took real effort (average {one_decimal(numbers.mean_rpe)} of 10) — "
                     "let your body catch up first.")
    else:
        unmet.append("I don't know yet how hard your sessions felt (no effort scores logged).")
    if unmet:
        return Decision(HOLD, tuple(unmet), ("hold",))
    return Decision(PROGRESS, tuple(met), ("progress",))


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


TOP_OF_RANGE = ("You've reached the top of the range on every exercise I can change — "
                "ask your clinician or coach about a next level.")


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
            return Review(Decision(HOLD, (*decision.reasons, TOP_OF_RANGE), ("top_of_range",)), numbers)
        proposed, change = step
        return Review(decision, numbers, (change,), proposed)
    if decision.kind == DELOAD:
        proposed, changes = deload_step(program)
        return Review(decision, numbers, changes, proposed if changes else None)
    return Review(decision, numbers)


def one_decimal(value: float) -> str:
    """2.0 → '2', 2.25 → '2.3': scores as the messages show them."""
    return f"{value:.1f}".removesuffix(".0")
