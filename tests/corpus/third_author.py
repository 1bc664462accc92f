"""A fresh held-out validation corpus for the red-flag detector and the free-text classifier.

Written independently of the detector, the classifier and the repository's own corpus, in the voices of people with
neuropathy, sciatica, diabetes and nerve injuries writing to a chat bot. ``HELD_OUT`` holds red-flag messages
(``flags`` set), negatives (``flags`` empty, ``trap`` set) and free-text messages (``flags`` empty, ``classes`` set).

Kept here as part of the test corpus. Measured at first sight (after tuning on the first two corpora, before any on this one): recall 0.83, urgent recall 0.78, false alarms 0.044.
"""

from tests.corpus import Sample

MAX_LEN = 4096


def _flag(text: str, *kinds: str, classes: tuple[str, ...] = (), scores: dict[str, int] | None = None) -> Sample:
    return Sample(text, frozenset(kinds), frozenset(classes), scores)


def _neg(trap: str, text: str) -> Sample:
    return Sample(text, trap=trap)


def _free(text: str, *classes: str, scores: dict[str, int] | None = None) -> Sample:
    return Sample(text, classes=frozenset(classes), scores=scores)


def _sc(pain: int, numbness: int, tingling: int, balance: int) -> dict[str, int]:
    return {"pain": pain, "numbness": numbness, "tingling": tingling, "balance": balance}


