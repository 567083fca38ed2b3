"""Sentence shapes of real reporting, for the figure finder (metrics.py).

- a tally noun before the number: "the death toll rose to 11" (tolls.py, re-exported here);
- a verb of killing made of several words after the subject: "were shot
  dead", "beaten to death", "shot and killed", "kidnapped and killed";
- a long subject between the number and its verb: "seven personnel of the
  border force were killed", "12 fighters including 2 commanders were
  killed", "one child, a shepherd, was killed", "three people (two of them
  women) were hurt".

Every look-up is bounded by a fixed window, so the work stays linear.
"""

from __future__ import annotations

from streams.extract import lexicon as lx
from streams.extract.among import AMONG_GROUP as AMONG_GROUP
from streams.extract.among import among_cue, list_comma
from streams.extract.cues import BOUNDARY, CLAUSE_VERBS, right_cue, skip_to_cue
from streams.extract.numbers import NUMBER_WORDS, VAGUE
from streams.extract.tokens import Token
from streams.extract.tolls import toll_before as toll_before

#: Metrics of people: the only ones a long subject may bridge to.
PEOPLE_METRICS = frozenset({"killed", "injured", "casualties", "missing", "captured", "displaced", "arrested"})


def passive_cue(toks: list[Token], c: int) -> bool:
    """Whether the cue at ``c`` is passive by its form: "shot dead", "chopped to death"."""
    n = len(toks)
    t = toks[c]
    if c + 1 < n and toks[c + 1].low == "dead" and t.low in _DEAD_VERBS:
        return not _object_at(toks, c + 2)  # "was found dead"; not "shot dead a lawyer"
    return _to_death_at(toks, c) is not None


def people_cue(toks: list[Token], c: int) -> str | None:
    """The cue at ``c``, with the multiword verbs of killing: "shot dead", "beaten to death", "shot and killed"."""
    cue = right_cue(toks, c)
    if cue is not None and cue not in _TAKEN:
        return cue
    n = len(toks)
    t = toks[c]
    if t.kind != "word" or c + 1 >= n:
        return cue
    nxt = toks[c + 1].low
    if nxt == "dead" and t.low in _DEAD_VERBS:
        return "killed"  # "were shot dead", "was found dead"
    if (group := among_cue(toks, c)) is not None:
        return group  # "nine children were among those killed", "one tourist was among five people killed"
    if t.low == "treated" and nxt in ("at", "in", "for"):
        return "injured"  # "7 foreigners being treated at a city hospital"
    if nxt in ("and", "then") and c + 2 < n and t.low.endswith(("ed", "en", "shot")) and t.low not in lx.AUX:
        second = right_cue(toks, c + 2) or _to_death_at(toks, c + 2)
        if c + 3 < n and toks[c + 3].low == "dead" and toks[c + 2].low in _DEAD_VERBS:
            second = "killed"  # "kidnapped and shot dead"
        if second == "killed" or (cue is None and second == "injured"):
            return second  # "shot and killed", "abducted and killed", "stoned and stabbed to death"
    return cue or _to_death_at(toks, c)


#: Cues of being taken, which a killing after "and" outranks: "abducted and killed".
_TAKEN = frozenset({"captured", "arrested"})


def _to_death_at(toks: list[Token], c: int) -> str | None:
    """ "beaten to death", "stabbed to death", "shot to death"."""
    n = len(toks)
    t = toks[c]
    if (
        c + 2 < n
        and toks[c + 1].low == "to"
        and toks[c + 2].low == "death"
        and (t.low.endswith(("ed", "en")) or t.low == "shot")
        and t.low not in _SENTENCING
    ):
        return "killed"  # never "sentenced to death"
    return None


def to_death(toks: list[Token], k: int, i: int) -> bool:
    """ "beat a man to death", "shot two men to death": "to death" right after the object at ``i``.

    Not a sentence: "sentenced two men to death" is no killing.
    """
    if k + 1 >= len(toks) or toks[k].low != "to" or toks[k + 1].low != "death":
        return False
    return not any(toks[p].low in _SENTENCING for p in range(max(0, i - 4), i))


