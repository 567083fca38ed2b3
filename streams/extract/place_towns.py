"""Whether a name found in a sentence may stand as a town there, and regions under other spellings.

Pure helpers of ``places.find_places``: the context a small town needs, the person-name guard
("Lloyd Austin", "Vladimir Putin"), and first-level regions spelt another way ("Urozgan").
"""

from __future__ import annotations

from streams.extract.gazetteer import (
    DIRECTION_WORDS,
    LOCATIVE,
    MIN_TOWN_POPULATION,
    REGION_WORDS,
    SMALL_TOWN_COUNTRIES,
    Gazetteer,
    Place,
    _Candidate,
    name_key,
    normalize,
)
from streams.extract.place_rules import followed_by_region
from streams.extract.tokens import Token, words

#: Words before a name that keep a locative reaching it ("in northern Gaza", "to New ...").
DIRECTIONS = DIRECTION_WORDS | words("new old")
OPENERS = frozenset({'"', "“", "‘", "'", "(", "[", "—", "-", ":", "–"})


def key_of(text: str, toks: list[Token], i: int, j: int) -> str:
    return name_key(text[toks[i].start : toks[j - 1].end])


def plausible_town(
    toks: list[Token],
    i: int,
    j: int,
    cand: _Candidate,
    key: str,
    locative: bool,
    after_settlement: bool,
    lower_mode: bool,
    title_case: bool,
    gaz: Gazetteer,
    countries: frozenset[str],
) -> bool:
    n = len(toks)
    population, country = cand.population, cand.country
    main_name = cand.score >= 5 * max(population, 1)
    context = locative or after_settlement or followed_by_region(toks, j)
    if lower_mode:
        # A small town counts in lowercase text only where the entry names its region too ("near x , kent").
        floor = MIN_TOWN_POPULATION if cand.region_code is not None and cand.region_code in countries else 10000
        return context and population >= floor
    single = j - i == 1
    if single and len(key) <= 3 and population < 100000:
        return False
    if not title_case:
        prev = toks[i - 1] if i > 0 else None
        if prev is not None and prev.kind == "word" and prev.is_cap and prev.low not in DIRECTIONS:
            sentence_start = i == 1 or toks[i - 2].text in OPENERS or toks[i - 2].text in ".!?"
            if not sentence_start and not _is_place_word(prev, gaz):
                return False  # "Lloyd Austin"
        nxt = toks[j] if j < n else None
        if (
            nxt is not None
            and nxt.kind == "word"
            and nxt.is_cap
            and nxt.low not in REGION_WORDS
            and not _is_place_word(nxt, gaz)
            and not context
        ):
            return False  # "Vladimir Putin"
    if context:
        return population >= 1000 or main_name
    big = population >= (50000 if main_name else 200000)
    if country in SMALL_TOWN_COUNTRIES and (population >= 20000 or (not single and population >= 1000)):
        big = True  # transliterations vary, so alternate names count as much as the main one
    return big


#: Tokens that may close a region name spelt another way: "..., Urozgan." "(Mahliyah, Marib)".
_LOOSE_CLOSERS = frozenset({",", ".", ")", ";", ":"})


def loose_region_at(
    text: str, toks: list[Token], i: int, gaz: Gazetteer, war: bool, countries: frozenset[str]
) -> tuple[Place, int] | None:
    """A first-level region under another spelling ("Urozgan" for Uruzgan, "Ninewa" for Ninawa).

    Only where the name stands as a region in the sentence: after a comma, a
    bracket or a locative word, and before a region word or closing punctuation.
    The spelling-tolerant key must name one region (see ``Gazetteer.lookup_loose_region``).
    """
    if i == 0 or not toks[i].is_cap:
        return None
    prev = toks[i - 1]
    if not (prev.text in (",", "(") or prev.low in LOCATIVE):
        return None
    n = len(toks)
    for j in range(min(n, i + 3), i, -1):
        if not all(toks[k].kind == "word" and toks[k].is_cap for k in range(i, j)):
            continue
        nxt = toks[j] if j < n else None
        region_word = nxt is not None and nxt.low in REGION_WORDS
        if nxt is not None and not region_word and nxt.text not in _LOOSE_CLOSERS:
            continue
        region = gaz.lookup_loose_region(key_of(text, toks, i, j), countries, war)
        if region is None:
            continue
        end_tok = j + 1 if region_word else j
        end = toks[end_tok - 1].end
        return Place(toks[i].start, end, text[toks[i].start : end], region.iso, region.country, "region"), end_tok
    return None


def _is_place_word(t: Token, gaz: Gazetteer) -> bool:
    key = normalize(t.text[:-2] if t.low.endswith("'s") else t.text)
    return key in gaz.countries or key in gaz.regions or key in gaz.names
