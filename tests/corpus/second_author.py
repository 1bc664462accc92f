"""A held-out validation corpus for the red-flag detector and the free-text classifier.

Written independently of the detector and of ``tests/corpus`` (same ``Sample`` type, same label definitions), the
way people with neuropathy, sciatica, diabetes and nerve injuries type to a chat bot.

Conventions beyond the ``tests.corpus`` docstring:

- red-flag rows carry ``classes``/``scores`` only when they are also a check-in (or partial check-in) line; the
  flagged sentence after the scores is the note, so such a row is ``{"checkin", "note"}`` or ``{"partial", "note"}``;
- ``ambiguous`` rows contain only the score that must be asked about, and their ``scores`` is ``{}``: nothing is
  stored until the participant answers (PRODUCT.md: a reply it cannot fully understand stores nothing);
- ``note``, ``question`` and ``unknown`` rows leave ``scores`` as ``None`` (not checked).

Kept here as part of the test corpus. Measured at first sight (before anything was tuned on it): recall 0.83, urgent recall 0.88, false alarms 0.05.
"""

from tests.corpus import Sample

BB = "bladder_bowel"
SADDLE = "saddle_numbness"
CHEST = "chest_pain"
ARM_JAW = "arm_jaw_pain"
BREATH = "breathless_dizzy"
FAINT = "fainting"
FALL_INJ = "fall_injury"
HYPO = "hypoglycaemia"
SELF_HARM = "self_harm"
WOUND = "foot_wound"
INFECT = "foot_infection"
BLEED = "bleeding"
WEAK = "weakness"
SEVERE = "severe_pain"
FALL = "fall"


def flag(text: str, *kinds: str) -> Sample:
    return Sample(text, flags=frozenset(kinds))


def flag_line(text: str, kinds: set[str], classes: set[str], scores: dict[str, int]) -> Sample:
    """A check-in (or partial) line whose note carries a red flag."""
    return Sample(text, flags=frozenset(kinds), classes=frozenset(classes), scores=scores)


def neg(trap: str, text: str) -> Sample:
    return Sample(text, trap=trap)


def free(text: str, classes: set[str], scores: dict[str, int] | None = None) -> Sample:
    return Sample(text, classes=frozenset(classes), scores=scores)


def four(pain: int, numbness: int, tingling: int, balance: int) -> dict[str, int]:
    return {"pain": pain, "numbness": numbness, "tingling": tingling, "balance": balance}


CI_NOTE = {"checkin", "note"}
PART_NOTE = {"partial", "note"}

