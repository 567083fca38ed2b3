"""Shared cue matching: the Figure record and the bounded look-ups around a number."""

from __future__ import annotations

from dataclasses import dataclass

from streams.extract import lexicon as lx
from streams.extract.numbers import NUMBER_WORDS
from streams.extract.speech import SAY_VERBS
from streams.extract.tokens import Token

BOUNDARY = frozenset({".", ",", ";", ":", "(", ")", "!", "?", "—", "–", '"', "“", "”"})
_LEFT_FILLERS = frozenset({"another", "a", "further", "an", "additional", "the", "some", "over", "all", '"', "“"})
AIR_FAMILIES = frozenset({"downed", "launched"})


@dataclass(slots=True)
class Figure:
    """A number phrase with its metric: the pre-fact, before place and attribution."""

    metric: str
    low: int | None
    best: int | None
    high: int | None
    qualifier: str
    start: int
    end: int
    subject: str | None
    per: str | None
    tok_i: int
    tok_j: int
    via: str  # "right", "left", "toll", "noun", "zero", "one", "rank"
    coordinated: bool = False  # joined to the figure before by "and"/"or": "200 drones and 12 missiles"


def skip_to_cue(toks: list[Token], k: int) -> int | None:
    """From the end of the subject, skip auxiliaries and a short place phrase."""
    n = len(toks)
    if k < n and toks[k].low in lx.PREPS and toks[k].low not in ("by",):
        # "3 people in the city of Sumy were killed": a bounded prepositional phrase.
        for j in range(k + 1, min(n, k + 7)):
            if toks[j].text in BOUNDARY:
                break
            if toks[j].low in ("were", "was", "have", "had", "are", "has"):
                k = j
                break
    steps = 0
    while k < n and steps < 8:
        low = toks[k].low
        if (
            low in lx.AUX
            or _adverb(low)
            or (low in _HEARSAY and k + 1 < n and toks[k + 1].low == "to")
            or (low == "very" and k + 1 < n and (toks[k + 1].low in lx.AUX or _adverb(toks[k + 1].low)))
        ):
            k += 1  # "were reportedly", "are suspected to have been", "were intentionally"
        elif k > 0 and toks[k - 1].low in _CORE_AUX and (w := _when_words(toks, k)):
            k += w  # "were last weekend killed", "was on Tuesday shot dead", "were yesterday buried"
        elif low == "found" and k > 0 and toks[k - 1].low in _CORE_AUX and _killing_after(toks, k + 1):
            k += 1  # "were found shot dead", "was found stabbed to death": the finding names no fate
        elif toks[k].text in _QUOTES and k > 0 and (toks[k - 1].low in lx.AUX or _adverb(toks[k - 1].low)):
            k += 1  # 'were "gunned down"': the reporter's quotation marks around the verb
        else:
            break
        steps += 1
    return k if k < n else None


_CORE_AUX = frozenset({"were", "was", "been", "are", "is"})
_QUOTES = frozenset({'"', "“", "'", "‘"})
#: Time words that may sit between an auxiliary and its participle.
_WHEN_ONE = frozenset({"yesterday", "today", "overnight", "tonight", "earlier", "again"})
_WHEN_UNITS = frozenset(
    {"week", "weekend", "night", "month", "year", "monday", "tuesday", "wednesday", "thursday", "friday",
     "saturday", "sunday", "morning", "evening", "afternoon"}
)  # fmt: skip
_DAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})


def _when_words(toks: list[Token], k: int) -> int:
    """How many tokens at ``k`` make a short time phrase: "yesterday", "last weekend", "on Tuesday"."""
    low = toks[k].low
    if low in _WHEN_ONE or low in _DAYS:
        return 1
    if k + 1 < len(toks) and toks[k + 1].low in _WHEN_UNITS and low in ("last", "this", "on"):
        return 2
    return 0