_SENTENCING = frozenset({"sentenced", "sentences", "sentencing", "sentence", "condemned", "condemning", "condemns"})


#: Verbs before "dead" that mean killed: "shot dead", "found dead", "left dead".
_DEAD_VERBS = frozenset({"shot", "found", "left", "gunned", "beaten", "stabbed", "hacked", "discovered", "pronounced"})


def skip_paren(toks: list[Token], k: int) -> int:
    """Past a bracketed aside at ``k``: "three people (two of them women) were hurt"."""
    n = len(toks)
    if k >= n or toks[k].text not in _CLOSE:
        return k
    close = _CLOSE[toks[k].text]
    for j in range(k + 1, min(n, k + 14)):
        if toks[j].text == close:
            return j + 1
        if toks[j].text in (".", ";", "(", "["):
            return k
    return k


_CLOSE = {"(": ")", "[": "]"}
_CORE_AUX = frozenset({"were", "was", "are", "is", "have", "has", "had"})
#: Words that end the subject's clause: the verb after them is another's.
_BRIDGE_STOP = frozenset(
    {"who", "whom", "which", "that", "where", "when", "while", "whereas", "after", "before", "as", "because",
     "but", "or", "said", "says", "told", "according", "than", "if", "since", "until", "whose"}
)  # fmt: skip
#: Words that may open an aside set off by commas after the counted noun: ", a shepherd,".
_ASIDE_OPENERS = frozenset(
    {"a", "an", "the", "including", "among", "mostly", "mainly", "all", "both", "most", "his", "her", "their",
     "its", "many", "some", "one", "two"}
)  # fmt: skip


def bridge_to_cue(toks: list[Token], k: int, limit: int = 24) -> int | None:
    """The cue of a long subject: from ``k`` (where the plain subject stopped) to its verb.

    "seven personnel of the border force were killed", "12 fighters including
    2 commanders were killed", "one child, a shepherd, was killed", "a teacher
    and scholar was killed". Stops at another number (unless inside an
    "including" aside), a clause boundary, a relative or speech word, or an
    active verb. Returns the cue's index, or None.
    """
    n = len(toks)
    end = min(n, k + limit)
    p = k
    aside = False  # inside "including ...": its own numbers are sub-counts
    while p < end:
        t = toks[p]
        low = t.low
        if t.text in _CLOSE:
            q = skip_paren(toks, p)
            if q == p:
                return None
            p = q
            continue
        if t.text == ",":
            if p + 1 < n and toks[p + 1].low in _CORE_AUX and p > k:
                p += 1  # an aside closing late, or a stray comma: "... [UDF], were shot dead"
                continue
            if p + 1 >= n or not _aside_opener(toks[p + 1]):
                return None
            close_at = _closing_comma(toks, p + 1, min(end, k + 16))  # an aside closes within 16
            if close_at is None:
                if toks[p + 1].low not in ("including", "among"):
                    return None
                aside = True  # "2 policemen, including an officer were killed": no closing comma
                p += 2
                continue
            p = close_at + 1
            continue
        if t.text in BOUNDARY:
            return None
        if t.kind == "num":
            if not aside and not _in_compound(toks, p):
                return None  # another count; but "an 18-month-old boy", "the 5th brigade" are words
        elif low in ("including", "among"):
            aside = True
        elif low == "as" and p + 2 < n and toks[p + 1].low == "well" and toks[p + 2].low == "as":
            p += 3  # "10 fighters as well as two civilians were killed"
            continue
        elif low in _CORE_AUX and not (t.text.isupper() and len(t.text) > 1):  # "IS" is a group, not a verb
            c = skip_to_cue(toks, p)
            return c if c is not None and people_cue(toks, c) in PEOPLE_METRICS else None
        elif low in lx.RIGHT_CUES and p > k:
            if lx.RIGHT_CUES[low] not in PEOPLE_METRICS or low not in _BARE_PARTICIPLES or _object_at(toks, p + 1):
                return None  # "5 gunmen of the gang killed 3 people": the verb of an act, not a death
            return p
        elif low in _BRIDGE_STOP or low in lx.LEFT_CUES or low in lx.HIT_VERBS or low in CLAUSE_VERBS:
            return None
        p += 1
    return None


