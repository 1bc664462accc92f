"""The everyday vocabulary of the diary: check-in words, symptoms, body parts, training, feelings.

Data. EVERYDAY_WORDS is the red-flag pre-filter: a message made only of these (and numbers) is an ordinary
check-in line and skips the heavy path. The other sets tell a symptom report or diary note from text the bot
cannot place ("asdf"), which is the only text that gets "I didn't understand".
"""

from __future__ import annotations

# Words of a check-in line: item names and their short forms, number words, the foot answer, date words.
EVERYDAY_WORDS: frozenset[str] = frozenset({
    "pain", "pains", "hurt", "hurts", "hurting", "ache", "aches", "aching", "sore", "soreness", "p", "numbness",
    "numb", "n", "tingling", "tingle", "tingles", "tingly", "burning", "burn", "burns", "prickling", "t", "balance",
    "unsteadiness", "unsteady", "wobbly", "wobbliness", "b", "bal", "pins", "and", "needles", "pin", "is", "at",
    "about", "around", "level", "score", "was", "of", "out", "or", "zero", "none", "nil", "one", "two", "three",
    "four", "five", "six", "seven", "eight", "nine", "ten", "foot", "feet", "ok", "okay", "fine", "good", "no",
    "normal", "clear", "check", "checked", "look", "looks", "all", "yes", "same", "as", "yesterday", "before", "last",
    "time", "again", "today", "note", "notes", "x",
})

SYMPTOM_WORDS: frozenset[str] = frozenset({
    "pain", "ache", "hurt", "sore", "numb", "numbness", "tingle", "tingling", "burn", "burning", "prickle",
    "prickling", "pins", "needles", "balance", "unsteady", "wobbly", "dizzy", "stiff", "stiffness", "cramp", "cramps",
    "cramping", "spasm", "spasms", "twitch", "twitching", "weak", "weakness", "tired", "fatigue", "exhausted",
    "knackered", "shattered", "drained", "sleep", "slept", "sleepless", "insomnia", "restless", "throb", "throbbing",
    "stab", "stabbing", "shooting", "sharp", "dull", "electric", "zap", "zapping", "buzz", "buzzing", "crawling",
    "itch", "itchy", "cold", "hot", "sensitive", "tender", "swollen", "swelling", "bruise", "bruised", "heavy",
    "tight", "tightness", "nausea", "sick", "headache", "migraine", "flare", "flareup", "flare-up", "better", "worse",
    "bad", "awful", "terrible", "rough", "mood", "low", "anxious", "anxiety", "stressed", "stress", "worried", "sad",
    "depressed", "lonely", "fed", "frustrated", "grumpy", "irritable", "energy", "appetite", "agony", "sciatica",
    "neuropathy", "symptom", "symptoms", "drowsy", "jumpy", "prickly", "achy", "weary", "wound", "wounds", "blister",
    "blisters", "cut",
    "bleeding",
})

BODY_WORDS: frozenset[str] = frozenset({
    "foot", "feet", "toe", "toes", "heel", "heels", "sole", "soles", "ankle", "ankles", "leg", "legs", "calf",
    "calves", "shin", "shins", "knee", "knees", "thigh", "thighs", "hip", "hips", "back", "spine", "neck", "shoulder",
    "shoulders", "arm", "arms", "elbow", "wrist", "wrists", "hand", "hands", "finger", "fingers", "thumb", "palm",
    "palms", "head", "chest", "bum", "buttock", "buttocks", "groin", "skin", "nerve", "nerves", "muscle", "muscles",
    "joint", "joints", "body",
})

TRAINING_WORDS: frozenset[str] = frozenset({
    "exercise", "exercises", "exercised", "exercising", "session", "sessions", "workout", "training", "trained",
    "train", "walk", "walked", "walking", "stretch", "stretched", "stretching", "squat", "squats", "lunge", "lunges",
    "rep", "reps", "set", "sets", "band", "bands", "weights", "dumbbell", "march", "marching", "step", "steps",
    "stairs", "bike", "cycling", "swim", "swam", "swimming", "yoga", "pilates", "physio", "gym", "program",
    "programme", "plan", "rested", "resting", "routine", "calf", "raise", "raises", "sit", "stand",
    "standing", "seated", "garden", "gardening", "housework", "hoovered", "shopping",
})

# Every word the lexicons above are written with: near-miss typos are corrected towards these.
DOMAIN_WORDS: frozenset[str] = EVERYDAY_WORDS | SYMPTOM_WORDS | BODY_WORDS | TRAINING_WORDS
