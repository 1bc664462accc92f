"""Read a typed daily check-in ("pain 4 numbness 2 tingling 3 balance 1") into symptom scores.

Pure: no I/O, no clock (today is passed in). Every problem comes back as a ParseFailure whose
reason is short, kind and concrete and shows the right form — the reader may be in pain.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

ITEMS: tuple[str, ...] = ("pain", "numbness", "tingling", "balance")
ITEM_LABELS: dict[str, str] = {
    "pain": "pain",
    "numbness": "numbness",
    "tingling": "tingling/burning",
    "balance": "balance/unsteadiness",
}
SCORE_MIN, SCORE_MAX = 0, 10
MAX_BACKFILL_DAYS = 7
MAX_TEXT_LENGTH = 1000

EXAMPLE = "pain 4 numbness 2 tingling 3 balance 1"
POSITIONAL_EXAMPLE = "4 2 3 1"
_TRY = f"Try: {EXAMPLE}"
_ORDER = "pain, numbness, tingling/burning, balance"
_FALLBACK_REASON = (f"Sorry, I couldn't read that check-in. Please send four numbers from 0 to 10. "
                    f"{_TRY}")


@dataclass(frozen=True)
class ParsedCheckin:
    """A fully read check-in; scores holds all four items unless same_as_yesterday."""

    scores: dict[str, int]
    note: str | None
    day: date
    same_as_yesterday: bool = False
    foot_problem: bool | None = None


@dataclass(frozen=True)
class ParseFailure:
    """Why a check-in couldn't be read, written for the participant, with a correct example."""

    reason: str


# --- vocabulary -------------------------------------------------------------------------------

_SYNONYMS: dict[str, str] = {
    **dict.fromkeys(("pain", "pains", "hurt", "hurts", "hurting", "ache", "aches", "aching",
                     "sore", "soreness", "p"), "pain"),
    **dict.fromkeys(("numbness", "numb", "n"), "numbness"),
    **dict.fromkeys(("tingling", "tingle", "tingles", "tingly", "burning", "burn", "burns",
                     "prickling", "electric", "zapping", "t"), "tingling"),
    # "dizzy" is deliberately absent: dizziness can be a cardiac red flag, not unsteadiness.
    **dict.fromkeys(("balance", "unsteadiness", "unsteady", "wobbly", "wobbliness", "b"),
                    "balance"),
}
_NUMBER_WORDS: dict[str, int] = {
    "zero": 0, "none": 0, "nil": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}
# Words people put between a name and its number ("pain is 4", "pain and numbness ...").
_FILLERS = frozenset({"and", "or", "is", "at", "about", "around", "level", "score", "was"})
_FOOT_WORDS = frozenset({"foot", "feet"})
_FOOT_FILLERS = frozenset({"is", "are", "check", "checked", "look", "looks", "all"})
_FOOT_VALUES: dict[str, bool] = {
    **dict.fromkeys(("ok", "okay", "fine", "good", "no", "none", "normal", "clear"), False),
    **dict.fromkeys(("yes", "blister", "blisters", "wound", "wounds", "red", "cut", "ulcer",
                     "problem", "problems"), True),
}
_NOTE_WORDS = frozenset({"note", "notes"})
_DIZZY_WORDS = frozenset({"dizzy", "dizziness", "lightheaded", "faint"})
_SUGGESTABLE = tuple(word for word in _SYNONYMS if len(word) > 3)
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAY_NAMES: dict[str, int] = {
    **dict.fromkeys(("mon", "monday"), 0),
    **dict.fromkeys(("tue", "tues", "tuesday"), 1),
    **dict.fromkeys(("wed", "weds", "wednesday"), 2),
    **dict.fromkeys(("thu", "thur", "thurs", "thursday"), 3),
    **dict.fromkeys(("fri", "friday"), 4),
    **dict.fromkeys(("sat", "saturday"), 5),
    **dict.fromkeys(("sun", "sunday"), 6),
}

# --- regular expressions ------------------------------------------------------------------------

