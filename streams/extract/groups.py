"""Counts of a member or a part of a group, which are not the group's count.

"one of the suspects was freed" singles a person out: it is a count only with
a verb of its own ("one of the men was killed"). "one of the two pilots ...
was killed": the singular verb is the one's, so "two" is only the size of the
group. Both look at a bounded window around the number.
"""

from __future__ import annotations

from streams.extract.numbers import NUMBER_WORDS, NumberMention
from streams.extract.tokens import Token


def singled_out(toks: list[Token], m: NumberMention) -> bool:
    """ "one of the suspects", "one of its staff", "one of the deadliest attacks": a person or thing
    singled out from a group, a count only with a verb of its own ("one of the men was killed")."""
    n = len(toks)
    return (
        toks[m.core_i].low == "one"
        and m.j + 1 < n
        and toks[m.j].low == "of"
        and toks[m.j + 1].low in ("the", "its", "his", "her", "their", "these", "those", "our")
    )


def total_of_a_part(toks: list[Token], m: NumberMention, k: int, cue_k: int | None) -> bool:
    """ "one of the two pilots ... was killed": a plural total after "of (the)" whose verb is singular."""
    if cue_k is None or (m.best or m.low or m.high or 0) <= 1 or m.i < 2:
        return False
    before = m.i - 1 if toks[m.i - 1].low != "of" else m.i
    if toks[before - 1].low != "of" or before < 2 or (toks[before - 2].kind != "num" and toks[before - 2].low != "one"):
        return False
    return any(toks[q].low in ("was", "is", "has") for q in range(k, cue_k))


def member_of_counted(toks: list[Token], m: NumberMention) -> bool:
    """ "one of six officers killed", "one of 27 players who died": the one is a member of a counted
    group whose fate is the group's (no singular verb of its own), so the count is the group's only."""
    n = len(toks)
    if toks[m.core_i].low != "one" or m.j + 1 >= n or toks[m.j].low != "of":
        return False
    nxt = toks[m.j + 1]
    if not (nxt.kind == "num" or nxt.low in NUMBER_WORDS):
        return False
    return not any(toks[q].low in _SINGULAR for q in range(m.j + 2, min(n, m.j + 10)))


_SINGULAR = frozenset({"was", "is", "has"})


#: The hurt named as a group in a partitive: "five of the wounded", "two of the injured".
_HURT = frozenset({"wounded", "injured", "hurt"})
#: Verbs of dying that a part of the hurt may take: "five of the wounded later died".
_DIED = frozenset({"died", "succumbed", "perished"})
#: Words between the group and its verb: "later", "subsequently", "had since".
_BETWEEN = frozenset({"later", "subsequently", "since", "then", "have", "had", "also", "each"})


def fate_of_the_hurt(toks: list[Token], k: int, partitive: bool) -> int | None:
    """Where the verb of dying is in "five of the wounded (later) died": the part's fate, not the
    group's. ``k`` is where the group word stands after the partitive "of the"; None otherwise.

    The group word only says who they were; what the count says happened to them is the verb
    after it ("Two of the hurt are said to be critical" has none, and stays injured).
    """
    if not partitive or k >= len(toks) or toks[k].low not in _HURT:
        return None
    for q in range(k + 1, min(len(toks), k + 4)):
        low = toks[q].low
        if low in _DIED:
            return q
        if low not in _BETWEEN:
            return None
    return None
