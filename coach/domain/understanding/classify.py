"""What a message is: a check-in, a partial check-in, a symptom report or diary note, a question, a red flag —
several at once where they overlap — or, only when it holds none of these, something the bot did not understand.

The everyday check-in line is read by the strict parser (coach/domain/symptoms.py) with no extra work; anything
else goes through normalisation, scores anywhere in a sentence, questions and help topics. Pure.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import NamedTuple

from coach.domain.safety.detect import RedFlag, detect_red_flags
from coach.domain.symptoms import ITEMS, ParsedCheckin, ParseFailure, parse_checkin, parse_day_prefix
from coach.domain.understanding.lexicon import BODY_WORDS, SYMPTOM_WORDS, TRAINING_WORDS
from coach.domain.understanding.scores import ITEM_WORDS, Ambiguity, read_scores
from coach.domain.understanding.text import Normalised, is_function_word, normalise
from coach.domain.understanding.topics import QUESTION_STARTS, TOPICS, Topic

# Telegram's own limit: red flags are looked for in all of it.
SCAN_LIMIT = 4096
# A note longer than this many words is a diary entry even without a symptom word in it.
DIARY_WORDS = 4
_NOTE_WORDS = SYMPTOM_WORDS | BODY_WORDS | TRAINING_WORDS | frozenset({"slept", "sleep", "walk", "walked", "shops"})
# Polite words that carry nothing to store: "thanks", "ok", "hi".
_SMALL_TALK = frozenset({
    "ok", "okay", "k", "thanks", "thank", "you", "thx", "ty", "ta", "cheers", "hi", "hello", "hey", "hiya", "morning",
    "evening", "good", "night", "yes", "yep", "yup", "no", "nope", "nah", "lol", "haha", "hmm", "sorry", "bye",
    "there", "great", "nice", "cool", "fine", "sure", "will", "do", "oops", "wrong", "chat", "testing", "test", "nvm",
    "happy", "christmas", "new", "year", "love", "xx", "x", "brilliant", "lovely", "perfect", "alright", "right",
})


class MessageClass(StrEnum):
    CHECKIN = "checkin"  # all four scores (or "same as yesterday")
    PARTIAL = "partial"  # one to three scores: stored as given, the rest asked for
    AMBIGUOUS = "ambiguous"  # a score to ask about: a range, two values, out of 0–10
    NOTE = "note"  # a symptom report or diary note
    QUESTION = "question"
    RED_FLAG = "red_flag"
    SMALL_TALK = "small_talk"  # "thanks", "hi": a friendly word back
    UNKNOWN = "unknown"  # nothing the bot can place


class Understanding(NamedTuple):
    """Everything read from one message."""

    classes: frozenset[MessageClass]
    day: date
    flags: tuple[RedFlag, ...] = ()
    scores: dict[str, int] = {}  # noqa: RUF012 - a NamedTuple default, never mutated
    ambiguities: tuple[Ambiguity, ...] = ()
    same_as_yesterday: bool = False
    foot_problem: bool | None = None
    note: str | None = None  # the participant's words to keep as a note
    topics: tuple[Topic, ...] = ()
    date_problem: str | None = None  # a date prefix that cannot be used ("more than 7 days ago")
    dizzy: bool = False  # "dizzy 3": a score for something that is not one of the four

    @property
    def complete(self) -> bool:
        return self.same_as_yesterday or len(self.scores) == len(ITEMS)


def understand(text: str, *, today: date) -> Understanding:
    """Read one message; never raises."""
    strict = parse_checkin(text, today=today)
    if isinstance(strict, ParsedCheckin) and strict.note is None:
        # Scores and item names only (the everyday line): nothing in it can be a red flag or a note.
        return _from_strict(strict, ())
    flags = tuple(detect_red_flags(text[:SCAN_LIMIT]))
    if isinstance(strict, ParsedCheckin) and not _scores_in(strict.note):
        return _from_strict(strict, flags)
    prefixed = parse_day_prefix(text, today=today)
    if isinstance(prefixed, ParseFailure):
        day, body, date_problem = today, text, prefixed.reason
    else:
        (day, body), date_problem = prefixed, None
    return _from_free_text(body, day, flags, date_problem)


def _scores_in(note: str | None) -> bool:
    """A note that names a score again ("… actually pain 5") is a correction to ask about, not a note."""
    if not note or not any(ch.isdigit() for ch in note):
        return False
    read = read_scores(normalise(note))
    return bool(read.scores or read.ambiguities)


def _from_strict(parsed: ParsedCheckin, flags: tuple[RedFlag, ...]) -> Understanding:
    classes = {MessageClass.CHECKIN}
    if flags:
        classes.add(MessageClass.RED_FLAG)
    if parsed.note and _worth_keeping(normalise(parsed.note)):
        classes.add(MessageClass.NOTE)
    return Understanding(frozenset(classes), parsed.day, flags, dict(parsed.scores),
                         same_as_yesterday=parsed.same_as_yesterday, foot_problem=parsed.foot_problem,
                         note=parsed.note)


def _from_free_text(text: str, day: date, flags: tuple[RedFlag, ...], date_problem: str | None) -> Understanding:
    normalised = normalise(text[:SCAN_LIMIT])
    asked = _question_sentences(normalised)
    asking = _asking_positions(normalised, asked)
    read = read_scores(normalised, skip=asking)
    classes: set[MessageClass] = set()
    if flags:
        classes.add(MessageClass.RED_FLAG)
    if read.ambiguities:
        classes.add(MessageClass.AMBIGUOUS)  # what is clear is kept too, and asked for with the rest
    elif read.scores:
        classes.add(MessageClass.CHECKIN if len(read.scores) == len(ITEMS) else MessageClass.PARTIAL)
    topics: tuple[Topic, ...] = ()
    if asked:
        classes.add(MessageClass.QUESTION)
        topics = _topics(normalised, asked)
    statement = _statement_part(normalised, asking, read.used)
    note = None
    if statement is not None and _worth_keeping(statement):
        note = _tidy(text if not read.used and not asking else _words_left(normalised, read.used | asking))
        if note:
            classes.add(MessageClass.NOTE)
    if not classes:
        classes.add(MessageClass.SMALL_TALK if _small_talk(normalised) else MessageClass.UNKNOWN)
    return Understanding(frozenset(classes), day, flags, dict(read.scores), read.ambiguities, note=note,
                         topics=topics, date_problem=date_problem, dizzy=read.dizzy)


def _question_sentences(normalised: Normalised) -> frozenset[int]:
    """Sentences that ask something: ending in "?", or opening (or a clause opening) with a question word."""
    asked = set(normalised.asked)
    tokens = normalised.tokens
    for i, token in enumerate(tokens):
        opens = i == 0 or tokens[i - 1].sentence != token.sentence or tokens[i - 1].text in (",", *_OPENERS)
        if opens and token.text in QUESTION_STARTS and _asks(tokens, i) or opens and _asks_by_request(tokens, i):
            asked.add(token.sentence)
    return frozenset(asked)


# Words before the question itself: "hey coach how do I …", "ok so what …", "please tell me …".
_OPENERS = frozenset({"hey", "hi", "hello", "coach", "ok", "okay", "so", "um", "erm", "please", "kindly", "sorry",
                      "quick", "question", "just", "and", "but", "also", "oh", "right"})
_REQUESTS = (("tell", "me"), ("i", "wonder"), ("wondering",), ("want", "to", "know"), ("like", "to", "know"),
             ("explain",), ("help", "me"))


def _asks_by_request(tokens: tuple, i: int) -> bool:  # noqa: ANN001 - tokens
    """ "tell me how to change the time", "I wonder if …": a question asked as a request."""
    for request in _REQUESTS:
        window = [t.text for t in tokens[i:i + len(request)]]
        if tuple(window) == request:
            return True
    return False


def _asks(tokens: tuple, i: int) -> bool:  # noqa: ANN001 - tokens
    """A question word that really asks: "how do I", "is it", "can I" — not "did my exercises" in a diary."""
    nxt = tokens[i + 1].text if i + 1 < len(tokens) and tokens[i + 1].sentence == tokens[i].sentence else ""
    if tokens[i].text in _AUXILIARIES:
        if nxt == "my":  # "is my data private" asks; "did my exercises" is a diary
            return tokens[i].text not in ("did", "do", "does")
        return nxt in _ASKED_ABOUT or (tokens[i].text in ("is", "does") and (nxt in ITEM_WORDS or nxt.isdigit()
                                                                               or nxt in ("higher", "lower")))
    return True


_AUXILIARIES = frozenset({"is", "are", "am", "do", "does", "did", "can", "could", "should", "would", "will", "may",
                          "shall"})
_ASKED_ABOUT = frozenset({"i", "it", "you", "this", "that", "there", "we", "he", "she", "they", "everything",
                          "anyone", "someone"})


def _topics(normalised: Normalised, asked: frozenset[int]) -> tuple[Topic, ...]:
    """The help topics the question is most likely about (at most two), or OTHER."""
    words = [t for t in normalised.tokens if t.sentence in asked]
    scores: dict[Topic, int] = {}
    for entry in TOPICS:
        hits = sum(1 for token in words if token.lemmas & entry.words or token.text in entry.words)
        if hits:
            scores[entry.topic] = hits * 10 + entry.weight
    if not scores:
        return (Topic.OTHER,)
    ranked = sorted(scores, key=lambda topic: -scores[topic])
    best = ranked[:1]
    if len(ranked) > 1 and scores[ranked[1]] >= scores[ranked[0]] - 1:
        best.append(ranked[1])
    return tuple(best)


def _statement_part(normalised: Normalised, asking: frozenset[int], used: frozenset[int]) -> Normalised | None:
    """The tokens that are neither a question nor a score: what a note would be made of."""
    keep = tuple(token for i, token in enumerate(normalised.tokens)
                 if token.kind == "word" and i not in used and i not in asking)
    return Normalised(normalised.original, keep) if keep else None


def _asking_positions(normalised: Normalised, asked: frozenset[int]) -> frozenset[int]:
    """The tokens of the asking part of each question: from the clause that asks to the end of its sentence.

    "feet burning badly tonight, should I still do the exercises?" asks from "should"; the words before it are a
    report. A question with no asking clause ("is 10 the worst?" aside) asks as a whole."""
    tokens = normalised.tokens
    positions: set[int] = set()
    for sentence in asked:
        members = [i for i, token in enumerate(tokens) if token.sentence == sentence]
        start = members[0]
        for i in members:
            opens = i == members[0] or tokens[i - 1].text == ","
            if opens and tokens[i].text in QUESTION_STARTS and _asks(tokens, i):
                start = i
                break
        else:
            # "pain 5 is that bad?": the asking starts mid-sentence, at an auxiliary before "that", "it", "I".
            start = next((i for i in members if tokens[i].text in _AUXILIARIES and _asks(tokens, i)), members[0])
        positions.update(i for i in members if i >= start)
    return frozenset(positions)


def _worth_keeping(part: Normalised) -> bool:
    """A note worth storing: it names a symptom, a body part or training, or it is a real sentence."""
    words = [token for token in part.tokens if token.kind == "word"]
    if any(token.lemmas & _NOTE_WORDS for token in words):
        return True
    content = [token for token in words if token.text not in _SMALL_TALK and not is_function_word(token.text)]
    return len(content) >= DIARY_WORDS


def _words_left(normalised: Normalised, left_out: frozenset[int]) -> str:
    """The participant's own words with the scores taken out ("Slept badly. pain 6, …" → "Slept badly")."""
    pieces: list[str] = []
    run: list[int] = []
    for i, _token in enumerate(normalised.tokens):
        if i in left_out:
            if run:
                pieces.append(normalised.words(run[0], run[-1] + 1))
                run = []
            continue
        run.append(i)
    if run:
        pieces.append(normalised.words(run[0], run[-1] + 1))
    return "; ".join(p for p in (_tidy(piece) for piece in pieces) if p and any(ch.isalpha() for ch in p))


def _tidy(text: str) -> str:
    return " ".join(text.split()).strip(" ,;:.-–—/|&+=")


def _small_talk(normalised: Normalised) -> bool:
    words = [token for token in normalised.tokens if token.kind == "word"]
    return bool(words) and all(token.text in _SMALL_TALK for token in words)
