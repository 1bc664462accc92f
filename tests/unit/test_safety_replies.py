"""What the bot says about a red flag: calm, specific, the country's own numbers, one instruction per situation."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.domain.safety import KINDS, FlagKind, RedFlag, Training, Urgency, detect_red_flags
from coach.domain.safety.numbers import contacts_for_timezone
from coach.domain.safety.replies import (
    INSTRUCTIONS,
    TRAINING_NOTES,
    admin_alert_text,
    red_flag_reply,
    training_note,
)

BERLIN, NEW_YORK, LONDON = (contacts_for_timezone(z) for z in ("Europe/Berlin", "America/New_York", "Europe/London"))


def _flag(kind: FlagKind, words: str = "x") -> RedFlag:
    return RedFlag(kind=kind, urgent=KINDS[kind].urgency in (Urgency.CRISIS, Urgency.EMERGENCY, Urgency.ACT_NOW),
                   matched=words)


@pytest.mark.parametrize("kind", list(FlagKind))
def test_every_reply_is_specific_and_never_says_push(kind: FlagKind) -> None:
    text = red_flag_reply([_flag(kind)], BERLIN)
    assert "push" not in text.lower()
    assert "coaching team" in text
    if kind != FlagKind.SELF_HARM:  # the crisis answer is its own (tested below)
        assert INSTRUCTIONS[kind].format(emergency=BERLIN.emergency, crisis=BERLIN.crisis_line) in text


@pytest.mark.parametrize("kind", [k for k, info in KINDS.items() if info.urgency == Urgency.EMERGENCY])
def test_emergencies_name_the_countrys_number(kind: FlagKind) -> None:
    assert "call 112" in red_flag_reply([_flag(kind)], BERLIN)
    assert "911" in red_flag_reply([_flag(kind)], NEW_YORK)
    assert "999" in red_flag_reply([_flag(kind)], LONDON)


@pytest.mark.parametrize(("contacts", "line"), [(BERLIN, "0800 111 0 111"), (NEW_YORK, "988"), (LONDON, "116 123")])
def test_the_crisis_answer_gives_someone_to_talk_to_now(contacts, line) -> None:
    text = red_flag_reply([_flag(FlagKind.SELF_HARM)], contacts)
    assert line in text and contacts.emergency in text
    assert "train" not in text.split("This matters")[0]  # not a training matter
    assert "glad you told me" in text


def test_an_unknown_country_gets_a_clear_fallback() -> None:
    text = red_flag_reply([_flag(FlagKind.CHEST_PAIN)], contacts_for_timezone("UTC"))
    assert "your local emergency number" in text and "112" in text and "911" in text


def test_a_foot_wound_is_seated_exercises_not_stop_training() -> None:
    """One situation, one instruction: never 'stop training' for a foot, always 'seated and lying'."""
    for kind in (FlagKind.FOOT_WOUND, FlagKind.FOOT_INFECTION):
        text = red_flag_reply([_flag(kind)], BERLIN)
        assert "seated and lying exercises only" in text
        assert "don't train" not in text and "stop training" not in text.lower()
        assert training_note([kind]) == TRAINING_NOTES[Training.SEATED]


def test_a_foot_and_a_faint_together_stop_training() -> None:
    assert training_note([FlagKind.FOOT_WOUND, FlagKind.FAINTING]) == TRAINING_NOTES[Training.STOP]


def test_a_fall_without_injury_is_a_gentle_question() -> None:
    text = red_flag_reply([_flag(FlagKind.FALL)], BERLIN)
    assert "Are you hurt" in text and "rest today" in text.lower()


def test_low_blood_sugar_is_treated_now() -> None:
    text = red_flag_reply([_flag(FlagKind.HYPOGLYCAEMIA)], BERLIN)
    assert "15 g" in text and "15 minutes" in text and "112" in text


def test_several_kinds_each_get_their_instruction_once() -> None:
    flags = [_flag(FlagKind.SADDLE_NUMBNESS), _flag(FlagKind.CHEST_PAIN), _flag(FlagKind.FOOT_WOUND)]
    text = red_flag_reply(flags, BERLIN)
    assert "cauda equina" in text and "Chest pain" in text and "foot team" in text
    assert text.count("coaching team") == 1 and text.index("cauda") < text.index("foot team")


def test_before_consent_nothing_is_said_about_telling_the_team() -> None:
    text = red_flag_reply([_flag(FlagKind.CHEST_PAIN)], BERLIN, team_told=False)
    assert "coaching team know" not in text and "clinician" in text


def test_no_flags_no_reply() -> None:
    assert red_flag_reply([], BERLIN) == ""


def test_the_alert_gives_the_words_kind_urgency_and_a_tappable_id() -> None:
    flags = detect_red_flags("Long day. Then I fainted in the garden at my daughter's house")
    text = admin_alert_text(flags, name="Ann", telegram_id=4242, flag_ids=[7], contacts=BERLIN)
    assert text.startswith("🚨 URGENT")
    assert "/user_4242" in text and "/ack_7" in text and "fainting" in text
    assert "“Long day. Then I fainted in the garden at my daughter's house”" in text
    assert "112" in text


def test_a_crisis_alert_is_marked_crisis() -> None:
    flags = detect_red_flags("I don't want to be here any more")
    text = admin_alert_text(flags, name="Bo", telegram_id=1, flag_ids=[3], contacts=LONDON)
    assert text.startswith("🆘 CRISIS") and "116 123" in text


def test_a_same_day_alert_is_not_urgent() -> None:
    text = admin_alert_text(detect_red_flags("new blister on my heel"), name="Cy", telegram_id=2, flag_ids=[4],
                            contacts=BERLIN)
    assert "clinician today" in text and "URGENT" not in text and "seated and lying" in text


_words = st.sampled_from([
    "no", "not", "didn't", "haven't", "and", "but", ",", ".", "?", "i", "my", "fell", "fainted", "chest", "pain",
    "bladder", "bowel", "control", "lost", "groin", "numb", "blister", "foot", "weakness", "spreading", "sudden",
    "severe", "hurt", "head", "asleep", "out", "of", "nowhere", "passed", "can't", "feel", "pee", "\n", "’", "😣",
    "husband", "if", "ever", "years", "ago", "gone", "kill", "myself", "sugar", "3.1", "toe", "black", "pills",
])


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400) | st.lists(_words, max_size=60).map(" ".join))
def test_never_raises(text: str) -> None:
    """Detection, the reply and the alert work on any input; one flag per kind, in FlagKind order."""
    flags = detect_red_flags(text)
    assert len({f.kind for f in flags}) == len(flags)
    assert [f.kind for f in flags] == [k for k in FlagKind if k in {f.kind for f in flags}]
    reply = red_flag_reply(flags, BERLIN)
    assert (reply == "") is (flags == [])
    assert "push" not in reply.lower()
    admin_alert_text(flags, name=text[:20], telegram_id=1, flag_ids=[1], contacts=BERLIN)
