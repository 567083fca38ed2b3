"""Strike nouns of labour disputes: who walks out, and the dispute a strike is in.

Helpers of :func:`streams.extract.context.find_strike`, for a strike noun with no
weapon: "the junior doctors' strike" (who walks out comes first), "new strikes in
the signal staff dispute", "a fresh strike over pay in the guards' row" (the
dispute follows). Each looks at a few tokens around one noun: linear.
"""

from __future__ import annotations

from streams.extract import lexicon as lx
from streams.extract.tokens import Token, words

#: Nouns that name a quarrel a strike is part of ("in the pay dispute", "over the guards row").
_DISPUTES = words("dispute disputes row rows")
#: How far after "in"/"over" the dispute noun may stand ("in the long-running signal staff dispute").
_DISPUTE_WINDOW = 6


def follows_walker(toks: list[Token], k: int) -> bool:
    """Whether the strike noun at ``k`` follows who walks out, past a possessive ("doctors ' strike")."""
    p = k - 1
    while p >= 0 and toks[p].text in ("'", "'s", "’", "s") and k - p <= 2:
        p -= 1
    return p >= 0 and toks[p].low.removesuffix("'") in lx.NOT_MILITARY_BEFORE_STRIKE


def in_dispute(toks: list[Token], k: int) -> bool:
    """Whether the strike noun at ``k`` is "in"/"over" a dispute or row named shortly after it."""
    n = len(toks)
    if k + 1 >= n or toks[k + 1].low not in ("in", "over"):
        return False
    for p in range(k + 2, min(n, k + 2 + _DISPUTE_WINDOW)):
        if toks[p].kind == "punct":
            return False
        if toks[p].low in _DISPUTES:
            return True
    return False