RED_FLAGS: list[Sample] = [
    # --- bladder / bowel: loss of control, new difficulty passing urine
    flag("wet myself twice today without even knowing i needed to go, never happened to me before", BB),
    flag("Can't seem to pass water since last night. Feel like I need to go but nothing comes", BB),
    flag("Bladder control completely gone since yesterday afternoon", BB),
    flag("sorry tmi but my bowels just went in the supermarket this morning and i didnt feel it coming", BB),
    flag("waterworks not right, only a dribble and have to strain since tuesday. thats new for me", BB),
    flag("CANT PEE!!! been trying for hours", BB),
    flag("havent been able to do a wee all day and my back is killing me", BB),
    flag("Since two days I am not able to pass urine properly, kindly advise", BB),
    flag("numb between my legs and can't feel myself wee", BB, SADDLE),
    flag("saddle area has gone numb and ive had trouble passing urine today", BB, SADDLE),
    flag("My bum and privates feel numb like after the dentist and I've wet myself, is that the sciatica?", BB, SADDLE),
    flag("both legs have gone weak since this morning, can't pass water and it's numb down below", BB, SADDLE, WEAK),
    flag_line(
        "pain 6 numbness 5 tingling 4 balance 3. also since this morning i cant empty my bladder properly",
        {BB}, CI_NOTE, four(6, 5, 4, 3),
    ),
    flag(
        "Quiet week really. Did my exercises Monday and Wednesday, skipped Friday because we had the grandkids over "
        "and by the time they left I was shattered. Feet have been the usual, burning at night, the cream helps a "
        "bit. Weather's turned so I've been walking round the mall instead of the park. Anyway the main thing is "
        "I've had a couple of accidents with my bladder since Thursday and I don't know why.",
        BB,
    ),
    # --- saddle numbness
    flag("numb down below, like sitting on a frozen seat", SADDLE),
    flag("cant feel the toilet paper when i wipe", SADDLE),
    flag("my bum cheeks and inner thighs have gone numb since lunch", SADDLE),
    flag("tingly and numb round my back passage and private parts", SADDLE),
    flag("when i sit down i cant feel the chair under my bottom, its all numb", SADDLE),
    flag("My genitals feel numb, started yesterday. Is that the nerve?", SADDLE),
    flag("nether regions have gone numb since I lifted the shopping", SADDLE),
    flag_line("p5 n6 t4 b2 - and the numbness has spread to my groin now", {SADDLE}, CI_NOTE, four(5, 6, 4, 2)),
    flag(
        "Had a rough few days with the sciatica after sitting in the car to Brisbane and back, heaps of driving. Did "
        "my stretches in the arvo and that helped a bit. Sleep's been crook. Only other thing is my bum and the "
        "inside of my thighs feel dead numb since yesterday, like they're not mine",
        SADDLE,
    ),
    # --- chest pain, pressure, tightness
    flag("chest went really tight on the step ups, had to stop", CHEST),
    flag("feels like an elephant is sitting on my chest", CHEST),
    flag("CHEST HURTS", CHEST),
    flag("Bit of a heavy feeling in the chest on my walk. Probably nothing", CHEST),
    flag("pain in my chest 😟", CHEST),
    flag_line(
        "pain 3 numbness 4 tingling 4 balance 2 had some chest pain on the exercise bike earlier",
        {CHEST}, CI_NOTE, four(3, 4, 4, 2),
    ),
    # --- chest pain spreading to arm or jaw
    flag("Pain going from my chest down my left arm", CHEST, ARM_JAW),
    flag("chest is tight and my jaw aches with it", CHEST, ARM_JAW),
    flag("tight chest that spreads up into my neck and jaw", CHEST, ARM_JAW),
    flag("pressure in my chest going into both arms", CHEST, ARM_JAW),
    flag("chest pain radiating down l arm, sweaty and sick", CHEST, ARM_JAW),
    flag("chest hurts and it goes through to my shoulder and down the arm", CHEST, ARM_JAW),
    # --- arm / jaw pain on exertion, without the word chest
    flag("my jaw and left arm ache every time I do the exercises and it eases when I sit down", ARM_JAW),
    flag("weird ache in my jaw when I walk up hills, goes off when I stop", ARM_JAW),
    flag("Left arm went heavy and achy during the session and the ache went up into my jaw", ARM_JAW),
    flag("aching down my left arm into my jaw since the workout and i feel sick", ARM_JAW),
    flag("toothache type pain in my jaw that comes on with exertion, dentist says my teeth are fine", ARM_JAW),
    flag(
        "Morning all. Good news first, managed all three sessions this week and the physio says my form is much "
        "better on the sit to stands. Feet are about the same, numb in the mornings. I've been trying to drink more "
        "water like the nurse said. My daughter is visiting at the weekend so I might miss Saturday. Oh and I got a "
        "funny pain in my left arm and jaw while I was hoovering that made me sit down.",
        ARM_JAW,
    ),
    # --- breathlessness or racing heart with dizziness on exertion
    flag("got really out of breath and dizzy doing the squats, had to sit on the floor", BREATH),
    flag("heart racing like mad and lightheaded going up the stairs", BREATH),
    flag("couldnt catch my breath during the session and the room was spinning", BREATH),
    flag("heart pounding and felt faint on the bike", BREATH),
    flag("breathless and woozy after only 2 reps", BREATH),
    flag("Palpitations and a dizzy spell when I was exercising this afternoon", BREATH),
    flag("SOB and dizzy on exertion today", BREATH),
    flag("my heart was going like the clappers and I went all giddy doing the exercises", BREATH),
    flag("puffed out and light headed walking back from the shops, had to hold onto the wall", BREATH),
    flag("short of breath, heart fluttering and dizzy walking up the hill", BREATH),
    flag("chest tight, short of breath and dizzy on the treadmill", CHEST, BREATH),
    flag("pain in chest heart racing and dizzy while doing my exercises", CHEST, BREATH),
    flag_line(
        "pain 2 numbness 3 tingling 3 balance 2. got breathless and dizzy doing the sit to stands",
        {BREATH}, CI_NOTE, four(2, 3, 3, 2),
    ),
    # --- fainting, collapse, blackout
    flag("I passed out in the kitchen this morning", FAINT),
    flag("blacked out for a few seconds after my exercises", FAINT),
    flag("fainted during the session", FAINT),
    flag("colapsed at the shops today, woke up with people round me", FAINT),
    flag("everything went black and next thing I knew I was lying on the floor", FAINT),
    flag("i keeled over after the squats, dont remember going down", FAINT),
    flag("lost consciousness briefly, my wife saw it happen", FAINT),
    flag("Came round on the bathroom floor, no idea how long I was out", FAINT),
    flag("had a funny turn and went out like a light in my chair", FAINT),
    flag("Feinted twice today", FAINT),
    flag("passed out and hit my head on the table on the way down", FAINT, FALL_INJ),
    flag("blacked out on the stairs and fell, now i cant stand on my ankle", FAINT, FALL_INJ),
    flag("sugar was 2.8 after my exercises and I passed out, husband gave me glucose gel", HYPO, FAINT),
    flag(
        "Hi, sorry for the long message. Week was mixed. Sessions Monday and Thursday went well, I did the extra "
        "reps. Pain around a 3 most days, tingling worse at night as usual. Tried the new shoes the podiatrist "
        "suggested and they're comfier. I was going to do my session this evening but I blacked out in the garden "
        "earlier and I'm not sure what happened",
        FAINT,
    ),
    # --- fall with a head injury or unable to bear weight
    flag("fell and hit my head on the radiator", FALL_INJ),
    flag("tripped over the rug and banged my head, got a lump the size of an egg", FALL_INJ),
    flag("had a fall in the garden and cant put any weight on my leg", FALL_INJ),
    flag("I fell down the last few stairs and now I can't stand on my right foot", FALL_INJ),
    flag("slipped in the shower, whacked my head on the tiles, bit of a headache now", FALL_INJ),
    flag("Fell over doing the lunges, think I've done my ankle, can't walk on it", FALL_INJ),
    flag("went over on the pavement and smacked my forehead, seeing double", FALL_INJ),
    flag("i fell last night and my hip hurts so much i cant get up off the floor", FALL_INJ),
    flag("took a tumble, hit the back of my head, feel a bit sick and sleepy", FALL_INJ),
    flag("fell in the parking lot, hit my head on the car door", FALL_INJ),
    flag_line("pain 7 - fell this morning and I can't put my foot down at all", {FALL_INJ}, PART_NOTE, {"pain": 7}),
    # --- low blood sugar during or after exercise
    flag("shaky and sweaty after my session, sugar 3.2", HYPO),
    flag("Feeling really shaky, sweaty and muddled after the workout. I'm diabetic", HYPO),
    flag("Had a low after training, 3.1 on the meter, had some jelly babies", HYPO),
    flag("confused and sweating buckets after the exercises, think my sugars low", HYPO),
    flag("bm 2.9 post exercise 😬", HYPO),
    flag("glucose 62 mg/dl after my workout and my hands are trembling", HYPO),
    flag("After exercise sugar is 60, feeling giddy and sweating, what to do", HYPO),
    flag_line(
        "pain 3 numbness 4 tingling 3 balance 2 — had a hypo after the session, sugar was 3.4",
        {HYPO}, CI_NOTE, four(3, 4, 3, 2),
    ),
    flag(
        "Not a bad week. My sugars have been a bit all over since they changed my insulin dose but the nurse is "
        "keeping an eye. Feet are the same, pins and needles at night. I've started doing the exercises in the "
        "living room with the radio on which helps. Just now after my session I went all trembly and sweaty and the "
        "meter says 3.0",
        HYPO,
    ),
    # --- thoughts of suicide or self-harm
    flag("I don't want to be here anymore", SELF_HARM),
    flag("Sometimes I think everyone would be better off without me", SELF_HARM),
    flag("thinking about ending it all, this pain is never going to stop", SELF_HARM),
    flag("been cutting my arms again", SELF_HARM),
    flag("I've been saving up my pregabalin so I can take them all at once", SELF_HARM),
    flag("wish i could go to sleep and not wake up", SELF_HARM),
    flag("whats the point in living like this honestly", SELF_HARM),
    flag("I hurt myself on purpose last night, burned my hand with the iron", SELF_HARM),
    flag("No point carrying on. I've written letters to my kids.", SELF_HARM),
    flag("Having suicidal thoughts since two days", SELF_HARM),
    flag("I JUST WANT TO END IT ALL", SELF_HARM),
    flag(
        "Sorry I've not done the exercises. The pain has been relentless, nothing the GP gives me touches it and "
        "I'm not sleeping more than 2 hours a night. My wife has gone to her sister's for a week. The house is very "
        "quiet. I've been sitting in the car in the garage a lot. Honestly I don't see the point of going on anymore.",
        SELF_HARM,
    ),
    flag_line(
        "pain 7 numbness 6 tingling 7 balance 4. I can't do this any more, I want to die.",
        {SELF_HARM}, CI_NOTE, four(7, 6, 7, 4),
    ),
    # --- new foot wound, blister, ulcer, cut
    flag("theres a hole in the skin on the ball of my foot and its weeping", WOUND),
    flag("foot check: yes, small blister on the side of my right foot", WOUND),
    flag("The crack in my heel has opened up into a proper split", WOUND),
    flag_line("pain 2 numbness 6 tingling 4 balance 3. new blister on my heel 😕", {WOUND}, CI_NOTE, four(2, 6, 4, 3)),
    flag("cut my foot on broken glass and it's bleeding a lot", WOUND, BLEED),
    flag("blister burst and its bleeding", WOUND, BLEED),
    flag("nicked my toe cutting my nails and it won't stop bleeding", WOUND, BLEED),
    flag("the ulcer on my toe is red hot and swollen now and it smells", WOUND, INFECT),
    flag("blister has gone red and angry and swollen all round it", WOUND, INFECT),
    flag("fell on the garden path and cut the sole of my foot open", FALL, WOUND),
    # --- hot, red or swollen foot or toe; a toe turning dark
    flag("my right foot is hot, red and swollen", INFECT),
    flag("big toe is red and puffy and warm to touch", INFECT),
    flag("one of my toes is going black", INFECT),
    flag("my foot has swollen up like a balloon and feels hot but doesnt hurt", INFECT),
    flag("The redness round my toenail is spreading up my foot", INFECT),
    flag("toe's gone a dark purple colour since yesterday", INFECT),
    flag("ankle and foot swollen and warm, no injury i can think of", INFECT),
    flag(
        "Good week overall, 3 sessions done and I even went to the aqua class with my neighbour. Pain's been steady. "
        "Sleeping a bit better with the new pillow. Diabetes nurse appointment is next month. Just noticed tonight "
        "when I took my socks off that my left foot is bright red and hot compared to the other one",
        INFECT,
    ),
    # --- bleeding
    flag("there was blood in my sock tonight, not sure where from", BLEED),
    flag("my toe is bleeding and i didnt even feel it happen", BLEED),
    flag("bleeding from under my big toenail", BLEED),
    flag("My heel's been bleeding on and off all day", BLEED),
    flag("blood on the sheets from my foot this morning", BLEED),
    flag("Blood coming through the plaster on my foot", BLEED),
    # --- new or spreading weakness
    flag("my right foot has started slapping when i walk, cant lift my toes up", WEAK),
    flag("keep dropping things since monday, cant grip my mug", WEAK),
    flag("legs keep giving way under me, this is new", WEAK),
    flag("can't lift my foot properly, keep catching it on the kerb", WEAK),
    flag("knee buckled three times today, never done that before", WEAK),
    flag_line("p 4 n 5 t 3 b 6 — my left foot has been dragging since tuesday", {WEAK}, CI_NOTE, four(4, 5, 3, 6)),
    flag("my leg just gave way and I fell in the hallway, I'm ok though", WEAK, FALL),
    flag("legs went from under me and down I went, no harm done", WEAK, FALL),
    flag("sudden horrendous pain in my back and now my left foot won't lift", SEVERE, WEAK),
    # --- sudden severe pain
    flag("sudden excruciating pain in my leg, worst i've ever had", SEVERE),
    flag("pain just shot up to 10 out of nowhere", SEVERE),
    flag("AGONY all of a sudden in my lower back cant move", SEVERE),
    flag("out of nowhere the pain in my foot is unbearable, I'm screaming", SEVERE),
    flag("woke up with the worst pain of my life down my leg", SEVERE),
    flag("Suddenly a severe stabbing pain down my back and leg, can't get comfy at all", SEVERE),
    flag("10/10 pain came on suddenly while doing the bridge exercise", SEVERE),
    flag_line(
        "pain 10 numbness 4 tingling 5 balance 3, the pain came on suddenly this afternoon and its unbearable",
        {SEVERE}, CI_NOTE, four(10, 4, 5, 3),
    ),
    flag(
        "Update from me. Sessions are going ok, I'm up to 10 reps on the wall push ups. My numbness is a 4 most days. "
        "Been using the foam roller the physio lent me. Had my flu jab Tuesday, arm a bit sore. Then about an hour "
        "ago a sudden severe pain hit my lower back and down my right leg and I can't stand up straight.",
        SEVERE,
    ),
    # --- any other fall
    flag("I had a fall in the garden yesterday but I'm ok", FALL),
    flag("had a little tumble on the way to the bus, just grazed my hands", FALL),
    flag("slipped on the ice this morning, bruised my bum", FALL),
    flag("went arse over tit on the stairs but nothing broken", FALL),
    flag("Tripped over the dog and ended up on the floor, got up fine", FALL),
    flag("had a stack on the footpath this arvo, just a skinned knee", FALL),
    flag_line(
        "balance 7 pain 4. fell in the bathroom last night but im alright",
        {FALL}, PART_NOTE, {"balance": 7, "pain": 4},
    ),
]

