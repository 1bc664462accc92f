"""An admin's one-line program edit: read by `parse_edit`, applied by `apply_edit` — a table of cases on the
starter program, and properties over arbitrary text (never raises; a change touches exactly one exercise)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.domain.program import (
    BAND,
    BAND_LEVELS,
    BODYWEIGHT,
    KG,
    LB,
    LOAD_UNITS,
    STARTER_PROGRAM,
    Exercise,
    describe_exercise,
)
from coach.domain.program_edit import (
    MAX_EXERCISES,
    MAX_REPS,
    MAX_SETS,
    USAGE,
    AddExercise,
    ChangeExercise,
    EditError,
    Load,
    RemoveExercise,
    apply_edit,
    parse_edit,
)

STARTER = STARTER_PROGRAM  # 1 Sit-to-stand, 2 Wall push-up, 3 Band row (light band), 4 Calf raise, 5 Hip abduction
ONE_LEFT = STARTER[:1]
FULL = STARTER + tuple(Exercise(f"Extra {n}", 2, 10) for n in range(MAX_EXERCISES - len(STARTER)))


def edit(text: str, program=STARTER):
    """What an admin gets for `text`: (program, change) or the EditError from parsing or applying it."""
    parsed = parse_edit(text)
    return parsed if isinstance(parsed, EditError) else apply_edit(program, parsed)


def dose(exercise: Exercise) -> tuple[int, int, str, float]:
    return exercise.sets, exercise.reps, exercise.unit, exercise.amount


# (edit, the change in words, the exercise's number after the edit, its sets/reps/unit/amount then)
VALID_ADDS_AND_CHANGES = [
    ("add Seated march 2x10", "added Seated march, 2 × 10 (bodyweight)", 6, (2, 10, BODYWEIGHT, 0.0)),
    ("add Dumbbell curl 2x10 2 kg", "added Dumbbell curl, 2 × 10 (2 kg)", 6, (2, 10, KG, 2.0)),
    ("add Dumbbell curl 2x10 2kg", "added Dumbbell curl, 2 × 10 (2 kg)", 6, (2, 10, KG, 2.0)),
    ("add Hammer curl 3×8 2.5 kg", "added Hammer curl, 3 × 8 (2.5 kg)", 6, (3, 8, KG, 2.5)),
    ("add Hammer curl 3 x 8 2,5 kgs", "added Hammer curl, 3 × 8 (2.5 kg)", 6, (3, 8, KG, 2.5)),
    ("add Leg press 1x12 200 kg", "added Leg press, 1 × 12 (200 kg)", 6, (1, 12, KG, 200.0)),
    ("add Ankle weights 2x10 5 lb", "added Ankle weights, 2 × 10 (5 lb)", 6, (2, 10, LB, 5.0)),
    ("add Ankle weights 2x10 3lbs", "added Ankle weights, 2 × 10 (3 lb)", 6, (2, 10, LB, 3.0)),
    ("add Chest press 2x8 band light", "added Chest press, 2 × 8 (light band)", 6, (2, 8, BAND, 1.0)),
    ("add Chest press 2x8 band extra heavy", "added Chest press, 2 × 8 (extra heavy band)", 6, (2, 8, BAND, 4.0)),
    ("add Chest press 2X8 Band 1", "added Chest press, 2 × 8 (extra light band)", 6, (2, 8, BAND, 0.0)),
    ("add Step-up 6x30 bodyweight", "added Step-up, 6 × 30 (bodyweight)", 6, (6, 30, BODYWEIGHT, 0.0)),
    ("add Step-up 1x1 body weight", "added Step-up, 1 × 1 (bodyweight)", 6, (1, 1, BODYWEIGHT, 0.0)),
    ("  ADD   seated    march   2x10  ", "added seated march, 2 × 10 (bodyweight)", 6, (2, 10, BODYWEIGHT, 0.0)),
    ("change 2 reps 12", "Wall push-up: 2 × 8 (bodyweight) → 2 × 12 (bodyweight)", 2, (2, 12, BODYWEIGHT, 0.0)),
    ("change 2 rep 30", "Wall push-up: 2 × 8 (bodyweight) → 2 × 30 (bodyweight)", 2, (2, 30, BODYWEIGHT, 0.0)),
    ("Change #2 Repetitions 1", "Wall push-up: 2 × 8 (bodyweight) → 2 × 1 (bodyweight)", 2, (2, 1, BODYWEIGHT, 0.0)),
    ("set 1 sets 3", "Sit-to-stand from a chair: 2 × 8 (bodyweight) → 3 × 8 (bodyweight)", 1,
     (3, 8, BODYWEIGHT, 0.0)),
    ("change 4 set 6", "Supported calf raise: 2 × 10 (bodyweight) → 6 × 10 (bodyweight)", 4,
     (6, 10, BODYWEIGHT, 0.0)),
    ("change 3 load band medium", "Band row: 2 × 10 (light band) → 2 × 10 (medium band)", 3, (2, 10, BAND, 2.0)),
    ("change 3 resistance band 5", "Band row: 2 × 10 (light band) → 2 × 10 (extra heavy band)", 3,
     (2, 10, BAND, 4.0)),
    ("change 3 load bodyweight", "Band row: 2 × 10 (light band) → 2 × 10 (bodyweight)", 3,
     (2, 10, BODYWEIGHT, 0.0)),
    ("change 1 load 3.5 kg", "Sit-to-stand from a chair: 2 × 8 (bodyweight) → 2 × 8 (3.5 kg)", 1,
     (2, 8, KG, 3.5)),
    ("change 1 weight 0.5kg", "Sit-to-stand from a chair: 2 × 8 (bodyweight) → 2 × 8 (0.5 kg)", 1,
     (2, 8, KG, 0.5)),
    ("change 5 load 440 lb", "Side-lying hip abduction: 2 × 8 (bodyweight) → 2 × 8 (440 lb)", 5,
     (2, 8, LB, 440.0)),
]


@pytest.mark.parametrize(("text", "change", "number", "expected"), VALID_ADDS_AND_CHANGES,
                         ids=[case[0].strip() for case in VALID_ADDS_AND_CHANGES])
def test_valid_adds_and_changes(text, change, number, expected):
    program, words = edit(text)
    assert words == change
    assert dose(program[number - 1]) == expected
    if text.strip().lower().startswith("add"):
        assert program[:-1] == STARTER and len(program) == len(STARTER) + 1
        assert program[-1].cue  # a safety line even for an exercise the admin made up
    else:
        assert program[number - 1].name == STARTER[number - 1].name
        assert program[:number - 1] + program[number:] == STARTER[:number - 1] + STARTER[number:]


@pytest.mark.parametrize(("text", "gone"), [("remove 1", "Sit-to-stand from a chair"), ("delete 5", "Side-lying hip "
                                            "abduction"), ("drop #3", "Band row"), ("REMOVE 2", "Wall push-up")])
def test_removals(text, gone):
    program, words = edit(text)
    assert words == f"removed {gone}"
    assert [e.name for e in program] == [e.name for e in STARTER if e.name != gone]


ERRORS = [
    # (program, edit, the start of the reason given)
    (STARTER, "", USAGE),
    (STARTER, "   \n ", USAGE),
    (STARTER, "frobnicate", "I can add, change or remove an exercise, not “frobnicate”."),
    (STARTER, "replace 1 with squats", "I can add, change or remove an exercise, not “replace”."),
    (STARTER, "add Seated march 2x10 " + "x" * 300, "That's too long for one change."),
    (STARTER, "change 9 reps 3", "There is no exercise 9: the program has 5."),
    (STARTER, "change 13 reps 3", "Which exercise?"),
    (STARTER, "change 0 reps 3", "Which exercise?"),
    (STARTER, "change two reps 12", "Which exercise?"),
    (STARTER, "change 2", "Say which exercise and what to change"),
    (STARTER, "change 2 reps", "Say which exercise and what to change"),
    (STARTER, "change 2 reps 99", f"Reps go from 1 to {MAX_REPS}."),
    (STARTER, "change 2 reps 0", f"Reps go from 1 to {MAX_REPS}."),
    (STARTER, "change 2 reps 10 12", f"Reps go from 1 to {MAX_REPS}."),
    (STARTER, "change 2 reps 1.5", f"Reps go from 1 to {MAX_REPS}."),
    (STARTER, "change 2 sets 7", f"Sets go from 1 to {MAX_SETS}."),
    (STARTER, "change 2 colour red", "I can change sets, reps or load, not “colour”."),
    (STARTER, "change 2 reps 8", "Wall push-up is already 2 × 8 (bodyweight)."),
    (STARTER, "change 3 load band light", "Band row is already 2 × 10 (light band)."),
    (STARTER, "change 1 load bodyweight", "Sit-to-stand from a chair is already 2 × 8 (bodyweight)."),
    (STARTER, "change 1 load 2.3 kg", "A load in kg goes from 0.5 to 200, in steps of 0.5."),
    (STARTER, "change 1 load 0 kg", "A load in kg goes from 0.5 to 200, in steps of 0.5."),
    (STARTER, "change 1 load 200.5 kg", "A load in kg goes from 0.5 to 200, in steps of 0.5."),
    (STARTER, "change 1 load -2 kg", "A load in kg goes from 0.5 to 200, in steps of 0.5."),
    (STARTER, "change 1 load nan kg", "A load in kg goes from 0.5 to 200, in steps of 0.5."),
    (STARTER, "change 1 load 1e3 kg", "A load in kg goes from 0.5 to 200, in steps of 0.5."),
    (STARTER, "change 1 load 2.5 lb", "A load in lb goes from 1 to 440, in steps of 1."),
    (STARTER, "change 1 load 441 lb", "A load in lb goes from 1 to 440, in steps of 1."),
    (STARTER, "change 1 load heavy", "Give the load like 2 kg, 5 lb, band medium, or bodyweight."),
    (STARTER, "change 1 load 2 stone", "Give the load like 2 kg"),
    (STARTER, "change 1 load band purple", f"Band levels are {', '.join(BAND_LEVELS)}"),
    (STARTER, "change 1 load band 6", "Band levels are"),
    (STARTER, "add 2x10", "Give the exercise's name, then sets x reps"),
    (STARTER, "add Seated march", "Give the exercise's name, then sets x reps"),
    (STARTER, "add", "Give the exercise's name, then sets x reps"),
    (STARTER, "add 123 2x10", "The exercise needs a name of up to 60 characters."),
    (STARTER, "add " + "a" * 61 + " 2x10", "The exercise needs a name of up to 60 characters."),
    (STARTER, "add Seated march 7x10", f"Sets go from 1 to {MAX_SETS} and reps from 1 to {MAX_REPS}."),
    (STARTER, "add Seated march 2x31", f"Sets go from 1 to {MAX_SETS} and reps from 1 to {MAX_REPS}."),
    (STARTER, "add Seated march 0x10", f"Sets go from 1 to {MAX_SETS}"),
    (STARTER, "add Seated march 2x10 2.3 kg", "A load in kg goes from 0.5 to 200, in steps of 0.5."),
    (STARTER, "add Seated march 2x10 band", "Band levels are"),
    (STARTER, "add Wall push-up 2x10", "“Wall push-up” is already in the program; change it instead."),
    (STARTER, "add  WALL   PUSH-UP 3x8 2 kg", "“WALL PUSH-UP” is already in the program"),
    (STARTER, "remove", "Which exercise?"),
    (STARTER, "remove one", "Which exercise?"),
    (STARTER, "remove 1 2", "Which exercise?"),
    (STARTER, "remove 6", "There is no exercise 6: the program has 5."),
    (STARTER, "remove 13", "Which exercise?"),
    (ONE_LEFT, "remove 1", "That is the only exercise left; add another before removing it."),
    (FULL, "add Seated march 2x10", f"A program holds at most {MAX_EXERCISES} exercises; remove one first."),
    pytest.param(STARTER, "change 1 load 1_0 kg", "A load in kg goes from"),
    pytest.param(STARTER, "change 1 load ٢ kg", "A load in kg goes from"),
]


def _case_id(case) -> str:
    values = case.values if hasattr(case, "values") else case
    return f"{len(values[0])}:{values[1][:40]!r}"


@pytest.mark.parametrize(("program", "text", "reason"), ERRORS, ids=[_case_id(case) for case in ERRORS])
def test_errors_say_why_and_change_nothing(program, text, reason):
    result = edit(text, program)
    assert isinstance(result, EditError), result
    assert result.reason.startswith(reason), result.reason


def test_the_table_is_big_enough():
    assert len(VALID_ADDS_AND_CHANGES) + 4 + len(ERRORS) >= 30


def test_after_removing_one_an_add_fits_again_and_numbers_shift():
    program, _ = edit("remove 12", FULL)
    program, words = edit("add Seated march 2x10", program)
    assert len(program) == MAX_EXERCISES and words == "added Seated march, 2 × 10 (bodyweight)"
    program, _ = edit("remove 1")
    assert edit("change 1 reps 12", program)[1] == "Wall push-up: 2 × 8 (bodyweight) → 2 × 12 (bodyweight)"


def test_parse_edit_returns_plain_values():
    assert parse_edit("add Curl 2x10 2 kg") == AddExercise("Curl", 2, 10, Load(KG, 2.0))
    assert parse_edit("change 3 load band heavy") == ChangeExercise(3, "load", load=Load(BAND, 3.0))
    assert parse_edit("change 2 reps 12") == ChangeExercise(2, "reps", 12)
    assert parse_edit("remove 4") == RemoveExercise(4)
    assert isinstance(parse_edit(None), EditError)  # type: ignore[arg-type]


# --- properties ----------------------------------------------------------------------------------------------

_COUNTS = st.integers(1, 12).map(str)  # mostly in range, so the successful paths are reached often
_NUMBERS = st.one_of(_COUNTS, _COUNTS, st.integers(-2, 40).map(str),
                     st.sampled_from(["#2", "1.5", "²", "٣", "", "1_0", "0x1"]))
_NAMES = st.one_of(st.from_regex(r"[A-Za-z][A-Za-z -]{0,24}", fullmatch=True), st.text(max_size=70))
_LOADS = st.one_of(
    st.sampled_from(["", "bodyweight", "body weight", "band", "band medium", "band 3", "band 9", "kg", "2 stone",
                     "2 kg", "2.5kg", "5 lb", "band extra light"]),
    st.builds(lambda amount, unit: f"{amount}{unit}", st.one_of(
        st.floats(allow_nan=True, allow_infinity=True).map(str), st.decimals(0, 500, places=1).map(str),
        st.integers(-5, 500).map(str)), st.sampled_from([" kg", "kg", " lb", "lbs", " kgs", " g", ""])),
)
_STRUCTURED = st.one_of(
    st.builds(lambda verb, name, sets, reps, load: f"{verb} {name} {sets}x{reps} {load}",
              st.sampled_from(["add", "ADD", "Add"]), _NAMES, _NUMBERS, _NUMBERS, _LOADS),
    st.builds(lambda verb, number, variable, value: f"{verb} {number} {variable} {value}",
              st.sampled_from(["change", "set", "Change"]), _NUMBERS,
              st.sampled_from(["sets", "set", "reps", "rep", "repetitions", "load", "weight", "resistance", "colour"]),
              st.one_of(_NUMBERS, _LOADS)),
    st.builds(lambda verb, number: f"{verb} {number}", st.sampled_from(["remove", "delete", "drop", "remove #"]),
              _NUMBERS),
)
_PROGRAMS = st.sampled_from([STARTER, ONE_LEFT, FULL, STARTER[2:4]])


def _check_outcome(program, parsed, result) -> None:
    assert isinstance(parsed, AddExercise | ChangeExercise | RemoveExercise | EditError)
    if isinstance(parsed, EditError):
        assert parsed.reason
        return
    if isinstance(result, EditError):
        assert result.reason
        return
    edited, words = result
    assert isinstance(words, str) and words
    for exercise in edited:
        assert 1 <= exercise.sets <= MAX_SETS and 1 <= exercise.reps <= MAX_REPS and exercise.unit in LOAD_UNITS
        describe_exercise(exercise)  # every stored exercise can be shown
    if isinstance(parsed, AddExercise):
        assert edited[:-1] == program and edited[-1].name == parsed.name
        assert len(edited) <= MAX_EXERCISES
    elif isinstance(parsed, RemoveExercise):
        index = parsed.number - 1
        assert edited == program[:index] + program[index + 1:] and edited
    else:
        assert len(edited) == len(program)
        differing = [i for i, (old, new) in enumerate(zip(program, edited, strict=True)) if old != new]
        assert differing == [parsed.number - 1], "exactly the named exercise changes"
        old, new = program[differing[0]], edited[differing[0]]
        assert replace(new, sets=old.sets, reps=old.reps, unit=old.unit, amount=old.amount) == old, \
            "only sets, reps or load change — never the name, cue or safety flags"


@settings(max_examples=400, deadline=None)
@given(program=_PROGRAMS, text=st.one_of(st.text(max_size=320), _STRUCTURED))
def test_never_raises_and_a_success_changes_exactly_one_exercise(program, text):
    parsed = parse_edit(text)
    result = None if isinstance(parsed, EditError) else apply_edit(program, parsed)
    _check_outcome(program, parsed, result)


@settings(max_examples=500, deadline=None)
@given(program=_PROGRAMS, text=_STRUCTURED)
def test_edit_shaped_text_never_raises_and_a_success_changes_exactly_one_exercise(program, text):
    """The same property on text shaped like real edits, which reaches the successful paths far more often."""
    parsed = parse_edit(text)
    result = None if isinstance(parsed, EditError) else apply_edit(program, parsed)
    _check_outcome(program, parsed, result)
