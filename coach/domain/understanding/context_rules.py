"""ConText rules for how participants write: the cues that say a symptom is denied, gone, in the past, only
feared, or someone else's. Data, read by coach/domain/understanding/context.py into medspaCy's ConText.

Each rule: the cue as written after normalisation (lower case, contractions expanded: "haven't" → "have not",
"can't" → "unable"), its category, the direction it looks in, an optional maximum scope in tokens, and at least
one example in which it changes the judgement (tests/unit/test_context_rules.py checks each).

Categories:
- NEGATED: denied ("no chest pain", "never fainted").
- RESOLVED: was there, has gone ("the blister has healed").
- HISTORICAL: long ago ("a fall two years ago").
- HYPOTHETICAL: feared, asked about or avoided ("if I ever get chest pain", "so I don't get blisters").
- OTHER_PERSON: someone else's ("my husband fell").
- NEAR_MISS: almost but not quite, for falls only ("I nearly fell").
- PSEUDO: looks like a cue but is not ("not sure", "no idea", "not gone"): it blocks the shorter cue inside it.
- CLAUSE: a new clause ("but", "however", "and then"): ends every cue's reach but a resolution's ("I had chest
  pain last week but it has gone").
"""

from __future__ import annotations

from typing import NamedTuple


class Rule(NamedTuple):
    cue: str
    category: str
    direction: str  # FORWARD | BACKWARD | BIDIRECTIONAL | TERMINATE | PSEUDO
    examples: tuple[str, ...]
    max_scope: int | None = None
    only: tuple[str, ...] = ()  # the flag kinds it applies to; () = all
    never: tuple[str, ...] = ()  # the flag kinds it never applies to
    # Its reach ends at a comma, "then", or the participant speaking again ("my wife says I fainted").
    clause_bound: bool = False
    # Only as the subject of its clause: "the dog collapsed" is the dog's, "I tripped over the dog" is not.
    subject_only: bool = False


def _rules(category: str, direction: str, cues: str, *examples: str, max_scope: int | None = None,
           only: tuple[str, ...] = (), never: tuple[str, ...] = (), clause_bound: bool = False,
           subject_only: bool = False) -> list[Rule]:
    """Several cues sharing a category, a direction and examples ("|"-separated)."""
    return [Rule(cue, category, direction, examples, max_scope, only, never, clause_bound, subject_only)
            for cue in cues.split("|")]


