"""Red-flag detection, the replies to participants and the alerts to admins."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.domain.safety import (
    URGENT_KINDS,
    FlagKind,
    RedFlag,
    admin_alert_text,
    detect_red_flags,
    red_flag_reply,
)

W, BB, SADDLE = FlagKind.WEAKNESS, FlagKind.BLADDER_BOWEL, FlagKind.SADDLE_NUMBNESS
FOOT, CHEST, FAINT = FlagKind.FOOT_WOUND, FlagKind.CHEST_PAIN, FlagKind.FAINTING
FALL, SEVERE = FlagKind.FALL_INJURY, FlagKind.SEVERE_PAIN

FLAGGED: list[tuple[str, set[FlagKind]]] = [
    # new or spreading weakness
    ("My right foot drop is new this week", {W}),
    ("I keep dropping things", {W}),
    ("my leg gave way on the stairs", {W}),
    ("knee keeps giving way", {W}),
    ("the weakness in my left leg is spreading", {W}),
    ("new weakness in my arm", {W}),
    ("my legs feel weaker today", {W}),
    ("I can't lift my foot properly", {W}),
    ("dragging my foot when I walk", {W}),
    # bladder / bowel
    ("lost control of my bladder this morning", {BB}),
    ("I wet myself on the way to the loo", {BB}),
    ("I can't pee since yesterday", {BB}),
    ("new difficulty passing urine", {BB}),
    ("had a bowel accident", {BB}),
    ("Lost control of my bowels", {BB}),
    # saddle numbness
    ("no feeling in my groin", {SADDLE}),
    ("numbness in my groin since last night", {SADDLE}),
    ("my groin feels numb", {SADDLE}),
    ("can't feel my saddle area", {SADDLE}),
    ("numb when I wipe", {SADDLE}),
    ("tingling between my legs", {SADDLE}),
    # foot wound
    ("I have a new blister on my heel", {FOOT}),
    ("cut my foot on a stone", {FOOT}),
    ("there's an ulcer on my toe", {FOOT}),
    ("stepped on a nail", {FOOT}),
    ("open sore on the sole of my foot", {FOOT}),
    # chest pain, fainting
    ("I have chest pain", {CHEST}),
    ("tight chest after the stairs", {CHEST}),
    ("pain in my chest when walking", {CHEST}),
    ("I fainted in the kitchen", {FAINT}),
    ("I passed out for a moment", {FAINT}),
    ("I blacked out briefly", {FAINT}),
    ("I don't know why I fainted", {FAINT}),
    ("not sure if I passed out", {FAINT}),
    # falls with injury
    ("I fell and hurt my wrist", {FALL}),
    ("I fell and hit my head", {FALL}),
    ("tripped on the rug and broke my toe", {FALL}),
    ("had a fall yesterday, cut my knee", {FALL}),
    ("slipped in the shower and bruised my hip", {FALL}),
    # sudden severe pain
    ("sudden severe pain in my back", {SEVERE}),
    ("worst pain ever last night", {SEVERE}),
    ("pain 10 out of nowhere", {SEVERE}),
    # clause-level negation: only the affirmed part counts
    ("no chest pain but I fainted", {FAINT}),
    ("no chest pain and I fainted", {FAINT}),
    ("didn't faint, but chest pain this morning", {CHEST}),
    ("haven't fallen but cut my foot", {FOOT}),
    # several at once
    ("I fainted and had chest pain", {FAINT, CHEST}),
    ("lost control of my bladder and numbness in my groin", {BB, SADDLE}),
    ("pain 4 numbness 2 tingling 3 balance 1 new blister on my toe", {FOOT}),
]

NOT_FLAGGED: list[str] = [
    "no new blisters",
    "No chest pain",
    "haven't fainted",
    "I didn't fall",
    "without any weakness",
    "bladder fine",
    "bladder and bowel normal",
    "no problems with bladder or bowel",
    "not dropping things anymore",
    "no numbness in my groin",
    "haven't lost control of my bladder",
    "never passed out",
    "chest pain gone now",
    "no fainting or chest pain",
    "no sudden severe pain",
    "chest stretch felt good",
    "the chest press was fine",
    "I fell asleep on the sofa",
    "I fell but I'm fine",
    "I fell but didn't hurt myself",
    "balance 8",
    "pain 4",
    "pain 4 numbness 2 tingling 3 balance 1 slept badly",
    "pain 10 numbness 10 tingling 10 balance 10",
    "a faint tingling in my toes",
    "feet a bit numb as usual",
    "dizzy when standing up",
    "walked to the shop, legs tired",
    "my back aches after gardening",
    "",
]


@pytest.mark.parametrize(("text", "kinds"), FLAGGED, ids=[t for t, _ in FLAGGED])
def test_flags(text: str, kinds: set[FlagKind]) -> None:
    flags = detect_red_flags(text)
    assert {f.kind for f in flags} == kinds
    for flag in flags:
        assert flag.urgent is (flag.kind in URGENT_KINDS)
        assert flag.matched and len(flag.matched) <= 60


@pytest.mark.parametrize("text", NOT_FLAGGED, ids=[t or "<empty>" for t in NOT_FLAGGED])
def test_no_flags(text: str) -> None:
    assert detect_red_flags(text) == []


def test_table_is_large_enough() -> None:
    """The brief asks for at least 50 phrases."""
    assert len(FLAGGED) + len(NOT_FLAGGED) >= 50


def test_one_flag_per_kind_in_stable_order() -> None:
    flags = detect_red_flags("I fainted. Then I fainted again, with chest pain. New blister.")
    assert [f.kind for f in flags] == [FOOT, CHEST, FAINT]
    assert [f.kind for f in flags] == [k for k in FlagKind if k in {f.kind for f in flags}]


def test_matched_is_the_phrase_not_the_whole_note() -> None:
    flags = detect_red_flags("Long day at my daughter's, walked a lot, then I fainted outside")
    assert [f.matched for f in flags] == ["fainted"]


def test_urgent_kinds() -> None:
    assert {BB, SADDLE, CHEST, FAINT} == URGENT_KINDS


# --- replies ------------------------------------------------------------------------------------

def _reply(*kinds: FlagKind) -> str:
    return red_flag_reply([RedFlag(kind=k, urgent=k in URGENT_KINDS, matched="x") for k in kinds])


@pytest.mark.parametrize("kind", list(FlagKind))
def test_every_reply_stops_training_alerts_team_and_never_says_push(kind: FlagKind) -> None:
    text = _reply(kind)
    assert "stop training" in text
    assert "coaching team" in text
    assert "push" not in text.lower()


@pytest.mark.parametrize("kind", [BB, SADDLE])
def test_cauda_equina_reply(kind: FlagKind) -> None:
    """Bladder/bowel or saddle numbness: emergency care now, named as cauda equina."""
    text = _reply(kind)
    assert "cauda equina" in text
    assert "emergency" in text and "now" in text
    assert "don't wait for an appointment" in text


@pytest.mark.parametrize("kind", [CHEST, FAINT])
def test_chest_pain_and_fainting_reply(kind: FlagKind) -> None:
    text = _reply(kind)
    assert "call emergency services now" in text
    assert "112" in text and "999" in text and "911" in text


def test_foot_wound_reply() -> None:
    text = _reply(FOOT)
    assert "non-weight-bearing" in text
    assert "within a day" in text
    assert "podiatrist" in text
    assert "emergency" not in text


@pytest.mark.parametrize("kind", [W, FALL, SEVERE])
def test_clinician_today_reply(kind: FlagKind) -> None:
    text = _reply(kind)
    assert "clinician today" in text
    assert "urgent care if it's getting worse" in text
    assert "emergency" not in text


def test_reply_to_several_kinds_covers_each() -> None:
    text = _reply(SADDLE, CHEST, FOOT, W)
    assert "cauda equina" in text and "112" in text and "non-weight-bearing" in text
    assert "clinician today" in text
    assert text.count("coaching team") == 1


def test_reply_to_nothing_is_empty() -> None:
    assert red_flag_reply([]) == ""


# --- admin alerts -------------------------------------------------------------------------------

def test_admin_alert_names_kinds_not_the_note() -> None:
    note = "I fainted in the garden at my daughter's house"
    text = admin_alert_text(detect_red_flags(note), participant_label="Ann (id 42)")
    assert "Ann (id 42)" in text and "fainting" in text and "URGENT" in text
    assert "garden" not in text and "daughter" not in text


def test_admin_alert_non_urgent() -> None:
    text = admin_alert_text(detect_red_flags("new blister on my heel"), participant_label="Bob")
    assert "foot wound" in text and "URGENT" not in text


def test_admin_alert_for_nothing_is_empty() -> None:
    assert admin_alert_text([], participant_label="Ann") == ""


# --- properties ---------------------------------------------------------------------------------

_words = st.sampled_from([
    "no", "not", "didn't", "haven't", "and", "but", ",", ".", "i", "my", "fell", "fainted", "chest",
    "pain", "bladder", "bowel", "control", "lost", "groin", "numb", "blister", "foot", "weakness",
    "spreading", "sudden", "severe", "hurt", "head", "asleep", "out", "of", "nowhere", "passed",
    "can't", "feel", "pee", "\n", "’", "😣",
])


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400) | st.lists(_words, max_size=40).map(" ".join))
def test_never_raises(text: str) -> None:
    """Detection and both texts work on any input."""
    flags = detect_red_flags(text)
    assert len({f.kind for f in flags}) == len(flags)
    assert [f.kind for f in flags] == [k for k in FlagKind if k in {f.kind for f in flags}]
    reply = red_flag_reply(flags)
    assert (reply == "") is (flags == [])
    assert "push" not in reply.lower()
    admin_alert_text(flags, participant_label=text[:20])
