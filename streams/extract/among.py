"""Counts placed among a group: "nine children were among those killed", "one tourist was among
five people killed", "four Dutch nationals were named among the victims".

Helpers of :func:`streams.extract.shapes.people_cue`. Every look is bounded by a
fixed window: linear.
"""

from __future__ import annotations

from streams.extract import lexicon as lx
from streams.extract.numbers import NUMBER_WORDS
from streams.extract.tokens import Token

#: The groups of "among the injured", "among those killed": what their members count as.
AMONG_GROUP = {"dead": "killed", "killed": "killed", "injured": "injured", "wounded": "injured",
               "hurt": "injured", "missing": "missing", "detained": "arrested", "arrested": "arrested"}  # fmt: skip
#: Participles that place a count in a group: "identified among the dead", "counted among the injured".
_PLACING = frozenset({"identified", "counted", "named", "numbered", "included", "found", "confirmed"})
#: How many words may stand between a group's number and its cue: "among 13 foreign tourists killed".
_NOUN_WINDOW = 4


def among_cue(toks: list[Token], c: int) -> str | None:
    """The metric of the group that the count's verb at ``c`` places it in, or None.

    ``c`` is "among" itself ("were among those killed") or a placing participle
    right before it ("have been identified among the dead"). The group is
    "the/those" with a group word, or a counted group with its own cue ("among
    five people killed", "among the 13 injured").
    """
    n = len(toks)
    if toks[c].low in _PLACING and c + 1 < n and toks[c + 1].low == "among":
        c += 1
    if toks[c].low != "among" or c + 2 >= n:
        return None
    q = c + 1
    if toks[q].low in ("the", "those") and toks[q + 1].low in AMONG_GROUP:
        return AMONG_GROUP[toks[q + 1].low]
    if toks[q].low == "the":
        q += 1
    if q >= n or not (toks[q].kind == "num" or toks[q].low in NUMBER_WORDS):
        return None
    for p in range(q + 1, min(n, q + 1 + _NOUN_WINDOW)):
        cue = lx.RIGHT_CUES.get(toks[p].low)
        if cue in AMONG_GROUP.values():
            return cue
        if toks[p].kind != "word":
            return None
    return None


def list_comma(toks: list[Token], p: int) -> bool:
    """Whether the comma at ``p`` goes on a list of counts: "eight nurses, three doctors and a cook were ..."."""
    return p + 1 < len(toks) and toks[p].text == "," and (toks[p + 1].kind == "num" or toks[p + 1].low in NUMBER_WORDS)