_NUM = r"-?\d+(?:\.\d+)*"
_TOKEN_RE = re.compile(
    rf"""
      (?P<pins>pins[\s-]*(?:and|&|n|'n'?|’n’?)[\s-]*needles)
    | (?P<range>(?<![\d.])\d+[-–]\d+(?![\d.]))
    | (?P<num>(?<![\d.]){_NUM}(?:\s*(?:/|\bout\s+of\b|\bof\b)\s*{_NUM})*)
    | (?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*)
    | (?P<dash>[-–—]+)
    """,
    re.VERBOSE | re.IGNORECASE,
)
_PIECE_SPLIT_RE = re.compile(r"\s*(?:/|\bout\s+of\b|\bof\b)\s*", re.IGNORECASE)
_SAME_RE = re.compile(
    r"[\W_]*(?:same\s+as\s+(?:yesterday|before|last\s+time)|same\s+again|same|as\s+yesterday)"
    r"(?![^\W\d_])",
    re.IGNORECASE,
)
_LEAD_JUNK_RE = re.compile(r"[\W_]*")
_ISO_DATE_RE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d])")
# "18.11." or "18.11.2026": a date, but not in a form we accept — say so instead of misreading it.
_DOTTED_DATE_RE = re.compile(r"\d{1,2}\.\d{1,2}\.(?:\d{2,4})?(?![\d.])")
_WORD_RE = re.compile(r"[^\W\d_]+")
_AFTER_PREFIX_RE = re.compile(r"[\s:,;.]*")
_NOTE_LEAD_RE = re.compile(r"^(?:[\s\-–—:;,.·|/&+=>]+|notes?\b)+", re.IGNORECASE)


# --- public API -------------------------------------------------------------------------------

def parse_checkin(
    text: str, *, today: date, allow_date_prefix: bool = True
) -> ParsedCheckin | ParseFailure:
    """Read a typed check-in; never raises, every problem is a ParseFailure."""
    try:
        return _parse_checkin(text, today=today, allow_date_prefix=allow_date_prefix)
    except Exception:  # noqa: BLE001 - a parser bug must never crash the reply to someone in pain
        return ParseFailure(_FALLBACK_REASON)


def needs_foot_check(condition: str | None) -> bool:
    """Diabetic neuropathy puts feet at risk of unnoticed wounds, so those check-ins add a foot check."""
    return condition == "diabetic"


def format_scores(scores: dict[str, int]) -> str:
    """'pain 4 · numbness 2 · tingling 3 · balance 1': ITEMS order, missing items left out."""
    return " · ".join(f"{item} {scores[item]}" for item in ITEMS if item in scores)


def format_day(day: date) -> str:
    """'Sat 21 Nov' (English, independent of the machine's locale)."""
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"


def parse_day_prefix(text: str, *, today: date, what: str = "check-ins",
                     example: str = EXAMPLE) -> tuple[date, str] | ParseFailure:
    """Strip a leading today/yesterday/YYYY-MM-DD/weekday; no prefix gives (today, text).

    `what` and `example` word the answers for what is being dated (check-ins, sessions).
    """
    start = _LEAD_JUNK_RE.match(text).end()
    found = _match_day(text, start, today, example)
    if found is None:
        return today, text
    if isinstance(found, ParseFailure):
        return found
    day, end, raw = found
    if day > today:
        return ParseFailure(f"{raw} is in the future — I can only record {what} for today or "
                            f"the past {MAX_BACKFILL_DAYS} days. Try: yesterday {example}")
    if (today - day).days > MAX_BACKFILL_DAYS:
        return ParseFailure(f"{raw} is more than {MAX_BACKFILL_DAYS} days ago — I can only fill "
                            f"in {what} from the past {MAX_BACKFILL_DAYS} days. "
                            f"Try: yesterday {example}")
    return day, text[_AFTER_PREFIX_RE.match(text, end).end():]


# --- the parse, step by step --------------------------------------------------------------------

def _parse_checkin(
    text: str, *, today: date, allow_date_prefix: bool
) -> ParsedCheckin | ParseFailure:
    if not isinstance(text, str) or not text.strip():
        return ParseFailure(_nothing_found())
    if len(text) > MAX_TEXT_LENGTH:
        return ParseFailure(f"That message is too long for a check-in (more than "
                            f"{MAX_TEXT_LENGTH} characters). Please send just the four scores, "
                            f"with a short note after them if you like. {_TRY}")
    prefixed = parse_day_prefix(text, today=today)
    if allow_date_prefix:
        if isinstance(prefixed, ParseFailure):
            return prefixed
        day, body = prefixed
    elif isinstance(prefixed, ParseFailure) or prefixed[1] != text:
        return ParseFailure(f"Please send just the scores here, without a date. {_TRY}")
    else:
        day, body = today, text
    same = _SAME_RE.match(body)
    if same:
        return _read(body[same.end():], day, same=True)
    return _read(body, day, same=False)


