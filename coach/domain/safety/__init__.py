"""Red-flag detection in what participants write, and the calm, specific answers to it.

Pure: no I/O. Phrase-based on purpose — every pattern is a readable phrase, and negation is
judged per clause ("no chest pain but I fainted" flags fainting only).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class FlagKind(StrEnum):
    """The kinds of red flag the product watches for."""

    WEAKNESS = "weakness"
    BLADDER_BOWEL = "bladder_bowel"
    SADDLE_NUMBNESS = "saddle_numbness"
    FOOT_WOUND = "foot_wound"
    CHEST_PAIN = "chest_pain"
    FAINTING = "fainting"
    FALL_INJURY = "fall_injury"
    SEVERE_PAIN = "severe_pain"


@dataclass(frozen=True)
class RedFlag:
    """One red flag found: its kind, whether it needs emergency care now, and the phrase seen."""

    kind: FlagKind
    urgent: bool
    matched: str


URGENT_KINDS: frozenset[FlagKind] = frozenset(
    {FlagKind.BLADDER_BOWEL, FlagKind.SADDLE_NUMBNESS, FlagKind.CHEST_PAIN, FlagKind.FAINTING})

KIND_LABELS: dict[FlagKind, str] = {
    FlagKind.WEAKNESS: "new or spreading weakness",
    FlagKind.BLADDER_BOWEL: "bladder/bowel control",
    FlagKind.SADDLE_NUMBNESS: "groin/saddle numbness",
    FlagKind.FOOT_WOUND: "foot wound/blister",
    FlagKind.CHEST_PAIN: "chest pain",
    FlagKind.FAINTING: "fainting",
    FlagKind.FALL_INJURY: "fall with injury",
    FlagKind.SEVERE_PAIN: "sudden severe pain",
}


def kind_label(kind: str) -> str:
    """A stored flag kind in words ('foot wound/blister'); an unknown kind as stored."""
    try:
        return KIND_LABELS[FlagKind(kind)]
    except ValueError:
        return kind

_MATCHED_LIMIT = 60

# --- phrases ------------------------------------------------------------------------------------
# Text is lower-cased with straight apostrophes before matching. Negation words that belong to a
# symptom ("no feeling in my groin", "can't pee") are part of the phrase itself, so the negation
# check — which only looks *before* the phrase — leaves them alone.

_CANT = r"(?:can't|cant|cannot|can not|couldn't|couldnt|could not|unable to|not able to)"
_LIMB = r"(?:legs?|arms?|foot|feet|hands?|ankles?|knees?|toes?|fingers?|grip)"
_SADDLE = (r"(?:groin|saddle(?: area)?|crotch|genitals?|genital area|privates|private parts|"
           r"perineum|inner thighs?|back passage|anus)")
_IN_SADDLE = rf"(?:(?:in|around|of) (?:my |the )?{_SADDLE}|between (?:my |the )?legs)"
_FOOTISH = r"(?:foot|feet|toes?|heels?|soles?|instep)"

_PATTERNS: dict[FlagKind, tuple[str, ...]] = {
    FlagKind.WEAKNESS: (
        r"\bfoot ?drop\b",
        r"\bdrop ?foot\b",
        r"\b(?:dropping|keep dropping|kept dropping|keeps dropping) "
        r"(?:things|stuff|everything|objects|cups?)",
        r"\b(?:legs?|knees?|ankles?)\b(?: \w+){0,2}? (?:gave|giving|gives|give) (?:way|out)\b",
        r"\b(?:new|spreading|sudden|increasing|worsening|worse|more) weakness\b",
        r"\bweakness\b(?: \w+){0,4}? (?:is |has )?"
        r"(?:spreading|spread|getting worse|worsening|increasing)",
        r"\bgetting weaker\b",
        rf"\b{_LIMB} (?:is |are |feels? |has |have )?"
        r"(?:gone |got |getting |become |suddenly )?weaker\b",
        rf"\b{_CANT} (?:lift|raise) (?:my |the )?(?:foot|feet|toes|leg|legs|arm|arms)\b",
        r"\b(?:dragging|drags) (?:my |the )?(?:foot|leg)\b",
        r"\b(?:foot|leg) (?:is |keeps )?dragging\b",
    ),
    FlagKind.BLADDER_BOWEL: (
        r"\b(?:lost|losing|lose|loss of|no|poor) control (?:of|over) (?:my |the )?"
        r"(?:bladder|bowels?|pee|wee|urine|toilet)",
        r"\b(?:bladder|bowels?) (?:control )?(?:accidents?|leak\w*|incontinence|gave way|let go)",
        r"\bincontinen(?:t|ce)\b",
        r"\b(?:wet|soiled|peed|pooed|pooped|messed) (?:myself|my pants|my trousers|the bed)\b",
        rf"\b{_CANT} (?:pass (?:urine|water)|pee|wee|urinate|empty my bladder|hold (?:my )?"
        r"(?:bladder|bowels?|pee|wee|urine|it in)|control (?:my )?(?:bladder|bowels?))",
        r"\b(?:trouble|difficulty|problems?|struggling|straining)(?: with| in| to)? "
        r"(?:passing (?:urine|water)|pass (?:urine|water)|peeing|weeing|urinating|pee|wee)\b",
        r"\b(?:new|sudden) (?:\w+ )?(?:bladder|bowel|toilet) (?:problems?|issues?|trouble)",
        r"\b(?:peeing|weeing|passing (?:urine|water)|urinating) (?:is |has been )?"
        r"(?:difficult|hard|a struggle)",
        r"\burinary retention\b",
        rf"\b{_CANT} feel (?:when|if) i (?:need|have) to (?:pee|wee|go)\b",
    ),
    FlagKind.SADDLE_NUMBNESS: (
        r"\bsaddle (?:area )?(?:numb\w*|anaesthesia|anesthesia)",
        r"\b(?:numb\w*|tingl\w*|pins and needles|no feeling|no sensation|"
        r"loss of (?:feeling|sensation)|"
        r"lost (?:all )?(?:feeling|sensation)|reduced (?:feeling|sensation))"
        rf"(?: \w+){{0,2}}? {_IN_SADDLE}",
        rf"\b{_SADDLE} (?:\w+ ){{0,2}}?(?:numb\w*|feels? dead|no feeling|tingl\w*)",
        rf"\b{_CANT} feel (?:anything )?(?:in |around )?(?:my |the )?{_SADDLE}",
        r"\bnumb\w* when (?:i )?wip(?:e|ing)\b",
    ),
    FlagKind.FOOT_WOUND: (
        r"\bblisters?\b",
        r"\bulcers?\b",
        rf"\b{_FOOTISH}\b(?: \w+){{0,4}}? (?:wound|cut|open sore|sore that won't heal|broken skin|"
        r"bleeding|infected|infection|puncture)",
        r"\b(?:wound|cut|open sore|broken skin|bleeding|infection|puncture)\b"
        rf"(?: \w+){{0,4}}? {_FOOTISH}\b",
        r"\bstepped on (?:a |some )?(?:nail|glass|pin|tack|something sharp)",
    ),
    FlagKind.CHEST_PAIN: (
        r"\bchest (?:pains?|tightness|pressure|hurts?|hurting|aches?|aching|discomfort|heaviness|"
        r"is tight|feels? tight|feels? heavy|is heavy)",
        r"\b(?:pains?|tightness|pressure|ache|aching|discomfort|heaviness|squeezing|"
        r"crushing feeling) "
        r"(?:in|on|across|around) (?:my |the )?chest\b",
        r"\btight chest\b",
        r"\bheart attack\b",
        r"\bangina\b",
    ),
    FlagKind.FAINTING: (
        r"\bfaint(?:ed|ing)\b",
        r"\bpass(?:ed|ing)? out\b",
        r"\bblack(?:ed|ing)? out\b",
        r"\bblackouts?\b",
        r"\blost consciousness\b",
        r"\bi (?:just |nearly |almost )?collapsed\b",
    ),
    FlagKind.SEVERE_PAIN: (
        r"\bsudden(?:ly)?(?: and)? (?:severe|terrible|awful|excruciating|unbearable|"
        r"agonising|agonizing|"
        r"extreme|intense|horrendous) pain\b",
        r"\bsevere pain\b(?: \w+){0,3}? (?:suddenly|out of nowhere|out of the blue)",
        r"\bworst pain (?:ever|of my life|i've ever|i have ever|i've had|i have had)",
        r"\bpain\b(?: \w+){0,4}? out of (?:nowhere|the blue)",
        r"\b(?:excruciating|unbearable|agonising|agonizing) pain\b",
    ),
}
_FALL = re.compile(
    r"\b(?:fell|fallen|falling|fall|falls|tripped|slipped|had a tumble|took a tumble)\b"
    r"(?! asleep| apart| behind| through| short| in love| off the wagon)")
_INJURY = re.compile(
    r"\b(?:hurt|hurts|hurting|injured|injury|injuries|cut|broke|broken|bruised|bruise|"
    r"bleeding|bled|"
    r"sprained|twisted|fractured?|(?:hit|banged|bumped|knocked) my head|"
    r"(?:can't|couldn't|could not|cannot) get (?:back )?up)\b")
_COMPILED: dict[FlagKind, tuple[re.Pattern[str], ...]] = {
    kind: tuple(re.compile(p) for p in patterns) for kind, patterns in _PATTERNS.items()}
# Most messages are plain scores: one search for any phrase at all lets them skip the clause-by-clause
# scan. It can only say "maybe" too often, never "no" wrongly: every phrase is in it, and no phrase
# is anchored, so whatever matches in a clause also matches in the whole text.
_ANY_PHRASE = re.compile("|".join(f"(?:{p})" for patterns in _PATTERNS.values() for p in patterns))

# Words that cancel a phrase shortly after it: "chest pain gone", "bladder ok now".
_AFTER_NEGATIONS = frozenset({"gone", "resolved", "fine", "ok", "okay", "normal"})
_NEGATIONS = frozenset({
    "no", "not", "never", "without", "nor", "neither", "none", "zero", "denies", "free",
    "haven't", "havent", "hasn't", "hasnt", "hadn't", "hadnt", "didn't", "didnt", "don't", "dont",
    "doesn't", "doesnt", "isn't", "isnt", "wasn't", "wasnt", "aren't", "arent", "weren't", "werent",
    "won't", "wont",
})
# "I don't know why I fainted" is not a denial: a negation followed by these doesn't count.
_NOT_A_DENIAL = frozenset(
    {"know", "sure", "remember", "understand", "why", "idea", "if", "whether"})
_NEGATION_WINDOW = 5
# Clause breaks; "and" is not one, but a negation never reaches back across it (see _negated).
_CLAUSE_SPLIT = re.compile(r"[.,;!?\n]+|\b(?:but|though|although|however|except)\b")
_SENTENCE_SPLIT = re.compile(r"[.;!?\n]+")
_WORDS = re.compile(r"[a-z']+")


# --- detection --------------------------------------------------------------------------------

def detect_red_flags(text: str) -> list[RedFlag]:
    """Every red-flag kind found in text, at most one per kind, in FlagKind order; [] if none."""
    if not isinstance(text, str) or not text.strip():
        return []
    normal = _normalise(text)
    if not _ANY_PHRASE.search(normal) and not _FALL.search(normal):
        return []
    found: dict[FlagKind, str] = {}
    for clause in _CLAUSE_SPLIT.split(normal):
        for kind, patterns in _COMPILED.items():
            if kind not in found:
                phrase = _first_affirmed(clause, patterns)
                if phrase:
                    found[kind] = phrase
    fall = _fall_with_injury(normal)
    if fall:
        found[FlagKind.FALL_INJURY] = fall
    return [RedFlag(kind=kind, urgent=kind in URGENT_KINDS, matched=found[kind][:_MATCHED_LIMIT])
            for kind in FlagKind if kind in found]


def _normalise(text: str) -> str:
    text = text.lower().replace("’", "'").replace("‘", "'")
    return " ".join(text.split()).replace(" & ", " and ")


def _first_affirmed(clause: str, patterns: Iterable[re.Pattern[str]]) -> str | None:
    """The first phrase in the clause that isn't negated, or None."""
    for pattern in patterns:
        for match in pattern.finditer(clause):
            if not _negated(clause, match.start(), match.end()):
                return match.group().strip()
    return None


