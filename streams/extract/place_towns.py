"""Whether a name found in a sentence may stand as a town there, and regions under other spellings.

Pure helpers of ``places.find_places``: the context a small town needs, the person-name guard
("Lloyd Austin", "Vladimir Putin"), and first-level regions spelt another way ("Urozgan").
"""

from __future__ import annotations

import re

from streams.extract.gazetteer import (
    AMBIGUITY_RATIO,
    DIRECTION_WORDS,
    LOCATIVE,
    MIN_TOWN_POPULATION,
    REGION_WORDS,
    SMALL_TOWN_COUNTRIES,
    Gazetteer,
    Place,
    _Candidate,
    finest,
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


#: The longest country name read after a town's comma, in words ("Democratic Republic of the Congo").
_MAX_COUNTRY_WORDS = 5
#: Also "Bor in South Sudan": a town written with the country it lies in after "in".
_COUNTRY_AFTER_RE = re.compile(rf"(?:\s*[,(]\s*|\s+in\s+)((?:[^\W\d_][\w'’.-]*\s*){{1,{_MAX_COUNTRY_WORDS}}})")


def paired_country(text: str, end: int, gaz: Gazetteer) -> str | None:
    """The country a name ending at ``end`` is written with: "Bentiu, South Sudan", "Lae (Papua New
    Guinea)", "Bor in South Sudan". The writer's own pair places the name in that country, whatever
    namesakes lie elsewhere."""
    m = _COUNTRY_AFTER_RE.match(text, end)
    if m is None:
        return None
    ws = m.group(1).split()
    if name_key(ws[0].rstrip(".,")) not in _country_firsts(gaz):
        return None  # most commas are followed by no country's name: one set look-up says so
    for size in range(len(ws), 0, -1):
        cc = gaz.countries.get(name_key(" ".join(ws[:size]).rstrip(".,")))
        if cc is not None:
            return cc
    return None


_COUNTRY_FIRSTS: dict[int, frozenset[str]] = {}


def _country_firsts(gaz: Gazetteer) -> frozenset[str]:
    """First words of the gazetteer's country names ("south" of "south sudan"), once per gazetteer."""
    got = _COUNTRY_FIRSTS.get(id(gaz))
    if got is None:
        got = frozenset(k.split(" ", 1)[0] for k in gaz.countries)
        _COUNTRY_FIRSTS.clear()
        _COUNTRY_FIRSTS[id(gaz)] = got
    return got


#: Longest name read before a country's comma, in tokens.
_MAX_PAIR_TOKENS = 4


def country_pairs(
    text: str, toks: list[Token], gaz: Gazetteer, war: bool, lower_mode: bool
) -> dict[int, tuple[Place | None, int]]:
    """Names written with their country ("in Bentiu, South Sudan"), by the token they start at: the
    place of that name in that country and the token after it; None for a name that only other
    countries have a place of ("Bor, Sudan": no Serbian district), so no namesake abroad is read.

    A name several regions of the country share gives the country alone; one region's namesake that
    outweighs the others :data:`~streams.extract.gazetteer.AMBIGUITY_RATIO` times is meant.
    """
    out: dict[int, tuple[Place | None, int]] = {}
    for k, t in enumerate(toks):
        if (t.text not in (",", "(") and t.low != "in") or k == 0:
            continue
        cc = paired_country(text, toks[k - 1].end, gaz)
        if cc is None:
            continue
        start = k
        while start > 0 and k - start < _MAX_PAIR_TOKENS:
            w = toks[start - 1]
            if w.kind != "word" or w.low in LOCATIVE or not (w.is_cap or lower_mode or w.low in _PAIR_CONNECTORS):
                break
            start -= 1
        if lower_mode and (start == 0 or toks[start - 1].low not in LOCATIVE):
            continue  # lowercase text: only "in bentiu , south sudan"
        for s in range(start, k):
            if toks[s].kind != "word" or not (toks[s].is_cap or lower_mode):
                continue
            got = _place_in(text, toks, s, k, cc, gaz)
            if got is not False:
                out[s] = (got if isinstance(got, Place) else None, k)
                break
    return out


_PAIR_CONNECTORS = frozenset({"al", "el", "de", "del", "la", "ar", "as", "ad", "ash", "an", "az", "ez", "es"})


def _place_in(text: str, toks: list[Token], s: int, k: int, cc: str, gaz: Gazetteer) -> Place | bool | None:
    """The place ``toks[s:k]`` names in country ``cc``; None if the name is a place elsewhere only;
    False if it is no place at all (or a country: "Kabul, Afghanistan" is read as it is)."""
    key = key_of(text, toks, s, k)
    if not key or key in gaz.common or key in gaz.countries:
        return False
    towns = [c for c in (*gaz.names.get(key, ()), *gaz.towns(cc).get(key, ())) if c.country == cc]
    mine = [r for r in gaz.regions.get(key, ()) if r.country == cc]
    regions = [r for r in mine if r.rank > 0] or ([] if towns else mine)  # a district ("Masisi") if no town
    if not towns and not regions:
        return None if key in gaz.names or key in gaz.regions else False
    first, last = toks[s], toks[k - 1]
    written = text[first.start : last.end]
    if regions and not (towns and max(c.population for c in towns) >= _TOWN_OVER_PAIRED_REGION):
        isos = {r.iso for r in regions}
        iso = next(iter(isos)) if len(isos) == 1 else finest(isos)
        return Place(first.start, last.end, written, iso, cc, "region")
    main = [c for c in towns if c.score >= 5 * max(c.population, 1)] or towns
    weight: dict[str | None, float] = {}
    for c in main:
        weight[c.region_code] = max(weight.get(c.region_code, 0.0), c.score)
    ranked = sorted(weight.items(), key=lambda kv: (kv[1], kv[0] or ""), reverse=True)
    iso = ranked[0][0] if len(ranked) == 1 or ranked[1][1] * AMBIGUITY_RATIO < ranked[0][1] else None
    return Place(first.start, last.end, written, iso, cc, "city")


#: A town this large named with its country is the town, though a region of the country shares its name.
_TOWN_OVER_PAIRED_REGION = 100_000


#: A distance and a bearing before a name: the name is a landmark the scene is measured from ("Jilib,
#: 120 km (75 miles) north of Kismayu", "a town 272 kilometres north of the capital, Dhaka").
_DISTANCE_BEFORE_RE = re.compile(
    r"\b\d[\d,.]*\s*-?\s*(?:km|kms|kilometers?|kilometres?|miles?|mi)\b\.?"
    r"(?:\s*\(\s*\d[\d,.]*\s*(?:km|kms|kilometers?|kilometres?|miles?|mi)\.?\s*\))?"
    r"\s+(?:to\s+the\s+)?(?:(?:north|south)(?:\s*-\s*|\s*)?(?:east|west)?|east|west)(?:ern|erly)?\s+(?:of|from)"
    r"\s+(?:the\s+)?(?:(?:[a-z]+\s+)?(?:capital|city|town|port)(?:\s+of)?\s*,?\s+)?$"
    r"|\b\d[\d,.]*\s*-?\s*(?:km|kms|kilometers?|kilometres?|miles?|mi)\b\.?\s+(?:from|outside)"
    r"\s+(?:the\s+)?(?:(?:[a-z]+\s+)?(?:capital|city|town|port)(?:\s+of)?\s*,?\s+)?$",
    re.IGNORECASE,
)


def measured_from(text: str, start: int, floor: int) -> bool:
    """Whether the place at ``start`` is only where a distance is measured from ("20 km north of Kabul"):
    the scene lies elsewhere, so the name is no place of the figures (nor of the entry)."""
    lo = max(floor, start - 80)
    if not any(c.isdigit() for c in text[lo:start]):
        return False  # no distance without a number: the regex is not needed
    return _DISTANCE_BEFORE_RE.search(text, lo, start) is not None


def lone_town(text: str, toks: list[Token], i: int, place: Place, gaz: Gazetteer, countries: frozenset[str]) -> bool:
    """Whether a small town of a country the entry names stands as the scene ("killed 40 men at Srebrenica"
    in a report on Bosnia): written right after "in" or "at", the only town of that name in the country,
    and no larger place's name anywhere, in an entry that names no region of that country (where it
    names one, the town must lie there: "in Jaro, Iloilo City" is a district of that city, not a namesake)."""
    if place.region_code is None or place.country not in countries or i == 0 or toks[i - 1].low not in ("in", "at"):
        return False
    if any(len(c) > 2 and c.startswith(place.country + "-") for c in countries):
        return False
    key = name_key(place.text)
    if key in gaz.names or key in gaz.regions or key in gaz.countries:
        return False
    return {c.region_code for c in gaz.towns(place.country).get(key, ())} == {place.region_code}


#: Token text -> whether a place name may start with it (bounded cache of the first-word test).
_STARTS: dict[str, bool] = {}
_STARTS_MAX = 50_000


def may_start_town(word: str, gaz: Gazetteer, countries: frozenset[str]) -> bool:
    """Whether the key of a small town of the entry's ``countries`` begins with this word."""
    small = tuple(c for c in countries if len(c) == 2 and c not in SMALL_TOWN_COUNTRIES)  # those: in ``names``
    if not small:
        return False
    bare = normalize(word[:-2] if word.endswith(("'s", "’s")) else word)
    return any(bare in gaz.town_firsts(c) for c in small)


def may_start_known(word: str, gaz: Gazetteer) -> bool:
    """Whether some gazetteer key begins with this word (with or without a possessive "'s")."""
    got = _STARTS.get(word)
    if got is None:
        firsts = gaz.firsts
        got = normalize(word) in firsts
        if not got and word.endswith(("'s", "’s")):
            got = normalize(word[:-2]) in firsts
        if len(_STARTS) >= _STARTS_MAX:
            _STARTS.clear()
        _STARTS[word] = got
    return got