#: Verbs of hearsay before "to have been": "are suspected to have been killed".
#: ("expected to" is a forecast, not hearsay: "50,000 are expected to be evacuated" is no count yet.)
_HEARSAY = frozenset({"suspected", "understood", "known", "estimated", "alleged", "presumed", "believe"})
#: Adverb endings skipped before a participle; "fatally" and "mortally" are cues of their own, and
#: "unlawfully killed" is an inquest's verdict on deaths long known, not a report of them.
_ADVERB_ENDS = (
    *("ally", "edly", "ously", "ently", "antly", "ately", "fully", "ively", "arily"),
    *("iefly", "ongly", "kenly"),  # "were briefly detained", "wrongly arrested", "mistakenly shot"
)
_NOT_ADVERBS = frozenset(
    {"fatally", "mortally", "rally", "ally", "tally", "italy", "family", "finally", "unlawfully", "lawfully"}
)


def _adverb(low: str) -> bool:
    """ "intentionally", "allegedly", "brutally": a manner adverb between the auxiliary and the verb."""
    return len(low) > 5 and low.endswith(_ADVERB_ENDS) and low not in _NOT_ADVERBS


#: Verbs of what a crowd did, which end its counted noun as a clause of its own: "200 people took part and
#: several activists were arrested" (the arrest is the activists', not the 200's).
CLAUSE_VERBS = frozenset(
    {"took", "gave", "went", "came", "made", "held", "ran", "stood", "sat", "fought", "met"}
    | {"marched", "gathered", "protested", "attended", "joined", "rallied", "turned", "demonstrated"}
)
#: Nouns of a counted whole after an active verb: "killing a family of seven".
_COLLECTIVES = frozenset({"family", "total", "group"})


def active_verb(low: str) -> bool:
    """A past tense or participle that takes the number after it as its object: "has infected 61 people"."""
    return len(low) > 4 and low.endswith("ed") and low not in SAY_VERBS and low not in lx.AUX


#: "suffered minor injuries": a verb of harm, a word of its severity, and the harm.
_SUFFERED = frozenset({"suffered", "sustained", "received"})
#: Words of a harm's severity or its part of the body: "minor", "serious head" injuries.
_SEVERITY = frozenset({"minor", "serious", "severe", "light", "critical", "slight", "multiple", "grave", "gunshot"})
_SEVERITY |= {"head", "leg", "facial", "stab", "shrapnel", "bullet", "internal", "burn", "spinal", "chest"}
_HARMS = frozenset({"injuries", "wounds", "burns", "injury", "wound"})


def right_cue(toks: list[Token], k: int) -> str | None:
    low = toks[k].low
    for words, metric in lx.RIGHT_PHRASES:
        if low == words[0] and all(k + t < len(toks) and toks[k + t].low == w for t, w in enumerate(words)):
            return metric
    if low in _SUFFERED and k + 2 < len(toks) and toks[k + 1].low in _SEVERITY:
        q = k + 2 + (toks[k + 2].low in _SEVERITY and k + 3 < len(toks))  # "serious head injuries"
        if toks[q].low in _HARMS:
            return "injured"  # "have suffered minor injuries", "sustained serious wounds"
    cue = lx.RIGHT_CUES.get(low)
    if cue == "displaced" and low == "flee":
        return None
    if low == "missing" and k + 1 < len(toks) and toks[k + 1].low == "out":
        return None  # "1.4 million households are missing out on the benefit"
    return cue