def _negated(clause: str, start: int, end: int) -> bool:
    """Whether a negation just before the phrase (not across 'and') or 'gone' after it denies it."""
    before = _WORDS.findall(clause[:start])[-_NEGATION_WINDOW:]
    if "and" in before:
        # "no chest pain and I fainted": the "no" belongs to the earlier part.
        before = before[len(before) - before[::-1].index("and"):]
    for i, word in enumerate(before):
        following = before[i + 1] if i + 1 < len(before) else ""
        if word in _NEGATIONS and following not in _NOT_A_DENIAL:
            return True
    after = _WORDS.findall(clause[end:])[:3]
    return any(word in _AFTER_NEGATIONS for word in after)


def _fall_with_injury(normal: str) -> str | None:
    """A fall and an injury in the same sentence, neither denied ("I fell and hit my head")."""
    for sentence in _SENTENCE_SPLIT.split(normal):
        falls = [m for m in _FALL.finditer(sentence) if not _negated(sentence, m.start(), m.end())]
        if not falls:
            continue
        for injury in _INJURY.finditer(sentence):
            if not _negated(sentence, injury.start(), injury.end()):
                first = min(falls[0].start(), injury.start())
                last = max(falls[0].end(), injury.end())
                return sentence[first:last].strip()
    return None