NEGATIVES: list[Sample] = [
    # --- negated, often far from the symptom
    neg("negated", "No problems with the waterworks or my bowels this week, everything's normal down there"),
    neg("negated", "Checked both feet tonight like the nurse showed me and there isn't a single blister, cut, red "
                   "patch or swelling on either of them"),
    neg("negated", "Did the whole session and at no point did I get any chest pain, tightness or breathlessness"),
    neg("negated", "never once felt dizzy or short of breath, even on the step ups"),
    neg("negated", "I didn't fall once this week!! 🎉"),
    neg("negated", "foot check: no new blisters wounds or redness"),
    neg("negated", "sugars stayed steady during and after the exercises, didn't go low at all"),
    neg("negated", "my legs havent given way or anything, theyre just tired"),
    neg("negated", "No fainting, no blackouts, no funny turns, all good"),
    neg("negated", "there wasn't any blood on my socks when I took them off"),
    neg("negated", "I'm not having any thoughts of harming myself, I'm just fed up with the pain"),
    neg("negated", "nope none of that, no chest pain, no dizziness, no passing out, nothing"),
    neg("negated", "Can't say I've noticed any numbness around my bottom or groin, which the physio asked about"),
    neg("negated", "Nothing sudden or severe with the pain, just the usual ache"),
    # --- resolved
    neg("resolved", "The blister on my heel has fully healed now, nurse is happy with it"),
    neg("resolved", "that chest tightness I had back in the spring has completely gone since they put the stent in"),
    neg("resolved", "waterworks back to normal since my prostate op in March"),
    neg("resolved", "The ulcer on my toe finally closed up last month 🙌"),
    neg("resolved", "redness on my big toe went completely with the antibiotics, podiatrist has signed me off"),
    neg("resolved", "My foot drop recovered after the surgery, I can lift my foot fine now"),
    neg("resolved", "cut on the sole of my foot has healed over nicely, no more dressings"),
    neg("resolved", "My sugars used to crash after exercise but since they lowered my insulin it hasn't happened "
                    "in months"),
    neg("resolved", "the swelling and heat in my foot have settled completely, the Charcot clinic discharged me"),
    neg("resolved", "the bleeding from my toe stopped weeks ago and it's all healed up"),
    neg("resolved", "the dark thoughts I had last winter have lifted, the counselling really helped and I feel much "
                    "more like me"),
    neg("resolved", "the weakness in my right hand has recovered, grip's back to normal"),
    neg("resolved", "the numbness down below after my back op cleared up within a fortnight and never came back"),
    # --- historical
    neg("historical", "I had a heart attack in 2015, the cardiologist cleared me for exercise"),
    neg("historical", "Had surgery for cauda equina 10 years ago, just mentioning it for your records"),
    neg("historical", "I fainted once when I was 17 giving blood"),
    neg("historical", "Broke my hip in a fall back in 2019"),
    neg("historical", "I had a foot ulcer a few years back so I'm very careful now"),
    neg("historical", "Years ago I was in a very bad place and tried to take my own life, but I've been well for a "
                      "long time now with good support"),
    neg("historical", "Had a bad hypo at work back in 2018 and ended up in A&E, never had one since"),
    neg("historical", "When I was first diagnosed in 2012 I had a lot of trouble with bladder control, all fine since"),
    neg("historical", "i had sepsis from an infected toe in 2020 which is why i check my feet every night"),
    neg("historical", "In my twenties I collapsed playing rugby and hit my head, no problems since"),
    neg("historical", "Previous history: angina, well controlled, no symptoms for 5 years"),
    neg("historical", "Back in 2021 my legs gave way and that's how they found the disc problem"),
    neg("historical", "Had chest pains in my 40s, turned out to be reflux"),
    # --- hypothetical
    neg("hypothetical", "The physio said if I ever get numbness down below I'm to go straight to A&E, so I'm keeping "
                        "an eye out"),
    neg("hypothetical", "I'll stop immediately if I feel dizzy or breathless, promise"),
    neg("hypothetical", "keep jelly babies in my bag in case I go low on the walk"),
    neg("hypothetical", "My worry is that I'll fall on the ice this winter and not be able to get up"),
    neg("hypothetical", "scared my legs might give way on the stairs one day"),
    neg("hypothetical", "If the blister comes back I'll ring the podiatrist straight away"),
    neg("hypothetical", "Should I ever lose control of my bladder I know that's an emergency"),
    neg("hypothetical", "in case of a hypo my wife knows where the glucagon is"),
    neg("hypothetical", "GP told me to watch out for a toe turning black or going hot and red"),
    neg("hypothetical", "I'd go straight to A&E if I ever hit my head in a fall"),
    neg("hypothetical", "wearing my slippers indoors now so I don't cut my feet"),
    neg("hypothetical", "if the pain ever came on sudden and severe I'd stop and ring someone"),
    neg("hypothetical", "if I get chest pain while exercising I'll call 000 straight away, the nurse drummed that "
                        "into me"),
    # --- someone else
    neg("other_person", "my husband fell in the garden yesterday, he's ok"),
    neg("other_person", "Mum's got an ulcer on her foot that the district nurse is dressing"),
    neg("other_person", "my mate at the gym passed out yesterday, gave us all a scare"),
    neg("other_person", "Dad had chest pains last night, he's in hospital now having tests"),
    neg("other_person", "the lady next to me in the class had a hypo, the instructor sorted her out"),
    neg("other_person", "My son cut his foot on a shell at the beach"),
    neg("other_person", "My wife keeps losing control of her bladder, she's seeing the GP about it"),
    neg("other_person", "brother in law's toe has gone black, he's diabetic too, really worried about him"),
    neg("other_person", "My neighbour tripped and hit her head, I sat with her till the ambulance came"),
    neg("other_person", "My sister says she's been feeling suicidal, I don't know how to help her"),
    neg("other_person", "the dog's paw is bleeding, vet tomorrow"),
    neg("other_person", "Grandad's legs keep giving way, we've got him a walking frame"),
    neg("other_person", "my daughter got dizzy and out of breath on the treadmill, she's asthmatic"),
    neg("other_person", "My friend with MS gets numbness in the saddle area, she told me at group"),
    # --- figurative
    neg("figurative", "these squats are killing me 😂"),
    neg("figurative", "I nearly died laughing at the exercise video"),
    neg("figurative", "My heart sank when I saw the rain, no walk today"),
    neg("figurative", "I could murder a cup of tea after that session"),
    neg("figurative", "Fell off the wagon with the exercises this week, back on it tomorrow"),
    neg("figurative", "These lunges will be the death of me"),
    neg("figurative", "all these prescription charges are bleeding me dry"),
    neg("figurative", "the physio's explanation went straight over my head"),
    neg("figurative", "I'm dead on my feet today, long shift"),
    neg("figurative", "falling behind on my sessions, sorry"),
    neg("figurative", "heart's in my mouth every time I try the single leg stand lol"),
    neg("figurative", "I want to kill my sciatica 😤"),
    neg("figurative", "I'm shaking in my boots about the nerve conduction test"),
    # --- ordinary neuropathy symptoms
    neg("everyday", "feet burning like they're on fire tonight"),
    neg("everyday", "pins and needles in both feet all day"),
    neg("everyday", "toes numb as usual"),
    neg("everyday", "sciatica shooting down the back of my leg again, the usual"),
    neg("everyday", "legs tired and achy after the squats"),
    neg("everyday", "bit puffed after the step ups but fine after a minute"),
    neg("everyday", "electric shocks in the soles of my feet at night"),
    neg("everyday", "feel a bit wobbly on my feet in the dark"),
    neg("everyday", "my feet feel like I'm walking on cotton wool"),
    neg("everyday", "muscles sore today from yesterday's session, DOMS I think"),
    neg("everyday", "hands tingly when I wake up, wears off by breakfast"),
    neg("everyday", "usual nerve pain from my neck down my right arm into my fingers"),
    neg("everyday", "calves cramping at night"),
    neg("everyday", "restless legs again tonight, kicking the covers off"),
    # --- medical words used harmlessly
    neg("medical_word", "Reading the leaflet about Charcot foot the nurse gave me"),
    neg("medical_word", "bladder scan came back normal"),
    neg("medical_word", "cardiologist says my heart is fine, echo was normal"),
    neg("medical_word", "Had my HbA1c done, 52, nurse pleased"),
    neg("medical_word", "picked up my blood glucose strips from the chemist"),
    neg("medical_word", "My appointment at the foot protection clinic is next Tuesday, just a routine check"),
    neg("medical_word", "Nerve conduction study booked for the 14th"),
    neg("medical_word", "Giving blood on Friday so I'll skip that day's session"),
    neg("medical_word", "on amitriptyline and pregabalin now"),
    neg("medical_word", "I used to be an A&E nurse so I know all about cauda equina"),
    neg("medical_word", "ECG at the GP was normal"),
    neg("medical_word", "podiatrist trimmed my nails and said my feet look healthy"),
    neg("medical_word", "got a blood pressure monitor and a pulse oximeter for my birthday lol"),
    # --- questions about red flags
    neg("question", "What counts as a red flag?"),
    neg("question", "what are the warning signs that mean i should stop exercising"),
    neg("question", "If I get chest pain while exercising should I stop?"),
    neg("question", "what should I do if I have a hypo during a session"),
    neg("question", "how do I know if a blister on my foot is infected"),
    neg("question", "What number do I ring in an emergency in Australia?"),
    neg("question", "What is saddle numbness? my physio mentioned it"),
    neg("question", "what happens if i fall, does the bot tell someone?"),
    neg("question", "Why do you keep asking me about my feet?"),
    neg("question", "whats cauda equina syndrome"),
    neg("question", "how low is too low for blood sugar before I exercise"),
    neg("question", "Do I need to tell you if I fall over?"),
    neg("question", "which signs mean I should go to the ER instead of waiting for my doctor?"),
]

