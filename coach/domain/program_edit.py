"""An admin's edit of a participant's program, read from one line and applied to a program. Pure; never raises.

    add Seated march 2x10            add Dumbbell curl 2x10 2 kg      add Chest press 2x8 band light
    change 2 reps 12                 change 2 sets 3                  change 2 load 3.5 kg
    change 3 load band medium        change 1 load bodyweight         remove 4
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from coach.domain.program import BAND, BAND_LEVELS, BODYWEIGHT, KG, LB, Exercise, Program, describe_dose

MAX_SETS, MAX_REPS = 6, 30
MAX_LOAD = {KG: 200.0, LB: 440.0}
MAX_EXERCISES = 12
MAX_NAME = 60
MAX_INPUT = 300

USAGE = ("Write it like: /program <id> add Seated march 2x10 · /program <id> add Dumbbell curl 2x10 2 kg · "
         "/program <id> change 2 reps 12 · /program <id> change 2 load band medium · /program <id> remove 4")


@dataclass(frozen=True)
class Load:
    unit: str  # one of coach.domain.program.LOAD_UNITS
    amount: float = 0.0  # kg or lb; a band's index into BAND_LEVELS


@dataclass(frozen=True)
class AddExercise:
    name: str
    sets: int
    reps: int
    load: Load


@dataclass(frozen=True)
class ChangeExercise:
    number: int  # 1-based, as /program lists them
    variable: str  # sets, reps, load
    count: int = 0  # sets or reps
    load: Load | None = None


@dataclass(frozen=True)
class RemoveExercise:
    number: int


ProgramEdit = AddExercise | ChangeExercise | RemoveExercise


@dataclass(frozen=True)
class EditError:
    reason: str


_DOSE = re.compile(r"^(.*?)\s+(\d{1,2})\s*[x×]\s*(\d{1,2})(?:\s+(.+))?$", re.IGNORECASE)


def parse_edit(text: str) -> ProgramEdit | EditError:
    """Read one edit (the words after the participant's id)."""
    if not isinstance(text, str) or len(text) > MAX_INPUT:
        return EditError("That's too long for one change. " + USAGE)
    words = text.split()
    if not words:
        return EditError(USAGE)
    verb, rest = words[0].lower(), text.strip()[len(words[0]):].strip()
    if verb == "add":
        return _parse_add(rest)
    if verb in ("change", "set"):
        return _parse_change(rest.split())
    if verb in ("remove", "delete", "drop"):
        number = _count(rest, 1, MAX_EXERCISES)
        return RemoveExercise(number) if number is not None else EditError(
            "Which exercise? Give its number from /program <id>, e.g. remove 4.")
    return EditError(f"I can add, change or remove an exercise, not “{words[0][:30]}”. " + USAGE)


def apply_edit(program: Program, edit: ProgramEdit) -> tuple[Program, str] | EditError:
    """The edited program and the change in plain words, or why it cannot be made."""
    if isinstance(edit, AddExercise):
        if len(program) >= MAX_EXERCISES:
            return EditError(f"A program holds at most {MAX_EXERCISES} exercises; remove one first.")
        if any(e.name.lower() == edit.name.lower() for e in program):
            return EditError(f"“{edit.name}” is already in the program; change it instead.")
        added = Exercise(edit.name, edit.sets, edit.reps, edit.load.unit, edit.load.amount,
                         cue="go gently, stop if anything feels wrong")
        return (*program, added), f"added {added.name}, {describe_dose(added)}"
    if not 1 <= edit.number <= len(program):
        return EditError(f"There is no exercise {edit.number}: the program has {len(program)}.")
    index = edit.number - 1
    before = program[index]
    if isinstance(edit, RemoveExercise):
        if len(program) == 1:
            return EditError("That is the only exercise left; add another before removing it.")
        return program[:index] + program[index + 1:], f"removed {before.name}"
    if edit.variable == "sets":
        after = replace(before, sets=edit.count)
    elif edit.variable == "reps":
        after = replace(before, reps=edit.count)
    else:
        after = replace(before, unit=edit.load.unit, amount=edit.load.amount)
    if after == before:
        return EditError(f"{before.name} is already {describe_dose(before)}.")
    return (program[:index] + (after,) + program[index + 1:],
            f"{before.name}: {describe_dose(before)} → {describe_dose(after)}")


def _parse_add(rest: str) -> AddExercise | EditError:
    match = _DOSE.match(rest)
    if match is None:
        return EditError("Give the exercise's name, then sets x reps, e.g. add Seated march 2x10.")
    name = " ".join(match.group(1).split())
    if not name or len(name) > MAX_NAME or not any(c.isalpha() for c in name):
        return EditError(f"The exercise needs a name of up to {MAX_NAME} characters.")
    sets, reps = _count(match.group(2), 1, MAX_SETS), _count(match.group(3), 1, MAX_REPS)
    if sets is None or reps is None:
        return EditError(f"Sets go from 1 to {MAX_SETS} and reps from 1 to {MAX_REPS}.")
    load = _parse_load(match.group(4).split()) if match.group(4) else Load(BODYWEIGHT)
    if isinstance(load, EditError):
        return load
    return AddExercise(name, sets, reps, load)


def _parse_change(words: list[str]) -> ChangeExercise | EditError:
    if len(words) < 3:
        return EditError("Say which exercise and what to change, e.g. change 2 reps 12.")
    number = _count(words[0], 1, MAX_EXERCISES)
    if number is None:
        return EditError("Which exercise? Give its number from /program <id>, e.g. change 2 reps 12.")
    variable = words[1].lower()
    if variable in ("sets", "set"):
        count = _count(words[2], 1, MAX_SETS) if len(words) == 3 else None
        return ChangeExercise(number, "sets", count) if count else EditError(f"Sets go from 1 to {MAX_SETS}.")
    if variable in ("reps", "rep", "repetitions"):
        count = _count(words[2], 1, MAX_REPS) if len(words) == 3 else None
        return ChangeExercise(number, "reps", count) if count else EditError(f"Reps go from 1 to {MAX_REPS}.")
    if variable in ("load", "weight", "resistance"):
        load = _parse_load(words[2:])
        return load if isinstance(load, EditError) else ChangeExercise(number, "load", load=load)
    return EditError(f"I can change sets, reps or load, not “{words[1][:30]}”.")


def _parse_load(words: list[str]) -> Load | EditError:
    """"2 kg", "5 lb", "band medium", "band 3", "bodyweight"."""
    lowered = [w.lower() for w in words]
    if lowered == ["bodyweight"] or lowered == ["body", "weight"]:
        return Load(BODYWEIGHT)
    if lowered and lowered[0] == "band":
        level = " ".join(lowered[1:])
        if level in BAND_LEVELS:
            return Load(BAND, float(BAND_LEVELS.index(level)))
        number = _count(level, 1, len(BAND_LEVELS))
        if number is not None:
            return Load(BAND, float(number - 1))
        return EditError(f"Band levels are {', '.join(BAND_LEVELS)} (or 1–{len(BAND_LEVELS)}).")
    if len(lowered) == 1:
        lowered = re.findall(r"[0-9.,]+|[a-z]+", lowered[0], re.ASCII)
    if len(lowered) == 2 and lowered[1] in (KG, LB, "kgs", "lbs"):
        unit = KG if lowered[1].startswith("kg") else LB
        # Plain digits only: Python's float() would also take "1_0" (ten) or non-ASCII digits.
        number = re.fullmatch(r"([0-9]{1,3})(?:[.,]([0-9]{1,2}))?", lowered[0], re.ASCII)
        amount = float(f"{number.group(1)}.{number.group(2) or 0}") if number else math.nan
        step = 0.5 if unit == KG else 1.0
        if not (step <= amount <= MAX_LOAD[unit]) or (amount / step) != int(amount / step):
            return EditError(f"A load in {unit} goes from {step:g} to {MAX_LOAD[unit]:g}, in steps of {step:g}.")
        return Load(unit, amount)
    return EditError("Give the load like 2 kg, 5 lb, band medium, or bodyweight.")


def _count(text: str, low: int, high: int) -> int | None:
    text = text.strip().lstrip("#")
    if not re.fullmatch(r"\d{1,3}", text, re.ASCII):
        return None
    value = int(text)
    return value if low <= value <= high else None
