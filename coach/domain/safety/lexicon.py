"""The red-flag lexicon: which words, near each other in one sentence, mean which kind of red flag.

Data, read as the spec. A concept fires when one word of each group appears within `window` tokens of each
other in a sentence, in any order, after normalisation (coach/domain/understanding/text.py: lemmas, typos,
contractions, multi-word phrases joined into one token such as `unable`, `faint`, `breathless`). `unless`
words near the match mark a harmless, usually figurative, use ("fell asleep", "blood pressure"). Whether the
participant has it now is judged afterwards, in context (coach/domain/understanding/context.py).

Every concept carries examples; tests/unit/test_red_flag_lexicon.py checks each one fires on them.
A group word starting with "#" is a reading, not a word (see NUMERIC_GROUPS in detect.py).
"""

from __future__ import annotations

from typing import NamedTuple

from coach.domain.safety.kinds import FlagKind as K


class Concept(NamedTuple):
    kind: K
    groups: tuple[frozenset[str], ...]
    window: int
    examples: tuple[str, ...]
    unless: frozenset[str] = frozenset()
    unless_window: int = 3


def concept(kind: K, *groups: str, window: int = 6, examples: tuple[str, ...], unless: str = "",
            unless_window: int = 3) -> Concept:
    """A concept written as groups of "|"-separated words."""
    return Concept(kind, tuple(frozenset(group.split("|")) for group in groups), window, examples,
                   frozenset(unless.split("|")) if unless else frozenset(), unless_window)


# Word groups used by several concepts.
BLADDER = "bladder|bowel|waterworks|continence|motion|motions"
# Going to the toilet is ordinary; going without control is not: these words never pair with "go" or "went".
VOIDING = "pee|wee|urine|urinate|poo|poop|stool|toilet|loo"
BLADDER_TROUBLE = ("control|lost_control|accident|leak|leaking|unable|retention|trouble|difficulty|difficult|struggle|"
                   "strain|"
                   "hold|go|lose|lost|gone|dribble|problem|empty|stop|working|new|weak")
SADDLE = ("groin|saddle|genital|bottom|buttock|inner_thigh|perineum|anus|bit|bits|crotch|vulva|labia|"
          "down|there|toilet_paper|wipe|seat")
NUMB = "numb|tingle|dead|deaden|strange|nothing|sensation|feel|feeling|asleep"
FOOT = "foot|toe|heel|sole|instep|toenail|arch"
WOUND = ("wound|cut|nick|nicked|blister|ulcer|lesion|graze|gash|puncture|hole|crack|split|raw|weep|ooze|pus|scab|"
         "open|bleed|blood|nonstop_bleeding|nonhealing")
HOT_RED = "red|swollen|puffy|inflame|inflamed|infect|infected|infection|streak|hot_touch|puff|puffed"
DARK = "dark|darken|black|blue|purple|grey|gray|discolour|discolor|discoloured|discolored|colour|color|mottled"
PAIN = ("pain|ache|aching|hurt|sore|tight|tightness|pressure|heavy|heaviness|crush|crushing|squeeze|squeezing|"
        "discomfort|kill|band|elephant|burn|stab|sharp|twinge")
DIZZY = "dizzy|dizziness|lightheaded|woozy|giddy|faint|swimmy|spin|wobbly|star|unsteady|spinning"
FALL_WORDS = "fall|fell|fallen|tumble|slip|trip|topple|land|flying|floor|ground|deck|down"
# Harmless uses of "fall", each a phrase ("fell asleep", "the cup fell"), so "I fell and couldn't get up for hours"
# is never mistaken for one.
FIGURATIVE_FALL = (
    "fall asleep|fall fast asleep|fall behind|fall apart|fall in love|fall short|fall through|fall pregnant|"
    "fall ill|fall sick|fall victim|fall prey|fall silent|fall quiet|fall flat|fall for|fall into place|"
    "fall out with|fall foul|fall off the wagon|fall behind with|fell asleep|fell fast asleep|fell behind|"
    "fell apart|fell in love|fell short|fell through|fell pregnant|fell ill|fell sick|fell victim|fell prey|"
    "fell silent|fell quiet|fell flat|fell for|fell into place|fell out with|fell foul|fell off the wagon|"
    "fell behind with|cup fall|mug fall|glass fall|phone fall|plate fall|keys fall|book fall|picture fall|"
    "tree fall|branch fall|shelf fall|vase fall|bottle fall|box fall|lid fall|pan fall|bag fall|tile fall|"
    "tiles fall|snow fall|it fall|sugar fall|level fall|levels fall|reading fall|bp fall|blood_pressure fall|"
    "temperature fall|weight fall|price fall|prices fall|number fall|score fall|leaves fall|leaf fall|rain fall|"
    "night fall|darkness fall|silence fall|share fall|shares fall|sale fall|sales fall|falls prevention|"
    "fall prevention|falls class|falls clinic|falls service|falls team|falls risk|fall risk|falls assessment|"
    "fall detector|fall alarm|falls alarm|fall pendant|nearly fall|almost fall|nearly fell|almost fell|"
    "slipped_disc|the fall|in the fall|this fall|last fall|next fall|autumn"
    "|leaf be fall|leaves be fall|snow be fall|rain be fall|tree be fall|it be fall|price be fall|prices be fall|"
    "sugar be fall|level be fall|levels be fall")

