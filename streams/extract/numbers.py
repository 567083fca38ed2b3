"""Finding number phrases in a sentence's tokens and turning them into bounds.

A number phrase is an optional qualifier ("at least", "nearly", "some"), a
core number (digits, number words, "3.5m", "1.2 million", or a vague quantity
such as "dozens"), an optional range ("25,000 to 30,000") and an optional
"or so". Numbers that are not counts (ages, money, percentages, dates, times,
ordinals, model numbers like "Su-34", units and durations) are rejected here,
so the later stages never see them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from streams.extract.not_counts import not_a_count
from streams.extract.tokens import MAX_DIGITS, Token

UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES: dict[str, int] = {"thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
_SUFFIX_SCALES: dict[str, int] = {"k": 1000, "m": 1_000_000, "mn": 1_000_000, "mln": 1_000_000}
NUMBER_WORDS = frozenset(UNITS) | frozenset(TENS) | frozenset(SCALES) | {"hundred", "dozen"}

#: Verbs of a change before "from N to M": "has risen from 11 to 12".
CHANGE_VERBS = frozenset(
    {"increased", "rose", "risen", "climbed", "jumped", "grew", "fell", "dropped", "revised", "up", "down", "gone"}
)
#: Vague quantities (ACLED conventions) and their best value.
VAGUE: dict[str, int] = {
    "dozens": 12, "hundreds": 100, "thousands": 1000, "scores": 20, "several": 3,
    "millions": 1_000_000,
}  # fmt: skip

#: Qualifier phrases, longest first within each first word.
_PREFIXES: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _words, _qual in [
    (("at", "least"), "at_least"), (("atleast",), "at_least"), (("no", "fewer", "than"), "at_least"),
    (("no", "less", "than"), "at_least"), (("a", "minimum", "of"), "at_least"),
    (("not", "less", "than"), "at_least"), (("not", "fewer", "than"), "at_least"),
    (("more", "than"), "more_than"), (("over",), "more_than"), (("upwards", "of"), "more_than"),
    (("upward", "of"), "more_than"),
    (("in", "excess", "of"), "more_than"), (("exceeding",), "more_than"), (("above",), "more_than"),
    (("well", "over"), "more_than"), (("just", "over"), "more_than"), (("greater", "than"), "more_than"),
    (("up", "to"), "up_to"), (("as", "many", "as"), "up_to"), (("at", "most"), "up_to"),
    (("no", "more", "than"), "up_to"), (("a", "maximum", "of"), "up_to"), (("as", "high", "as"), "up_to"),
    (("fewer", "than"), "up_to"), (("less", "than"), "up_to"),
    (("nearly",), "nearly"), (("almost",), "nearly"), (("close", "to"), "nearly"),
    (("just", "under"), "nearly"), (("just", "short", "of"), "nearly"),
    (("some",), "about"), (("about",), "about"), (("around",), "about"), (("roughly",), "about"),
    (("approximately",), "about"), (("approx",), "about"), (("an", "estimated"), "about"),
    (("estimated",), "about"), (("circa",), "about"), (("an", "approximate"), "about"),
    (("more", "or", "less"), "about"), (("possibly",), "about"), (("perhaps",), "about"),
]:  # fmt: skip
    _PREFIXES.setdefault(_words[0], []).append((_words, _qual))
for _lst in _PREFIXES.values():
    _lst.sort(key=lambda p: -len(p[0]))

_INT_RE = re.compile(r"\d{1,15}")
_COMMA_RE = re.compile(r"\d{1,3}(?:,\d{3})+")
_DEC_RE = re.compile(r"\d{1,9}\.\d{1,6}")


@dataclass(slots=True)
class NumberMention:
    """A number phrase: token range ``[i, j)``, char span, bounds and qualifier."""

    i: int
    j: int
    start: int
    end: int
    low: int | None
    best: int | None
    high: int | None
    qualifier: str
    core_i: int  # first token of the core number (after any qualifier)


def find_numbers(toks: list[Token]) -> list[NumberMention]:
    """Every number phrase in ``toks`` that may be a count, left to right."""
    out: list[NumberMention] = []
    n = len(toks)
    starters = _STARTERS
    resume = 0  # the first index not yet inside a mention
    # One comprehension finds the few tokens that can begin a phrase; only those are looked at.
    for i in [i for i, t in enumerate(toks) if t.kind == "num" or t.low in starters]:
        if i < resume:
            continue
        t = toks[i]
        if t.kind != "num":
            low = t.low
            if low in _ARTICLES:
                if i + 1 >= n or toks[i + 1].low not in _AFTER_ARTICLE:
                    continue
            elif low not in _CORE_WORDS and not _core_soon(toks, i + 1):
                continue  # a qualifier word ("about", "over", "in") with no number after it
        m = _mention_at(toks, i)
        if m is None:
            continue
        if m.low is not None or m.best is not None or m.high is not None:
            out.append(m)
        resume = max(m.j, i + 1)
    return out


def _mention_at(toks: list[Token], i: int) -> NumberMention | None:
    qual = None
    k = i
    for phrase, q in _PREFIXES.get(toks[i].low, ()):
        if all(i + t < len(toks) and toks[i + t].low == w for t, w in enumerate(phrase)):
            qual, k = q, i + len(phrase)
            break
    core = _core_at(toks, k) if k < len(toks) else None
    if core is None:
        if qual is None:
            return None
        k = i
        qual = None
        core = _core_at(toks, i)
        if core is None:
            return None
    value, ce, vague = core
    if value is None:
        return _rejected(ce)
    start_i = i
    low = high = None
    end = ce
    # A range: "25,000 to 30,000", "between 400 and 600", "25-30", "two or three".
    changed = k >= 2 and toks[k - 1].low == "from" and toks[k - 2].low in CHANGE_VERBS
    if ce + 1 < len(toks) and toks[ce].low in ("to", "-", "–", "—", "and", "or") and not vague and not changed:
        # ("rose from 11 to 12" is a change: two figures, the old and the new, not a range)
        sep = toks[ce].low
        between = k > 0 and toks[k - 1].low == "between"
        if sep != "and" or between:
            core2 = _core_at(toks, ce + 1)
            if core2 is not None and core2[0] is not None and not core2[2]:
                v2 = core2[0]
                if value < v2 and v2 >= 1000 and value < 1000 and v2 % 1000 == 0 and value * 1000 < v2:
                    value *= v2 // _scale_of(v2)  # "1.2 to 1.5 million" shares the scale
                if value < v2:
                    low, high, end = value, v2, core2[1]
    if low is not None and k > 0 and toks[k - 1].low in ("between", "from") and qual is None:
        start_i = k - 1
    if not_a_count(toks, k, end, value, qual is not None, vague):
        return _rejected(end)
    if end < len(toks) - 1 and toks[end].low == "or" and toks[end + 1].low == "so":
        qual = qual or "about"
        end += 2
    elif end < len(toks) and toks[end].text == "+" and not toks[end].space_before and qual is None:
        qual = "more_than"  # "800+ protesters"
        end += 1
    if low is not None and high is not None:
        best = None
        qualifier = qual or "exact"
    else:
        qualifier = qual or ("vague" if vague else "exact")
        best = value
        if qualifier == "more_than":
            low, best = value, None
        elif qualifier == "at_least":
            low = value
        elif qualifier in ("up_to", "nearly"):
            high, best = value, None
    return NumberMention(start_i, end, toks[start_i].start, toks[end - 1].end, low, best, high, qualifier, k)


def _rejected(j: int) -> NumberMention:
    # A phrase with no bounds: skipped by the caller, which resumes at ``j``.
    return NumberMention(j, j, 0, 0, None, None, None, "exact", j)


def _scale_of(v: int) -> int:
    for s in (1_000_000_000, 1_000_000, 1000):
        if v % s == 0:
            return s
    return 1


def _core_at(toks: list[Token], k: int) -> tuple[int | None, int, bool] | None:
    """Parse a core number at ``k``: ``(value or None if not a count, end, vague)``."""
    t = toks[k]
    if t.kind == "num":
        return _digits_at(toks, k)
    low = t.low
    if low in VAGUE:
        # "tens of thousands", "hundreds of thousands"
        return _vague_at(toks, k)
    if low == "tens" and k + 2 < len(toks) and toks[k + 1].low == "of" and toks[k + 2].low == "thousands":
        return 10_000, k + 3, True
    fraction = _fraction_at(toks, k) if low in _FRACTION_STARTS else None
    if fraction is not None:
        return fraction
    if low in ("a", "an") and k + 1 < len(toks):
        nxt = toks[k + 1].low
        if nxt == "dozen":
            return 12, k + 2, True
        if nxt == "few" and not (k + 2 < len(toks) and toks[k + 2].low in ("days", "weeks", "hours", "months")):
            if k + 2 < len(toks) and toks[k + 2].low in ("dozen", "hundred", "thousand"):
                v = 3 * {"dozen": 12, "hundred": 100, "thousand": 1000}[toks[k + 2].low]  # "a few" is 3
                return v, k + 3, True
            return 3, k + 2, True
        if nxt in ("hundred", "thousand", "million"):
            return _words_at(toks, k)
        return None
    if low in UNITS or low in TENS:
        return _words_at(toks, k)
    return None


#: Fractions of a round number: "half a million" (500,000), "a quarter of a million" (250,000).
_FRACTIONS = {("half",): 2, ("a", "quarter", "of"): 4, ("a", "third", "of"): 3, ("quarter", "of"): 4}
_FRACTION_STARTS = frozenset(words[0] for words in _FRACTIONS)
_ROUND = frozenset({"dozen", "hundred", "thousand", "million"})


def _fraction_at(toks: list[Token], k: int) -> tuple[int | None, int, bool] | None:
    """ "half a million", "a quarter of a million", "half a dozen": the round number divided, else None."""
    n = len(toks)
    for words, divisor in _FRACTIONS.items():
        a = k + len(words)  # where "a million" starts
        spelled = a + 1 < n and all(toks[k + q].low == w for q, w in enumerate(words))
        if spelled and toks[a].low in _ARTICLES and toks[a + 1].low in _ROUND:
            core = _core_at(toks, a)
            if core is None or core[0] is None:
                return None
            return core[0] // divisor, core[1], core[2]
    return None


def _vague_at(toks: list[Token], k: int) -> tuple[int | None, int, bool]:
    low = toks[k].low
    if low == "several" and k + 1 < len(toks) and toks[k + 1].low in ("dozen", "hundred", "thousand"):
        # "several" is 3 (domain.md), so "several hundred" is 300, as "a few hundred" is
        return 3 * {"dozen": 12, "hundred": 100, "thousand": 1000}[toks[k + 1].low], k + 2, True
    if low == "hundreds" and k + 2 < len(toks) and toks[k + 1].low == "of" and toks[k + 2].low == "thousands":
        return 100_000, k + 3, True
    return VAGUE[low], k + 1, True


def _words_at(toks: list[Token], k: int) -> tuple[int | None, int, bool] | None:
    total = 0
    current = 0
    j = k
    seen = False
    n = len(toks)
    while j < n:
        w = toks[j].low
        if w in UNITS and not (seen and current % 100 != 0 and current % 10 != 0):
            current += UNITS[w]
        elif w in TENS and current % 100 == 0:
            current += TENS[w]
        elif w in ("a", "an") and not seen and j + 1 < n and toks[j + 1].low in ("hundred", "thousand", "million"):
            current = 1
        elif (w == "hundred" and seen) or (w == "hundred" and current == 1):
            current = max(current, 1) * 100
        elif w in SCALES and (seen or current == 1):
            total += max(current, 1) * SCALES[w]
            current = 0
        elif w == "dozen" and seen and 0 < current < 20:
            return current * 12, j + 1, True
        elif w == "-" and seen and not toks[j].space_before and j + 1 < n and toks[j + 1].low in UNITS:
            if toks[j + 1].space_before:
                break
            j += 1
            continue
        elif w == "and" and seen and j + 1 < n and toks[j + 1].low in NUMBER_WORDS and current % 100 == 0:
            j += 1
            continue
        else:
            break
        seen = True
        j += 1
    if not seen:
        return None
    return total + current, j, False


def _digits_at(toks: list[Token], k: int) -> tuple[int | None, int, bool]:
    t = toks[k]
    s = t.text
    n = len(toks)
    if len(s) > MAX_DIGITS + 5:
        return None, k + 1, False
    # Exact arithmetic: "3.5" is 35 tenths, so "3.5m" is 3,500,000 with no float rounding.
    divisor = 1
    if _INT_RE.fullmatch(s):
        value = int(s)
    elif _COMMA_RE.fullmatch(s):
        value = int(s.replace(",", ""))
    elif _DEC_RE.fullmatch(s):
        whole, frac = s.split(".")
        value = int(whole + frac)
        divisor = 10 ** len(frac)
    else:
        return None, k + 1, False
    j = k + 1
    if j < n and toks[j].kind == "word":
        w = toks[j].low
        if not toks[j].space_before:
            if w in _SUFFIX_SCALES:
                value *= _SUFFIX_SCALES[w]
                j += 1
            elif w == "bn":
                return None, j + 1, False  # "$3bn" is money
            else:
                return None, j + 1, False  # "162nd", "10am", "5km", "T72" glued forms
        elif w in SCALES:
            value *= SCALES[w]
            j += 1
        elif w == "hundred" and divisor == 1:
            value *= 100
            j += 1
    if value % divisor or (divisor > 1 and j == k + 1):
        return None, j, False  # "1.5" and "8.00" on their own are no count (a clock time, a price)
    return value // divisor, j, False


#: Words that can begin a number phrase; every other word is skipped at once.
_STARTERS = frozenset(_PREFIXES) | NUMBER_WORDS | frozenset(VAGUE) | {"a", "an", "tens", "half", "quarter"}
#: Words that can begin a core number (after any qualifier).
_CORE_WORDS = NUMBER_WORDS | frozenset(VAGUE) | {"tens", "half", "quarter"}
_ARTICLES = frozenset({"a", "an"})
#: What may follow "a"/"an" in a number phrase: "a dozen", "a few", "a hundred".
_AFTER_ARTICLE = frozenset({"dozen", "few", "hundred", "thousand", "million", "quarter", "third"}) | {
    w[1] for w in _PREFIXES.get("a", []) + _PREFIXES.get("an", [])
}


def _core_soon(toks: list[Token], k: int) -> bool:
    """Whether a core number can start within the next three tokens (after a qualifier)."""
    for p in range(k, min(len(toks), k + 3)):
        t = toks[p]
        if t.kind == "num" or t.low in _CORE_WORDS or (t.low in _ARTICLES and p + 1 < len(toks)):
            return True
    return False