def _read(body: str, day: date, *, same: bool) -> ParsedCheckin | ParseFailure:
    reader = _Reader(body, _tokenize(body), same=same)
    failure = reader.changed_scores() if same else None
    failure = failure or reader.run()
    if failure is not None:
        return failure
    scores = {} if same else {item: reader.scores[item] for item in ITEMS}
    return ParsedCheckin(scores=scores, note=reader.note(), day=day, same_as_yesterday=same,
                         foot_problem=reader.foot)


def _match_day(text: str, start: int, today: date,
               example: str = EXAMPLE) -> tuple[date, int, str] | ParseFailure | None:
    """The date at text[start:] with where it ends and how it was written; None if there is none."""
    iso = _ISO_DATE_RE.match(text, start)
    if iso:
        try:
            return date(int(iso[1]), int(iso[2]), int(iso[3])), iso.end(), iso[0]
        except ValueError:
            return ParseFailure(_bad_date(iso[0], today, example))
    dotted = _DOTTED_DATE_RE.match(text, start)
    if dotted:
        return ParseFailure(_bad_date(dotted[0], today, example))
    word = _WORD_RE.match(text, start)
    if not word:
        return None
    name = word[0].casefold()
    if name == "today":
        return today, word.end(), "Today"
    if name == "yesterday":
        return today - timedelta(days=1), word.end(), "Yesterday"
    if name == "tomorrow":
        return today + timedelta(days=1), word.end(), "Tomorrow"
    if name in _WEEKDAY_NAMES:
        # The most recent such day, never today: "mon" said on a Monday means last Monday.
        back = (today.weekday() - _WEEKDAY_NAMES[name]) % 7 or 7
        return today - timedelta(days=back), word.end(), word[0]
    return None


def _bad_date(raw: str, today: date, example: str = EXAMPLE) -> str:
    written = (today - timedelta(days=1)).isoformat()
    return (f"I couldn't read the date “{raw}”. Please write it like {written}, or use today, "
            f"yesterday or a weekday such as mon. Try: yesterday {example}")


class _Tok(NamedTuple):
    """One recognised piece of the message, with where it sits in the text."""

    kind: str  # item | num | range | foot | foot_bare | note | dash | filler | word
    start: int
    end: int
    raw: str
    item: str = ""
    foot: bool | None = None


def _tokenize(text: str) -> list[_Tok]:
    """Everything the reader can recognise; emoji, punctuation and spaces are simply skipped."""
    tokens = [_classify(m) for m in _TOKEN_RE.finditer(text)]
    return _merge_foot(tokens)


def _classify(match: re.Match[str]) -> _Tok:
    kind, raw, start, end = match.lastgroup or "word", match[0], match.start(), match.end()
    if kind == "pins":
        return _Tok("item", start, end, raw, item="tingling")
    if kind != "word":
        return _Tok(kind, start, end, raw)
    word = _norm(raw)
    if word in _SYNONYMS:
        return _Tok("item", start, end, raw, item=_SYNONYMS[word])
    if word in _NUMBER_WORDS:
        return _Tok("num", start, end, raw)
    if word in _FOOT_WORDS:
        return _Tok("foot_bare", start, end, raw)
    if word in _NOTE_WORDS:
        return _Tok("note", start, end, raw)
    if word in _FILLERS:
        return _Tok("filler", start, end, raw)
    return _Tok("word", start, end, raw)


def _merge_foot(tokens: list[_Tok]) -> list[_Tok]:
    """Join 'foot'/'feet' with its answer ('feet fine', 'foot: blister') into one foot token."""
    merged: list[_Tok] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        j = i + 1
        if tok.kind == "foot_bare":
            while j < len(tokens) and _norm(tokens[j].raw) in _FOOT_FILLERS:
                j += 1
            if j < len(tokens) and _norm(tokens[j].raw) in _FOOT_VALUES:
                answer = tokens[j]
                tok = _Tok("foot", tok.start, answer.end, f"{tok.raw} {answer.raw}",
                           foot=_FOOT_VALUES[_norm(answer.raw)])
                j += 1
            else:
                j = i + 1
        merged.append(tok)
        i = j
    return merged


def _norm(word: str) -> str:
    return word.casefold().replace("’", "'")


def _pieces(tok: _Tok) -> list[str]:
    """The numbers in one number token: '4' -> ['4'], '4/10' -> ['4', '10'], 'four' -> ['4']."""
    word = _norm(tok.raw)
    if word in _NUMBER_WORDS:
        return [str(_NUMBER_WORDS[word])]
    return _PIECE_SPLIT_RE.split(tok.raw)