RULES: tuple[Rule, ...] = (
    *_rules("NEGATED", "FORWARD",
            "no|not|never|without|none|nothing|nor|neither|zero|deny|denies|free of|no sign of|no signs of|"
            "no more|no new|not any|no longer|nowhere near|not a single|not one|nil|clear of|at no point|at no time|"
            "unable say|can not say|not notice|not noticed|have not noticed|did not notice|have not seen|not seen|"
            "not had|have not had|has not had|did not have|did not get|have not got|not got|never got|never had",
            "no chest pain today", "haven't had any blisters", "never fainted in my life", "no new cuts or redness",
            "feet clear of any sores"),
    *_rules("NEGATED", "BACKWARD", "none|free|negative|nope|nil",
            "blisters: none", "chest pain - no", max_scope=3),
    *_rules("RESOLVED", "BACKWARD",
            "gone|go away|went away|disappear|disappeared|clear up|cleared up|heal|healed|heal up|healed up|"
            "resolve|resolved|settle|settled|settled down|passed|stopped|stopped now|sorted|fixed|better now|"
            "gone now|long gone|cleared|all healed|scabbed over|scab over|over now|closed up|close up|recovered|"
            "recover|much better|lot better|back to normal|normal now|normally now|fine since|ok since|"
            "okay since|none since|nothing since|not since|never since|never again|not again since|"
            "all clear|healed over|better since|has settled|went completely|cleared completely|gone completely|"
            "completely gone|completely healed|signed off|signed me off|all gone",
            "the chest pain I had last week has gone", "blister healed up nicely", "the dizziness passed",
            max_scope=25),
    *_rules("RESOLVED", "BACKWARD", "turned out to be|turned out|was just|was only|was nothing|nothing serious|"
            "false alarm", "the tightness in my chest turned out to be indigestion", max_scope=10),
    *_rules("RESOLVED", "BACKWARD", "gone down|went down|come down|came down|going down", "the swelling has gone down",
            max_scope=8, only=("foot_infection",)),
    *_rules("RESOLVED", "FORWARD", "used to have|no longer have|got rid of|recovered from|over the worst",
            "no longer have that ulcer", "got rid of the blister", max_scope=6),
    *_rules("HISTORICAL", "FORWARD",
            "in the past|history of|back in|when i was young|when i was younger|when i was a kid|"
            "when i was a child|as a child|as a kid|years ago|last year|used to|once had|previously|"
            "a while back|before my operation|before my surgery|before the operation|in #year|back in #year|"
            "as a teenager|as a teen|in my teens|in my twenties|in my thirties|in my forties|in my fifties|"
            "in my sixties|year before last|the year before last|winter before last|summer before last|"
            "when i was pregnant|at university|at uni|at college|when i was at school",
            "in the past I fainted a few times", "used to get chest pain", "history of foot ulcers"),
    *_rules("HISTORICAL", "FORWARD", "previous history|medical history|past medical history|background of|"
            "history|previous|previously had|when i was #number|at #number|aged #number",
            "previous history: angina, well controlled", "fainted once when I was 17"),
    *_rules("HISTORICAL", "BACKWARD",
            "years ago|year ago|months ago|month ago|last year|a while back|long ago|ages ago|as a child|"
            "as a kid|when i was young|when i was younger|in my twenties|in my thirties|in the past|back then|"
            "decades ago|at school|when i was #number|at the age of #number|aged #number|in #year|back in #year|"
            "as a teenager|as a teen|in my teens|in my twenties|"
            "in my thirties|in my forties|in my fifties|in my sixties|year before last|the year before last|"
            "winter before last|summer before last|when i was pregnant|at university|at uni|years back|"
            "a few years back|some years ago|long time ago|a long time ago|in the past",
            "I had a fall two years ago", "fainted once as a child", max_scope=10),
    *_rules("HYPOTHETICAL", "FORWARD",
            "if|if i|if i ever|what if|in case|should i|what should i do if|what do i do if|what happens if|"
            "how do i know if|how would i know|worried i might|worried i will|worried about|afraid of|"
            "afraid i might|afraid i will|scared of|scared i might|scared i will|fear of|frightened of|risk of|"
            "prevent|to prevent|avoid|to avoid|so i do not get|so i do not|stop getting|what counts as|"
            "signs of|symptoms of|sign of|watch out for|look out for|check for|checking for|checked for|"
            "is it normal|is it bad|is it ok|is it okay|can i|could i|whether|unless|if i tell you|"
            "if i said|if i say|if i report|if i mention|if i told you|might make me|could make me|may make me|"
            "might cause|could cause|reading about|"
            "read about|learning about|leaflet about|talk about|talked about|video about|told me about|read that|"
            "how to|teach you|teaches you|taught us|taught me how|show me how|showed me how|prevention|"
            "warned me about|mentioned|what counts|does it count|in order not to|hope i do not|hoping i do not|"
            "do not want to get|do not want to end up|keep an eye out for|on the lookout for|precaution|"
            "to reduce the risk of|chance of|likely to|hate to|would hate to|dread|dreading|terrified of|"
            "terrified i|petrified of|the thought of|imagine if|my worry is|worry is that|my fear is|fear is that|"
            "scared my|scared that|worried that|worried my|afraid my|afraid that|one day|some day|someday|"
            "one of these days|in the future|when i am older|as i get older",
            "if I ever get chest pain", "worried I might fall", "bought new shoes so I don't get blisters",
            "what counts as an emergency", "reading about cauda equina", max_scope=10, clause_bound=True,
            never=("self_harm",)),
    *_rules("OTHER_PERSON", "FORWARD",
            "my husband|my wife|my partner|my mum|my mom|my mother|my dad|my father|my son|my daughter|"
            "my brother|my sister|my friend|my neighbour|my neighbor|my gran|my grandma|my nan|my grandad|"
            "my grandpa|my aunt|my uncle|my cousin|my colleague|my boss|my dog|my cat|my hubby|my other half|"
            "my boyfriend|my girlfriend|my fiance|my fiancee|my mate|my carer|my patient|my kid|my kids|"
            "my children|my child|my grandson|my granddaughter|my niece|my nephew|my in laws|my inlaws|"
            "my mother-in-law|"
            "my father-in-law|someone|somebody|a friend|a man|a woman|a lady|a guy|"
            "a neighbour|a neighbor|a colleague|an old man|an old lady|the lady|the man|the woman|people|"
            "husband|wife|mum|mom|dad|friend|neighbour|neighbor|grandad|grandma|nan|sister|brother|son|daughter|"
            "patient|patients|one of the men|one of the women|one of the ladies|one of the people|one of the others|"
            "one of my friends|one of the group|one of the class|the dog|the cat|our dog|our cat|dog|cat|horse|pet|"
            "the lady|the man|the woman|the guy|the bloke|lady|man|woman|guy|bloke|girl|boy|kid|child|baby|"
            "granddad|grandpa|grandson|granddaughter|grandchild|grandchildren|nephew|niece|cousin|uncle|aunt|"
            "auntie|husband's|wife's|partner|boyfriend|girlfriend|colleague|coworker|client|teacher|vet",
            "my husband fell", "mum has ulcers on her feet", "he passed out at the match",
            max_scope=20, clause_bound=True, subject_only=True),
    *_rules("HYPOTHETICAL", "FORWARD", "i will|will|i am going to|going to|i would|would",
            "I'll fall on the ice this winter", max_scope=6, clause_bound=True,
            only=("fall", "fall_injury", "weakness")),
    # Pronouns: someone else's, except for thoughts of suicide ("they'd be better off without me" is about me).
    *_rules("OTHER_PERSON", "FORWARD", "he|she|they|he is|she is|they are|he has|she has|they have",
            "he passed out at the match", "she has a blister on her heel", max_scope=12, clause_bound=True,
            subject_only=True, never=("self_harm",)),
    *_rules("OTHER_PERSON", "BACKWARD", "said my husband|said my wife|my husband did|my wife did|not me",
            "fell over in the garden, not me, my husband", max_scope=8),
    *_rules("NEAR_MISS", "FORWARD", "nearly|almost|close to|just about|so nearly|very nearly|on the verge of|"
            "about to|came close to",
            "I nearly fell on the stairs", "almost went over on the ice", max_scope=3, only=("fall",),
            clause_bound=True),
    *_rules("NEAR_MISS", "BACKWARD", "caught myself|but caught myself|managed not to|stopped myself|"
            "grabbed the rail|steadied myself|without falling|but no fall|saved myself|held on",
            "tripped on the rug but caught myself", max_scope=8, only=("fall",)),
    *_rules("RESOLVED", "BACKWARD", "fine ever since|ever since|normal again|again now|closed over|back to normal now|"
            "been fine since|been fine", "that dizzy spell was weeks ago, been fine ever since",
            "the cut on my foot has completely closed over", max_scope=12),
    *_rules("HISTORICAL", "BACKWARD", "weeks ago|a few weeks ago|couple of weeks ago|was weeks ago",
            "that dizzy breathless spell on the bike was weeks ago", max_scope=12),
    *_rules("OTHER_PERSON", "FORWARD", "the wife|the husband|the missus|the old man|my bf|my gf|boyfriend|girlfriend",
            "the wife's toe's gone black", "my bf passed out at the party", max_scope=12, clause_bound=True,
            subject_only=True),
    # "hip's gone", "my back went": a body part giving out, not a symptom that has gone.
    *_rules("PSEUDO", "PSEUDO", "hip gone|knee gone|back gone|ankle gone|leg gone|legs gone|hip has gone|"
            "knee has gone|back has gone|ankle has gone|leg has gone|legs have gone|back went|knee went|hip went|"
            "legs went|leg went|ankle went", "came a cropper on the back steps, hip's gone and I can't stand on it"),
    *_rules("PSEUDO", "PSEUDO", "sure if|sure if i|know if|know if i|remember if|remember if i|wonder if|wonder if i|"
            "sure whether|know whether|tell if|tell if i", "not sure if I passed out"),
    *_rules("PSEUDO", "PSEUDO", "not say there is no|would not say there is no|not as if|not as if i did not|"
            "not that i did not|unable say i have not|can not say i have not|not say i have not",
            "I wouldn't say there's no chest pain. There is some.", "It's not as if I didn't fall, I did"),
    *_rules("NEAR_MISS", "BACKWARD", "stayed on my feet|kept my feet|stayed upright|kept my balance|did not go down|"
            "stay on my feet|stayed up", "stumbled on the kerb but stayed on my feet", max_scope=8, only=("fall",)),
    *_rules("HYPOTHETICAL", "FORWARD", "watch for|to watch for|look for|keep an eye on|mentions|mentioned|leaflet|"
            "says that|talks about|told me to watch", "the physio told me to watch for numbness in the saddle area",
            max_scope=10, clause_bound=True, never=("self_harm",)),
    *_rules("OTHER_PERSON", "FORWARD", "chap|the chap|fella|the fella|fellow|lad|lass|the lad|the lass",
            "the chap on the next bike at the gym collapsed", max_scope=12, clause_bound=True, subject_only=True),
    *_rules("PSEUDO", "PSEUDO", "sitting on nothing|like sitting on nothing|like nothing|not waking|not wake up|"
            "not waking up|not to wake up", "sitting on the loo feels like sitting on nothing, all numb down below",
            "I'd be better off not waking up"),
    *_rules("RESOLVED", "BACKWARD", "not come back|has not come back|never came back|not returned|never returned|"
            "has not returned", "the numbness in my seat area went after the injection in March and hasn't come back",
            max_scope=25),
    *_rules("HYPOTHETICAL", "BACKWARD", "could happen|might happen|can happen|may happen|could develop|might develop|"
            "could get|might get|is a risk|is a red flag|are red flags|is an emergency|are emergencies",
            "they warned me foot drop could happen if the nerve gets more squashed", max_scope=8, never=("self_harm",)),
    *_rules("PSEUDO", "PSEUDO", "is not there|not there|are not there|was not there|not even there",
            "it's like my bottom isn't there, numb all round"),
    *_rules("PSEUDO", "PSEUDO",
            "not sure|not certain|not know|do not know|no idea|not remember|do not remember|not only|not just|"
            "no doubt|no wonder|not that|not gone|not go away|not went away|not stopped|not stop|not settled|"
            "not healed|not healing|not better|no better|not improving|no improvement|not getting better|"
            "no change|not resolved|not cleared|not cleared up|not passed|no warning|without warning|"
            "without any warning|never had this|never had that|never happened|never felt|never been this|"
            "not normal|not right|not usual|not like me|no reason|not for long|not long|no time|not much|"
            "not a lot|never before|not before|nothing like|no stopping|no matter|not anymore|no control|"
            "might have|may have|could have|must have|would have|i think i|think i|i reckon|pretty sure|"
            "gone numb|gone dark|gone red|gone black|gone blue|gone purple|gone grey|gone gray|gone weak|"
            "gone dead|gone a|gone all|gone funny|gone very|gone really|gone completely|gone totally|gone hard|"
            "gone hot|gone cold|gone swollen|gone white|gone pale|gone floppy|gone stiff|gone bad|gone worse|"
            "gone wrong|gone downhill|gone numbish|gone septic|gone yellow|gone green|gone mushy|gone soft|"
            "has gone numb|have gone numb|went numb|went dark|went black|went red|went blue|"
            "not able|not even|not fall asleep|no relief|not gone away|not go down|not come down|without me|"
            "not around|not here|no point|no one|nobody|not wake|not be here|not want|no way",
            "I'm not sure if I fainted", "the chest pain has not gone away",
            "severe pain came on suddenly, never felt anything like it"),
    *_rules("CLAUSE", "PSEUDO",
            "but|however|although|though|except|apart from|aside from|other than|yet|and then|then|and now|"
            "now|and i|so i|since then|after that|whereas|while|anyway|otherwise|instead|only|but now|"
            "and also|also|plus|as well as|still",
            "no chest pain but I fainted", "no blisters, though my big toe is hot and swollen"),
)
