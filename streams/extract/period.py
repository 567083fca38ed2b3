"""Whether a figure is a running total over a war or period (``cumulative``)."""

from __future__ import annotations

from streams.extract import lexicon as lx
from streams.extract.tokens import Token, words

_INCIDENT = words(
    """
    strike strikes attack attacks shelling blast explosion bombing raid collapse overnight
    yesterday today
    """
)
_PERIOD_PHRASES: tuple[tuple[str, ...], ...] = (
    ("so", "far", "this", "year"),
    ("this", "year"),
    ("to", "date"),
    ("throughout", "the", "war"),
    ("during", "the", "war"),
    ("over", "the", "course", "of", "the", "war"),
    ("in", "the", "war", "so", "far"),
    ("since", "it", "began"),
    ("since", "the", "war", "began"),
    ("overall",),
    ("altogether",),
    ("cumulative",),
    ("in", "total", "since"),
)

_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _p in _PERIOD_PHRASES:
    _BY_FIRST.setdefault(_p[0], []).append(_p)
_MARKERS = frozenset(_BY_FIRST) | {"since"}


def sentence_is_cumulative(toks: list[Token]) -> bool:
    """Markers of a running total anywhere in the sentence ("since the start of the war")."""
    n = len(toks)
    if _MARKERS.isdisjoint([t.low for t in toks]):
        return False
    for k, t in enumerate(toks):
        low = t.low
        if low == "since":
            for q in range(k + 1, min(n, k + 4)):
                if toks[q].low in lx.CUMULATIVE_AFTER_SINCE and toks[q].low != "the":
                    return True
        for phrase in _BY_FIRST.get(low, ()):
            if all(k + q < n and toks[k + q].low == w for q, w in enumerate(phrase)):
                return True
    return False


def toll_is_regional(toks: list[Token], num_i: int) -> bool:
    """ "the death toll in the region has reached 1,364": a toll scoped to a place, not an incident."""
    if any(t.low in _INCIDENT for t in toks):
        return False
    for p in range(num_i - 1, max(-1, num_i - 20), -1):  # as far back as a toll with an aside reaches
        if toks[p].low == "toll":
            return p + 1 < n_of(toks) and toks[p + 1].low in ("in", "across", "for")
    return False


def n_of(toks: list[Token]) -> int:
    """Length helper kept separate for readability."""
    return len(toks)