#: Cue words that stand on their own after a long subject: "4 militants of the group killed and 3 injured".
_BARE_PARTICIPLES = frozenset({"killed", "dead", "died", "injured", "wounded", "hurt", "missing"})


def _aside_opener(t: Token) -> bool:
    """ ", a shepherd,", ", including a commander,", ", aged 34,", ", working as a cook,"."""
    low = t.low
    if low in _ASIDE_OPENERS:
        return True
    participle = len(low) >= 4 and low.endswith(("ed", "ing"))
    return participle and low not in lx.LEFT_CUES and low not in lx.HIT_VERBS and low not in lx.RIGHT_CUES


def acts_on(toks: list[Token], c: int) -> bool:
    """Whether the bare verb at ``c`` acts on an object: "two gunmen killed three villagers".

    Then it is the counted subject's act, not its fate. A headline list
    ("12 killed 30 injured") is no object: a cue follows the second number.
    """
    n = len(toks)
    if toks[c].low not in _TRANSITIVE or not _object_at(toks, c + 1):
        return False
    return not (toks[c + 1].kind == "num" and c + 2 < n and toks[c + 2].low in lx.RIGHT_CUES)


#: Verbs of violence that take an object when active: "killed three", "wounded a guard".
_TRANSITIVE = frozenset(
    {"killed", "executed", "murdered", "massacred", "injured", "wounded", "beheaded", "lynched", "abducted"}
)


def _object_at(toks: list[Token], q: int) -> bool:
    if q >= len(toks):
        return False
    t = toks[q]
    return t.kind == "num" or t.low in _OBJECT_STARTS or t.low in NUMBER_WORDS


_OBJECT_STARTS = frozenset({"a", "an", "the", "his", "her", "their", "its", "two", "several", "dozens", "at"})


def _in_compound(toks: list[Token], p: int) -> bool:
    """A number glued into a word: "18-month-old", "5th", an age by decade ("in his 40s")."""
    if p + 1 >= len(toks) or toks[p + 1].space_before:
        return False
    nxt = toks[p + 1]
    return nxt.text == "-" or nxt.low in ("st", "nd", "rd", "th", "s")  # "5th", "a man in his 40s"


def _closing_comma(toks: list[Token], q: int, end: int) -> int | None:
    for j in range(q, end):
        if toks[j].text == ",":
            return j
        if toks[j].text in BOUNDARY:
            return None
    return None


def shared_cue(toks: list[Token], q: int) -> str | None:
    """The cue after a coordinated second count: "... and 81 of the drones had been destroyed"."""
    n = len(toks)
    seen_number = False
    for p in range(q, min(n, q + 16)):  # a list of counts, each with a short noun: "two doctors, six guards and"
        t = toks[p]
        if t.text in BOUNDARY and not list_comma(toks, p):
            return None
        if t.kind == "num" or t.low in NUMBER_WORDS or t.low in VAGUE:
            seen_number = True
        elif seen_number and t.low in lx.AUX:
            c = skip_to_cue(toks, p)
            return people_cue(toks, c) if c is not None else None  # "... and one nurse were among the dead"
        elif seen_number and t.low in lx.RIGHT_CUES:
            return right_cue(toks, p)
    return None


def relative_cue(toks: list[Token], i: int, k: int) -> int | None:
    """The cue of a relative clause after the counted noun at ``toks[i:k]``: "more than 400 people who were injured".

    Not an act ("5 gunmen who killed 12 villagers"), nor a known group named again ("the 96 fans who died").
    """
    if k >= len(toks) or toks[k].low not in ("who", "that", "whom"):
        return None
    c = skip_to_cue(toks, k + 1)
    if i >= 1 and toks[i - 1].low == "the" and (c is None or people_cue(toks, c) != "missing"):
        return None  # but "the 15 others who are still missing" is a count of now
    if c is None or (c == k + 1 and toks[c].low not in _BARE_PARTICIPLES):
        return None  # "people who died", "people who were killed"; not "people who fled the city"
    if people_cue(toks, c) not in PEOPLE_METRICS or _object_at(toks, c + 1):
        return None
    return c


