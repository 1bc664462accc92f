"""What a reminder says: short, warm, and never pushing through pain."""

from __future__ import annotations

from coach.domain.program import STARTER_PROGRAM, describe_exercise
from coach.services.context import first_name_suffix


def checkin_reminder(first_name: str) -> str:
    return (f"Time for your daily check-in{first_name_suffix(first_name)} 🌿\n"
            "How are things right now? Reply with four numbers from 0 to 10 — pain, numbness, "
            "tingling/burning, balance — e.g. 4 2 3 1, with a short note after them if you like. "
            "Or send /checkin to answer with buttons.")


def session_reminder(first_name: str) -> str:
    lines = "\n".join(f"• {describe_exercise(exercise)}" for exercise in STARTER_PROGRAM)
    return (f"Training day{first_name_suffix(first_name)} 💪 Today's light session:\n{lines}\n\n"
            "Move slowly and within comfort. If pain rises sharply, or you feel unsteady, faint or "
            "short of breath, stop and rest — that is the right call, not a failure.")