CONCEPTS: tuple[Concept, ...] = (
    # --- emergency: cauda equina --------------------------------------------------------------------------------
    concept(K.BLADDER_BOWEL, "incontinent|incontinence|retention|toilet_accident", window=1,
            examples=("incontinent since this morning", "urine retention since the weekend")),
    concept(K.BLADDER_BOWEL, BLADDER, BLADDER_TROUBLE, window=6,
            examples=("lost control of my bladder", "bladder control gone", "had a bowel accident", "bowels just went",
                      "bladder leaking all day"),
            unless="visit|break|clean|cleaning|flush|seat|roll|door|brush|downstairs|upstairs|paper|bathroom|habit|"
                   "off the|get off|get up from|up from|without help|"
                   "prep|sample|test|infection|uti|stopwatch|range|slow|slow motion"),
    concept(K.BLADDER_BOWEL, VOIDING, BLADDER_TROUBLE.replace("|go|", "|"), window=6,
            examples=("I can't pee", "trouble peeing", "nothing comes out when I go to the loo"),
            unless="visit|break|clean|cleaning|flush|seat|roll|door|brush|downstairs|upstairs|paper|bathroom|habit|"
                   "off the|get off|get up from|up from|without help|"
                   "prep|sample|test|infection|uti|stopwatch|range|slow|slow motion"),
    concept(K.BLADDER_BOWEL, "wet|soil|soiled|pee|wee|poo|poop|mess|accident|soaked|soak|soaking", "myself|himself|"
            "herself|pants|trousers|bed|knickers|underwear|nappy|sheets", window=3,
            examples=("I wet myself", "peed myself during the squats", "soiled my pants", "wet the bed")),
    concept(K.BLADDER_BOWEL, "unable|numb", "tell|feel|know|sense|notice", "need|go|pee|wee|urinate|poo",
            window=8, examples=("can't tell when I need to go", "can't sense when I need to pee")),
    concept(K.BLADDER_BOWEL, "numb|unable", "weeing|peeing|urinating|pooing|wee|pee", window=5,
            examples=("now I can't feel when I'm weeing",), unless="test|sample|stick", unless_window=3),
    concept(K.BLADDER_BOWEL, "urinate", "unable|trouble|difficulty|difficult|struggle|strain|hard|nothing|"
            "retention|problem|stop", window=5,
            examples=("trouble passing water since Tuesday", "not able to urinate since lunchtime")),
    # --- emergency: saddle anaesthesia ---------------------------------------------------------------------------
    concept(K.SADDLE_NUMBNESS, "groin|saddle|nether|undercarriage|genital|buttock|inner_thigh|perineum|anus|crotch|"
                               "vulva|labia|"
            "testicle|bits|bottom", "numb|dead|deaden|tingle|asleep", window=8,
            examples=("numbness in my groin", "saddle area is numb", "my privates feel numb",
                      "no feeling around my back passage", "numb between my legs", "lost feeling in my bottom"),
            unless="saddlesore|saddle sore"),
    concept(K.SADDLE_NUMBNESS, "wipe|toilet_paper|seat", "numb|unable|nothing|feel", window=6,
            examples=("can't feel the toilet paper when I wipe", "numb when I wipe",
                      "can't feel the loo seat when I sit down")),
    # --- emergency: heart ---------------------------------------------------------------------------------------
    concept(K.CHEST_PAIN, "chest|breastbone|sternum", PAIN + "|hurts|ache|pains|heavy|feel|feels|weight", window=7,
            examples=("chest pain", "tight chest when I was doing the step ups", "pressure in my chest",
                      "chest feels heavy", "pain behind my breastbone", "a band round my chest"),
            unless="infection|cold|cough|hair|muscle|muscles|press|fly|flies|wax|drawer|freezer|tattoo|x|stretch|"
                   "stretches|stretching|opener|openers|expansion"),
    concept(K.CHEST_PAIN, "angina|heart_attack", window=1,
            examples=("I think I'm having a heart attack", "angina again during the walk"),
            unless="nearly|almost|gave|give|give me|scared|scare|shock|plate|watch|watching|programme|documentary|"
                   "film|show|risk|reading|read|article", unless_window=5),
    concept(K.ARM_JAW_PAIN, "jaw", PAIN + "|pains|toothache", window=6,
            examples=("pain radiating into my jaw", "jaw ache when I exercise", "toothache type pain in my jaw"),
            unless="dentist|dental|filling|extraction|wisdom|chewing|chew|grind|grinding|clench|abscess",
            unless_window=6),
    concept(K.ARM_JAW_PAIN, "jaw", "spread|radiate|radiating|go|going|into|up|travel|move|moving|exercise|"
            "walk|session|workout|exert|stairs|hill|bike", window=6,
            examples=("my arm hurts and it's spreading to my jaw", "pain moving up into my jaw"),
            unless="dentist|dental|filling|extraction|wisdom|chewing|chew|grind|grinding|clench|abscess",
            unless_window=6),
    concept(K.ARM_JAW_PAIN, "left|both", "arm|arms|shoulder", PAIN + "|pains|spread|radiate|radiating|shoot|"
            "shooting|travel|travelling|going|run|runs", window=10,
            examples=("pain spreading down my left arm", "dull ache in both arms and my jaw"),
            unless="lift|lifting|weight|weights|dumbbell|band|curl|curls|press|tennis|elbow|carry|carrying|"
                   "sleep|slept|injection|jab|vaccine|tingle|numb|pins"),
    concept(K.ARM_JAW_PAIN, "chest", "arm|shoulder|jaw|neck", "spread|radiate|radiating|go|going|into|down|travel|"
            "move", window=8,
            examples=("chest pain going into my left arm", "pressure in my chest radiating down my left arm")),
    concept(K.BREATHLESS_DIZZY, "breathless|winded|puff|puffed|gasp|pant|sob|palpitation|wheeze",
            DIZZY, window=12,
            examples=("out of breath and dizzy on the stairs", "palpitations and lightheaded",
                      "breathless + dizzy on the treadmill")),
    concept(K.BREATHLESS_DIZZY, "heart|heartbeat|pulse", "race|racing|pound|pounding|flutter|fluttering|thump|"
            "thumping|fast|hammer|hammering|skip|crazy|clapper|clappers|gallop|galloping|irregular|erratic|drum|"
            "drumming|"
            "thud|thudding|banging|wild|mad",
            DIZZY, window=12,
            examples=("heart racing and light headed", "my heart was racing and I felt dizzy"),
            unless="love|crush|film|movie|excited|exciting|nervous|interview|date"),
    # --- emergency: fainting, falls with injury ----------------------------------------------------------------
    concept(K.FAINTING, "faint|fainted|fainting|collapse|collapsed|unconscious|syncope|faint_spell|slump", window=1,
            examples=("I fainted", "passed out in the kitchen", "collapsed at the top of the stairs",
                      "blacked out for a few seconds", "lost consciousness briefly", "out cold for a minute"),
            unless="feel|felt|feeling|bit|slightly|little|nearly|almost|quite|very|line|hope|chance|smell|sound|"
                   "tingling|tingle|pain|ache|burning|buzz|buzzing|numbness|glow|noise|memory|trace|outline|"
                   "read|writing|print|text|brain|mind|windows|window|curtains|blinds|screen|room|name|names|"
                   "posture|shoulders|sales|prices|market|"
                   "memory|idea|trace|glimmer|praise|heart|lung|building|roof|bridge|market|deal|plan|tent",
            unless_window=2),
    concept(K.FAINTING, "wake|woke|waking", "floor|ground|carpet", window=5,
            examples=("woke up on the bathroom floor, no idea how I got there",)),
    concept(K.FAINTING, "come|came|coming", "round|to", "floor|ground|sofa|settee|couch|bed|chair|carpet", window=6,
            examples=("came round on the bathroom floor", "came round on the settee")),
    # Fall with injury is built from a fall and an injury in the message (see detect.py); these are the injuries.
    concept(K.FALL_INJURY, "head|skull|forehead|temple|face|nose|teeth|mouth|eye", "hit|bang|banged|bump|bumped|knock|"
                                                                                   "knocked|bash|bashed|"
            "crack|cracked|smack|smacked|whack|injure|injury|cut|bleed", window=5,
            examples=("hit my head", "banged my head on the door frame", "cracked my head on the floor"),
            unless="nail|wall|brick|bang my head against", unless_window=2),
    concept(K.FALL_INJURY, "head|skull|forehead|temple", "lump|bump|egg|gash|cut|bleed|bleeding|bruise", window=6,
            examples=("there's a big lump on my head",), unless="bed|bang my head against", unless_window=2),
    concept(K.FALL_INJURY, "no_weight_bearing|unable_get_up|concussion|concussed|head_injury", window=1,
            examples=("can't put weight on my ankle", "couldn't get up for an hour", "can't weight bear on it",
                      "can't stand on my right leg", "can't walk on my leg")),
    concept(K.FALL_INJURY, "broken|break|broke|fracture|fractured|crack|cracked|snap|snapped", "wrist|arm|hip|leg|"
            "ankle|knee|bone|rib|ribs|collarbone|shoulder|elbow|foot|toe|pelvis|it|back", window=6,
            examples=("think I've broken my wrist", "knee might be broken", "I think my arm is fractured"),
            unless="shoe|glass|cup|plate|phone|heart|habit|record|promise|news|string|band|bench|chair|machine|"
                   "skin|nail|toenail|heel"),
    # --- act now: low blood sugar -----------------------------------------------------------------------------
    concept(K.HYPOGLYCAEMIA, "hypo|hypoing|hypoglycaemia|hypoglycemia", window=1,
            examples=("had a hypo during my workout", "hypoglycemia during exercise"),
            unless="kit|kits|box|pack|supplies|treatment|juice|sweets|awareness|plan|card", unless_window=2),
    concept(K.HYPOGLYCAEMIA, "sugar|glucose|meter|reading|level|libre|cgm|dexcom|sensor|alarm|monitor", "low|drop|"
                                                                                                        "dropped|"
                                                                                                        "dropping|"
                                                                                                        "crash|"
                                                                                                        "crashed|"
                                                                                                        "plummet|"
            "dip|dipped|tank|tanked|fall|fell|go|went|down|#low_glucose", window=5,
            examples=("sugar dropped to 3.1", "low blood sugar mid workout", "glucose 55 mg/dl",
                      "my sugars crashed during the walk", "bs 58 after workout"),
            unless="high|higher|up|rise|rose|raised|spike|spiked|normal|fine|good|ok|okay|steady|stable|cut|cutting|"
                   "less|reduce|reducing|tea|coffee|diet"),
    concept(K.HYPOGLYCAEMIA, "#low_glucose", "mmol|mg|meter|reading|bg|sugar|glucose", window=3,
            examples=("meter said 2.9", "blood sugar 3.0 mmol")),
    concept(K.HYPOGLYCAEMIA, "shaky|shake|tremble", "sweaty|confused|muddled|sugar|hungry|jelly|glucose|low|pale",
            window=10,
            examples=("shaky and sweaty halfway through the exercises", "felt confused and shaky after training",
                      "went low after exercise, had jelly babies and still feel shaky")),
    concept(K.HYPOGLYCAEMIA, "go|went|going|run|ran", "low", window=1, examples=("went low after exercise",),
            unless="battery|phone|fuel|petrol|milk|stock|stocks|supplies|tea|mood|spirits", unless_window=4),
    # --- crisis ------------------------------------------------------------------------------------------------
    concept(K.SELF_HARM, "suicide|suicidal|kill_myself|end_it_all|better_off_dead|want_to_die|self_harm|deathwish|"
            "hopeless|overdose|od", window=1,
            examples=("I want to kill myself", "suicidal thoughts again tonight", "thinking about ending it all",
                      "I'd be better off dead", "I don't want to be here any more", "no point in carrying on",
                      "I've started self harming again", "I'm going to overdose on my gabapentin"),
            unless="prevention|awareness|helpline|hotline|bomber|squad|mission|joke|joking|funny|accidental|"
                   "accidentally|accident|caffeine|coffee|chocolate|sugar|cake|tv|telly|netflix|box set|series"),
    concept(K.SELF_HARM, "cutting|burning|scratching|slashing|carving", "arm|arms|wrist|wrists|thigh|thighs|skin|"
            "leg|legs|stomach", "again|been|keep|kept|start|started|want|urge|urges|deliberately|purpose|secretly|"
            "relapse|relapsed", window=6,
            examples=("been cutting my arms again", "I keep scratching my arms till they bleed")),
    concept(K.SELF_HARM, "cut|burn|slash|carve", "arm|arms|wrist|wrists|thigh|thighs", "again|deliberately|purpose|"
            "want|wanted|urge|urges|relapse|relapsed", window=6,
            examples=("I cut my arms again last night", "I want to cut my wrists")),
    concept(K.SELF_HARM, "cut|cutting|slash|slashed|slashing", "arms|wrists", window=3,
            examples=("cut my arms last night, it bled a lot",),
            unless="bramble|brambles|thorn|thorns|bush|bushes|hedge|gardening|glass|fence|wire|accident|accidentally",
            unless_window=8),
    concept(K.SELF_HARM, "hurt_myself", "want|wanna|going|think|thinking|thought|keep|kept|been|start|started|"
            "again|urge|urges|feel|like|deserve|tempt|tempted|plan|planning|deliberately|purpose|secretly", window=5,
            examples=("I've been cutting myself", "I've been hurting myself again", "I want to hurt myself"),
            unless="accidentally|accident|by accident|shaving|chopping|cooking|kitchen|onion|lifting|moving|"
                   "gardening|exercise|exercises|exercising|training|workout|gym|squat|squats|stairs|pulled|"
                   "twisted|strained|falling|fell", unless_window=6),
    concept(K.SELF_HARM, "goodbye|farewell|suicide", "letter|letters|note|notes|message|messages|video", window=3,
            examples=("I've written goodbye letters to my kids",), unless="card|cards|party|leaving|colleague|work",
            unless_window=6),
    concept(K.SELF_HARM, "look|looking|stare|staring|count|counting|sort|sorting|stockpile|stockpiling",
            "pill|pills|tablet|tablets|meds", "want|stop|end|anymore|over|done|enough", window=14,
            examples=("want it all to stop, been looking at the pills",)),
    concept(K.SELF_HARM, "take|taking|took|swallow|swallowing", "all|whole|lot|bunch|box|bottle|packet",
            "pill|pills|tablet|tablets|meds|medication|gabapentin|pregabalin|paracetamol|painkiller|painkillers|"
            "amitriptyline|morphine|tramadol|oxycodone|codeine|insulin", window=6,
            examples=("thinking of taking all my tablets", "I could swallow the whole bottle of pills")),
    concept(K.SELF_HARM, "save|saved|saving|stockpile|stockpiling|stash|stashing|hoard|hoarding|collect|collecting",
            "pill|pills|tablet|tablets|meds|medication|pregabalin|gabapentin|paracetamol|painkillers|insulin|morphine|"
            "tramadol|codeine|amitriptyline|oxycodone", window=6,
            examples=("I've got pills saved up in case it all gets too much", "been saving up my tablets"),
            unless="money|prescription|repeat|pharmacy|chemist|delivery|holiday", unless_window=6),
    concept(K.SELF_HARM, "burn|burning|scratch|scratching|hit|hitting|punch|punching|starve|starving", "myself",
            window=2, examples=("been burning myself with a lighter", "I keep hitting myself when it gets bad"),
            unless="accident|accidentally|shaving|cooking|oven|kettle|iron|stove|pan|tea|coffee|sun|paper|knife while|"
                   "onion|garden|gardening|hedge|toenail|nail|nails|slightly|little",
            unless_window=4),
    concept(K.SELF_HARM, "wake|waking|woke", "hope|wish|want|mind|rather|pray", "not|never", window=10,
            examples=("some nights I hope I don't wake up", "if I didn't wake up tomorrow I wouldn't mind")),
    concept(K.SELF_HARM, "nobody|noone|anyone|one", "miss|notice|care", "gone|dead|died|die|disappear|"
            "disappeared", window=8,
            examples=("nobody would miss me if I was gone", "no one would notice if I died")),
    concept(K.SELF_HARM, "better", "off", "without|gone|dead|around|here|disappear|disappeared|died|wake|waking",
            window=7,
            examples=("they'd all be better off if I wasn't around",)),
    concept(K.SELF_HARM, "burden", "everyone|everybody|family|kids|children|them|wife|husband|anyone|over|gone|"
            "end|die", window=8,
            examples=("I'm just a burden to everyone, I want it to be over",)),
    concept(K.SELF_HARM, "think|thought|thinking|want|wanted|tempt|tempted|plan|planning|going|urge|imagine|"
            "pictured|picture|consider|considering", "front|jump|jumping|hang|hanging|step|stepping|throw|"
            "throwing|drive|driving|walk|walking|steer|steering|crash|crashing", "train|bus|car|lorry|truck|traffic|"
            "bridge|cliff|building|roof|myself|rope|motorway|river|sea|window|balcony|wall|tree", window=8,
            examples=("thought about stepping in front of a train today", "thought about jumping off the bridge",
                      "I keep thinking about walking into the sea")),
    concept(K.SELF_HARM, "think|thinking|thought|want|going|plan|planning", "end|ending", "it|things", window=4,
            examples=("I've been thinking about ending it",),
            unless="relationship|with|him|her|call|meeting|session|contract|subscription|programme|program|job",
            unless_window=3),
    concept(K.SELF_HARM, "want|wish|need|ready", "over|end|finish", "it|all|everything|life|forever|good", window=5,
            examples=("I want it to be over for good", "just want everything to end"),
            unless="workout|session|exercise|exercises|week|day|pain|winter|holiday|weekend|game|match|meeting|"
                   "appointment|operation|surgery|programme|program|squats|set|sets|today|tonight|soon|nearly|"
                   "almost|wait|waiting|lockdown|work|job|shift|school|term|film|book|series",
            unless_window=8),
    concept(K.SELF_HARM, "unable", "go|carry|take", "on|anymore|more|it", "pain|life|living|this|like",
            window=7, examples=("I can't go on like this, the pain", "can't take it anymore, this life")),
    # --- same day: the foot ------------------------------------------------------------------------------------
    concept(K.FOOT_WOUND, FOOT, WOUND, window=7,
            examples=("new blister on my heel", "cut my foot on a stone", "ulcer on the sole of my foot",
                      "broken skin between my toes", "my toe is bleeding",
                      "there's a sore on the ball of my foot that won't heal"),
            unless="hand|hands|finger|fingers|palm|thumb|mouth|lip|lips|tongue|stomach|gastric|peptic|football|"
                   "shoe shop|sore feet|feet sore|foot sore|my feet are sore|ball game|play|playing|pressure|cream|"
                   "moisturiser|"
                   "moisturise|check|checked|avoid|prevent|sock drawer|dry|blood sugar|sugar|circulation|"
                   "blood_test|flow|cold", unless_window=3),
    concept(K.FOOT_WOUND, "sock|socks|shoe|shoes|trainer|trainers|slipper|slippers", "blood|bleed|bloody|stain|"
            "stained|pus|weep|weeping|ooze", window=5,
            examples=("blood in my sock", "my sock was stained with blood"),
            unless="drawer|washing|wash|laundry|red", unless_window=2),
    concept(K.FOOT_WOUND, "blister|ulcer|ulcerate|nonhealing", window=1,
            examples=("new blisters after the walk", "there's an ulcer", "a sore that won't heal"),
            unless="hand|hands|finger|fingers|palm|thumb|mouth|lip|lips|tongue|stomach|gastric|peptic|cold|fever|"
                   "leg|shin|calf|knee|arm|elbow|back|bum|skin|avoid|prevent|packs|pack|plaster|plasters|"
                   "stomach ulcer|leg ulcer|for|prone|risk|avoid|prevent|prevention", unless_window=4),
    concept(K.FOOT_WOUND, "stand|stood|step|stepped|tread|trod", "nail|glass|pin|tack|thorn|drawing|sharp|splinter|"
            "shell|staple|needle|lego", window=4,
            examples=("stepped on a nail", "stood on a drawing pin", "trod on some glass")),
    concept(K.FOOT_INFECTION, FOOT, HOT_RED, window=9,
            examples=("my big toe is hot and swollen", "left foot is red and warm to the touch",
                      "red streaks going up from my foot", "foot warm and red and my shoe won't go on"),
            unless="sock|socks|shoe shop|shoes|trainers|slipper|slippers|bath|water|bottle|fire|radiator|weather|"
                   "sun|summer|cream|nail polish|varnish|painted|paint|red wine|cold|colder|chilly|ice|icy|"
                   "football|ball|bowl|bowls|shoes|gout|flip|flops|sandals",
            unless_window=2),
    concept(K.FOOT_INFECTION, "toe|toes|toenail|foot|heel", DARK, window=6,
            examples=("toe has gone a funny dark purple colour", "little toe turning black", "toes turning purple"),
            unless="nail polish|varnish|painted|paint|sock|socks|shoe|shoes|ink|dye|bruise|bruised|in the cold|"
                   "when it is cold|cold weather|"
                   "in the dark|the dark|dark room|at night|"
                   "ice|winter|raynaud|raynauds|normal|always|usual|usually|back|returned",
            unless_window=3),
    concept(K.FOOT_INFECTION, "blister|ulcer", "red|swollen|puffy|inflamed|infected|infection|angry|pus|streak|hot|"
            "spreading|spread|smell|smelly", window=7,
            examples=("blister has gone red and angry and swollen all round it", "the ulcer smells and it's hot"),
            unless="throat|mouth|lip|cold|eye|eyes|muscle|muscles|stomach|tummy", unless_window=4),
    # --- same day: bleeding, weakness, severe pain -------------------------------------------------------------
    concept(K.BLEEDING, "bleed|bleeding|bled|blood|nonstop_bleeding|haemorrhage|hemorrhage|nosebleed", window=1,
            examples=("my shin won't stop bleeding", "it's pouring with blood", "coughed up blood",
                      "nosebleed that won't stop"),
            unless="sugar|blood_pressure|blood_test|test|tests|group|type|donor|donate|donation|bank|orange|give|"
                   "giving|gave|given|"
                   "moon|bath|brother|brothers|vessel|vessels|thinner|thinners|cell|cells|count|glucose|"
                   "sample|sausage|pudding|pressure|level|levels|circulation|flow|work|result|results|money|cash|dry|"
                   "warfarin|clot|clots|first|bloody|heart|plant|flower|lip|lips|period|periods|"
                   "spot|spotting|shaving|shave|lancet|finger|prick|pricked|bloods|done|taken|drawn",
            unless_window=2),
    concept(K.WEAKNESS, "footdrop|giveway|floppy", window=1,
            examples=("foot drop", "my left leg keeps giving way", "knee gave way twice today",
                      "legs keep buckling under me")),
    concept(K.WEAKNESS, "foot|leg|arm|hand|ankle|toe|toes|fingers", "wont_move", window=4,
            examples=("my left foot won't lift", "my hand won't grip", "my ankle won't bend up anymore")),
    concept(K.WEAKNESS, "knee|knees|leg|legs|ankle|ankles|hip", "buckle|buckled|buckling|collapse|collapsed|"
            "collapsing|fold|folded|folding", window=4,
            examples=("knee buckled three times today", "my legs just folded under me")),
    concept(K.WEAKNESS, "dropping|fumbling", "thing|things|stuff|cup|cups|everything|mug|glass|keys|pen|plate|fork|"
            "spoon|phone|kettle|item|items", window=4, examples=("I keep dropping things",)),
    concept(K.WEAKNESS, "drop|dropped|fall|fell", "thing|things|stuff|cup|cups|everything|mug|glass|keys|pen|plate|"
                                                  "fork|"
            "spoon|kettle|item|items", "again|keep|kept|third|second|times|twice|always|grip|hand|hands|strength",
            window=9, examples=("dropped my cup again, third time today", "cup fell down from my hand")),
    concept(K.WEAKNESS, "grip|grips|grasp|hold", "go|gone|weak|weaker|unable|lose|lost|no", window=4,
            examples=("my grip's gone", "can't grip the kettle anymore")),
    concept(K.WEAKNESS, "weaker|weakening", window=1, examples=("my legs feel weaker today",),
            unless="tea|coffee|signal|battery|wifi|joke|argument|case|eyesight|sight|voice|currency|pound|dollar|"
                   "team|side|player|players", unless_window=4),
    concept(K.WEAKNESS, "weak|weaken|weakness", "new|spread|spreading|worse|worsening|sudden|suddenly|again|"
            "increase|increasing|getting|more|every|thigh|thighs|arm|hand|hands|gone|go|went", window=7,
            examples=("the weakness is spreading up into my thighs", "new weakness in my right arm",
                      "legs getting weaker every day", "my hands have gone weak"),
            unless="tea|coffee|joke|excuse|moment|signal|battery|wifi|password|link|heart|spot|point|will|stomach|"
                   "tired|tiredness|after|session|workout|exercise|exercises|training|squats|usual|always|bit",
            unless_window=4),
    concept(K.WEAKNESS, "unable", "lift|raise|bend|point|grip|hold|stand", "foot|feet|toe|toes|leg|arm|hand|ankle|"
            "front|kettle|cup|tiptoe|tiptoes|heel|heels", window=6,
            examples=("can't lift my foot up properly", "can't raise my arm above my shoulder anymore"),
            unless="weight|weights|heavy|box|suitcase|shopping|bag|bags|child|grandchild|baby|dumbbell|band",
            unless_window=6),
    concept(K.WEAKNESS, "no_weight_bearing|unable", "tiptoe|tiptoes|heel|heels|toes", window=4,
            examples=("can't stand on my tiptoes on the left anymore",)),
    concept(K.WEAKNESS, "drag|dragging|scuff|scuffing|slap|slapping", "foot|leg|toe|toes|down", window=5,
            examples=("dragging my left leg since Tuesday", "my right foot keeps slapping down when I walk"),
            unless="about|over|with|on it|into|to the", unless_window=2),
    concept(K.WEAKNESS, "trip_own_feet", window=1, examples=("tripping over my toes more and more",)),
    concept(K.WEAKNESS, "catch|catching", "toe|toes|foot|feet", window=3, examples=("i keep catching my toes",),
            unless="ball|bus|train|cold|breath|up|sight|glimpse", unless_window=3),
    concept(K.SEVERE_PAIN, "suddenly|sudden|suddenly|abrupt|instant|instantly",
            "severe|terrible|awful|excruciating|unbearable|agonizing|agonising|agony|extreme|intense|horrendous|"
            "horrible|stab|stabbing|sharp|screaming|worst|bad|off|crippling|bear|shock|ripping|tearing|serious|knife|"
            "crying|cry|unreal|scream|howling|"
            "bursting|thunderclap", window=8,
            examples=("sudden severe pain in my back", "unbearable pain came on suddenly",
                      "sudden agonising pain in my foot", "terrible sudden pain in my back"),
            unless="noise|bang|sound|shower|rain|cold|storm|news|stop|change|urge|thirst|mood|loud",
            unless_window=2),
    concept(K.SEVERE_PAIN, "thunderclap", window=1, examples=("thunderclap headache",)),
    concept(K.SEVERE_PAIN, "worst_pain|excruciating|unbearable|agonizing|agonising|intolerable", window=1,
            examples=("worst pain ever", "excruciating pain out of nowhere in my calf", "this is unbearable pain"),
            unless="usual|usually|always|every night|at night|every evening|every morning|most nights|most days|"
                   "every day|normal|nightly|burning|"
                   "boring|heat|weather|humid|humidity|noise|neighbour|neighbours|wait|queue|traffic|tv|telly",
            unless_window=6),
    concept(K.SEVERE_PAIN, "pain", "scale|chart", "off", window=4, examples=("the pain is off the scale",)),
    concept(K.SEVERE_PAIN, "suddenly|sudden|shot|shoot|jump|jumped|spike|spiked|rocket|rocketed", "#severe_score",
            window=6, examples=("pain just shot up to 10 out of nowhere", "10/10 pain came on suddenly")),
    concept(K.SEVERE_PAIN, "worst", "ever|life|headache", window=4,
            examples=("sudden severe headache, worst ever",)),
    # --- ask: any other fall -------------------------------------------------------------------------------------
    concept(K.FALL, "fall|fell|fallen|falling|tumble|topple|toppled", window=1,
            examples=("I fell over", "had a tumble on the way to the bus", "ive had 2 falls this week"),
            unless=FIGURATIVE_FALL, unless_window=3),
    concept(K.FALL, "slip|slipped|trip|tripped|stumble|stumbled|end|ended|land|landed|tangle|tangled", "floor|ground|"
                                                                                                       "deck|down|"
                                                                                                       "grass|lawn|"
                                                                                                       "bum|bottom|"
                                                                                                       "backside|"
                                                                                                       "pavement|"
                                                                                                       "knees|ice|"
                                                                                                       "flat|face",
            window=6,
            examples=("tripped on the rug and went down", "lost my balance and ended up on the floor",
                      "ended up flat on my face"),
            unless="disc|slipped_disc|mind|memory|tongue|note|paper|a trip|the trip|day trip|road trip|weight|pounds|"
                   "kg|"
                   "stone|lbs|count|track|temper|touch|job|glasses|keys|phone|down to|down the road|shops|"
                   "shop|town|pub|sit down|lie down|lay down|calm|slow|wind|upset|price|prices|cost",
            unless_window=2),
    concept(K.FALL, "go|went|going|gone", "down|flying|over", "floor|ground|ice|lawn|grass|pavement|street|kerb|curb|"
            "stairs|hard|bump|path|footpath|road|drive|driveway|step|steps|garden|yard|bathroom|kitchen|mud|snow",
            window=6,
            examples=("went down on the ice outside the house", "went flying on the pavement",
                      "went flying over the kerb")),
    concept(K.FALL, "floor|ground", "unable_get_up|stuck|stranded", window=8,
            examples=("I'm on the floor and can't get up",)),
    concept(K.FALL, "slip|slipped|tripped|stumbled", window=1,
            examples=("slipped in the shower this morning", "tripped over the hose pipe"),
            unless="disc|slipped_disc|mind|memory|tongue|note|paper|out|into|shoe|shoes|slipper|slippers|pill|"
                   "tablet|dose|date|deadline|standard|standards|grade|schedule|plan|habit", unless_window=2),
)
