"""A comma aside between a counted subject and its verb, in any wording.

Real reports put a whole phrase between the count and its fate:

- an apposition: "Four farmers, members of one clan, were killed";
- a relative clause: "21 people, who were queueing for bread, died";
- a stray comma: "11 civilians, have been killed in the fighting".

``shapes.bridge_to_cue`` knows asides that open with a known word ("including",
"aged 34", a participle). This is its fallback for any other aside: the aside
closes at the next comma within a bounded window, and an auxiliary or a bare
participle of a people metric must follow that comma at once, so a list of
counts ("5 killed, 3 injured") or a second clause never qualifies. One bounded
forward look: linear.
"""

from __future__ import annotations

from streams.extract import lexicon as lx
from streams.extract.cues import BOUNDARY, skip_to_cue
from streams.extract.numbers import NUMBER_WORDS, VAGUE
from streams.extract.shapes import PEOPLE_METRICS, people_cue
from streams.extract.tokens import Token

#: The longest aside read, in tokens: "five Bakassi natives, who resisted being moved off the peninsula, were".
MAX_ASIDE = 16
#: What may open the verb right after the aside's closing comma.
_AUX = frozenset({"were", "was", "have", "has", "had", "are", "is"})
#: Participles that are a fate on their own after the aside: "..., died in the blast".
_BARE = frozenset({"died", "perished"})
#: Words before a count that make it part of a phrase, not a clause's subject.
_INNER = frozenset({"of", "from", "in", "to", "with", "by", "for", "at", "on", "near", "same"})
#: Words that open a clause, not a one-word aside: "21 people, who were queueing, were killed".
_NOT_ONE_WORD = frozenset({"who", "which", "that", "whom", "and", "but", "while", "as", "when", "after", "then"})
#: Words after which the aside is a clause of its own, not a description of the subject.
_CLAUSE_STOPS = frozenset({"and", "but", "while", "whereas", "as", "when", "after", "before", "then"})


def aside_cue(toks: list[Token], i: int, k: int) -> int | None:
    """The index of the cue after a comma aside opening at ``toks[k]`` (a comma) after the count at ``i``, or None.

    A count inside a phrase ("members of one clan, were killed") is not the subject of the verb.
    """
    n = len(toks)
    if k < n and toks[k].low in ("of", "from"):
        k = _after_origin(toks, k)  # "Three herders of the valley, out with their goats, were shot dead"
    if k + 1 >= n or toks[k].text != "," or (i >= 1 and toks[i - 1].low in _INNER):
        return None
    if toks[k + 1].low in _AUX:
        return _fate_at(toks, k + 1)  # "11 civilians, have been killed"
    one_word = k + 2 < n and toks[k + 1].kind == "word" and toks[k + 1].low not in _NOT_ONE_WORD
    if one_word and toks[k + 2].low in _AUX and (c := _fate_at(toks, k + 2)) is not None:
        return c  # "eight herdsmen from Warsow, Somalia were killed"
    if toks[k + 1].low == "and" and (c := _more_aside(toks, k + 1)) is not None:
        return c  # "At least 300 members, and likely many more, were killed"
    if toks[k + 1].low in _CLAUSE_STOPS:
        return None  # "five were killed, and 12 ..."
    if _count_at(toks[k + 1]):
        return _list_cue(toks, k + 1)  # "40 civilians, three soldiers and two rebels were killed"
    open_ended = _describes(toks[k + 1])  # "6 militants, affiliated with the group were killed"
    for j in range(k + 2, min(n, k + 1 + MAX_ASIDE)):
        t = toks[j]
        if open_ended and t.low in _AUX and j > k + 2:
            return _fate_at(toks, j)
        if t.text == ",":
            if j + 1 < n and (toks[j + 1].low in _AUX or toks[j + 1].low in _BARE):
                return _fate_at(toks, j + 1)
            return None
        if t.text in BOUNDARY:
            return None
    return None


