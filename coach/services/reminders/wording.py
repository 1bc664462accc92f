"""What a reminder says: short, warm, and never pushing through pain."""

from __future__ import annotations

from coach.domain.program import Program, describe_exercise
from coach.services import texts
from coach.services.plumbing.context import first_name_suffix
from coach.services.plumbing.replies import Reply, button_rows
from coach.services.training.callbacks import ReminderAction, SessionReminderPress

# Kept under its old name for the modules that add it after a list of exercises.
SESSION_SAFETY = texts.SESSION_SAFETY


def checkin_reminder(first_name: str) -> Reply:
    return Reply(texts.CHECKIN_REMINDER.format(name=first_name_suffix(first_name)))


def checkin_follow_up(first_name: str) -> Reply:
    return Reply(texts.CHECKIN_FOLLOW_UP.format(name=first_name_suffix(first_name)))


def session_list(program: Program) -> str:
    """Today's exercises, one per line."""
    return "\n".join(texts.SESSION_LIST_ITEM.format(exercise=describe_exercise(exercise)) for exercise in program)


def session_text(first_name: str, program: Program, *, safety_note: str = "") -> str:
    """The session reminder's text: today's exercises, what an open red flag means for them, the safety line."""
    parts = [texts.SESSION_REMINDER.format(name=first_name_suffix(first_name), exercises=session_list(program))]
    if safety_note:
        parts.append(safety_note)
    parts.append(texts.SESSION_SAFETY)
    return "\n\n".join(parts)


def session_reminder(first_name: str, participant_id: int, reminder_id: int, program: Program, *,
                     snoozed: bool = False,
                     safety_note: str = "") -> Reply:
    text = session_text(first_name, program, safety_note=safety_note)
    if snoozed:
        text = texts.SESSION_SNOOZED_REMINDER + "\n" + text
    return Reply(text + "\n\n" + texts.SESSION_TAP_WHEN_DONE,
                 buttons=session_buttons(participant_id, reminder_id))


def session_buttons(participant_id: int, reminder_id: int):  # noqa: ANN201
    def press(action: ReminderAction) -> str:
        return SessionReminderPress(participant_id, reminder_id, action).encode()

    return button_rows([(texts.BUTTON_DONE, press(ReminderAction.DONE)),
                        (texts.BUTTON_PARTLY, press(ReminderAction.PARTLY))],
                       [(texts.BUTTON_REMINDER_SKIP, press(ReminderAction.SKIP)),
                        (texts.BUTTON_REMINDER_SNOOZE, press(ReminderAction.SNOOZE))])
