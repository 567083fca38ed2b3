"""A tally noun before its number: "the death toll rose to 11", "the number of dead reached 14".

Split out of :mod:`streams.extract.shapes` (which re-exports :func:`toll_before`). A dataset's own
coding ("fatalities coded as 10") is no report and stays out. One bounded look back: linear.
"""

from __future__ import annotations

from streams.extract import lexicon as lx
from streams.extract.cues import BOUNDARY
from streams.extract.numbers import CHANGE_VERBS
from streams.extract.tokens import Token


def toll_before(toks: list[Token], i: int) -> str | None:
    """The metric of a tally noun before the number at ``i``: "the death toll rose to 11"."""
    if i >= 2 and toks[i - 1].text in ("(", ":") and toks[i - 2].low in _LABELS:
        return _LABELS[toks[i - 2].low]  # a tally as a label: "dead (3729), injured (6944)", "deaths: 5"
    if i >= 2 and toks[i - 1].text == ":" and toks[i - 2].low == "toll":
        return _TOLL_KINDS.get(toks[i - 3].low if i >= 3 else "", "killed")  # "the latest death toll: 226"
    if i < 1 or not (
        toks[i - 1].low in lx.TOLL_LINKS or (toks[i - 1].low == "from" and i >= 2 and toks[i - 2].low in CHANGE_VERBS)
    ):
        return None
    p = i - 2
    if p >= 1 and toks[i - 1].low == "to" and toks[p].text == ",":
        p -= 1  # "the toll has risen again, to 1,130"
    stop = max(-1, i - 24)
    aside = False
    while p > stop:  # "the toll from the collapse of a wall in Kolwezi rose to 14"
        t = toks[p]
        if t.text == "," and not aside:
            # "the toll in the valley, according to the governor, is 412": one aside is skipped
            opening = next((q for q in range(p - 1, max(-1, p - 9), -1) if toks[q].text == ","), None)
            if opening is not None:
                aside, stop, p = True, max(-1, stop - (p - opening)), opening - 1
                continue
        if t.kind == "num" and p >= 2 and toks[p - 1].low == "from" and toks[p - 2].low in CHANGE_VERBS:
            p -= 2  # "has increased from 11 to 12": the old figure, then the change
            continue
        if t.text in BOUNDARY or t.kind == "num":
            return None
        low = t.low
        if low in _FORECAST:
            return None  # "is likely to increase to more than 150": a forecast, not a toll
        before = toks[p - 1].low if p >= 1 else ""
        if low == "toll" or (low == "total" and before in ("death", "injury", "casualty")):  # "the death total"
            return _TOLL_KINDS.get(before, "killed")
        if low in lx.TOLL_NOUNS and _number_of(toks, p):
            return lx.TOLL_NOUNS[low]  # "the number of dead", "the number of people killed ... has risen to 14"
        if low in lx.TROOP_NOUNS and any(
            toks[q].low == "of" and q >= 1 and toks[q - 1].low in ("number", "count", "total", "estimate")
            for q in range(max(0, p - 4), p)
        ):
            return "troops"  # "put the number of foreign troops in the area at 9,000"
        if low in ("deaths", "casualties", "fatalities", "injuries") and p == i - 2:
            return lx.TOLL_NOUNS[low]
        if low in lx.STRIKE_COUNT_NOUNS and _number_of(toks, p):
            return "strikes"  # "the total number of air strikes has reached 124"
        p -= 1
    return None


def _number_of(toks: list[Token], p: int) -> bool:
    """ "number of [air] strikes": a tally word and "of" just before ``p``."""
    return any(
        toks[q].low == "of" and q >= 1 and toks[q - 1].low in ("number", "count", "total", "tally")
        for q in range(max(0, p - 3), p)
    )


#: Words before "toll" that make a toll of the hurt ("wounded toll"); labels of a bracketed count ("dead (3729)").
_TOLL_KINDS = {"injury": "injured", "wounded": "injured", "injured": "injured", "casualty": "casualties"}
_LABELS = {"dead": "killed", "killed": "killed", "deaths": "killed", "injured": "injured",
           "wounded": "injured", "missing": "missing", "arrested": "arrested"}  # fmt: skip
#: Words of a forecast between a tally noun and its number.
_FORECAST = frozenset({"likely", "expected", "could", "may", "might", "will", "would", "set", "feared"})