def _more_aside(toks: list[Token], k: int) -> int | None:
    """The fate after ", and likely many more," (an open upper end of the count at ``k - 1``)."""
    n = len(toks)
    for j in range(k + 1, min(n, k + 5)):
        if toks[j].low == "more":
            if j + 2 < n and toks[j + 1].text == "," and toks[j + 2].low in _AUX:
                return _fate_at(toks, j + 2)
            return None
        if toks[j].kind != "word":
            return None
    return None


def relative_fate(toks: list[Token], i: int, k: int) -> int | None:
    """The cue of the main verb after a relative clause with no commas: "40 people who had been
    shopping at the market had been killed" (the clause's own verb is no fate: shopping).

    Not after "the" ("the 96 fans who died": a group the reader knows), and the main verb must
    open a verb group of its own after the clause.
    """
    n = len(toks)
    if k >= n or toks[k].low not in ("who", "that") or (i >= 1 and toks[i - 1].low == "the"):
        return None
    for j in range(k + 3, min(n, k + 1 + MAX_ASIDE)):
        t = toks[j]
        if t.text in BOUNDARY or t.low in _CLAUSE_STOPS:
            return None
        if t.low in _BARE:
            return j  # "a prisoner who was beaten in custody died"
        if t.low in _AUX and toks[j - 1].low not in _AUX and toks[j - 1].low not in ("been", "be", "being"):
            c = _fate_at(toks, j)
            if c is not None:
                return c  # else the clause's own verb group ("who police said were involved"): read on
    return None


def _after_origin(toks: list[Token], k: int) -> int:
    """The comma after a short origin phrase at ``k`` ("of Kalahandi", "from the valley", "of the
    People's Front [PF]"), else ``k``."""
    for j in range(k + 1, min(len(toks), k + 9)):
        t = toks[j]
        if t.text == ",":
            return j if j > k + 1 else k
        if (t.kind != "word" and t.text not in _BRACKETS) or t.low in _AUX:
            return k
    return k


_BRACKETS = frozenset("()[]'’")


def _describes(t: Token) -> bool:
    """An aside that describes the counted people and may lack its closing comma: "affiliated with",
    "belonging to", "suspected of", "with links to"."""
    low = t.low
    return low in _DESCRIBING or (len(low) > 5 and low.endswith(("ed", "ing")) and low not in _NOT_DESCRIBING)


_DESCRIBING = frozenset({"with", "from", "mostly", "mainly", "all", "both", "aged"})
#: Participles that open a clause of their own, not a description: "..., killing 3", "..., wounding".
_NOT_DESCRIBING = frozenset({"killing", "wounding", "injuring", "leaving", "including", "according", "said"})


def _count_at(t: Token) -> bool:
    return t.kind == "num" or t.low in NUMBER_WORDS or t.low in VAGUE


def _list_cue(toks: list[Token], q: int) -> int | None:
    """The shared verb of a list of counts whose first item is the subject: "N X, M Y and P Z were killed".

    The list must close with "and" before its verb, and hold nothing but counted
    nouns and commas: "50 drones, 20 of which were downed" is a partitive, not a list.
    """
    n = len(toks)
    joined = False
    for j in range(q, min(n, q + MAX_ASIDE)):
        t = toks[j]
        if t.low == "and":
            joined = True
        elif t.low in _AUX or t.low in _BARE:
            return _fate_at(toks, j) if joined else None
        elif (t.text in BOUNDARY and t.text != ",") or t.low in _LIST_STOPS:
            return None
    return None


#: Words that end a plain list of counted nouns.
_LIST_STOPS = frozenset({"of", "which", "whom", "who", "that", "while", "but", "than"})


def _fate_at(toks: list[Token], p: int) -> int | None:
    """The cue at ``p`` (auxiliaries and adverbs skipped) when it is a people metric, not an act on an object."""
    if toks[p].low in _BARE:
        return p
    c = skip_to_cue(toks, p)
    if c is None or c == p or people_cue(toks, c) not in PEOPLE_METRICS:
        return None
    nxt = toks[c + 1] if c + 1 < len(toks) else None
    if nxt is not None and (nxt.kind == "num" or nxt.low in ("a", "an", "the", "his", "her", "their")):
        return None  # "..., had killed three guards": the subject's act, not its fate
    return c


