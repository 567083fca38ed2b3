"""Dead counted as more of the same incident: "three were killed ... two others died of their wounds" is five.

A report often gives a first toll and then adds to it in a later clause or
sentence: "two other civilians died", "seven others died in hospital",
"another 16 people were killed", "ten more people were killed overnight". The
words "other", "others", "another", "more", "further" and "additional" say that
these dead come on top of the ones already counted, so the entry's toll is the
sum (an update, "the toll rose to 12", replaces instead; it carries none of these
words). The casualty view keeps the largest figure of an entry's incident, so
without the sum it would show one part only. This module adds the running sum
as a figure of its own (subject "people"), beside the parts, which stay as
written.

Only ``killed`` adds up here, and only incident figures with addable bounds:
running totals, rates and vague or rough figures ("dozens more") never do. Work
is linear in the entry's figures.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import TypeVar

from streams.extract.cues import Figure
from streams.extract.tokens import Token

_S = TypeVar("_S")

#: Words right after the number that mark dead on top of those already counted: "two other civilians".
_AFTER = frozenset({"other", "others", "more", "additional", "further"})
#: Words right before the number that do the same: "another 16 people", "a further three".
_BEFORE = frozenset({"another", "further", "additional"})
#: Qualifiers whose bounds add up; vague or rough ones do not.
_ADDABLE = frozenset({"exact", "at_least", "more_than"})


#: Words of a clause that put the added dead at another scene or on another day: then they are another incident.
_ELSEWHERE = frozenset(
    {"elsewhere", "nearby", "separately", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
     "sunday", "yesterday", "earlier", "previous", "village", "villages", "town", "towns", "province", "city",
     "district", "neighborhood", "neighbourhood", "area", "camp", "region"}
)  # fmt: skip
_CLAUSE_ENDS = frozenset({",", ";", ".", ":", "while", "whereas"})


def adds_to_earlier(toks: list[Token], f: Figure, place_starts: Sequence[int]) -> bool:
    """Whether the figure ``f`` (of the sentence ``toks``) counts dead on top of those already counted
    at the same scene: "two other civilians died of their wounds", "another 16 people were killed".

    Not a coordinated part ("eleven pupils and two others": summed as a list), and not dead the
    clause places elsewhere or on another day ("another 10 in Idlib", "three others on Saturday"):
    those are another incident. ``place_starts`` are where the sentence's places begin.
    """
    starts = [t.start for t in toks]
    k = bisect_left(starts, f.end)
    noun = any(toks[q].low in ("deaths", "fatalities") for q in range(k, min(len(toks), k + 2)))
    if f.via not in ("right", "left") or noun:
        return False  # only dead a verb counts: "a further 70,000 deaths were attributed to hunger" is a class apart
    b = bisect_left(starts, f.start) - 1
    if not ((k < len(toks) and toks[k].low in _AFTER) or (b >= 0 and toks[b].low in _BEFORE)):
        return False
    if b >= 0 and toks[b].low in ("and", ",", "or"):
        return False
    lo = b
    while lo > 0 and toks[lo - 1].text not in _CLAUSE_ENDS:
        lo -= 1
    hi = k
    while hi < len(toks) and toks[hi].low not in _CLAUSE_ENDS:
        hi += 1
    clause = toks[max(lo, 0) : hi]
    if any(t.low in _ELSEWHERE for t in clause):
        return False
    a, z = (clause[0].start, clause[-1].end) if clause else (f.start, f.end)
    return not any(a <= p < z for p in place_starts)


def _point(f: Figure) -> int | None:
    if f.qualifier not in _ADDABLE or f.per is not None:
        return None
    return f.best if f.best is not None else f.low


def running_sums(pending: Sequence[tuple[Figure, _S, bool]], adds: Sequence[bool]) -> list[tuple[Figure, _S, bool]]:
    """The sums the added dead make with the toll before them, in the entry's order.

    ``pending`` holds each figure with its sentence and whether it is a running total; ``adds``
    says, for each, whether it counts dead on top of those already counted (``adds_to_earlier``).
    """
    out: list[tuple[Figure, _S, bool]] = []
    toll: int | None = None  # the incident's dead counted so far
    bound = "exact"
    for (f, sent, cumulative), added in zip(pending, adds, strict=True):
        if f.metric != "killed" or cumulative:
            continue
        point = _point(f)
        if point is None:
            toll = None if added else toll
            continue
        if not added or toll is None:
            toll, bound = point, f.qualifier
            continue
        toll += point
        if f.qualifier != "exact":
            bound = f.qualifier if bound == "exact" or f.qualifier == "more_than" else bound
        out.append(
            (
                Figure(
                    "killed",
                    None if bound == "exact" else toll,
                    None if bound == "more_than" else toll,
                    None,
                    bound,
                    f.start,
                    f.end,
                    "people",
                    None,
                    f.tok_i,
                    f.tok_j,
                    f.via,
                ),
                sent,
                False,
            )
        )
    return out
