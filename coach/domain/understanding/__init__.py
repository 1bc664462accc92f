"""Understanding what participants write: normalise, find concepts, judge them in context, classify."""