#: Separators between the items of a list of counts: "73 in Morelos, 43 in Puebla and one in Oaxaca".
_LIST_SEPARATORS = frozenset({",", "and", "-", "–", "—", ":", ";", "("})
#: Prepositions that open an item's place or origin: "43 in Puebla", "five from Saudi Arabia".
_ITEM_PREPS = frozenset({"in", "from", "at", "on", "near", "among", "outside", "inside", "nearby", "elsewhere"})
_PHRASE_PREPS = lx.PREPS | _ITEM_PREPS | {"following", "after"}


def list_item(toks: list[Token], i: int, j: int, prev_i: int, prev_j: int, prev_end: int) -> bool:
    """Whether the bare number at ``toks[i:j]`` is the next item of a list whose last count ended at ``prev_j``.

    "73 deaths in Morelos, 43 in Puebla, 13 in the state of Mexico and one in
    Oaxaca"; "90 people were killed - 41 police officers, 47 civilians and two
    soldiers"; "among those killed are: four from Chad two from Niger".
    Between the two counts there may be the earlier count's own verb, a short
    place phrase and a separator; after the item, a place or a noun of people.
    The earlier count is ``toks[prev_i:prev_j]`` with its subject, its number ending at ``prev_end``.
    """
    n = len(toks)
    if prev_j > i:  # the earlier count took a bracket as its aside: "reached 2,340 (610 children and 402 women)"
        prev_j = prev_i
        while prev_j < i and toks[prev_j].end <= prev_end:
            prev_j += 1
    if not prev_j <= i <= prev_j + 12:
        return False
    p = prev_j
    while p < i and (toks[p].low in lx.AUX or (toks[p].low in lx.RIGHT_CUES and p == prev_j)):
        p += 1  # the earlier count's verb: "90 people had been killed"
    if p < i and toks[p].low in lx.RIGHT_CUES:
        p += 1
    parallel = p < i and toks[p].low in _ITEM_PREPS and j < n and toks[j].low == toks[p].low
    while p < i and (toks[p].low in _PHRASE_PREPS):
        p += 1  # "in the state of Mexico", "by falling trees", "following the deluge on the weekend"
        while p < i and toks[p].kind == "word" and not _verbish(toks[p].low) and toks[p].low not in _LIST_SEPARATORS:
            p += 1
    seps = 0
    while p < i and toks[p].text in _LIST_SEPARATORS:
        p += 1
        seps += 1
    if p != i or not (seps or parallel):
        return False
    if j >= n or toks[j].text in _LIST_SEPARATORS or toks[j].text in BOUNDARY or toks[j].text == ")":
        return True
    if toks[j].low in _ITEM_PREPS:
        return True
    for q in range(j, min(n, j + 3)):  # "41 police officers", "two soldiers"
        if _people_noun(toks[q].low):  # but not with a verb of its own: "and 9,000 people have been affected"
            return q + 1 >= n or toks[q + 1].low not in _CORE_AUX
        if toks[q].kind != "word" or _verbish(toks[q].low):
            return False
    return False


def _verbish(low: str) -> bool:
    return low in lx.AUX or low in lx.RIGHT_CUES or low in lx.LEFT_CUES or low in lx.HIT_VERBS or low in _BRIDGE_STOP


def _people_noun(low: str) -> bool:
    """A plural noun of people: "civilians", "police officers", "policemen", "children"."""
    if low in lx.TROOP_NOUNS or low in ("people", "children", "persons", "civilians"):
        return True
    if low.endswith("men"):
        return low[:-3] + "man" in lx.PERSON_SINGULAR
    return low.endswith("s") and (low[:-1] in lx.PERSON_SINGULAR or low[:-2] in lx.PERSON_SINGULAR)