def then_killed(toks: list[Token], c: int) -> bool:
    """A taking at ``c`` that the sentence ends in a killing: "were kidnapped by the group and later
    executed", "were arrested by the army and killed". The fate is the last verb of the chain."""
    n = len(toks)
    for j in range(c + 1, min(n - 1, c + 1 + MAX_ASIDE // 2)):
        t = toks[j]
        if t.text in BOUNDARY or t.kind == "num":
            return False
        if t.low == "and":
            q = j + 2 if toks[j + 1].low in _THEN and j + 2 < n else j + 1
            return people_cue(toks, q) == "killed"
    return False


def them_killed(toks: list[Token], j: int) -> bool:
    """A count that a later verb kills by pronoun: "targeted two guards in the town, killing them"."""
    n = len(toks)
    for p in range(j, min(n - 1, j + MAX_ASIDE)):
        t = toks[p]
        if t.kind == "num" or t.text in (".", ";"):
            return False
        if toks[p + 1].low in ("them", "both") and lx.LEFT_CUES.get(t.low) == "killed":
            return True
    return False


_THEN = frozenset({"later", "then", "subsequently", "eventually"})
#: Participles of what was done to victims, besides the "-ed" ones: "were caught in the crossfire and killed".
_DONE = frozenset({"caught", "taken", "beaten", "held", "driven", "thrown", "led", "rounded", "hit"})


def done_then_killed(toks: list[Token], c: int) -> bool:
    """ "were caught in the crossfire and killed", "were tortured and then executed": a passive
    participle at ``c`` that is no fate of its own, coordinated with a killing a few words on."""
    low = toks[c].low
    if c == 0 or toks[c - 1].low not in ("were", "was", "been") or low in lx.RIGHT_CUES:
        return False
    if not (low in _DONE or (low.endswith("ed") and len(low) > 4)) or low in lx.LEFT_CUES:
        return False
    return then_killed(toks, c)


def dead_or_missing(toks: list[Token], k: int) -> bool:
    """ "killed or missing": the dead and the missing counted together."""
    return k + 2 < len(toks) and toks[k + 1].low in ("or", "and") and toks[k + 2].low == "missing"


def killed_or_injured(toks: list[Token], k: int) -> bool:
    """ "killed or seriously injured": the dead and the hurt counted together."""
    n = len(toks)
    if k + 2 < n and toks[k + 1].low in ("or", "and"):
        q = k + 3 if k + 3 < n and toks[k + 2].low in ("seriously", "badly", "critically") else k + 2
        return lx.RIGHT_CUES.get(toks[q].low) == "injured"  # "killed or seriously injured"
    return False


#: Dashes that open and close an aside: an en or em dash, or the typed double hyphen ("--").
_DASHES = frozenset({"–", "—"})
#: The longest dash aside read, in tokens.
MAX_DASH_ASIDE = 14


def _dash_at(toks: list[Token], p: int) -> int:
    """Tokens of the aside dash starting at ``p``: 1 ("–", "—"), 2 (a glued "--") or 0 (none)."""
    if p >= len(toks):
        return 0
    if toks[p].text in _DASHES:
        return 1
    glued = p + 1 < len(toks) and toks[p + 1].text == "-" and not toks[p + 1].space_before
    return 2 if toks[p].text == "-" and glued and (p + 2 >= len(toks) or toks[p + 2].text != "-") else 0


def skip_dash_aside(toks: list[Token], k: int) -> int:
    """Where the counted subject's verb may start past a dash aside opening at ``k``, else ``k``.

    "1.9 million people – about 90% of the population – have fled", "320 civilians -- most of
    them children -- were slain": the aside closes with the same kind of dash within
    ``MAX_DASH_ASIDE`` tokens. One bounded forward look: linear.
    """
    width = _dash_at(toks, k)
    if not width:
        return k
    for j in range(k + width, min(len(toks), k + MAX_DASH_ASIDE)):
        if _dash_at(toks, j) == width and toks[j].text == toks[k].text:
            return j + width
    return k