# --- replies ----------------------------------------------------------------------------------

_OPENING = "Thank you for telling me. Please stop training for now — your safety comes first."
_CAUDA_EQUINA = (
    "{what} can be a sign of pressure on the nerves at the base of the spine (cauda equina). "
    "Please go to emergency care or call emergency services now — don't wait for an appointment.")
_HEART = (
    "{what} needs checking straight away: please call emergency services now (for example 112, 999 "
    "or 911). Sit or lie down, and if you can, ask someone to stay with you.")
_FOOT = (
    "For the foot wound or blister: keep weight off that foot, check it every day, and contact "
    "your diabetes team, clinician or podiatrist within a day. Until a clinician has seen it, "
    "please only do non-weight-bearing exercise (seated or lying exercises that don't load your "
    "feet).")
_CLINICIAN = (
    "{what}: please contact your clinician today, and go to urgent care if it's getting worse.")
_CLOSING = "I've let the coaching team know, so someone can follow up with you."

_SPOKEN: dict[FlagKind, str] = {
    FlagKind.BLADDER_BOWEL: "losing control of your bladder or bowel, or new trouble passing urine",
    FlagKind.SADDLE_NUMBNESS: "numbness in the groin or saddle area",
    FlagKind.CHEST_PAIN: "chest pain",
    FlagKind.FAINTING: "fainting",
    FlagKind.WEAKNESS: "new or spreading weakness",
    FlagKind.FALL_INJURY: "a fall with an injury",
    FlagKind.SEVERE_PAIN: "sudden severe pain",
}


