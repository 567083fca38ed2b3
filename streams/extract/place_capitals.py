"""Capitals named by description: "the Somali capital", "the capital" of the entry's one country,
"Burundi's capital". Pure functions over tokens and the gazetteer, for ``places``."""

from __future__ import annotations

from streams.extract.gazetteer import LOCATIVE, Gazetteer, Place, name_key, normalize
from streams.extract.geodata import capitals, demonyms
from streams.extract.tokens import Token, words


def demonym_capital(toks: list[Token], i: int) -> tuple[Place, int] | None:
    """The region of a country's capital named by its demonym ("the Somali capital", "the Sri Lankan capital")."""
    for size in (1, 2):
        k = i + size
        if k >= len(toks) or toks[k].low != "capital" or _article_before(toks, i) is None:
            continue
        country, capital = demonyms().get(" ".join(t.low for t in toks[i:k]), ("", ""))
        if capital:
            return Place(toks[i].start, toks[k].end, "capital", capital, country, "city"), k + 1
    return None


def entry_capital(toks: list[Token], i: int, gaz: Gazetteer, countries: frozenset[str]) -> tuple[Place, int] | None:
    """The capital of the one country the entry names, where "the capital" stands as a scene ("killed 22
    in a market outside the capital"). Not where the capital's name follows ("the capital, Kabul"): that
    name is read itself. None when the entry names no country or several."""
    n = len(toks)
    art = _article_before(toks, i) if toks[i].low == "capital" else None
    if art is None or art < 1 or toks[art - 1].low not in LOCATIVE:
        return None
    named = [c for c in countries if len(c) == 2]
    if len(named) != 1:
        return None
    comma = i + 1 < n and toks[i + 1].text == ","
    k = i + 2 if comma else i + 1
    if k < n and toks[k].kind == "word" and ((toks[k].is_cap and not comma) or name_key(toks[k].text) in gaz.names):
        return None
    region = capital_region(gaz, named[0])
    if region is None:
        return None
    return Place(toks[i].start, toks[i].end, "capital", region, named[0], "city"), i + 1


#: Words before "capital" that make it another capital than the country's: "the provincial capital",
#: "the former capital", "the rebel capital" (the seat the rebels chose).
_OTHER_CAPITAL = words(
    """
    provincial regional state district county municipal former old ancient colonial commercial economic
    financial cultural religious spiritual administrative summer winter rebel rebels self declared proclaimed
    facto islamic caliphate
    """
)
#: Determiners that open a description of the capital: "the capital", "this capital".
_CAPITAL_ARTICLES = words("the this")


def _article_before(toks: list[Token], i: int) -> int | None:
    """The index of the "the" (or "this") that opens a description of the capital ending before token ``i``:
    "the Somali capital", "the chaotic capital", "the rebel-held Yemeni capital"; at most three lowercase
    words or hyphens between, none of which makes it another capital (:data:`_OTHER_CAPITAL`)."""
    for k in range(i - 1, max(-1, i - 5), -1):
        t = toks[k]
        if t.low in _CAPITAL_ARTICLES:
            return k
        if t.text == "-":
            continue
        compound = k + 1 < i and toks[k + 1].text == "-"  # "rebel-held", "war-torn": the first part of one word
        if t.kind != "word" or not t.text.islower() or (t.low in _OTHER_CAPITAL and not compound):
            return None
    return None


def capital_region(gaz: Gazetteer, country: str) -> str | None:
    """The ISO 3166-2 region of a country's capital (GeoNames' country table names the capital)."""
    name = capitals().get(country)
    city = gaz.lookup_city(normalize(name), False, frozenset({country})) if name else None
    return city.region_code if city is not None and city.country == country else None


def country_capital(place: Place, i: int, toks: list[Token], gaz: Gazetteer) -> tuple[Place, int]:
    """A country named before "capital" is its capital: "Burundi's capital", "the Central African Republic
    capital" (token ``i`` follows the country's name). Anything else is returned as it is."""
    apart = i + 1 < len(toks) and toks[i].text in ("'", "’") and toks[i + 1].low == "s"  # "somalia 's capital"
    k = i + 2 if apart else i
    if place.kind not in ("country", "mention") or k >= len(toks) or toks[k].low != "capital":
        return place, i
    region = capital_region(gaz, place.country)
    if region is None:
        return place, i
    kind = "city" if place.kind == "country" else "mention"  # "troops from Burundi's capital": still no scene
    return Place(place.start, toks[k].end, "capital", region, place.country, kind), k + 1
