"""The starter program: light, neuropathy-friendly strength exercises (admins change it later)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Exercise:
    name: str
    sets: int
    reps: int  # per set (per side where the name says so)
    load: str  # "bodyweight", "light band", "0.5 kg" …
    cue: str  # one line on doing it safely


# Chosen for balance and foot safety: supported, low-impact, nothing that loads numb feet hard.
STARTER_PROGRAM: tuple[Exercise, ...] = (
    Exercise("Sit-to-stand from a chair", 2, 8, "bodyweight", "use your hands on the chair if you need to"),
    Exercise("Wall push-up", 2, 8, "bodyweight", "feet a step from the wall, slow and steady"),
    Exercise("Band row", 2, 10, "light band", "sit tall, squeeze your shoulder blades"),
    Exercise("Supported calf raise", 2, 10, "bodyweight", "hold the counter or a chair back"),
    Exercise("Side-lying hip abduction", 2, 8, "bodyweight", "each side, lift only as high as is comfortable"),
)


def describe_exercise(exercise: Exercise) -> str:
    """'Wall push-up — 2 × 8 (bodyweight): feet a step from the wall, slow and steady'."""
    return f"{exercise.name} — {exercise.sets} × {exercise.reps} ({exercise.load}): {exercise.cue}"
