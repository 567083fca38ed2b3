"""The counted subject of a number phrase: where it ends, and what its words say.

Helpers for the figure finder (metrics.py), each a bounded look at a few tokens:

- a participle after a plural noun ends the subject: "soldiers lying by the road";
- nouns of people held or uprooted ("hostages", "detainees") are the subject,
  and a verb after them may tell their fate: "five hostages were killed";
- a participle used as an adjective is part of the subject, and a killing
  verb after the noun is the figure's: "eight displaced Syrians were killed";
- a whole taken with "lives": "the clashes claimed five lives";
- coordination with "as well as" and "but also".
"""

from __future__ import annotations

from streams.extract import lexicon as lx
from streams.extract.cues import CLAUSE_VERBS
from streams.extract.numbers import NUMBER_WORDS, NumberMention
from streams.extract.shapes import bridge_to_cue, people_cue
from streams.extract.tokens import Token, words

#: Nouns of people held or uprooted: the counted subject, whose fate a verb after them may tell.
HELD_NOUNS = frozenset({"refugees", "prisoners", "hostages", "detainees", "captives", "evacuees"})
#: The fates that outrank a held noun's own metric: "five hostages and six guerrillas were killed".
FATES = frozenset({"killed", "injured", "missing"})
#: Verbs that take "lives" as their object: "claimed five lives", "cost 30 lives".
LIFE_VERBS = frozenset(
    {"claimed", "claiming", "claims", "claim", "took", "taking", "takes", "cost", "costing", "costs"}
)
CAPTIVE_WORDS = frozenset({"prisoner", "prisoners", "captive", "captives", "hostage", "hostages"})
_TAKE_VERBS = frozenset({"took", "taken", "take", "takes", "taking"})
IRREGULAR_PLURALS = frozenset({"men", "women", "children", "people"})
#: Participles that can stand before a plural noun as adjectives: "displaced Syrians", "wounded soldiers".
_ADJECTIVE_PARTICIPLES = frozenset(
    {"displaced", "wounded", "injured", "missing", "detained", "abducted", "captured", "evacuated", "arrested"}
)


def also_joined(toks: list[Token], i: int) -> bool:
    """ "killing a commander but also 14 bystanders", "seven civilians as well as two soldiers"."""
    before = tuple(t.low for t in toks[max(0, i - 3) : i])
    return before[-2:] in (("but", "also"), ("and", "also")) or before == ("as", "well", "as")


def held_last(subj_low: list[str]) -> bool:
    """Whether the counted subject ends in a noun of people held or uprooted."""
    return bool(subj_low) and subj_low[-1] in HELD_NOUNS


def takes_lives(toks: list[Token], m: NumberMention, subj_low: list[str]) -> bool:
    """ "the clashes claimed five lives", "the flood took 30 lives": a killing with no killing verb."""
    return subj_low[:1] == ["lives"] and m.i >= 1 and toks[m.i - 1].low in LIFE_VERBS


def take_verb_before(toks: list[Token], i: int) -> bool:
    return any(toks[p].low in _TAKE_VERBS for p in range(max(0, i - 3), i))


def plural_noun(t: Token) -> bool:
    low = t.low
    if t.kind != "word":
        return False
    return (
        low in IRREGULAR_PLURALS
        or low in lx.TROOP_NOUNS
        or (len(low) > 3 and low.endswith("s") and not low.endswith("ss"))
    )


def participle_after_noun(toks: list[Token], k: int) -> bool:
    """ "soldiers lying by the road", "troops sent to Russia", "people took part": a verb ends the counted noun."""
    low = toks[k].low
    if (len(low) < 5 or not (low.endswith("ing") or low.endswith("ed"))) and low not in CLAUSE_VERBS:
        return False
    before = toks[k - 1].low
    return (
        before in lx.TROOP_NOUNS or before in IRREGULAR_PLURALS or (before.endswith("s") and not before.endswith("ss"))
    )


def adjective_at(toks: list[Token], c: int) -> bool:
    """Whether the participle at ``c`` describes the plural noun after it: "displaced people"."""
    n = len(toks)
    if toks[c].low not in _ADJECTIVE_PARTICIPLES or c + 1 >= n or not plural_noun(toks[c + 1]):
        return False
    return toks[c + 1].low not in lx.AUX and toks[c + 1].low not in lx.RIGHT_CUES


def killed_after_adjective(toks: list[Token], c: int) -> int | None:
    """The killing verb after "N displaced Syrians" when the cue at ``c`` is an adjective, else None.

    "Eight displaced Syrians, including four children, were killed": "displaced"
    describes the people; their fate is the verb after the noun. Only a killing
    outranks the adjective ("20 wounded soldiers were evacuated" stays injured).
    """
    if not adjective_at(toks, c) or c + 2 >= len(toks):
        return None
    c2 = bridge_to_cue(toks, c + 2)
    return c2 if c2 is not None and people_cue(toks, c2) == "killed" else None


def people_words(words: list[str]) -> bool:
    return any(w in lx.TROOP_NOUNS or w in ("people", "men", "civilians", "lives", "personnel") for w in words)


#: Nouns an "N-strong" count numbers troops by: "a 5,000-strong force", not "the 27-strong bloc".
_STRONG_FORCES = words("army militia garrison battalion brigade regiment division unit units column mission")


def strong_force(toks: list[Token], m: NumberMention) -> bool:
    """ "a 5,000-strong force", "the 300-strong contingent": an armed body counted by "N-strong"."""
    j = m.j
    if not (j + 2 < len(toks) and toks[j].text == "-" and toks[j + 1].low == "strong"):
        return False
    for p in range(j + 2, min(len(toks), j + 5)):  # "a 4,000-strong regional protection force"
        low = toks[p].low
        if low in lx.TROOP_NOUNS or low in lx.FORCE_WORDS or low in _STRONG_FORCES:
            return True
        if toks[p].kind != "word":
            return False
    return False


def part_aside(toks: list[Token], p: int) -> bool:
    """Whether an aside of a part opens at ``p``: ", six of whom were children,", ", three of them brothers,"."""
    if p + 2 >= len(toks) or not (toks[p].kind == "num" or toks[p].low in NUMBER_WORDS):
        return False
    return toks[p + 1].low == "of" and toks[p + 2].low in ("whom", "them", "which")


def death_toll_label(toks: list[Token], i: int) -> bool:
    """ "the death toll - 50 casualties", "death toll: 35 casualties": a death toll labels the count at ``i``."""
    return (
        i >= 3 and toks[i - 1].text in ("-", "–", "—", ":") and (toks[i - 3].low, toks[i - 2].low) == ("death", "toll")
    )
