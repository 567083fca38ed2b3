"""A tally named before its members: the group's word, then the counts that make it up.

- "the dead, two boys and an old man, are still unnamed";
- "people hurt included 12 Britons, three French children and two Romanians";
- "among the 11 people killed in Lyon were two Swiss and one Austrian";
- "those killed in the crash included 140 passengers and 12 crew".

The group word gives the metric of the first count after it; the counts that
follow it in a list inherit it (metrics.py). One bounded look back: linear.
"""

from __future__ import annotations

from streams.extract.cues import BOUNDARY
from streams.extract.shapes import AMONG_GROUP
from streams.extract.tokens import Token

_BE = frozenset({"are", "were", "is", "was"})
_INCLUDE = frozenset({"include", "included", "includes", "including", "comprised", "comprise", "comprises"})
_GROUP_OPENERS = frozenset({"the", "those", "people"})
#: How far back "among" may open the group: "among the 13 people killed in Barcelona were".
_AMONG_WINDOW = 12


def tally_label(toks: list[Token], i: int) -> str | None:
    """The metric of a group named just before the count at ``i``, or None."""
    p = i - 1
    if p >= 1 and toks[p].text == ":" and toks[p - 1].low in _INCLUDE:
        p -= 1  # "those injured include: 12 Britons"
    if p < 2:
        return None
    link = toks[p].low
    if link in _INCLUDE and link != "including" and (named := _named_group(toks, p)) is not None:
        return named  # "those killed in the crash included 140 passengers"
    if not (link in (",", ":") or link in _BE or link in _INCLUDE):
        return None
    group = toks[p - 1].low
    if group in AMONG_GROUP and toks[p - 2].low in _GROUP_OPENERS:
        if link == "," and toks[p - 2].low != "the":
            return None  # "people killed, 12 ..." is no label; "the dead, three men" is
        if link == "including" and toks[p - 2].low != "people":
            return None  # "the dead including three children": metrics.py's own "including" rule
        return AMONG_GROUP[group]
    if link not in _BE:
        return None
    for r in range(p - 1, max(-1, p - _AMONG_WINDOW), -1):
        if toks[r].text in BOUNDARY:
            return None
        if toks[r].low == "among" and r + 1 < p and toks[r + 1].low in ("the", "those"):
            return next((AMONG_GROUP[toks[c].low] for c in range(r + 2, p) if toks[c].low in AMONG_GROUP), None)
    return None


def _named_group(toks: list[Token], p: int) -> str | None:
    """The metric of "those killed (in the crash)" just before the verb of inclusion at ``p``, or None.

    The group opens with "those" or "people" and its word ("killed", "injured", "arrested") right
    after; what lies between it and the verb is a short phrase with no count and no clause boundary.
    """
    for r in range(p - 2, max(-1, p - _AMONG_WINDOW), -1):
        t = toks[r]
        if t.text in BOUNDARY or t.kind == "num":
            return None
        if t.low in ("those", "people") and toks[r + 1].low in AMONG_GROUP:
            return AMONG_GROUP[toks[r + 1].low]
    return None
