"""Programs as data: exercises with sets, reps and load, and the one-step changes a review may make.

Pure: no I/O. A program is a tuple of exercises; a participant's history of programs is kept as
versions in the store, and every change here returns a new program, never edits one.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, replace
from functools import lru_cache

# Loads: bodyweight, a weight in kg or lb, or a resistance band by level.
BODYWEIGHT, KG, LB, BAND = "bodyweight", "kg", "lb", "band"
LOAD_UNITS = (BODYWEIGHT, KG, LB, BAND)
BAND_LEVELS = ("extra light", "light", "medium", "heavy", "extra heavy")
# The smallest real increment of each weight unit (ACSM 2009: "at least the smallest increment").
SMALLEST_INCREMENT = {KG: 0.5, LB: 1.0}

# Rep range for light strength work (ACSM 2009, novice: 8–12 repetitions).
REP_RANGE_LOW, REP_RANGE_HIGH = 8, 12
# Load steps, as a share of the current load: progression 2–10 % (ACSM 2009) — we take the middle,
# 5 %, rounded up to a real increment; a deload 10–20 % (PRODUCT.md) — we take 15 %, rounded down.
PROGRESSION_LOAD_SHARE = 0.05
DELOAD_LOAD_SHARE = 0.15
# An easier week never takes a bodyweight exercise below this many reps.
DELOAD_REPS_FLOOR = 5
DELOAD_REPS_STEP = 2


@dataclass(frozen=True)
class Exercise:
    name: str
    sets: int
    reps: int  # per set (per side where the cue says so)
    unit: str = BODYWEIGHT  # one of LOAD_UNITS
    amount: float = 0.0  # kg or lb; for a band, the index into BAND_LEVELS
    cue: str = ""  # one line on doing it safely
    weight_bearing: bool = True  # puts body weight through the feet (not with a foot wound)
    rep_low: int = REP_RANGE_LOW
    rep_high: int = REP_RANGE_HIGH


Program = tuple[Exercise, ...]


@dataclass(frozen=True)
class Change:
    """One exercise's one variable, before and after, in words."""

    exercise: str
    variable: str  # "reps" or "load"
    before: str
    after: str

    def describe(self) -> str:
        return f"{self.exercise}: {self.before} → {self.after}"


# Chosen for balance and foot safety: supported, low-impact, nothing that loads numb feet hard.
STARTER_PROGRAM: Program = (
    Exercise("Sit-to-stand from a chair", 2, 8, cue="use your hands on the chair if you need to"),
    Exercise("Wall push-up", 2, 8, cue="feet a step from the wall, slow and steady"),
    Exercise("Band row", 2, 10, BAND, 1, cue="sit tall, squeeze your shoulder blades", weight_bearing=False),
    Exercise("Supported calf raise", 2, 10, cue="hold the counter or a chair back"),
    Exercise("Side-lying hip abduction", 2, 8, cue="each side, lift only as high as is comfortable",
             weight_bearing=False),
)

# While a foot wound heals (until a clinician has seen it): seated and lying work only.
NON_WEIGHT_BEARING_PROGRAM: Program = (
    Exercise("Seated knee extension", 2, 8, cue="sit tall, straighten one knee slowly, then the other",
             weight_bearing=False),
    Exercise("Seated band row", 2, 10, BAND, 1, cue="sit tall, squeeze your shoulder blades", weight_bearing=False),
    Exercise("Seated band chest press", 2, 8, BAND, 0, cue="band behind your back, press forward slowly",
             weight_bearing=False),
    Exercise("Side-lying hip abduction", 2, 8, cue="each side, lift only as high as is comfortable",
             weight_bearing=False),
)


def describe_load(exercise: Exercise) -> str:
    if exercise.unit == BAND:
        return f"{BAND_LEVELS[int(exercise.amount)]} band"
    if exercise.unit in SMALLEST_INCREMENT:
        return f"{_number(exercise.amount)} {exercise.unit}"
    return "bodyweight"


def describe_dose(exercise: Exercise) -> str:
    """'2 × 8 (bodyweight)'."""
    return f"{exercise.sets} × {exercise.reps} ({describe_load(exercise)})"


def describe_exercise(exercise: Exercise) -> str:
    """'Wall push-up — 2 × 8 (bodyweight): feet a step from the wall, slow and steady'."""
    return f"{exercise.name} — {describe_dose(exercise)}: {exercise.cue}"


# --- one step harder ----------------------------------------------------------------------------


