"""One step harder, one step easier, and the stored form of a program."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.domain.program import (
    BAND,
    BAND_LEVELS,
    BODYWEIGHT,
    DELOAD_REPS_FLOOR,
    KG,
    LB,
    LOAD_UNITS,
    NON_WEIGHT_BEARING_PROGRAM,
    REP_RANGE_HIGH,
    REP_RANGE_LOW,
    STARTER_PROGRAM,
    Change,
    Exercise,
    changed_variables,
    deload_step,
    describe_dose,
    describe_exercise,
    from_json,
    next_load,
    progression_step,
    to_json,
)

SQUAT = Exercise("Sit-to-stand", 2, 8)
PRESS = Exercise("Dumbbell press", 2, 12, KG, 10.0, weight_bearing=False)
ROW = Exercise("Band row", 2, 10, BAND, 1.0, weight_bearing=False)
CURL = Exercise("Curl", 3, 12, LB, 5.0, weight_bearing=False)


# --- progression_step -----------------------------------------------------------------------------


def test_reps_go_up_first_one_per_set():
    program, change = progression_step((SQUAT, PRESS))
    assert program == (replace(SQUAT, reps=9), PRESS)
    assert change == Change("Sit-to-stand", "reps", "2 × 8 (bodyweight)", "2 × 9 (bodyweight)")
    assert change.describe() == "Sit-to-stand: 2 × 8 (bodyweight) → 2 × 9 (bodyweight)"


def test_load_goes_up_only_at_the_top_of_the_range():
    program, change = progression_step((PRESS, SQUAT))
    assert program == (replace(PRESS, amount=10.5), SQUAT)
    assert change == Change("Dumbbell press", "load", "2 × 12 (10 kg)", "2 × 12 (10.5 kg)")


def test_below_the_top_a_weighted_exercise_gets_reps_not_load():
    program, change = progression_step((replace(PRESS, reps=11),))
    assert program == (replace(PRESS, reps=12),)
    assert change.variable == "reps"


@pytest.mark.parametrize(("start", "expected"), [
    (0, "Sit-to-stand from a chair"),
    (1, "Wall push-up"),
    (2, "Band row"),
    (4, "Side-lying hip abduction"),
    (5, "Sit-to-stand from a chair"),  # the rotation wraps around
    (7, "Band row"),
])
def test_rotation_picks_the_first_exercise_tried(start, expected):
    program, change = progression_step(STARTER_PROGRAM, start=start)
    assert change.exercise == expected
    assert [old.name for old, new in zip(STARTER_PROGRAM, program, strict=True) if old != new] == [expected]


def test_exercises_that_cannot_progress_are_passed_over():
    stuck = replace(SQUAT, reps=12)  # bodyweight at the top of the range
    heaviest = replace(ROW, reps=12, amount=float(len(BAND_LEVELS) - 1))
    program, change = progression_step((stuck, heaviest, PRESS))
    assert change.exercise == "Dumbbell press" and change.variable == "load"
    assert program[:2] == (stuck, heaviest)


def test_blocked_names_are_skipped():
    program, change = progression_step(STARTER_PROGRAM, blocked=frozenset({"Sit-to-stand from a chair",
                                                                          "Wall push-up"}))
    assert change.exercise == "Band row"
    assert program[:2] == STARTER_PROGRAM[:2]


def test_nothing_to_progress_gives_none():
    assert progression_step(()) is None
    assert progression_step((replace(SQUAT, reps=12),)) is None
    assert progression_step((PRESS,), blocked=frozenset({"Dumbbell press"})) is None
    everything = frozenset(e.name for e in STARTER_PROGRAM)
    assert progression_step(STARTER_PROGRAM, blocked=everything) is None


@pytest.mark.parametrize(("reps", "extra_reps", "after"), [
    (8, False, 9),
    (8, True, 10),   # "2-for-2": two more reps
    (10, True, 12),
    (11, True, 12),  # capped at the top of the range
    (11, False, 12),
])
def test_extra_reps_add_two_capped_at_the_top(reps, extra_reps, after):
    program, change = progression_step((replace(SQUAT, reps=reps),), extra_reps=extra_reps)
    assert program[0].reps == after
    assert change.variable == "reps"


def test_extra_reps_at_the_top_step_the_load_once():
    program, change = progression_step((PRESS,), extra_reps=True)
    assert program == (replace(PRESS, amount=10.5),)


def test_custom_rep_range_is_respected():
    short = Exercise("Plank lift", 2, 6, rep_low=4, rep_high=6)
    assert progression_step((short,)) is None
    program, _ = progression_step((replace(short, reps=5),), extra_reps=True)
    assert program[0].reps == 6


# --- next_load ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("unit", "amount", "expected"), [
    (KG, 0.5, 1.0),
    (KG, 2.0, 2.5),
    (KG, 10.0, 10.5),
    (KG, 12.0, 13.0),
    (KG, 20.0, 21.0),
    (KG, 40.0, 42.0),
    (LB, 5.0, 6.0),
    (LB, 20.0, 21.0),
    (LB, 100.0, 105.0),
    (BAND, 0.0, 1.0),
    (BAND, 1.0, 2.0),
    (BAND, 2.0, 3.0),
    (BAND, 3.0, 4.0),
    (BAND, 4.0, None),  # extra heavy is the last band
    (BODYWEIGHT, 0.0, None),
])
def test_next_load(unit, amount, expected):
    assert next_load(Exercise("Lift", 2, 12, unit, amount)) == expected


def test_band_levels_step_up_to_the_last():
    exercise, seen = replace(ROW, amount=0.0), []
    while (level := next_load(exercise)) is not None:
        seen.append(BAND_LEVELS[int(level)])
        exercise = replace(exercise, amount=level)
    assert seen == list(BAND_LEVELS[1:])


@settings(max_examples=300, deadline=None)
@given(st.sampled_from((KG, LB)), st.integers(1, 400))
def test_next_load_is_at_least_one_increment_and_at_most_ten_percent(unit, steps):
    increment = 0.5 if unit == KG else 1.0
    amount = steps * increment
    new = next_load(Exercise("Lift", 2, 12, unit, amount))
    assert new - amount >= increment - 1e-9
    assert new - amount <= max(0.10 * amount, increment) + 1e-9
    assert abs(new / increment - round(new / increment)) < 1e-9  # a real weight


@pytest.mark.parametrize(("unit", "amount"), [(LB, 7.5), (KG, 2.25), (KG, 1.25)])
def test_next_load_off_grid_amount_adds_at_least_one_increment(unit, amount):
    increment = 0.5 if unit == KG else 1.0
    assert next_load(Exercise("Lift", 2, 12, unit, amount)) - amount >= increment - 1e-9


# --- deload_step ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("before", "after"), [
    (Exercise("Press", 2, 12, KG, 10.0), Exercise("Press", 2, 12, KG, 8.5)),
    (Exercise("Press", 2, 12, KG, 20.0), Exercise("Press", 2, 12, KG, 17.0)),
    (Exercise("Press", 2, 12, KG, 1.0), Exercise("Press", 2, 12, KG, 0.5)),  # at least one increment
    (Exercise("Press", 2, 12, KG, 0.5), Exercise("Press", 2, 10, KG, 0.5)),  # lightest weight: fewer reps
    (Exercise("Curl", 2, 10, LB, 20.0), Exercise("Curl", 2, 10, LB, 17.0)),
    (Exercise("Row", 2, 10, BAND, 2.0), Exercise("Row", 2, 10, BAND, 1.0)),  # one band lighter
    (Exercise("Row", 2, 10, BAND, 1.0), Exercise("Row", 2, 10, BAND, 0.0)),
    (Exercise("Row", 2, 10, BAND, 0.0), Exercise("Row", 2, 8, BAND, 0.0)),   # lightest band: fewer reps
    (Exercise("Squat", 2, 12), Exercise("Squat", 2, 10)),                     # bodyweight: two reps fewer
    (Exercise("Squat", 2, 8), Exercise("Squat", 2, 6)),
    (Exercise("Squat", 2, 6), Exercise("Squat", 2, 5)),                       # never below 5
    (Exercise("Squat", 2, 5), Exercise("Squat", 2, 5)),
    (Exercise("Squat", 2, 3), Exercise("Squat", 2, 3)),                       # and never more reps
])
def test_deload_one_step_easier(before, after):
    program, changes = deload_step((before,))
    assert program == (after,)
    if before == after:
        assert changes == ()
    else:
        (change,) = changes
        assert change.exercise == before.name
        assert change.variable == ("reps" if before.reps != after.reps else "load")
        assert (change.before, change.after) == (describe_dose(before), describe_dose(after))


def test_deload_changes_every_exercise_it_can():
    program, changes = deload_step(STARTER_PROGRAM)
    assert [c.exercise for c in changes] == [e.name for e in STARTER_PROGRAM]
    assert program[2] == replace(STARTER_PROGRAM[2], amount=0.0)  # band row: light → extra light
    assert program[0].reps == STARTER_PROGRAM[0].reps - 2
    assert all(new.reps >= DELOAD_REPS_FLOOR for new in program)


def test_deload_of_nothing_is_nothing():
    assert deload_step(()) == ((), ())


# --- changed_variables ----------------------------------------------------------------------------


def test_changed_variables_lists_each_difference():
    after = (replace(SQUAT, reps=9), PRESS, replace(ROW, amount=2.0, sets=3))
    assert changed_variables((SQUAT, PRESS, ROW), after) == [
        ("Sit-to-stand", "reps", 8, 9), ("Band row", "sets", 2, 3), ("Band row", "amount", 1.0, 2.0)]
    assert changed_variables(STARTER_PROGRAM, STARTER_PROGRAM) == []
    with pytest.raises(ValueError):
        changed_variables((SQUAT,), (SQUAT, PRESS))


# --- the built-in programs --------------------------------------------------------------------------


@pytest.mark.parametrize("program", [STARTER_PROGRAM, NON_WEIGHT_BEARING_PROGRAM], ids=["starter", "seated"])
def test_built_in_programs_are_sensible(program):
    assert len({e.name for e in program}) == len(program)
    for exercise in program:
        assert exercise.unit in LOAD_UNITS
        assert (exercise.rep_low, exercise.rep_high) == (REP_RANGE_LOW, REP_RANGE_HIGH)
        assert exercise.rep_low <= exercise.reps <= exercise.rep_high
        assert exercise.cue
        assert describe_exercise(exercise).startswith(f"{exercise.name} — {exercise.sets} × {exercise.reps} (")


def test_seated_program_puts_no_weight_through_the_feet():
    assert not any(e.weight_bearing for e in NON_WEIGHT_BEARING_PROGRAM)


def test_describe_dose():
    assert describe_dose(SQUAT) == "2 × 8 (bodyweight)"
    assert describe_dose(PRESS) == "2 × 12 (10 kg)"
    assert describe_dose(replace(PRESS, amount=2.5)) == "2 × 12 (2.5 kg)"
    assert describe_dose(ROW) == "2 × 10 (light band)"
    assert describe_dose(CURL) == "3 × 12 (5 lb)"


# --- stored form ----------------------------------------------------------------------------------


@pytest.mark.parametrize("program", [STARTER_PROGRAM, NON_WEIGHT_BEARING_PROGRAM, (SQUAT, PRESS, ROW, CURL), ()],
                         ids=["starter", "seated", "mixed", "empty"])
def test_json_round_trip(program):
    text = to_json(program)
    assert isinstance(json.loads(text), list)
    assert from_json(text) == program
    assert to_json(from_json(text)) == text


def test_json_keeps_every_field():
    (item,) = json.loads(to_json((PRESS,)))
    assert item == {"name": "Dumbbell press", "sets": 2, "reps": 12, "unit": "kg", "amount": 10.0, "cue": "",
                    "weight_bearing": False, "rep_low": 8, "rep_high": 12}


EXERCISES = st.builds(
    Exercise, name=st.text(min_size=1, max_size=40), sets=st.integers(1, 5), reps=st.integers(1, 20),
    unit=st.sampled_from(LOAD_UNITS), amount=st.integers(0, 400).map(lambda n: n * 0.5),
    cue=st.text(max_size=80), weight_bearing=st.booleans(), rep_low=st.integers(1, 12), rep_high=st.integers(8, 20))


@settings(max_examples=300, deadline=None)
@given(st.lists(EXERCISES, max_size=8).map(tuple))
def test_json_round_trip_any_program(program):
    assert from_json(to_json(program)) == program
