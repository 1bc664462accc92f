"""Red flags: their kinds as data, finding them in what participants write, and the answers to them.

kinds.py (the table of kinds, urgency and what each means for training), lexicon.py (the words, as data),
detect.py (finding them, judged in context), replies.py (one instruction per situation), numbers.py (emergency and
crisis numbers by country).
"""

from coach.domain.safety.detect import RedFlag, could_hold_a_flag, detect_red_flags
from coach.domain.safety.kinds import (
    FOOT_KINDS,
    KINDS,
    URGENT_KINDS,
    FlagKind,
    Training,
    Urgency,
    kind_label,
    most_urgent,
    urgency_of,
)

__all__ = ["FOOT_KINDS", "KINDS", "URGENT_KINDS", "FlagKind", "RedFlag", "Training", "Urgency", "could_hold_a_flag",
           "detect_red_flags", "kind_label", "most_urgent", "urgency_of"]
