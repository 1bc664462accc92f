"""What a reminder says: short, warm, and never pushing through pain."""

from __future__ import annotations

from coach.domain.program import Program, describe_exercise
from coach.services.plumbing.context import first_name_suffix
from coach.services.plumbing.replies import Reply, button_rows
from coach.services.training.callbacks import ReminderAction, SessionReminderPress

SESSION_SAFETY = ("Move slowly and within comfort. If pain rises sharply, or you feel unsteady, faint or "
                  "short of breath, stop and rest — that is the right call, not a failure.")


def checkin_reminder(first_name: str) -> Reply:
    return Reply(f"Time for your daily check-in{first_name_suffix(first_name)} 🌿\n"
                 "How are things right now? Reply with four numbers from 0 to 10 — pain, numbness, "
                 "tingling/burning, balance — e.g. 4 2 3 1, with a short note after them if you like. "
                 "Or send /checkin to answer with buttons.")


def checkin_follow_up(first_name: str) -> Reply:
    return Reply(f"Just a gentle nudge{first_name_suffix(first_name)}: no check-in yet today. If you have a "
                 "moment, reply with four numbers (pain, numbness, tingling/burning, balance), e.g. 4 2 3 1. "
                 "If today isn't the day, that's fine too — I won't ask again today.")


def session_list(program: Program) -> str:
    """Today's exercises, one per line."""
    return "\n".join(f"• {describe_exercise(exercise)}" for exercise in program)


def session_text(first_name: str, program: Program, *, safety_note: str = "") -> str:
    """The session reminder's text: today's exercises, what an open red flag means for them, the safety line."""
    note = f"{safety_note}\n\n" if safety_note else ""
    return (f"Training day{first_name_suffix(first_name)} 💪 Today's light session:\n{session_list(program)}\n\n"
            + note + SESSION_SAFETY)


def session_reminder(first_name: str, participant_id: int, reminder_id: int, program: Program, *,
                     snoozed: bool = False,
                     safety_note: str = "") -> Reply:
    text = session_text(first_name, program, safety_note=safety_note)
    if snoozed:
        text = "⏰ Here's your snoozed reminder.\n" + text
    return Reply(text + "\n\nTap when you're done, or if today isn't a training day for you:",
                 buttons=session_buttons(participant_id, reminder_id))


def session_buttons(participant_id: int, reminder_id: int):  # noqa: ANN201
    def press(action: ReminderAction) -> str:
        return SessionReminderPress(participant_id, reminder_id, action).encode()

    return button_rows([("✅ Done", press(ReminderAction.DONE)), ("🌓 Partly", press(ReminderAction.PARTLY))],
                       [("Skip today", press(ReminderAction.SKIP)), ("⏰ Snooze 30 min", press(ReminderAction.SNOOZE))])
