"""The word lists normalisation works from: contractions, text-speak, known misspellings and multi-word phrases.

Data, not code: each list says what it is for. A phrase is written as words separated by spaces, with
alternatives for one position separated by "|"; it matches on lemmas, so "passed out" and "passing out" both
match "pass out".
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coach.domain.understanding.text import Token

# Whole words that stand for several ("cant" typed without its apostrophe is still "can not").
CONTRACTIONS: dict[str, tuple[str, ...]] = {
    "can't": ("can", "not"), "cant": ("can", "not"), "cannot": ("can", "not"), "won't": ("will", "not"),
    "wont": ("will", "not"), "shan't": ("shall", "not"), "ain't": ("am", "not"), "aint": ("am", "not"),
    "dont": ("do", "not"), "doesnt": ("does", "not"), "didnt": ("did", "not"), "isnt": ("is", "not"),
    "wasnt": ("was", "not"), "arent": ("are", "not"), "werent": ("were", "not"), "havent": ("have", "not"),
    "hasnt": ("has", "not"), "hadnt": ("had", "not"), "couldnt": ("could", "not"), "wouldnt": ("would", "not"),
    "shouldnt": ("should", "not"), "mustnt": ("must", "not"), "neednt": ("need", "not"),
    "im": ("i", "am"), "ive": ("i", "have"), "id": ("i", "would"), "ill": ("ill",), "youre": ("you", "are"),
    "theyre": ("they", "are"), "thats": ("that", "is"), "theres": ("there", "is"), "whats": ("what", "is"),
    "its": ("it", "is"), "hes": ("he", "is"), "shes": ("she", "is"), "lets": ("let", "us"),
    "idk": ("i", "do", "not", "know"), "dunno": ("do", "not", "know"), "gonna": ("going", "to"),
    "wanna": ("want", "to"), "gotta": ("got", "to"), "kinda": ("kind", "of"), "sorta": ("sort", "of"),
    "u": ("you",), "ur": ("your",), "r": ("are",), "y": ("why",), "cos": ("because",), "coz": ("because",),
    "cuz": ("because",), "bc": ("because",), "pls": ("please",), "plz": ("please",), "abt": ("about",),
    "wk": ("week",), "yday": ("yesterday",), "yest": ("yesterday",), "tmrw": ("tomorrow",), "2day": ("today",),
    "nite": ("night",), "tho": ("though",), "thru": ("through",), "prob": ("probably",), "def": ("definitely",),
    "rn": ("right", "now"), "tbh": ("to", "be", "honest"), "b4": ("before",), "n": ("n",),
    "kms": ("kill", "myself"), "kys": ("kill", "yourself"), "bf": ("boyfriend",), "gf": ("girlfriend",),
    # Scots and northern English, as people write it.
    "ah": ("i",), "aw": ("all",), "tae": ("to",), "dae": ("do",), "cannae": ("can", "not"), "canna": ("can", "not"),
    "didnae": ("did", "not"), "dinnae": ("do", "not"), "wisnae": ("was", "not"), "isnae": ("is", "not"),
    "anymair": ("anymore",), "ma": ("my",), "oot": ("out",), "efter": ("after",), "nae": ("no",), "masel": ("myself",),
    "mysel": ("myself",), "meself": ("myself",), "yersel": ("yourself",), "hame": ("home",), "heid": ("head",),
    "fitba": ("football",), "noo": ("now",),
}
# The part after an apostrophe ("it's", "i'm", "we've"); a possessive "'s" is simply dropped.
CLITICS: dict[str, str | None] = {
    "m": "am", "re": "are", "ve": "have", "ll": "will", "d": "would", "s": None,
}
# Words whose "'s" is "is" ("there's", "it's"); after any other word it is a possessive ("husband's"), dropped.
IS_BEFORE_S: frozenset[str] = frozenset({"there", "it", "that", "what", "he", "she", "who", "here", "where", "how",
                                         "this", "everything", "nothing", "something", "someone", "everyone"})
# Misspellings that are real words too, so the typo matcher would leave them alone.
MISSPELLINGS: dict[str, str] = {
    "feinted": "fainted", "feint": "faint", "feinting": "fainting", "fainted": "fainted",
    "bowls": "bowels", "bowl": "bowel", "pee'd": "peed", "wee'd": "weed", "sucidal": "suicidal",
    "suicidel": "suicidal", "sucide": "suicide", "bloodsugar": "sugar", "bs": "sugar", "bg": "sugar",
    "bgl": "sugar", "bsl": "sugar", "bm": "sugar", "lightheaded": "lightheaded", "dizzyness": "dizziness",
    "nummness": "numbness", "numness": "numbness", "tinglin": "tingling", "tinglng": "tingling",
    "ballance": "balance", "balence": "balance", "bal": "balance", "numb": "numb", "tingle": "tingle",
    "brething": "breathing", "breath": "breath", "chest's": "chest", "hart": "heart", "brest": "chest",
    "blister's": "blisters", "blisterd": "blistered", "blisterred": "blistered", "ulser": "ulcer",
    "ulsers": "ulcers", "colapsed": "collapsed", "collasped": "collapsed", "conscious": "conscious",
    "unconcious": "unconscious", "concious": "conscious", "wiy": "with", "wen": "when", "hav": "have",
    "blatter": "bladder", "bladdar": "bladder", "blader": "bladder", "l": "left", "r": "right",
    "wiv": "with", "wat": "what", "wot": "what", "hw": "how", "becuase": "because", "becasue": "because",
    "agian": "again", "agin": "again",
}
# Chat words a dictionary does not know but that are not typos of a lexicon word.
CHAT_WORDS: frozenset[str] = frozenset({
    "ok", "okay", "okey", "lol", "haha", "hehe", "thx", "ty", "ta", "cheers", "hmm", "hmmm", "umm", "erm", "meh",
    "yep", "yup", "nope", "nah", "aye", "ooh", "oops", "ugh", "argh", "hiya", "hey", "hi", "bye", "xx", "xxx",
    "loo", "physio", "gp", "dr", "doc", "hypo", "hypos", "meds", "tabs", "mum", "mam", "nan", "nanna", "grandad",
    "hubby", "telly", "brekkie", "cuppa", "knackered", "wobbly", "sciatica", "neuropathy", "podiatrist", "gran",
    "carer", "carers", "bloke", "blokes", "fella", "fellas", "fellow", "missus", "in-laws", "inlaws", "granny",
    "mammy", "nana",
})
# Lemmas a dictionary misses.
EXTRA_LEMMAS: dict[str, tuple[str, ...]] = {
    "peed": ("pee",), "weed": ("wee",), "wees": ("wee",), "pooed": ("poo",), "pooped": ("poop",),
    "bowels": ("bowel",), "hypos": ("hypo",), "blackout": ("faint",), "blackouts": ("faint",),
    "faints": ("faint",), "woozy": ("dizzy",), "giddy": ("dizzy",), "lightheaded": ("dizzy",),
    "dizziness": ("dizzy",), "lightheadedness": ("dizzy",), "giddiness": ("dizzy",), "light-headed": ("dizzy",),
    "light-headedness": ("dizzy",), "numbness": ("numb",), "tingling": ("tingle",), "breathless": ("breathless",),
    "breathlessness": ("breathless",), "weakness": ("weak",), "weaker": ("weak",), "swelling": ("swollen",),
    "swell": ("swollen",), "swelled": ("swollen",), "swollen": ("swollen",), "redness": ("red",),
    "reddish": ("red",), "bleeding": ("bleed",), "bloody": ("bloody",), "incontinence": ("incontinent",),
    "palpitations": ("palpitation",), "collapsed": ("collapse",), "unconscious": ("unconscious",),
    "suicidal": ("suicide",), "suicide": ("suicide",), "hypoglycaemia": ("hypo",), "hypoglycemia": ("hypo",),
    "hypoglycaemic": ("hypo",), "hypoglycemic": ("hypo",), "blisters": ("blister",), "blistered": ("blister",),
    "ulcers": ("ulcer",), "ulcerated": ("ulcer",), "wounds": ("wound",), "toes": ("toe",), "heels": ("heel",),
    "soles": ("sole",), "feet": ("foot",), "legs": ("leg",), "arms": ("arm",), "privates": ("genital",),
    "genitals": ("genital",), "buttocks": ("buttock",), "thighs": ("thigh",), "agonising": ("agonizing",),
    "sugars": ("sugar",), "levels": ("level",), "shakey": ("shaky",), "shaking": ("shaky",), "shakes": ("shaky",),
    "sweating": ("sweaty",), "sweats": ("sweaty",), "sweat": ("sweaty",), "clammy": ("sweaty",),
    "trembling": ("shaky",), "trembly": ("shaky",), "jittery": ("shaky",), "confusion": ("confused",),
    "crotch": ("groin",), "perineum": ("groin",), "vagina": ("genital",), "penis": ("genital",),
    "scrotum": ("genital",), "testicles": ("genital",), "anaesthesia": ("numb",), "anesthesia": ("numb",),
    "anaesthetic": ("numb",), "mandible": ("jaw",), "presyncopal": ("dizzy",), "presyncope": ("dizzy",),
    "occiput": ("head",), "occipital": ("head",), "scalp": ("head",), "struck": ("hit",), "strike": ("hit",),
    "thunderclap": ("thunderclap",), "weepy": ("weep",), "slumped": ("slump",), "bum": ("bottom",), "butt": ("bottom",),
    "backside": ("bottom",), "arse": ("bottom",), "ass": ("bottom",), "anus": ("bottom",),
}

# Multi-word phrases read as one token. Longest first where one starts another; each canonical token is
# what the lexicons use. Negations inside a symptom ("can't pee", "no feeling") are folded in here, so the
# context judge never mistakes them for a denial.
PHRASES: tuple[tuple[str, str], ...] = (
    # inability: "can't seem to pee", "not able to lift", "struggling to wee"
    ("can|could|do|does|did|will|would not seem to", "unable"),
    ("can|could|will|would not even", "unable"),
    ("can|could not", "unable"), ("not be able to", "unable"), ("not able to", "unable"),
    ("be unable to", "unable"), ("unable to", "unable"), ("have not be able to", "unable"),
    ("no longer able to", "unable"), ("unable get", "unable"),
    ("will not stop bleed", "nonstop_bleeding"), ("not stop bleed", "nonstop_bleeding"),
    ("will not heal", "nonhealing"), ("not heal", "nonhealing"), ("not healing", "nonhealing"),
    ("do|does|did not want to live|exist", "deathwish"), ("do|does|did not want to be alive", "deathwish"),
    ("do|does|did not want to be here|around", "deathwish"), ("do|does|did not want to wake up", "deathwish"),
    ("do|does|did not want to go|carry on", "deathwish"), ("do|does|did not want to be on this earth", "deathwish"),
    ("no point in|to live|living|going|carrying|being|anything|life|continuing", "hopeless"),
    ("no reason to live|go|carry", "hopeless"), ("no point carry|carrying|go|going on", "hopeless"),
    ("no point live|living|existing", "hopeless"),
    ("cut|cutting|trim|trimming|clip|clipping my toenails|nails", "nail_trim"),
    ("will|would not lift|raise|bend|move|work|grip|straighten|point|hold", "wont_move"),
    ("not worth live|living|it|go", "hopeless"),
    ("no feeling", "numb"), ("no sensation", "numb"), ("lose feeling", "numb"), ("lose sensation", "numb"),
    ("loss of feeling|sensation", "numb"), ("lack of feeling|sensation", "numb"), ("unable feel", "numb"),
    ("feel nothing", "numb"), ("dead to the touch", "numb"), ("like novocaine", "numb"),
    ("pin and needle", "tingle"), ("pins and needles", "tingle"), ("pin n needle", "tingle"),
    ("pass|black|conk|keel|zonk out|over", "faint"), ("pass clean|right|straight|completely out", "faint"),
    ("black out", "faint"), ("black out the|my|our|a|all", "blackout_object"),
    ("black out the moment|second|minute|instant", "faint"), ("come round|to on the floor", "faint"),
    ("lose consciousness", "faint"), ("out cold", "faint"), ("go out like a light", "faint"),
    ("pass water|urine", "urinate"), ("empty my bladder", "urinate"), ("do a wee|pee", "urinate"),
    ("out of breath", "breathless"), ("short of breath", "breathless"), ("unable catch my breath", "breathless"),
    ("unable breathe", "breathless"), ("unable get my breath", "breathless"), ("unable get a breath", "breathless"),
    ("unable stand up", "unable_get_up"), ("unable get back up", "unable_get_up"),
    ("struggle to breathe", "breathless"), ("gasp for air|breath", "breathless"),
    ("hard to breathe", "breathless"), ("difficulty breathe|breathing", "breathless"),
    ("light head|headed", "dizzy"), ("room spin", "dizzy"), ("head spin", "dizzy"), ("world spin", "dizzy"),
    ("foot|feet drop", "footdrop"), ("drop foot", "footdrop"), ("floppy foot", "footdrop"),
    ("give|gave way|out", "giveway"), ("go from under me", "giveway"), ("buckle under me", "giveway"),
    ("out of nowhere", "suddenly"), ("out of the blue", "suddenly"), ("all of a sudden", "suddenly"),
    ("from nowhere", "suddenly"), ("come on sudden|suddenly", "suddenly"),
    ("worst pain of my life", "worst_pain"), ("worst pain i have ever", "worst_pain"),
    ("worst pain ever", "worst_pain"),
    ("worst i have ever feel", "worst_pain"),
    ("heart attack", "heart_attack"), ("kill myself", "kill_myself"), ("end it all", "end_it_all"),
    ("end my life", "end_it_all"), ("take my own life", "end_it_all"), ("end thing|things", "end_it_all"),
    ("better off dead", "better_off_dead"), ("better off without me", "better_off_dead"),
    ("wish i be|was|were dead", "better_off_dead"), ("want to die", "want_to_die"), ("wish i could die", "want_to_die"),
    ("self harm|harming", "self_harm"), ("self-harm", "self_harm"),
    ("hurt|harm|cut myself", "hurt_myself"), ("hurting|harming|cutting myself", "hurt_myself"),
    ("fall|trip over my own feet|foot|toe|toes", "trip_own_feet"), ("trip|catch on|over my toe|toes", "trip_own_feet"),
    ("feel over in|on|at|and|onto|backwards|forwards|outside|while|when|yesterday|today|last|this", "fall"),
    ("can not|unable bear|put|take weight", "no_weight_bearing"), ("unable bear|put|take weight", "no_weight_bearing"),
    ("unable stand on", "no_weight_bearing"), ("unable walk on", "no_weight_bearing"),
    ("unable get up", "unable_get_up"), ("unable get off the floor", "unable_get_up"),
    ("stay on the floor", "unable_get_up"),
    ("blood sugar|glucose", "sugar"), ("sugar level|levels|reading", "sugar"), ("glucose level|reading", "sugar"),
    ("toilet paper|roll|tissue", "toilet_paper"), ("back passage", "bottom"), ("down below", "groin"),
    ("down there", "groin"), ("my bits", "genital"), ("around my bits", "genital"), ("no control", "lost_control"),
    ("control gone|went", "lost_control"),
    ("control have|has|is|just gone|went", "lost_control"), ("lose control", "lost_control"),
    ("control completely|totally|just|all|now|entirely gone|went", "lost_control"),
    ("control have|has|is|had completely|totally|just|all|now|entirely gone|went", "lost_control"),
    ("everything|all|world|it go|went black|dark|white|grey|fuzzy", "faint"), ("next thing i know|knew", "faint"),
    ("no idea how long i be|was out", "faint"), ("be|was out for a few|a|about|some", "faint"),
    ("down i go|went", "fall"), ("arse|ass|bum over tit|head|kettle|teakettle", "fall"), ("head over heels", "fall"),
    ("have|had a stack", "fall"), ("have|had a bit of a stack|tumble|fall", "fall"),
    ("not make it to the toilet|loo|bathroom|lavatory", "toilet_accident"),
    ("did not make it in time", "toilet_accident"),
    ("nothing be|is|was come|coming out", "retention"), ("unable get him|her|them|me up", "unable_get_up"),
    ("unable carry me", "no_weight_bearing"), ("not carry me", "no_weight_bearing"),
    ("no power|strength", "weak"), ("not have|having power|strength", "weak"), ("lose|lost power|strength", "weak"),
    ("no sense", "numb"), ("sitting part", "bottom"), ("private area|region", "genital"),
    ("in between my thigh|thighs|leg|legs", "inner_thigh"), ("in between thigh|thighs|leg|legs", "inner_thigh"),
    ("head turn|turning|spin|spinning|swim|swimming", "dizzy"), ("head go|going round", "dizzy"),
    ("head be|was|is turning|spinning|swimming", "dizzy"), ("head be|was|is going round", "dizzy"),
    ("unalive|unaliving myself", "kill_myself"),
    ("end ma life", "end_it_all"), ("make|pass water", "urinate"), ("pass any water|urine", "urinate"),
    ("crutch area|region", "groin"), ("where i sit", "bottom"), ("seat area", "bottom"), ("where you sit", "bottom"),
    ("unable get breath", "breathless"), ("see|seeing stars", "dizzy"), ("floor|room tilting|tilt", "dizzy"),
    ("wake|woke up on the floor|ground", "faint"), ("unable rouse|wake me|him|her", "faint"),
    ("hit|banged|bumped|bashed my had", "head_injury"), ("not making sense", "confused"),
    ("be not making sense", "confused"), ("unable get myself|himself|herself up", "unable_get_up"),
    ("not take any weight", "no_weight_bearing"), ("not take weight", "no_weight_bearing"),
    ("all at once", "suddenly"), ("acute onset", "suddenly"), ("came on suddenly", "suddenly"),
    ("take|took a tumble", "fall"), ("kill himself|herself|themselves", "kill_myself"),
    ("no strong", "weak"), ("gone to sleep", "numb"), ("have|has gone to sleep", "numb"), ("not strong", "weak"),
    ("stack it", "fall"), ("come|came a cropper", "fall"), ("take|took a spill", "fall"),
    ("hit the deck|ground|floor", "fall"), ("go|went base over apex", "fall"), ("come|came off my feet", "fall"),
    ("unable put my foot|leg|weight down|on", "no_weight_bearing"), ("unable weight bear|bearing", "no_weight_bearing"),
    ("unable put any weight", "no_weight_bearing"), ("unable put weight", "no_weight_bearing"),
    ("have|had a low", "hypo"), ("go|went|gone|going hypo", "hypo"), ("nether region|regions", "groin"),
    ("nothing come|comes|came out", "retention"), ("hot to touch", "hot_touch"), ("hot to the touch", "hot_touch"),
    ("warm to touch", "hot_touch"), ("warm to the touch", "hot_touch"), ("broken skin", "wound"),
    ("skin broken", "wound"), ("skin come|came off", "wound"), ("open sore", "lesion"), ("pressure sore", "ulcer"),
    ("a sore", "lesion"), ("the sore", "lesion"), ("sore that", "lesion"), ("sore on", "lesion"),
    ("point in|of carry|carrying on", "hopeless"), ("point in|of go|going on", "hopeless"),
    ("point in|of live|living|life|existing|continuing", "hopeless"), ("point in|of being alive|here", "hopeless"),
    ("see the point", "hopeless"),
    ("do|does|did|can|could not see the point", "hopeless"), ("unable see the point", "hopeless"),
    ("see no point", "hopeless"), ("no longer see the point", "hopeless"),
    ("between my leg|legs", "groin"), ("inner thigh|thighs", "inner_thigh"),
    ("inside|insides of my thigh|thighs|leg|legs", "inner_thigh"),
    ("inside my thigh|thighs|leg|legs", "inner_thigh"), ("private part|parts", "genital"),
    ("saddle area|region", "saddle"), ("lady bit|bits|part|parts", "genital"), ("front bottom", "genital"),
    ("blood pressure", "blood_pressure"), ("blood test|tests|work|result|results|flow|circulation", "blood_test"),
    ("slip disc|disk", "slipped_disc"), ("slipped disc|disk", "slipped_disc"),
)


@lru_cache(maxsize=1)
def _compiled_phrases() -> dict[str, list[tuple[tuple[frozenset[str], ...], str]]]:
    """Phrases indexed by the words their first position accepts, longest first."""
    index: dict[str, list[tuple[tuple[frozenset[str], ...], str]]] = {}
    for written, canonical in PHRASES:
        pattern = tuple(frozenset(part.split("|")) for part in written.split())
        for first in pattern[0]:
            index.setdefault(first, []).append((pattern, canonical))
    for entries in index.values():
        entries.sort(key=lambda entry: -len(entry[0]))
    return index


def match_phrase(tokens: Sequence[Token], i: int) -> tuple[int, str] | None:
    """(length, canonical token) of the longest phrase starting at token i, or None."""
    index = _compiled_phrases()
    head = tokens[i]
    candidates = [entry for lemma in head.lemmas for entry in index.get(lemma, ())]
    if not candidates:
        return None
    best: tuple[int, str] | None = None
    for pattern, canonical in candidates:
        length = len(pattern)
        if best is not None and length <= best[0]:
            continue
        if i + length > len(tokens):
            continue
        window = tokens[i:i + length]
        if any(tok.sentence != head.sentence for tok in window):
            continue
        if all(tok.lemmas & part for tok, part in zip(window, pattern, strict=True)):
            best = (length, canonical)
    return best


@lru_cache(maxsize=1)
def lexicon_words() -> frozenset[str]:
    """Every word a lexicon is written with: the words a near-miss typo is corrected to."""
    # Imported here: the lexicons import this module for their phrases.
    from coach.domain.safety.lexicon import CONCEPTS
    from coach.domain.understanding.lexicon import DOMAIN_WORDS

    words: set[str] = set(DOMAIN_WORDS)
    for concept in CONCEPTS:
        for group in concept.groups:
            words.update(group)
    for written, _canonical in PHRASES:
        for part in written.split():
            words.update(part.split("|"))
    return frozenset(word for word in words if word.isalpha() and "_" not in word)


@lru_cache(maxsize=1)
def _fuzzy():  # noqa: ANN202 - (candidates, rapidfuzz functions)
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    candidates = sorted(word for word in lexicon_words() if len(word) >= 4)
    return candidates, process, OSA


def nearest_lexicon_word(word: str) -> str | None:
    """The lexicon word one edit away (two for long words), with the same first letter; None if none.

    An edit is an insertion, a deletion, a substitution or two neighbours swapped ("pian" → pain)."""
    candidates, process, levenshtein = _fuzzy()
    allowed = 1 if len(word) < 7 else 2
    match = process.extractOne(word, [c for c in candidates if c[0] == word[0]], scorer=levenshtein.distance,
                               score_cutoff=allowed)
    return match[0] if match else None
