"""The people named with a single victim: "a farmer and his son", "a mother and her five children".

A report of a killing often names one victim and then those who died with them
by their tie to the first: kin, a driver, a bodyguard ("a journalist, his wife
and their two children were shot dead"; "gunmen killed a village chief and his
three sons"; "an official was killed along with his driver"). Each companion is
a person killed in the same incident, so the count is the first victim plus
each companion; a number before a plural companion counts that many ("her five
children"). A plural companion without a number ("and his family") says no
count, and then no companion is counted at all. Every window is a few tokens:
linear in the sentence.
"""

from __future__ import annotations

from streams.extract import lexicon as lx
from streams.extract.numbers import TENS, UNITS
from streams.extract.tokens import Token, words

#: Kin and companions, who are named as the second of a pair: "a farmer and his brother".
KIN = lx.PERSON_SINGULAR | words(
    """
    brother sister son daughter wife husband father mother uncle nephew niece cousin friend
    companion bodyguard colleague grandson granddaughter grandfather grandmother aunt
    """
)
#: The same, counted: "their two children", "his three sons".
KIN_PLURAL = words(
    """
    children sons daughters brothers sisters wives grandchildren grandsons granddaughters nephews
    nieces cousins relatives bodyguards guards friends colleagues companions parents
    """
)
#: Words that tie a companion to the first victim: "his son", "their two children", "a colleague".
_TIES = frozenset({"a", "an", "his", "her", "their", "its"})
_POSSESSIVES = frozenset({"his", "her", "their"})
#: Words after which a pair named as a verb's object ends: "killed a chief and his sons near Gao".
_OBJECT_ENDS = frozenset({"when", "while", "as", "after", "before", "and", "but"})
#: Verbs a pair named as the subject takes: "a trader and his daughter were killed".
_PLURAL_VERBS = frozenset({"were", "have", "are", "died"})
#: How many words may describe a companion: "their two young children", "his elderly mother".
_MAX_MODIFIERS = 2


def _count_at(t: Token) -> int | None:
    if t.kind == "num" and t.text.isdigit() and len(t.text) <= 3:
        return int(t.text)
    return UNITS.get(t.low) or TENS.get(t.low)


def _hyphen(t: Token) -> bool:
    return t.text == "-" and not t.space_before


def companion_at(toks: list[Token], p: int) -> tuple[int, int] | None:
    """The companion whose description starts at ``p`` ("his son", "their two children"):
    (the index of its noun, how many people it counts), or None."""
    n = len(toks)
    if p < n and toks[p].low in _TIES:
        p += 1
    count: int | None = None
    if p + 1 < n and (c := _count_at(toks[p])) is not None and not _hyphen(toks[p + 1]):
        count, p = c, p + 1  # "their two children"; not "his 12-year-old son" (an age)
    modifiers = 0
    for q in range(p, min(n, p + _MAX_MODIFIERS * 4 + 1)):
        t = toks[q]
        if t.low in KIN_PLURAL:
            return (q, count) if count else None
        if t.low in KIN:
            return q, count or 1
        if _hyphen(t) or (q > p and _hyphen(toks[q - 1])):
            continue  # the rest of a compound: "12-year-old", "long-time"
        if t.kind not in ("word", "num") or t.low in lx.AUX or t.low in lx.PREPS or t.low in lx.CONJ:
            return None
        if t.kind == "num" and not (q + 1 < n and _hyphen(toks[q + 1])):
            return None  # a number is a count only right after the tie
        modifiers += 1
        if modifiers > _MAX_MODIFIERS:
            return None
    return None


def companions(toks: list[Token], q: int, object_of: bool) -> tuple[int, int] | None:
    """The companions named right after a single victim whose noun ends before ``q``:
    (the index of the last companion's noun, how many people they count), or None.

    The list is "and X", or ", X ... and Y" with a possessive after each comma. When the
    victim is a verb's object (``object_of``: "killed a chief and his sons") the list must
    end the clause; else a plural verb must follow it ("a trader and his daughter were killed").
    """
    n = len(toks)
    p, extra, end, joined = q, 0, -1, False
    while p < n:
        if toks[p].low == "and":
            p, joined = p + 1, True
        elif toks[p].text == "," and p + 1 < n and toks[p + 1].low == "and":
            p, joined = p + 2, True
        elif toks[p].text == "," and p + 1 < n and toks[p + 1].low in _POSSESSIVES and not joined:
            p += 1
        else:
            break
        item = companion_at(toks, p)
        if item is None:
            return None  # "a farmer and his cattle", "a man and his family": no count of companions
        end, extra, p = item[0], extra + item[1], item[0] + 1
        if joined:
            break
    if not joined:
        return None
    nxt = toks[end + 1] if end + 1 < n else None
    if object_of:
        ok = nxt is None or nxt.kind == "punct" or nxt.low in lx.PREPS or nxt.low in _OBJECT_ENDS
    else:
        ok = nxt is not None and nxt.low in _PLURAL_VERBS
    return (end, extra) if ok else None


def along_with(toks: list[Token], q: int) -> tuple[int, int] | None:
    """ "was killed along with his driver", "died together with her two sons": the companions
    named after the victim's verb, which starts at ``q``; (the index of the last noun, count) or None."""
    n = len(toks)
    for p in range(q, min(n - 2, q + 4)):
        t = toks[p]
        if t.kind == "punct":
            return None
        if t.low in ("along", "together") and toks[p + 1].low == "with" and toks[p + 2].low in _POSSESSIVES:
            item = companion_at(toks, p + 2)
            if item is None:
                return None
            nxt = toks[item[0] + 1] if item[0] + 1 < n else None
            if nxt is None or nxt.kind == "punct" or nxt.low in lx.PREPS or nxt.low in _OBJECT_ENDS:
                return item
            return None
    return None