def left_cue(toks: list[Token], i: int) -> str | None:
    p = i - 1
    if p >= 2 and toks[p].low in _DAYS and toks[p - 1].low == "on":
        p -= 2  # "the raids killed on Friday 25 civilians"
    elif p >= 1 and toks[p].low in _WHEN_ONE and lx.LEFT_CUES.get(toks[p - 1].low) == "killed":
        p -= 1  # "shelling killed overnight 12 people"
    skipped = 0
    while p >= 0 and toks[p].low in _LEFT_FILLERS and skipped < 2:
        p -= 1
        skipped += 1
    if p >= 3 and toks[p].low == "of" and toks[p - 1].low in _COLLECTIVES and toks[p - 2].low in ("a", "an"):
        p -= 3  # "killing a family of seven", "killed a total of 19"
    if p < 0:
        return None
    if _after_one_named(toks, p, i):
        return "killed"  # "killing a commander and 14 other bystanders"
    low = toks[p].low
    if (
        low not in lx.LEFT_CUES
        and p >= 2
        and toks[p - 1].low == "and"
        and low.endswith("ed")
        and lx.LEFT_CUES.get(toks[p - 2].low) == "killed"
    ):
        return "killed"  # "killed and tortured 180 civilians"
    for words, metric in lx.LEFT_PHRASES:
        if low == words[-1]:
            s = p - len(words) + 1
            if s >= 0 and all(toks[s + t].low == w for t, w in enumerate(words)):
                return metric
    if low == "with":
        # "Russia attacked Ukraine overnight with 50 drones": the attack verb a few words back
        for q in range(p - 1, max(-1, p - 5), -1):
            if toks[q].text in BOUNDARY:
                break
            if toks[q].low in lx.HIT_VERBS:
                return "launched"
    return lx.LEFT_CUES.get(low)


def _killing_after(toks: list[Token], c: int) -> bool:
    """A verb of killing at ``c``: "killed", "executed", "shot dead", "stabbed to death"."""
    n = len(toks)
    if c >= n:
        return False
    if right_cue(toks, c) == "killed":
        return True
    if c + 1 < n and toks[c].low == "shot" and toks[c + 1].low == "dead":
        return True
    return c + 2 < n and toks[c + 1].low == "to" and toks[c + 2].low == "death" and toks[c].low != "sentenced"


#: How many words may name the one person before "and N others": "a military commander of the group".
_ONE_NAMED_WORDS = 6


def _after_one_named(toks: list[Token], p: int, i: int) -> bool:
    """ "killed a commander and 14 other bystanders", "killing the mayor but also six guards": a count
    of people joined to one person named as the object of a verb of killing just before.

    The object is "a", "an" or "the" and a few words (no number, no boundary, no verb); the count
    must be of people ("14 bystanders", "six others"), so "killed a man and 14 houses burned" is none.
    """
    if toks[p].low == "also" and p >= 1 and toks[p - 1].low == "but":
        p -= 1
    if toks[p].low not in ("and", "but") or not _people_after(toks, i):
        return False
    for q in range(p - 1, max(0, p - 1 - _ONE_NAMED_WORDS), -1):
        t = toks[q]
        if t.kind != "word" or t.text in BOUNDARY or t.low in lx.AUX or t.low in ("and", "but", "or"):
            return False
        if t.low in ("a", "an", "the") and q < p - 1 and q >= 1 and lx.LEFT_CUES.get(toks[q - 1].low) == "killed":
            return True
    return False


def _people_after(toks: list[Token], i: int) -> bool:
    """Whether the number phrase starting at ``i`` counts people: its noun, skipping "other", is one."""
    j = next((q for q in range(i, min(len(toks), i + 4)) if toks[q].kind == "num" or toks[q].low in NUMBER_WORDS), None)
    if j is None:
        return False
    q = j + 1
    if q < len(toks) and toks[q].low in ("other", "more"):
        q += 1
    if q >= len(toks):
        return False
    low = toks[q].low
    return (
        low in ("others", "people", "persons", "civilians", "bystanders", "children", "men", "women")
        or (low.endswith("s") and low[:-1] in lx.PERSON_SINGULAR)
        or low in lx.TROOP_NOUNS
    )


def per_after(toks: list[Token], j: int) -> str | None:
    """The unit of a rate just after the number: "1,250 a day", "12 per week", "daily"."""
    n = len(toks)
    for k in range(j, min(n, j + 6)):
        t = toks[k]
        if t.text in BOUNDARY:
            return None
        if t.low in lx.PER_WORDS:
            return lx.PER_WORDS[t.low]
        if t.low in ("a", "per", "each", "every", "an") and k + 1 < n and toks[k + 1].low in lx.PER_UNITS:
            if k + 2 < n and toks[k + 2].low in ("after", "before", "earlier", "later", "ago", "of"):
                return None
            return lx.PER_UNITS[toks[k + 1].low]
    return None