def _long(paragraph: str, tail: str, head: str = "") -> str:
    """A long note: ``head``, then ``paragraph`` repeated as often as fits, then ``tail`` as the last sentence."""
    room = MAX_LEN - len(head) - len(tail)
    return head + paragraph * (room // len(paragraph)) + tail


# Harmless diary paragraphs, each repeated to build a long note.
_P_OLDER = (
    "Morning walk to the paper shop and back, about twenty minutes. Did my sit-to-stands and the calf raises after, "
    "two sets of ten, felt alright. Feet were tingling like usual and the right one was a bit numb at the toes but "
    "nothing out of the ordinary for me. Had porridge with a banana and watched the quiz in the afternoon. "
)
_P_DICTATED = (
    "ok so today was kind of a normal day I did the band rows and the wall push ups and the marching on the spot and "
    "my back was a bit stiff but it loosened up and the tingling in my feet was about the same as always and then I "
    "had lunch and a lie down "
)
_P_TEEN = (
    "school was long today and my legs were tingly in maths again which is annoying but whatever, did the exercises "
    "after tea like 2 sets each, the burning in my feet is about the same as last week tbh "
)
_P_INDIAN = (
    "Today also I did the exercises as per the chart given, morning time after tea. Both feet burning sensation is "
    "there as usual, slightly less than last week. Walked in the park for 15 minutes with my wife. "
)
_P_SCOTS = (
    "Went roond the park wi the dug this mornin, took it slow, feet were tinglin a wee bit as usual. Did ma exercises "
    "efter, the sit-tae-stands an the heel raises, nae bother. "
)
_P_SCIATICA = (
    "The sciatica has been the usual grumble down the back of my left leg, worse after sitting at my desk, better "
    "once I get moving. Did the nerve glides and the bridges at lunchtime and went for a short walk round the block. "
)
_P_NURSE = (
    "Diabetes nurse rang about my review, all routine. I checked my feet in the mirror like she showed me and they "
    "looked the same as ever, dry skin on the heels so I put the cream on. Did the seated exercises with the band. "
)


RED_FLAGS: list[Sample] = [
    # --- bladder_bowel ---
    _flag("had a bit of a do with my waterworks this morning, didn't even know I was going till my trousers were wet",
          "bladder_bowel"),
    _flag("Dear Coach, I am sorry to trouble you but since yesterday I cannot seem to pass water properly, I stand "
          "there and only a dribble comes. Regards, Margaret", "bladder_bowel"),
    _flag("bladder control gone since lunch, wet myself twice 😳", "bladder_bowel"),
    _flag("DIDNT MAKE IT TO THE TOILET AGAIN AND I DIDNT FEEL IT COMING THIS IS NEW", "bladder_bowel"),
    _flag("Good evening sir. Since morning I am not able to urinate, it is just holding there and my waist is paining "
          "me", "bladder_bowel"),
    _flag("Kindly advise, from yesterday evening I am having no control on motion, it is coming without my knowledge",
          "bladder_bowel"),
    _flag("so I was doing the bridges and after that I went to the loo and I couldn't go at all I've been trying for "
          "like three hours now and nothing is coming out and my belly feels really full", "bladder_bowel"),
    _flag("typing this for mum as her hands are bad. she has wet the bed two nights running and says she cant tell "
          "when she needs to go, that is not like her at all", "bladder_bowel"),
    _flag("lost contorl of bladdr this mornin, bed soaked, never happend b4", "bladder_bowel"),
    _flag("pain 6 numbness 4 tingling 3 balance 2 - also peed myself in the car on the way home and didnt feel it",
          "bladder_bowel", classes=("checkin", "note"), scores=_sc(6, 4, 3, 2)),
    _flag(_long(_P_OLDER, "Oh and I forgot to say, I've had no control of my bladder since Sunday, it just goes."),
          "bladder_bowel"),
    _flag("numb round my bum and privates and now I can't feel when I'm weeing", "bladder_bowel", "saddle_numbness"),
    _flag("sciatica flared up bad, numb where you'd sit on a bike saddle and I've lost control of my bowels",
          "bladder_bowel", "saddle_numbness"),
    _flag("back's gone again, both legs going weak, numb between my legs and I can't pass urine", "bladder_bowel",
          "saddle_numbness", "weakness"),
    # --- saddle_numbness ---
    _flag("can't feel the toilet paper when I wipe, that's new since my back went", "saddle_numbness"),
    _flag("my bum and the insides of my thighs are numb, like after the dentist", "saddle_numbness"),
    _flag("pins and needles round my back passage and down below, started this morning", "saddle_numbness"),
    _flag("Ah the sciatica's at me again and now it's gone numb down below, me privates and all, is that a worry?",
          "saddle_numbness"),
    _flag("Private area is numb from two days and also in between thighs, kindly tell what to do", "saddle_numbness"),
    _flag("NO FEELING BETWEEN MY LEGS SINCE I WOKE UP", "saddle_numbness"),
    _flag("I feel no sense in my sitting part and near genital, since yesterday", "saddle_numbness"),
    _flag("pain 7, numb in the saddle area today which is new", "saddle_numbness", classes=("partial", "note"),
          scores={"pain": 7}),
    _flag(_long(_P_SCIATICA, "And the strangest thing, the skin between my legs has gone numb, I can't feel the "
                             "flannel when I wash."), "saddle_numbness"),
    _flag("ma arse is numb, an no fae sittin, it's been like that aw day an the bits roond it tae", "saddle_numbness"),
    _flag("when I sit on the loo it's like my bottom isn't there, numb all round", "saddle_numbness"),
    # --- chest_pain ---
    _flag("tight chest during the squats, still there 20 min later", "chest_pain"),
    _flag("feels like an elephant is sitting on my chest", "chest_pain"),
    _flag("My chest is paining me since I did the exercise this evening, it is like something is pressing it",
          "chest_pain"),
    _flag("my chest hurts, is that normal after the band rows?", "chest_pain"),
    _flag("CRUSHING PAIN IN MY CHEST", "chest_pain"),
    _flag("p3 n2 t4 b1. chest was tight after the session and its still a bit tight now", "chest_pain",
          classes=("checkin", "note"), scores=_sc(3, 2, 4, 1)),
    _flag(_long(_P_NURSE, "Anyway the main thing I wanted to say is I've had a heavy pressure in my chest since the "
                          "session."), "chest_pain"),
    _flag("Writing for my father, he is the one using the bot. He says his chest is tight and he looks very grey",
          "chest_pain"),
    _flag("hi coach just to say my chest has been really sore since this afternoon kind of in the middle like a band "
          "around it and I haven't done anything heavy", "chest_pain"),
    _flag("pain in my chest going down my left arm", "chest_pain", "arm_jaw_pain"),
    _flag("Squeezing in my chest and up into my jaw when I did the bike, had to stop", "chest_pain", "arm_jaw_pain"),
    _flag("tightness across the chest radiating to the jaw", "chest_pain", "arm_jaw_pain"),
    _flag("Pain is go from my chest to left arm when I am doing the exercise", "chest_pain", "arm_jaw_pain"),
    _flag("chest tight, couldn't get my breath and the room was spinning on the stairs", "chest_pain",
          "breathless_dizzy"),
    # --- arm_jaw_pain ---
    _flag("an ache spreading from my shoulder down my left arm when I did the rows, and my jaw aches too",
          "arm_jaw_pain"),
    _flag("pain going up into my jaw and down my arm when I exert myself, goes when I rest", "arm_jaw_pain"),
    _flag("my left arm went heavy and achy on the bike and the ache went up into my jaw", "arm_jaw_pain"),
    _flag("bit of a weird one, on me walk this arvo got this ache runnin down me left arm to the hand and up the jaw, "
          "settled when I sat", "arm_jaw_pain"),
    _flag("Sir, while doing exercise pain came in left hand and going to jaw also", "arm_jaw_pain"),
    _flag("pain 2 numbness 3 tingling 3 balance 2 but during the walk i got an ache in my jaw that went down my arm, "
          "still aching a bit", "arm_jaw_pain", classes=("checkin", "note"), scores=_sc(2, 3, 3, 2)),
    _flag("LEFT ARM AND JAW HURTING SINCE I DID THE WEIGHTS", "arm_jaw_pain"),
    # --- breathless_dizzy ---
    _flag("couldn't catch my breath and went all lightheaded doing the step-ups", "breathless_dizzy"),
    _flag("heart racing like mad and the room was spinning on the exercise bike", "breathless_dizzy"),
    _flag("puffed out and woozy after the sit to stands, had to lie down", "breathless_dizzy"),
    _flag("While doing the exercise I had breathlessness and giddiness, had to sit", "breathless_dizzy"),
    _flag("heart gaun like the clappers an ah went aw dizzy on the stairs durin ma exercises", "breathless_dizzy"),
    _flag("As I was exercising my heart started beating very fast and my head was turning, I had to stop",
          "breathless_dizzy"),
    _flag("heart was pounding sm during the workout and i got super dizzy and couldnt breathe properly",
          "breathless_dizzy"),
    _flag("palpitations and dizziness on exertion", "breathless_dizzy"),
    _flag("Walking up the hill for my exercise today I got so short of breath and dizzy I had to hold onto a fence",
          "breathless_dizzy"),
    _flag("pain 4, numbness 3, tingling 2, balance 3. Got really breathless and lightheaded during the exercises "
          "today", "breathless_dizzy", classes=("checkin", "note"), scores=_sc(4, 3, 2, 3)),
    _flag(_long(_P_DICTATED, "and the other thing is when I did the step ups today my heart was racing and I went "
                             "really dizzy and had to sit on the stairs"), "breathless_dizzy"),
    _flag("got winded and real dizzy doin the band pulls, like i was gonna pass out", "breathless_dizzy"),
    _flag("I was fierce short of breath on the bike and the head was spinning", "breathless_dizzy"),
    # --- fainting ---
    _flag("passed out in my chair after the exercises, my wife found me", "fainting"),
    _flag("blacked out for a few seconds while sitting on the bed", "fainting"),
    _flag("I collapsed in the kitchen after my session", "fainting"),
    _flag("lowkey blacked out after the squats lol everything went black for a sec and i came to on the couch",
          "fainting"),
    _flag("everything went dark and the next thing I knew my husband was shaking me", "fainting"),
    _flag("After exercise I lost consciousness for some time, my son gave water", "fainting"),
    _flag("ah went oot like a light efter the exercises, sittin in the chair", "fainting"),
    _flag("TYPING FOR DAD, HE COLLAPSED AFTER HIS EXERCISES, HE IS AWAKE NOW", "fainting"),
    _flag("pain 3 numbness 2 tingling 2 balance 4 — fainted at the end of the session", "fainting",
          classes=("checkin", "note"), scores=_sc(3, 2, 2, 4)),
    _flag(_long(_P_TEEN, "oh and i passed out in the shower after the exercises today, mum doesnt know"), "fainting"),
    _flag("I fainted in the bathroom and hit my head on the sink", "fainting", "fall_injury"),
    _flag("blacked out on the stairs and fell, there's a big lump on my head", "fainting", "fall_injury"),
    _flag("passed out doing the standing exercise, came round on the floor, can't put any weight on my left leg",
          "fainting", "fall_injury"),
    _flag("sugar went low after the walk, 2.6, and I passed out for a bit", "hypoglycaemia", "fainting"),
    # --- fall_injury ---
    _flag("fell off the step, think I've broken my wrist, it's a funny shape", "fall_injury"),
    _flag("I'm on the floor and can't get up, phone was in my pocket", "fall_injury"),
    _flag("went ower on the ice an cracked ma heid", "fall_injury"),
    _flag("came a cropper on the back steps, hip's gone and I can't stand on it", "fall_injury"),
    _flag("I slipped in the bathroom and fell, head got hit on the wall, there is swelling", "fall_injury"),
    _flag("I fell down this morning, my leg cannot carry me again", "fall_injury"),
    _flag("pain 5 numbness 3 tingling 3 balance 6. Had a fall after the session and hit my head on the table",
          "fall_injury", classes=("checkin", "note"), scores=_sc(5, 3, 3, 6)),
    _flag("tripped on the rug, head's cut open and bleeding", "fall_injury", "bleeding"),
    _flag("fell down the stairs after leg day and my ankle is like huge and i cant walk on it", "fall_injury"),
    _flag("Typing for mum. She fell getting out of bed this morning and we couldn't get her up, she's still on the "
          "floor", "fall_injury"),
    _flag(_long(_P_INDIAN, "Then in the evening I fell in the hall and I am not able to get up from the floor."),
          "fall_injury"),
    # --- self_harm ---
    _flag("I don't want to be here anymore", "self_harm"),
    _flag("everyone would be better off without me, I'm just a burden with this pain", "self_harm"),
    _flag("kms fr this pain is never ending", "self_harm"),
    _flag("I've thought about taking all my pregabalin at once", "self_harm"),
    _flag("started hurting myself again, cut my arm last night", "self_harm"),
    _flag("I wish I could go to sleep and not wake up", "self_harm"),
    _flag("I am tired of this life, I just want to end everything, nobody understands", "self_harm"),
    _flag("cannae dae this anymair, ah want it aw tae stop, been lookin at the pills", "self_harm"),
    _flag("Doctor I am feeling like committing suicide, this pain is too much", "self_harm"),
    _flag("tbh i keep thinking about unaliving myself", "self_harm"),
    _flag(_long(_P_SCOTS, "Tae be honest ah've been thinkin ah should just end ma life."), "self_harm"),
    _flag("pain 7 numbness 5 tingling 6 balance 3. honestly dont see the point of living anymore", "self_harm",
          classes=("checkin", "note"), scores=_sc(7, 5, 6, 3)),
    _flag("cut myself again and it won't stop bleeding", "self_harm", "bleeding"),
    _flag("I've written goodbye letters to my kids. I'm done.", "self_harm"),
    # --- hypoglycaemia ---
    _flag("went shaky and sweaty halfway through the squats, meter said 3.5, I'm type 1", "hypoglycaemia"),
    _flag("BG 58 after my workout, feeling trembly", "hypoglycaemia"),
    _flag("had a hypo during the exercises, had some jelly babies", "hypoglycaemia"),
    _flag("Diabetic here. After the session I was confused and sweating and my reading was 2.9", "hypoglycaemia"),
    _flag("had a bit of a hypo after me weights this arvo, 3.4, still a bit shaky", "hypoglycaemia"),
    _flag("SUGAR LOW AFTER EXERCISE 3.0 SHAKING", "hypoglycaemia"),
    _flag("went low af after training, 3.2 and shaky 😵", "hypoglycaemia"),
    _flag("pain 2 numbness 4 tingling 4 balance 2. had a low after the session, 3.6, shaky and sweaty",
          "hypoglycaemia", classes=("checkin", "note"), scores=_sc(2, 4, 4, 2)),
    _flag("just to let you know my sugar dropped to three point three after my exercises and I feel all trembly and "
          "sweaty", "hypoglycaemia"),
    # --- foot_wound ---
    _flag("found a new blister on my heel from the new trainers", "foot_wound"),
    _flag("there's a sore on my big toe that won't heal, been 2 weeks now", "foot_wound"),
    _flag("cut on the sole of my foot, didn't feel it happen", "foot_wound"),
    _flag("stepped on a drawing pin and didn't feel it, there's a little hole in my foot", "foot_wound"),
    _flag("There is one wound under my foot, I noticed today only", "foot_wound"),
    _flag("blood on my sock, found a cut under my toe", "foot_wound", "bleeding"),
    _flag("my foot is bleeding, must have stood on glass in the garden", "foot_wound", "bleeding"),
    _flag("the blister on my toe is red hot and swollen and weeping", "foot_wound", "foot_infection"),
    _flag("pain 3 numbness 5 tingling 4 balance 2. foot check: new blister on the ball of my left foot",
          "foot_wound", classes=("checkin", "note"), scores=_sc(3, 5, 4, 2)),
    _flag("got a blister on my foot from my football boots, its gone all raw", "foot_wound"),
    # --- foot_infection ---
    _flag("big toe is hot, red and swollen", "foot_infection"),
    _flag("my foot is swollen and warm to touch and the arch looks a funny shape", "foot_infection"),
    _flag("there's a red streak going up my foot from the toe", "foot_infection"),
    _flag("my little toe has turned dark, almost black", "foot_infection"),
    _flag("Left foot is swelling and red, it is hot also", "foot_infection"),
    _flag("MY TOE IS GOING BLACK", "foot_infection"),
    _flag("ankle and foot swollen and hot and red, no injury I can think of", "foot_infection"),
    _flag("the big toe is after going all red and angry and puffy, fierce hot", "foot_infection"),
    _flag("pain 4 tonight, and the top of my foot is red and hot and swollen", "foot_infection",
          classes=("partial", "note"), scores={"pain": 4}),
    # --- bleeding ---
    _flag("blood in my wee this morning", "bleeding"),
    _flag("coughed up some blood after the exercises", "bleeding"),
    _flag("nosebleed for 40 minutes, won't stop", "bleeding"),
    _flag("Cut my shin on the bed frame, can't get it to stop bleeding", "bleeding"),
    _flag("there was blood when I went to the toilet, bright red", "bleeding"),
    # --- weakness ---
    _flag("my right foot is slapping the floor when I walk, can't lift the front of it", "weakness"),
    _flag("keep dropping things, dropped 2 cups today, my hand won't grip", "weakness"),
    _flag("legs gave way twice today, grabbed the counter both times", "weakness"),
    _flag("new weakness in my left leg, spreading up to the thigh since Monday", "weakness"),
    _flag("toes catching on the carpet, foot's gone floppy", "weakness"),
    _flag("My leg is not having power again since yesterday, it is dragging", "weakness"),
    _flag("Right hand has no strength from 2 days, cup fell down from my hand", "weakness"),
    _flag("p5 n4 t3 b5, and my knees keep buckling, it's getting worse every day", "weakness",
          classes=("checkin", "note"), scores=_sc(5, 4, 3, 5)),
    _flag("my hand keeps dropping my phone like it just lets go, new thing", "weakness"),
    # --- severe_pain ---
    _flag("sudden excruciating pain in my lower back, can't move", "severe_pain"),
    _flag("worst pain I've ever had, came on out of nowhere an hour ago", "severe_pain"),
    _flag("ALL OF A SUDDEN 10/10 AGONY DOWN MY LEG", "severe_pain"),
    _flag("Sudden serious pain in my waist, I cannot even stand, it is too much", "severe_pain"),
    _flag("jist went tae pick up the wean's toy an got an absolute agony in ma back, worst ever", "severe_pain"),
    _flag("it's like a hot knife suddenly stabbing through my buttock and down my leg, unbearable", "severe_pain"),
    _flag("Very severe pain suddenly started in my leg, I can't bear", "severe_pain"),
    _flag("pain 9. came on suddenly about an hour ago, unbearable, can't get comfy at all", "severe_pain",
          classes=("partial", "note"), scores={"pain": 9}),
    _flag("omg the sudden pain in my back rn is unbearable i literally cant move 😭", "severe_pain"),
    _flag("sudden agonising pain in my back and now my left foot drops when I walk", "severe_pain", "weakness"),
    # --- fall ---
    _flag("had a tumble in the garden, got up fine, just a bit shaken", "fall"),
    _flag("slipped in the shower and landed on my bum, I'm ok", "fall"),
    _flag("fell doing the balance exercise but got straight back up", "fall"),
    _flag("fell on my butt in the kitchen lmao im fine", "fall"),
    _flag("had a bit of a stack on the footpath this morning, dusted meself off, all good", "fall"),
    _flag("I went over on the path outside Mass, I'm grand, only my pride hurt", "fall"),
    _flag("tripped over the dog and fell, grazed my knee and it's bleeding a bit", "fall", "bleeding"),
    _flag("pain 4 numbness 3 tingling 3 balance 5. fell over in the garden this morning, no damage", "fall",
          classes=("checkin", "note"), scores=_sc(4, 3, 3, 5)),
    _flag("Today morning I fell down in the bathroom but no injury, I got up myself", "fall"),
    _flag(_long(_P_OLDER, "I had a fall in the hallway yesterday but I'm alright, just a bit stiff.",
                head="pain 3 numbness 3 tingling 2 balance 4. "),
          "fall", classes=("checkin", "note"), scores=_sc(3, 3, 2, 4)),
]


NEGATIVES: list[Sample] = [
    # --- negated ---
    _neg("negated", "no chest pain today, just the usual burning in my feet"),
    _neg("negated", "checked my feet, no blisters, no cuts, no redness 👍"),
    _neg("negated", "didn't fall this week, balance is getting better"),
    _neg("negated", "no problems with the waterworks, all normal down there"),
    _neg("negated", "no dizziness or breathlessness on the bike today"),
    _neg("negated", "feeling low but no thoughts of hurting myself, don't worry"),
    _neg("negated", "No numbness in the groin or bottom, just my feet as usual"),
    _neg("negated", "never passed out or anything, just tired"),
    _neg("negated", "No chest pain, no giddiness, exercise done properly"),
    _neg("negated", "no bleeding, no swelling, toes look a normal colour"),
    _neg("negated", "NO FALLS NO BLISTERS ALL GOOD"),
    _neg("negated", "nae bother wi ma chest or ma breathin the day"),
    _neg("negated", "there's no weakness in my legs, they're just tingly"),
    _neg("negated", "nah no pain in my arm or jaw or anything lol just sore legs"),
    _neg("negated", _long(_P_NURSE, "No new sores, no blisters, nothing red or hot on either foot.")),
    # --- resolved ---
    _neg("resolved", "the chest tightness I had last month has gone completely"),
    _neg("resolved", "the blister on my heel has healed up nicely"),
    _neg("resolved", "the redness on my toe cleared up after the cream, back to normal now"),
    _neg("resolved", "my bladder infection cleared up with the antibiotics and everything's normal again"),
    _neg("resolved", "the foot drop I had last year has fully recovered, physio signed me off"),
    _neg("resolved", "the low sugars I was getting after exercise stopped once the nurse changed my insulin"),
    _neg("resolved", "that dizzy breathless spell on the bike was weeks ago, been fine ever since"),
    _neg("resolved", "the sore on my foot is all healed now, the nurse is delighted"),
    _neg("resolved", "my toe was a bit dark last week but it's pink and normal again now"),
    _neg("resolved", "The chest pain has stopped since last week, I am now fine, thank you"),
    _neg("resolved", "the numbness in my bottom went away after the steroid injection months ago"),
    _neg("resolved", "the cut on my foot from the summer has completely closed over"),
    _neg("resolved", "that sudden back pain thing went away, all good now"),
    _neg("resolved", "Swelling in my ankle has gone down fully since I started elevating it"),
    # --- historical ---
    _neg("historical", "I had a heart attack in 2015, I've been cleared by my cardiologist for this"),
    _neg("historical", "broke my hip in a fall 3 years ago which is why I'm doing balance work"),
    _neg("historical", "years ago I had an ulcer on my heel, so I'm very careful with my feet"),
    _neg("historical", "back in my 20s I fainted giving blood, never since"),
    _neg("historical", "had cauda equina surgery in 2018, waterworks have been fine since"),
    _neg("historical", "As a child I had a bad fall off a horse and hurt my back"),
    _neg("historical", "My diabetes was found in 2010 after I collapsed at work"),
    _neg("historical", "I had foot drop after my back op in 2016, it recovered mostly"),
    _neg("historical", "In 2019 I had angina, stent was placed, now no issues"),
    _neg("historical", "my toe was amputated in 2012 because of an infection"),
    _neg("historical", "ah had a hypo years ago at the fitba, gied me a fright, that's how ah carry sweeties"),
    _neg("historical", "had a bleeding stomach ulcer back in 2005, no problems since"),
    _neg("historical", "I used to get palpitations and dizzy turns on exertion before my pacemaker went in in 2017"),
    _neg("historical", _long(_P_OLDER, "The physio asked about my history, so for the record I broke my ankle "
                                       "falling off a ladder in 2009.")),
    # --- hypothetical ---
    _neg("hypothetical", "if I ever get chest pain while exercising should I stop straight away?"),
    _neg("hypothetical", "what should I do if I fall doing the balance exercises?"),
    _neg("hypothetical", "in case my sugar drops during the session, I keep glucose tabs next to me"),
    _neg("hypothetical", "I'm worried I might get a blister from the new shoes"),
    _neg("hypothetical", "If I get numbness down there like the leaflet says, who do I call?"),
    _neg("hypothetical", "what if I pass out while I'm home alone"),
    _neg("hypothetical", "if my foot ever goes red and hot, do I message here or ring the GP?"),
    _neg("hypothetical", "Suppose I get breathlessness during exercise, should I continue?"),
    _neg("hypothetical", "scared I'll lose control of my bladder on the bus one day, it's a silly fear I know"),
    _neg("hypothetical", "would you alert someone if I said I wanted to hurt myself? just asking how it works"),
    _neg("hypothetical", "I'll stop if my legs start to give way, promise"),
    _neg("hypothetical", "just in case I cut my foot, what's the plan?"),
    _neg("hypothetical", "if I come off me bike and hit me head, does this thing tell someone?"),
    _neg("hypothetical", "should I worry if my toes ever turn dark?"),
    # --- other_person ---
    _neg("other_person", "my husband fell in the garden yesterday, he's ok"),
    _neg("other_person", "my mum has been having chest pains, she's seeing her GP tomorrow"),
    _neg("other_person", "My wife fainted at church this morning and the ambulance took her in, so I missed my "
                         "session"),
    _neg("other_person", "Son here, typing for dad. Dad is fine today. It's me who slipped on the ice and I can't "
                         "put weight on my foot, nothing for him to worry about"),
    _neg("other_person", "my neighbour has an ulcer on his foot that won't heal, it made me check mine, all fine"),
    _neg("other_person", "a lady from the group lost control of her bladder at the pool, poor thing"),
    _neg("other_person", "my brother tried to kill himself last year, it's been hard on the family"),
    _neg("other_person", "My mother's foot is swollen and hot, we took her to the hospital"),
    _neg("other_person", "My father-in-law is having giddiness and breathlessness, we are taking him to "
                         "cardiologist"),
    _neg("other_person", "I'm Jean, I look after Tom who uses this. I had a hypo myself this morning, Tom's fine"),
    _neg("other_person", "the lad next door came off his bike and cracked his head, he's in hospital"),
    _neg("other_person", "my bf passed out at the party lol he's fine"),
    _neg("other_person", "my sister's got numbness in her groin after her epidural, not me!"),
    _neg("other_person", "the dog's paw was bleeding after the walk, vet sorted it"),
    _neg("other_person", "the wife's toe's gone black, she's at the podiatrist the noo"),
    _neg("other_person", "my daughter has a tight chest from her asthma today so I stayed home with her"),
    # --- figurative ---
    _neg("figurative", "this pain is killing me but I did all my reps"),
    _neg("figurative", "I'm dying for a cup of tea after those squats"),
    _neg("figurative", "my heart sank when I saw it was raining again"),
    _neg("figurative", "those lunges nearly killed me haha"),
    _neg("figurative", "fell off the wagon with my exercises this week, back on it tomorrow"),
    _neg("figurative", "I've dropped the ball with my check-ins, sorry"),
    _neg("figurative", "the new program is a pain in the neck to remember"),
    _neg("figurative", "I fell asleep in the chair after my session"),
    _neg("figurative", "my phone died so I missed the reminder"),
    _neg("figurative", "dead on my feet after the shopping"),
    _neg("figurative", "I nearly died laughing at my grandson trying the exercises"),
    _neg("figurative", "this workout literally killed me 💀💀"),
    _neg("figurative", "I'm heartbroken the physio is leaving, she was only gorgeous"),
    _neg("figurative", "I could murder a bacon roll"),
    _neg("figurative", "these prescription charges are bleeding me dry"),
    # --- everyday ---
    _neg("everyday", "muscles a bit sore after the squats, the good kind"),
    _neg("everyday", "needed the loo halfway through the session so had a wee break"),
    _neg("everyday", "heart rate got to 115 on the bike, felt fine"),
    _neg("everyday", "out of breath after the stairs like always, got it back in a minute"),
    _neg("everyday", "I cut the grass this morning then did my stretches"),
    _neg("everyday", "I dropped my phone in the bath lol"),
    _neg("everyday", "my arm aches from carrying the shopping"),
    _neg("everyday", "jaw's sore from chewing toffee, my own fault"),
    _neg("everyday", "I cut my toenails carefully today like the nurse showed me"),
    _neg("everyday", "back's a bit stiff this morning"),
    _neg("everyday", "sugar 6.2 before the walk, 5.8 after, all good"),
    _neg("everyday", "toes are cold, put my thick socks on"),
    _neg("everyday", "bloody hot out today so did me exercises inside"),
    _neg("everyday", "had a wee glass of wine and a blether wi ma pal"),
    # --- medical_word ---
    _neg("medical_word", "I take metformin and pregabalin, should I take them before the session?"),
    _neg("medical_word", "had my bloods done today, the nurse was lovely"),
    _neg("medical_word", "podiatry appointment on Tuesday for my nails"),
    _neg("medical_word", "GP referred me to the falls clinic for some balance work"),
    _neg("medical_word", "HbA1c came back 52, the diabetes nurse was pleased"),
    _neg("medical_word", "I carry a hypo kit in my bag"),
    _neg("medical_word", "blood pressure 132/84 this morning"),
    _neg("medical_word", "the physio leaflet mentions cauda equina, had to look that up"),
    _neg("medical_word", "I'm on a beta blocker so my heart rate doesn't go very high"),
    _neg("medical_word", "was reading about Charcot foot in the diabetes magazine"),
    _neg("medical_word", "cardiology follow-up went well, ECG normal"),
    _neg("medical_word", "Doctor has prescribed vitamin B12 injections for neuropathy"),
    _neg("medical_word", "urology appointment is routine, just my yearly prostate check"),
    _neg("medical_word", "I wear compression socks for my circulation"),
    # --- question ---
    _neg("question", "what counts as an emergency?"),
    _neg("question", "what are the red flags for sciatica I should look out for?"),
    _neg("question", "which symptoms mean I should stop exercising?"),
    _neg("question", "how do I check my feet for ulcers properly?"),
    _neg("question", "what are the signs of a hypo?"),
    _neg("question", "what's cauda equina syndrome?"),
    _neg("question", "who gets told when someone reports chest pain here?"),
    _neg("question", "does the bot call an ambulance?"),
    _neg("question", "what does saddle numbness mean?"),
    _neg("question", "Sir what are the symptoms of heart attack, kindly explain"),
    _neg("question", "how do I know if my foot is infected?"),
    _neg("question", "what counts as a fall, does kneeling down slowly count?"),
    _neg("question", "wait what do u mean by red flags"),
    _neg("question", "What is the crisis line number in Ireland?"),
]


FREE_TEXT: list[Sample] = [
    # --- checkin ---
    _free("pain 4 numbness 2 tingling 3 balance 1", "checkin", scores=_sc(4, 2, 3, 1)),
    _free("p4 n2 t3 b1", "checkin", scores=_sc(4, 2, 3, 1)),
    _free("pain: 5/10, numbness: 3/10, tingling: 2/10, balance: 1/10", "checkin", scores=_sc(5, 3, 2, 1)),
    _free("5/10 pain, 3/10 numbness, 4/10 tingling, 2/10 balance", "checkin", scores=_sc(5, 3, 4, 2)),
    _free("pain is about a 4, numbness maybe 3, tingling 5 and balance 2", "checkin", scores=_sc(4, 3, 5, 2)),
    _free("Pain three, numbness two, tingling four, balance one", "checkin", scores=_sc(3, 2, 4, 1)),
    _free("pain=2 numb=4 tingle=3 bal=1", "checkin", scores=_sc(2, 4, 3, 1)),
    _free("numbness: 3 out of 10, pain: 2 out of 10, burning: 5 out of 10, unsteadiness: 1 out of 10", "checkin",
          scores=_sc(2, 3, 5, 1)),
    _free("pain 3 numb 1 tingly 2 balance 0 ✌️", "checkin", scores=_sc(3, 1, 2, 0)),
    _free("pain is a five numbness is a four tingling about six and balance is two", "checkin",
          scores=_sc(5, 4, 6, 2)),
    _free("PAIN 6 NUMBNESS 4 TINGLING 5 BALANCE 3", "checkin", scores=_sc(6, 4, 5, 3)),
    _free("pain 4 numbness 2 tingling 3 balance 1. Did the shopping and my feet were tingling more than usual on the "
          "way home", "checkin", "note", scores=_sc(4, 2, 3, 1)),
    _free("Evening! pain 5 numbness 3 tingling 6 balance 2", "checkin", scores=_sc(5, 3, 6, 2)),
    _free("Pain 2/10 Numbness 2/10 Tingling 1/10 Balance 1/10 Kind regards, Arthur", "checkin",
          scores=_sc(2, 2, 1, 1)),
    _free("Pain-4, Numbness-3, Tingling-2, Balance-2", "checkin", scores=_sc(4, 3, 2, 2)),
    _free("pain's a 3 the day, numbness 2, tinglin 4, balance 1", "checkin", scores=_sc(3, 2, 4, 1)),
    _free("4 2 3 1", "checkin", scores=_sc(4, 2, 3, 1)),
    _free("pain 0 numbness 1 tingling 0 balance 0. Best day in ages, feet hardly bothered me on the walk to the park",
          "checkin", "note", scores=_sc(0, 1, 0, 0)),
    _free("pian 3 numbess 4 tinglign 2 balnce 1", "checkin", scores=_sc(3, 4, 2, 1)),
    _free("pain's about a 2, numbness 3, pins and needles 4, balance 1, cheers", "checkin", scores=_sc(2, 3, 4, 1)),
    _free("numbness 5, tingling 4, pain 3, balance 2 (wrong order sorry)", "checkin", scores=_sc(3, 5, 4, 2)),
    _free("pain 4 numbness 3 tingling 3 balance 2. Toes were cold on the walk but I did all my exercises.", "checkin",
          "note", scores=_sc(4, 3, 3, 2)),
    _free("Good morning. Pain 3, numbness 4, tingling 2, balance 1. Thank you.", "checkin", scores=_sc(3, 4, 2, 1)),
    _free("Pain: 2 | Numbness: 5 | Tingling: 5 | Balance: 3", "checkin", scores=_sc(2, 5, 5, 3)),
    _free("pain 6 numbness 4 burning 5 unsteady 2 — rough night with the burning in my soles", "checkin", "note",
          scores=_sc(6, 4, 5, 2)),
    # --- partial ---
    _free("pain 5 today", "partial", scores={"pain": 5}),
    _free("pain is about a 4", "partial", scores={"pain": 4}),
    _free("5/10 pain", "partial", scores={"pain": 5}),
    _free("numbness: 3 out of 10", "partial", scores={"numbness": 3}),
    _free("numbness 3, tingling 2", "partial", scores={"numbness": 3, "tingling": 2}),
    _free("pain 3 and balance 2, forgot the others", "partial", scores={"pain": 3, "balance": 2}),
    _free("tingling's a six tonight", "partial", scores={"tingling": 6}),
    _free("burning 6", "partial", scores={"tingling": 6}),
    _free("unsteadiness 3 today", "partial", scores={"balance": 3}),
    _free("p3 t4", "partial", scores={"pain": 3, "tingling": 4}),
    _free("the pain's about a 3 today", "partial", scores={"pain": 3}),
    _free("Pain 4. Calves tight after the walk, did the stretches anyway.", "partial", "note", scores={"pain": 4}),
    _free("pain like a 2 ngl", "partial", scores={"pain": 2}),
    _free("Today pain is 5 only", "partial", scores={"pain": 5}),
    _free("pain's aboot a 4 the day", "partial", scores={"pain": 4}),
    _free("pain is a four numbness is a two", "partial", scores={"pain": 4, "numbness": 2}),
    _free("Numbness 6, pain 2, I'll do the rest later", "partial", scores={"numbness": 6, "pain": 2}),
    _free("PAIN 3", "partial", scores={"pain": 3}),
    _free("tingling: 5/10", "partial", scores={"tingling": 5}),
    _free("pain 2 numbness 2 tingling 1", "partial", scores={"pain": 2, "numbness": 2, "tingling": 1}),
    _free("My pain is at 3 and the numbness is about 4", "partial", scores={"pain": 3, "numbness": 4}),
    _free("pain's a six at night", "partial", scores={"pain": 6}),
    _free("Pain level 4. Feet feel like I'm walking on cotton wool today.", "partial", "note", scores={"pain": 4}),
    _free("pain's a 3, numbness a 2, reckon balance is a 1", "partial", scores={"pain": 3, "numbness": 2, "balance": 1}),
    _free("n3 b2", "partial", scores={"numbness": 3, "balance": 2}),
    # --- note ---
    _free("feet burning a lot tonight, couldn't sleep", "note"),
    _free("numbness in my toes a bit better since the new socks", "note"),
    _free("did my exercises, knees a bit achy after", "note"),
    _free("Tingling in my fingers this morning, eased off after breakfast", "note"),
    _free("sciatica playing up after sitting in the car all day", "note"),
    _free("feet feel like they're wrapped in cotton wool today", "note"),
    _free("legs r tingly after school ngl", "note"),
    _free("Since morning slight burning in both soles, after walk it reduced", "note"),
    _free("feet are pure nippin the night", "note"),
    _free("Pins and needles down my right leg after the long drive", "note"),
    _free("calves cramped during the night but fine now", "note"),
    _free("Slept better. The tingling seems less at night since I started the exercises.", "note"),
    _free("Dear Coach, Just a note to say my feet have been rather cold and numb this week but otherwise I am keeping "
          "well. Yours, Edith", "note"),
    _free("FEET BURNING AGAIN TONIGHT", "note"),
    _free("so today I did the walking and the calf raises and my back was a bit stiff afterwards but it loosened up "
          "after a hot shower and the tingling in my feet was about the same as usual", "note"),
    _free("buttock ache on the left after gardening, the usual sciatic niggle", "note"),
    _free("My soles are peppering me small this evening", "note"),
    _free("shooting pains in my toes on and off today, nothing new", "note"),
    _free("feet tingly again 😩🦶", "note"),
    _free("bit crook in the back today, took it easy", "note"),
    _free("numb patch on my outer thigh is the same as last week", "note"),
    _free("hands tingling while I'm typing this", "note"),
    _free("the feet are at me again tonight, that burning", "note"),
    _free(_long(_P_SCIATICA, "All in all a fairly ordinary week for the leg."), "note"),
    _free("lower back stiff, leg pain about the same as usual", "note"),
    # --- question ---
    _free("what do the numbers mean? is 10 the worst?", "question"),
    _free("how do I change my reminder time?", "question"),
    _free("what is this bot exactly?", "question"),
    _free("is balance 0 good or bad?", "question"),
    _free("can I change my check-in to the morning?", "question"),
    _free("what's the difference between numbness and tingling on the scale?", "question"),
    _free("Are you a real person?", "question"),
    _free("how do I pause reminders while I'm on holiday?", "question"),
    _free("wat does balance even mean here lol", "question"),
    _free("Kindly tell me how to change the time of exercise reminder", "question"),
    _free("Does burning count as tingling?", "question"),
    _free("Is this medical advice?", "question"),
    _free("who can see my answers?", "question"),
    _free("how do I delete my data", "question"),
    _free("what does unsteadiness mean on the scale", "question"),
    _free("can I skip today and do it tomorrow instead?", "question"),
    _free("What time zone have you got me in?", "question"),
    _free("how many reps should I be doing now?", "question"),
    _free("hey coach how do I tell you I did my exercises yesterday but forgot to log them", "question"),
    _free("my feet burn at night, is that the nerves?", "note", "question"),
    _free("does the weekly review go to my physio?", "question"),
    _free("how dae ah change the time o ma reminders", "question"),
    _free("the tingling gets worse after the band exercises, should I do fewer?", "note", "question"),
    _free("why do you ask about balance?", "question"),
    _free("where do I see my history", "question"),
    # --- unknown ---
    _free("ok", "unknown"),
    _free("thanks love 😊", "unknown"),
    _free("👍", "unknown"),
    _free("lol", "unknown"),
    _free("good morning!", "unknown"),
    _free("cheers", "unknown"),
    _free("ghjkl sorry the cat walked on the keyboard", "unknown"),
    _free("Sounds good", "unknown"),
    _free("Will do.", "unknown"),
    _free("hahaha nice one", "unknown"),
    # --- ambiguous ---
    _free("pain 3-4", "ambiguous", scores={}),
    _free("pain 4 or 5 today", "ambiguous", scores={}),
    _free("numbness 12", "ambiguous", scores={}),
    _free("pain 4.5 numbness 2", "ambiguous", scores={"numbness": 2}),
    _free("pain 3 numbness 2 tingling 4 balance 1... actually pain 5", "ambiguous",
          scores={"numbness": 2, "tingling": 4, "balance": 1}),
    _free("numbness 11/10 lol", "ambiguous", scores={}),
    _free("tingling 6.5, balance 2", "ambiguous", scores={"balance": 2}),
    _free("pain 2 to 3, numbness 4", "ambiguous", scores={"numbness": 4}),
    _free("pain 3 pain 6", "ambiguous", scores={}),
    _free("p 4-5, n 3", "ambiguous", scores={"numbness": 3}),
]


HELD_OUT: list[Sample] = RED_FLAGS + NEGATIVES + FREE_TEXT