FREE_TEXT: list[Sample] = [
    # --- full check-ins
    free("Pain 4 numbness 2 tingling 3 balance 1 👍", {"checkin"}, four(4, 2, 3, 1)),
    free("p3 n5 t2 b0", {"checkin"}, four(3, 5, 2, 0)),
    free("5 3 4 2", {"checkin"}, four(5, 3, 4, 2)),
    free("Pain: 6/10, Numbness: 4/10, Tingling: 5/10, Balance: 2/10", {"checkin"}, four(6, 4, 5, 2)),
    free("pain 2, numb 6, tingle 4, balance 3", {"checkin"}, four(2, 6, 4, 3)),
    free("PAIN 7 NUMBNESS 5 TINGLING 6 BALANCE 4", {"checkin"}, four(7, 5, 6, 4)),
    free("pain is about a 3 today, numbness maybe 5, burning 4 and balance is a 2", {"checkin"}, four(3, 5, 4, 2)),
    free("pain=4 numbness=4 tingling=2 balance=1", {"checkin"}, four(4, 4, 2, 1)),
    free("pain four numbness two tingling three balance one", {"checkin"}, four(4, 2, 3, 1)),
    free("pain3 numb2 ting4 bal1", {"checkin"}, four(3, 2, 4, 1)),
    free("3/10 pain, 5/10 numbness, 2/10 tingling, 1/10 balance", {"checkin"}, four(3, 5, 2, 1)),
    free("morning! pain 2 numbness 2 tingling 1 balance 0 😊", {"checkin"}, four(2, 2, 1, 0)),
    free("0 0 1 0", {"checkin"}, four(0, 0, 1, 0)),
    free("ok so pain 5 numbness 1 tingling 2 and balance 3 i think", {"checkin"}, four(5, 1, 2, 3)),
    free("4/10 pain 3/10 numb 2/10 burning 1/10 balance", {"checkin"}, four(4, 3, 2, 1)),
    free("Today pain is 4 only, numbness 2, tingling 3 and balance 1.", {"checkin"}, four(4, 2, 3, 1)),
    free("pain: 3 numbness: 3 tingling: 2 balance: 2", {"checkin"}, four(3, 3, 2, 2)),
    free("Pain is 4. Numbness 2. Tingling 3. Balance 1.", {"checkin"}, four(4, 2, 3, 1)),
    free("numbness 5 pain 3 balance 2 tingling 4", {"checkin"}, four(3, 5, 4, 2)),
    free("pain 5 numbnes 4 tinglin 3 balance 2", {"checkin"}, four(5, 4, 3, 2)),
    free("pain 3 numbness 6 pins and needles 5 unsteadiness 2", {"checkin"}, four(3, 6, 5, 2)),
    free("Pain 5 out of 10, numbness 3 out of 10, tingling 4 out of 10, balance 2 out of 10", {"checkin"},
         four(5, 3, 4, 2)),
    free("pain 6 numbness 4 tingling 7 balance 3 - feet burning like mad last night couldnt sleep", CI_NOTE,
         four(6, 4, 7, 3)),
    free("Pain 1, Numbness 3, Tingling 2, Balance 1. Good day, walked to the post office and back.", CI_NOTE,
         four(1, 3, 2, 1)),
    free("pain 2 numbness 7 tingling 6 balance 4. toes numb as anything today", CI_NOTE, four(2, 7, 6, 4)),
    free("pain 4 numbness 3 tingling 3 balance 2, sciatica a bit better after the stretches", CI_NOTE,
         four(4, 3, 3, 2)),
    free("Pain 3/10 Numbness 5/10 Burning 6/10 Unsteady 3/10", {"checkin"}, four(3, 5, 6, 3)),
    free("todays scores - pain 1 numbness 1 tingling 0 balance 1", {"checkin"}, four(1, 1, 0, 1)),
    # --- partial check-ins
    free("pain 5", {"partial"}, {"pain": 5}),
    free("5/10 pain", {"partial"}, {"pain": 5}),
    free("pain is about a 4", {"partial"}, {"pain": 4}),
    free("numbness: 3 out of 10", {"partial"}, {"numbness": 3}),
    free("tingling 6 tonight", {"partial"}, {"tingling": 6}),
    free("Pain 3 numbness 2", {"partial"}, {"pain": 3, "numbness": 2}),
    free("balance 4 today, pain 2", {"partial"}, {"balance": 4, "pain": 2}),
    free("burning is a 5", {"partial"}, {"tingling": 5}),
    free("pins and needles 4", {"partial"}, {"tingling": 4}),
    free("p6", {"partial"}, {"pain": 6}),
    free("my pain is a six today", {"partial"}, {"pain": 6}),
    free("numb 5 tingle 5", {"partial"}, {"numbness": 5, "tingling": 5}),
    free("pain=3", {"partial"}, {"pain": 3}),
    free("PAIN 6", {"partial"}, {"pain": 6}),
    free("pain about 2 today, lovely", {"partial"}, {"pain": 2}),
    free("tingling 3 and numbness 4 but pain only 1", {"partial"}, {"tingling": 3, "numbness": 4, "pain": 1}),
    free("numbness 2/10", {"partial"}, {"numbness": 2}),
    free("Pain is 4 out of 10 today", {"partial"}, {"pain": 4}),
    free("pain: 5 numbness: 5 tingling: 4", {"partial"}, {"pain": 5, "numbness": 5, "tingling": 4}),
    free("unsteadiness 3", {"partial"}, {"balance": 3}),
    free("Pain level 4 this morning", {"partial"}, {"pain": 4}),
    free("numbness is a seven this morning", {"partial"}, {"numbness": 7}),
    free("numb 4 and bal 2", {"partial"}, {"numbness": 4, "balance": 2}),
    free("pain 5 today, is that too high to train?", {"partial", "question"}, {"pain": 5}),
    free("feet awful at night, pain 7", PART_NOTE, {"pain": 7}),
    free("Sciatica bad today, all down my left leg. pain 6", PART_NOTE, {"pain": 6}),
    free("legs feel really unsteady today, balance 5 i'd say", PART_NOTE, {"balance": 5}),
    free("Slept well for once! pain 1 tingling 2", PART_NOTE, {"pain": 1, "tingling": 2}),
    # --- symptom reports and diary notes
    free("feet really burning tonight", {"note"}),
    free("slept badly, the tingling kept me up half the night", {"note"}),
    free("numbness in my toes seems a bit better today 🙂", {"note"}),
    free("siatica playing up since I did the gardening", {"note"}),
    free("Did my exercises this morning, legs ached a bit after but ok now", {"note"}),
    free("walked to the shops and back today without my stick!!", {"note"}),
    free("hands very tingly this morning, eased off by lunch", {"note"}),
    free("Bad night. Restless legs and feet like blocks of ice.", {"note"}),
    free("feet feel like im walking on pebbles today", {"note"}),
    free("shooting pains in my right foot on and off all afternoon", {"note"}),
    free("Good day! hardly any pain, managed the full set", {"note"}),
    free("the cream the GP gave me seems to be helping with the burning", {"note"}),
    free("tingling in my fingertips when i type", {"note"}),
    free("feet extra sensitive today, even the bed sheets hurt", {"note"}),
    free("did 2 sets instead of 3 today, my knee was grumbling", {"note"}),
    free("Pain worse in the evenings as usual, better first thing", {"note"}),
    free("a bit unsteady getting out of the bath tonight, held onto the rail", {"note"}),
    free("Back's stiff after the long drive to my daughter's", {"note"}),
    # --- questions
    free("what does the balance score mean", {"question"}),
    free("is 10 the worst or the best?", {"question"}),
    free("How do I change the time of my reminders?", {"question"}),
    free("what are you? are you a real person", {"question"}),
    free("can I do my exercises in the evening instead of the morning?", {"question"}),
    free("Is this medical advice?", {"question"}),
    free("does 0 mean no pain at all?", {"question"}),
    free("how do I pause the reminders while I'm on holiday", {"question"}),
    free("What's the difference between numbness and tingling for the scores?", {"question"}),
    free("can I see my history", {"question"}),
    free("who can see what I write here?", {"question"}),
    free("how do i delete my data", {"question"}),
    free("Do I have to check in every day?", {"question"}),
    free("what should I score if the pain comes and goes?", {"question"}),
    free("how many reps should i be doing", {"question"}),
    free("Can I change my check in to 8pm please?", {"question"}),
    free("Where do I put burning, is that tingling?", {"question"}),
    free("what does RPE mean", {"question"}),
    free("how do I log a session I did yesterday?", {"question"}),
    free("what time zone have you got me in", {"question"}),
    free("Can my physio see my scores?", {"question"}),
    free("hi, how does this work?", {"question"}),
    free("why does the bot want my time zone", {"question"}),
    free("if I feel totally steady is that balance 0 or 10?", {"question"}),
    free("my feet burn every night after the exercises, is that normal?", {"note", "question"}),
    free("Numbness worse today. Should I still do my session?", {"note", "question"}),
    # --- unknown: no symptom, body part, score or question
    free("ok", {"unknown"}),
    free("thanks love x", {"unknown"}),
    free("👍", {"unknown"}),
    free("Good morning!", {"unknown"}),
    free("lol", {"unknown"}),
    free("sorry wrong chat", {"unknown"}),
    free("Merry Christmas everyone 🎄", {"unknown"}),
    free("will do", {"unknown"}),
    free("cheers mate", {"unknown"}),
    free("asdfjkl", {"unknown"}),
    # --- ambiguous: a range, two values for one item, a value outside 0-10, a fraction
    free("pain 3-4", {"ambiguous"}, {}),
    free("pain is about a 6 or 7 tonight", {"ambiguous"}, {}),
    free("numbness 2.5", {"ambiguous"}, {}),
    free("tingling 12", {"ambiguous"}, {}),
    free("pain 3 in the morning, pain 6 at night", {"ambiguous"}, {}),
    free("balance somewhere between 2 and 3", {"ambiguous"}, {}),
    free("numbness 15/10", {"ambiguous"}, {}),
    free("pain 3 pain 5", {"ambiguous"}, {}),
    free("burning 7.5", {"ambiguous"}, {}),
    free("pain: 4–5", {"ambiguous"}, {}),
]

HELD_OUT: list[Sample] = RED_FLAGS + NEGATIVES + FREE_TEXT
