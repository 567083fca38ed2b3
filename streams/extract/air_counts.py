"""Counts of drones and missiles: which family a count belongs to, and "all N fired" shapes.

``metrics.py`` links a number to a verb of downing or launching; this module
says what was downed or launched: "83 drones", "40 of 55 missiles", "nine
Iskanders", or the drones and missiles named elsewhere in the sentence, and
never "30 delivery drones" or rockets carrying satellites.
"""

from __future__ import annotations

from streams.extract import lexicon as lx
from streams.extract.cues import BOUNDARY, Figure
from streams.extract.numbers import NumberMention
from streams.extract.senses import civil_air_object
from streams.extract.tokens import Token, words


def air_noun(words: list[str]) -> bool:
    return any(w in lx.DRONE_NOUNS or w in lx.MISSILE_NOUNS for w in words)


def all_fired(toks: list[Token], m: NumberMention) -> bool:
    if m.i < 1 or toks[m.i - 1].low != "all":
        return False
    for p in range(m.j, min(len(toks), m.j + 6)):
        if toks[p].text in BOUNDARY:
            return False
        if toks[p].low in ("fired", "launched"):
            return True
    return False


def air_family(toks: list[Token], m: NumberMention, subj_low: list[str], prev: Figure | None = None) -> str | None:
    lows = [t.low for t in toks]
    for q, w in enumerate(subj_low):
        if civil_air_object(subj_low, q, lows):
            return None  # "30 delivery drones", "2 rockets carrying satellites into orbit"
        if w in lx.DRONE_NOUNS:
            return "drones"
        if w in lx.MISSILE_NOUNS:
            return "missiles"
        if w in lx.OTHER_OBJECT_NOUNS:
            return None
    n = len(toks)
    # "downed 83 of 120 drones"
    for k in range(m.j, min(n, m.j + 5)):
        w = toks[k].low
        if w in lx.DRONE_NOUNS:
            return "drones"
        if w in lx.MISSILE_NOUNS:
            return "missiles"
        if toks[k].text in BOUNDARY:
            break
    best: tuple[int, str] | None = None
    for k, t in enumerate(toks):
        fam = "drones" if t.low in lx.DRONE_NOUNS else "missiles" if t.low in lx.MISSILE_NOUNS else None
        if fam is None:
            continue
        dist = (m.i - k) if k < m.i else (k - m.j) + 50
        if best is None or dist < best[0]:
            best = (dist, fam)
    if best is None and prev is not None and prev.metric.startswith(("drones_", "missiles_")):
        return prev.metric.split("_", 1)[0]  # "Five were shot down": the missiles of the sentence before
    return best[1] if best else None


#: Unguided projectiles: each one that lands is a strike, as a dropped bomb is ("25 rockets hit the south").
PROJECTILE_NOUNS: frozenset[str] = words("rockets shells mortars projectiles")
#: Verbs of a projectile's landing.
_IMPACT_VERBS: frozenset[str] = lx.HIT_VERBS | lx.FELL_VERBS | words("impacted exploded")
#: Words that end the look for a landing: the count's fate is told otherwise ("... were intercepted").
_NOT_LANDED: frozenset[str] = words("and but intercepted downed destroyed shot while whereas with")
#: How far after the counted noun its landing verb may stand: "fired from the strip have hit".
MAX_TO_IMPACT = 8


def projectiles_landed(toks: list[Token], subj_low: list[str], k: int) -> bool:
    """Whether the rockets or shells counted in ``subj_low`` (ending before ``k``) landed.

    "25 rockets hit the south", "48 rockets fired from the strip have hit the north", "four shells
    landed on the yard": each landing is a strike, counted as bombs are. A launch alone ("fired
    30 rockets at the town") or an interception ("were intercepted") is no landing. One bounded look.
    """
    if not subj_low or subj_low[-1] not in PROJECTILE_NOUNS:
        return False
    for p in range(k, min(len(toks), k + MAX_TO_IMPACT)):
        t = toks[p]
        if t.low in _IMPACT_VERBS:
            return True
        if t.kind == "num" or t.low in _NOT_LANDED or (t.kind == "punct" and t.text != "#"):
            return False
    return False