# Cached: programs are immutable and most participants share a handful of them, so a weekly run over
# everyone computes each distinct step once.
@lru_cache(maxsize=4096)
def progression_step(program: Program, *, start: int = 0, extra_reps: bool = False,
                     blocked: frozenset[str] = frozenset()) -> tuple[Program, Change] | None:
    """The program with one exercise made one step harder, and the change; None if none can be.

    Exercises are tried in turn from `start` (the caller rotates it, so progress spreads over the
    program). Reps go up first, +1 per set (+2 after two sessions with extra reps, the NSCA
    "2-for-2"), never above the top of the range; only at the top does the load go up. Exercises
    named in `blocked` (a red flag on them) are never made harder.
    """
    if not program:
        return None
    for offset in range(len(program)):
        index = (start + offset) % len(program)
        exercise = program[index]
        if exercise.name in blocked:
            continue
        harder = _harder(exercise, extra_reps=extra_reps)
        if harder is not None:
            new, change = harder
            return program[:index] + (new,) + program[index + 1:], change
    return None


def _harder(exercise: Exercise, *, extra_reps: bool) -> tuple[Exercise, Change] | None:
    if exercise.reps < exercise.rep_high:
        reps = min(exercise.rep_high, exercise.reps + (2 if extra_reps else 1))
        new = replace(exercise, reps=reps)
        return new, Change(exercise.name, "reps", describe_dose(exercise), describe_dose(new))
    amount = next_load(exercise)
    if amount is None:
        return None
    new = replace(exercise, amount=amount)
    return new, Change(exercise.name, "load", describe_dose(exercise), describe_dose(new))


def next_load(exercise: Exercise) -> float | None:
    """One step more load: +5 % rounded up to a real increment (at least one), the next band; None
    for bodyweight or the heaviest band."""
    if exercise.unit == BAND:
        level = int(exercise.amount) + 1
        return float(level) if level < len(BAND_LEVELS) else None
    increment = SMALLEST_INCREMENT.get(exercise.unit)
    if increment is None:
        return None
    target = exercise.amount * (1 + PROGRESSION_LOAD_SHARE)
    stepped = math.ceil(round(target / increment, 6)) * increment
    return round(max(stepped, exercise.amount + increment), 3)


# --- one step easier ----------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def deload_step(program: Program) -> tuple[Program, tuple[Change, ...]]:
    """Every exercise one step easier: load −15 % rounded down to a real increment (at least one),
    one band lighter, or (bodyweight, lightest band, lightest weight) two reps fewer."""
    easier, changes = [], []
    for exercise in program:
        new = _easier(exercise)
        easier.append(new)
        if new != exercise:
            variable = "reps" if new.reps != exercise.reps else "load"
            changes.append(Change(exercise.name, variable, describe_dose(exercise), describe_dose(new)))
    return tuple(easier), tuple(changes)


def _easier(exercise: Exercise) -> Exercise:
    if exercise.unit == BAND and exercise.amount >= 1:
        return replace(exercise, amount=float(int(exercise.amount) - 1))
    increment = SMALLEST_INCREMENT.get(exercise.unit)
    if increment is not None and exercise.amount > increment:
        target = exercise.amount * (1 - DELOAD_LOAD_SHARE)
        stepped = math.floor(round(target / increment, 6)) * increment
        below = math.ceil(round(exercise.amount / increment, 6)) * increment - increment
        return replace(exercise, amount=round(max(increment, min(stepped, below)), 3))
    reps = max(DELOAD_REPS_FLOOR, exercise.reps - DELOAD_REPS_STEP)
    return replace(exercise, reps=min(reps, exercise.reps))


# --- stored form --------------------------------------------------------------------------------


def to_json(program: Program) -> str:
    return json.dumps([asdict(exercise) for exercise in program], separators=(",", ":"))


@lru_cache(maxsize=4096)
def from_json(text: str) -> Program:
    return tuple(Exercise(**item) for item in json.loads(text))


def changed_variables(before: Program, after: Program) -> list[tuple[str, str, object, object]]:
    """Every (exercise, variable, old, new) that differs between two programs of the same exercises."""
    differences = []
    for old, new in zip(before, after, strict=True):
        for variable in ("sets", "reps", "amount", "unit", "name"):
            if getattr(old, variable) != getattr(new, variable):
                differences.append((old.name, variable, getattr(old, variable), getattr(new, variable)))
    return differences


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")