def red_flag_reply(flags: list[RedFlag]) -> str:
    """The immediate, calm and specific answer to the participant; '' when there are no flags."""
    kinds = {flag.kind for flag in flags}
    if not kinds:
        return ""
    parts = [_OPENING]
    cauda = _spoken(kinds, (FlagKind.BLADDER_BOWEL, FlagKind.SADDLE_NUMBNESS))
    if cauda:
        parts.append(_CAUDA_EQUINA.format(what=_cap(cauda)))
    heart = _spoken(kinds, (FlagKind.CHEST_PAIN, FlagKind.FAINTING))
    if heart:
        parts.append(_HEART.format(what=_cap(heart)))
    if FlagKind.FOOT_WOUND in kinds:
        parts.append(_FOOT)
    other = _spoken(kinds, (FlagKind.WEAKNESS, FlagKind.FALL_INJURY, FlagKind.SEVERE_PAIN))
    if other:
        parts.append(_CLINICIAN.format(what=_cap(other)))
    parts.append(_CLOSING)
    return "\n\n".join(parts)


def admin_alert_text(flags: list[RedFlag], *, participant_label: str) -> str:
    """A short alert for admins naming the kinds (never the participant's own words); '' if none."""
    kinds = [kind for kind in FlagKind if any(flag.kind == kind for flag in flags)]
    if not kinds:
        return ""
    urgent = [kind for kind in kinds if kind in URGENT_KINDS]
    label = " ".join(participant_label.split()) or "a participant"
    names = ", ".join(KIND_LABELS[kind] for kind in kinds)
    if urgent:
        head = f"🚨 URGENT red flag — {label}: {names}."
        advice = "They were told to stop training and seek emergency care now."
    else:
        head = f"⚠️ Red flag — {label}: {names}."
        advice = "They were told to stop training and contact their clinician."
    return f"{head}\n{advice} Please follow up with them today."


def _spoken(kinds: set[FlagKind], group: tuple[FlagKind, ...]) -> str:
    words = [_SPOKEN[kind] for kind in group if kind in kinds]
    return " or ".join(words) if len(words) <= 2 else ", ".join(words[:-1]) + " or " + words[-1]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]