def _to_int(piece: str) -> int:
    # Very long digit runs are simply "too big"; int() on thousands of digits would be refused.
    digits = piece.lstrip("-")
    value = int(digits) if len(digits) <= 6 else 10**6
    return -value if piece.startswith("-") else value


def _quote(text: str, limit: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _nothing_found() -> str:
    return (f"I couldn't find any scores in that. Please send four numbers from 0 to 10 for pain, "
            f"numbness, tingling/burning and balance. {_TRY}")


def _mixed() -> str:
    return (f"I got mixed up between names and numbers. Please either name every score, like "
            f"{EXAMPLE}, or send just four numbers in this order ({_ORDER}), "
            f"like {POSITIONAL_EXAMPLE}.")


class _Reader:
    """Walks the tokens once, collecting scores, the foot answer and where the note starts."""

    def __init__(self, text: str, tokens: list[_Tok], *, same: bool) -> None:
        self.text, self.tokens = text, tokens
        self.mode = "same" if same else ""  # "" until the first score: then labelled or positional
        self.scores: dict[str, int] = {}
        self.shown: dict[str, str] = {}  # item -> how the person named it, for messages
        self.last_item = ""
        self.foot: bool | None = None
        self.foot_raw = ""
        self.end = 0  # end of the last score or foot answer read
        self.note_start: int | None = None

    @property
    def complete(self) -> bool:
        return self.mode == "same" or len(self.scores) == len(ITEMS)

    def run(self) -> ParseFailure | None:
        """Read all tokens; None when a full check-in was read."""
        i = 0
        while i < len(self.tokens):
            step = self._step(i)
            if isinstance(step, ParseFailure):
                return step
            if step is None:
                return None
            i = step
        return None if self.complete else self._incomplete()

    def changed_scores(self) -> ParseFailure | None:
        """After "same": a named score anywhere ("same but pain 5") must not be silently dropped."""
        for i, tok in enumerate(self.tokens):
            j = self._next(i + 1, skip_item=tok.item) if tok.kind == "item" else None
            if j is not None and self.tokens[j].kind in ("num", "range"):
                return self._changed_since_yesterday()
        return None

    def note(self) -> str | None:
        """Whatever follows the scores, tidied; None if it holds no letters or digits."""
        start = self.note_start if self.note_start is not None else self.end
        note = _NOTE_LEAD_RE.sub("", self.text[start:]).strip()
        return note if any(ch.isalnum() for ch in note) else None

    def _step(self, i: int) -> int | None | ParseFailure:
        """Handle token i; the next index, None when the note starts here, or a failure."""
        tok = self.tokens[i]
        if tok.kind == "filler":
            return i + 1
        if tok.kind == "dash":
            return self._start_note(tok) if self.complete else i + 1
        if tok.kind == "note":
            return self._start_note(tok) if self.complete else self._incomplete()
        if tok.kind == "foot":
            return self._foot(i)
        if tok.kind == "foot_bare":
            return self._start_note(tok) if self.complete else ParseFailure(
                f"For the foot check, write foot ok — or foot blister, foot wound or foot red if "
                f"something is wrong. Try: {EXAMPLE} foot ok")
        if tok.kind == "item":
            return self._item(i)
        if tok.kind in ("num", "range"):
            return self._number(i)
        return self._unknown(i)

    def _start_note(self, tok: _Tok) -> None:
        self.note_start = tok.start
        return None

    def _next(self, i: int, *, skip_item: str = "") -> int | None:
        """Index of the first token from i that isn't a filler (or another name for skip_item)."""
        while i < len(self.tokens) and (self.tokens[i].kind == "filler" or (
                skip_item and self.tokens[i].kind == "item" and self.tokens[i].item == skip_item)):
            i += 1
        return i if i < len(self.tokens) else None

    def _scores_after(self, i: int) -> bool:
        return any(t.kind in ("num", "range", "item") for t in self.tokens[i + 1:])

    def _words_after(self, i: int) -> bool:
        return any(t.kind not in ("num", "range", "filler", "dash") for t in self.tokens[i + 1:])

    def _shown(self, tok: _Tok) -> str:
        # Use the person's own word ("burning"), except for one-letter forms like "p".
        return tok.item if len(tok.raw) <= 1 else " ".join(_norm(tok.raw).split())

    def _foot(self, i: int) -> int | ParseFailure:
        tok = self.tokens[i]
        if self.foot is not None and self.foot != tok.foot:
            return ParseFailure(f"You wrote both “{self.foot_raw}” and “{tok.raw}” — which is it? "
                                f"Please send the foot check once. Try: {EXAMPLE} foot ok")
        self.foot, self.foot_raw, self.end = tok.foot, tok.raw, tok.end
        return i + 1

    def _item(self, i: int) -> int | None | ParseFailure:
        tok = self.tokens[i]
        j = self._next(i + 1, skip_item=tok.item)  # "tingling/burning 3" names one item twice
        nxt = self.tokens[j] if j is not None else None
        if nxt is None or nxt.kind not in ("num", "range"):
            if self.complete:
                return self._start_note(tok)  # "... balance 1 pain worse at night"
            unreadable = ""
            if nxt is not None and nxt.kind == "word":
                unreadable = f" — I couldn't read “{_quote(nxt.raw)}”"
            return ParseFailure(
                f"{_cap(self._shown(tok))} needs a number from 0 to 10{unreadable}. {_TRY}")
        if self.mode == "same":
            return self._changed_since_yesterday()
        if self.mode == "positional" and not self.complete:
            return ParseFailure(_mixed())
        self.mode = self.mode or "labelled"
        value = self._labelled_value(tok, nxt)
        if isinstance(value, ParseFailure):
            return value
        clash = self._clash(tok, value)
        if clash is not None:
            return clash
        self.scores[tok.item] = value
        self.shown.setdefault(tok.item, self._shown(tok))
        self.last_item, self.end = tok.item, nxt.end
        return j + 1

    def _labelled_value(self, name_tok: _Tok, tok: _Tok) -> int | ParseFailure:
        name = _cap(self._shown(name_tok))
        if tok.kind == "range":
            return ParseFailure(f"Please give one number for {name.lower()}, not a range — you "
                                f"wrote {tok.raw}. Pick the one that fits today best. {_TRY}")
        pieces = _pieces(tok)
        if any("." in p for p in pieces):
            return ParseFailure(f"{name} must be a whole number from 0 to 10 — you wrote "
                                f"{tok.raw}. Please pick the nearest whole number. {_TRY}")
        if len(pieces) > 2:
            return ParseFailure(
                f"{name} needs one number from 0 to 10 — you wrote {tok.raw}. {_TRY}")
        if len(pieces) == 2 and _to_int(pieces[1]) != 10:
            return ParseFailure(f"Scores are out of 10 — you wrote {name.lower()} {tok.raw}. "
                                f"Write it like {name_tok.item} 4 or {name_tok.item} 4/10. {_TRY}")
        value = _to_int(pieces[0])
        if not SCORE_MIN <= value <= SCORE_MAX:
            return ParseFailure(f"{name} must be a whole number from 0 to 10 — you wrote "
                                f"{_quote(pieces[0])}. {_TRY}")
        return value

    def _clash(self, tok: _Tok, value: int) -> ParseFailure | None:
        """A second, different value for an item already given (the same value twice is fine)."""
        before = self.scores.get(tok.item)
        if before is None or before == value:
            return None
        first, second = self.shown[tok.item], self._shown(tok)
        if first == second:
            return ParseFailure(f"You gave {first} twice — {before} and {value}. Please send it "
                                f"just once. {_TRY}")
        return ParseFailure(f"{_cap(first)} and {second} count as one score, and you gave {before} "
                            f"and {value}. Please send one number for both together. {_TRY}")

    def _number(self, i: int) -> int | None | ParseFailure:
        tok = self.tokens[i]
        self.mode = self.mode or "positional"
        if self.mode == "same":
            # "same 4 2 3 1" looks like new scores; "same, walked 2 km" is just a note.
            if sum(t.kind in ("num", "range") for t in self.tokens[i:]) >= len(ITEMS):
                return self._changed_since_yesterday()
            return self._start_note(tok)
        if self.mode == "labelled":
            if self.complete and self._words_after(i):
                return self._start_note(tok)  # "... balance 1 2 hours of sleep"
            return self._stray(i)
        if self.complete:
            if "\n" in self.text[self.end:tok.start] and self._words_after(i):
                return self._start_note(tok)  # "4 2 3 1" then, on a new line, "5 hours of sleep"
            return ParseFailure(self._count_reason(len(self.scores) + self._count_from(i)))
        values = self._positional_values(tok)
        if isinstance(values, ParseFailure):
            return values
        for raw, value in values:
            if len(self.scores) == len(ITEMS):
                return ParseFailure(self._count_reason(len(self.scores) + self._count_from(i)))
            item = ITEMS[len(self.scores)]
            if not SCORE_MIN <= value <= SCORE_MAX:
                return ParseFailure(f"{_cap(item)} (number {len(self.scores) + 1}) must be a whole "
                                    f"number from 0 to 10 — you wrote {_quote(raw)}. "
                                    f"Try: {POSITIONAL_EXAMPLE} (that's {_ORDER}).")
            self.scores[item] = value
            self.shown[item] = item
        self.end = tok.end
        return i + 1

    def _changed_since_yesterday(self) -> ParseFailure:
        return ParseFailure(f"If something changed since yesterday, please send all four scores "
                            f"instead of “same”. {_TRY}")

    def _positional_values(self, tok: _Tok) -> list[tuple[str, int]] | ParseFailure:
        if tok.kind == "range":
            return ParseFailure(f"Please give one number for each score, not a range — you wrote "
                                f"{tok.raw}. Try: {POSITIONAL_EXAMPLE} (that's {_ORDER}).")
        pieces = _pieces(tok)
        if any("." in p for p in pieces):
            return ParseFailure(f"Please use whole numbers from 0 to 10 — you wrote {tok.raw}. "
                                f"Try: {POSITIONAL_EXAMPLE} (that's {_ORDER}).")
        if len(pieces) == 2 and _to_int(pieces[1]) == 10:
            pieces = pieces[:1]  # "4/10" is one score out of ten; "4/2/3/1" is four scores
        return [(p, _to_int(p)) for p in pieces]

    def _count_from(self, i: int) -> int:
        """How many numbers are written in the run of number tokens starting at i."""
        count = 0
        for tok in self.tokens[i:]:
            if tok.kind not in ("num", "range", "filler", "dash"):
                break
            if tok.kind in ("num", "range"):
                count += len(_pieces(tok)) if tok.kind == "num" else 2
        return count

    def _count_reason(self, count: int) -> str:
        found = "one number" if count == 1 else f"{count} numbers"
        return (f"I found {found}, but I need exactly four, in this order: {_ORDER}. "
                f"Try: {POSITIONAL_EXAMPLE} — or with names: {EXAMPLE}")

    def _stray(self, i: int) -> ParseFailure:
        """A number with no name before it while reading named scores."""
        tok, prev = self.tokens[i], self.tokens[i - 1] if i else None
        comma = prev is not None and prev.kind == "num" and self.text[prev.end:tok.start] == ","
        if comma and self.last_item:
            # "pain 4,5" is a decimal comma, not two scores.
            return ParseFailure(f"{_cap(self.shown[self.last_item])} must be a whole number from 0 "
                                f"to 10 — you wrote {prev.raw},{tok.raw}. Please pick the nearest "
                                f"whole number. {_TRY}")
        return ParseFailure(
            f"I found the number {tok.raw} without a name in front of it. " + _mixed())

    def _unknown(self, i: int) -> None | ParseFailure:
        tok = self.tokens[i]
        if self.complete:
            return self._start_note(tok)
        if not self._scores_after(i):
            return self._incomplete()
        words = [tok]
        for later in self.tokens[i + 1:]:
            if later.kind != "word":
                break
            words.append(later)
        quoted = _quote(self.text[tok.start:words[-1].end])
        return ParseFailure(f"I couldn't read “{quoted}”. {self._hint(words)} {_TRY}")

    def _hint(self, words: list[_Tok]) -> str:
        """Help for unreadable words: the name probably meant, a word on dizziness, or the names."""
        if any(_norm(w.raw) in _DIZZY_WORDS for w in words):
            return ("Dizziness isn't one of the four scores — if you mean unsteady on your feet, "
                    "use balance (e.g. balance 3). If you feel dizzy or faint, please sit down, "
                    "rest and tell your clinician.")
        for word in words:
            close = difflib.get_close_matches(_norm(word.raw), _SUGGESTABLE, n=1, cutoff=0.75)
            if close:
                return f"Did you mean {_SYNONYMS[close[0]]}?"
        if not self.scores:
            return "Please start with the scores and put any note after them."
        return "I know pain, numbness, tingling (or burning) and balance."

    def _incomplete(self) -> ParseFailure:
        if self.mode == "positional":
            return ParseFailure(self._count_reason(len(self.scores)))
        if not self.scores:
            return ParseFailure(_nothing_found())
        missing = [item for item in ITEMS if item not in self.scores]
        return ParseFailure(f"Thanks — I still need {_join(missing)} (each 0 to 10). {_TRY}")
