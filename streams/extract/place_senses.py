"""Places that a sentence names without naming the scene: wider areas, seats of speakers, surnames.

Pure predicates over tokens and the gazetteer, for ``places``.
"""

from __future__ import annotations

from collections import defaultdict

from streams.extract.gazetteer import MAX_NAME_TOKENS, REGION_WORDS, Gazetteer, Region, _Candidate
from streams.extract.place_rules import NAME_ARTICLES
from streams.extract.place_towns import key_of
from streams.extract.tokens import Token, words

#: Words that set apart first-level units sharing one stem ("North Kivu" / "South Kivu", "Kasai-Central").
_PART_WORDS = words(
    """
    north northern south southern east eastern west western central middle upper lower
    nord sud est ouest oriental occidental orientale haut bas alto
    """
)
#: Words of a unit's kind or landform that several units' names share without naming one area.
_UNIT_WORDS = words("province region district department division centre center river cape highlands islands")
#: Area words after which a stem shared by several units names them all ("the Kasai region", "the Darfur area").
AREA_WORDS = words("region area")


_STEMS: dict[int, tuple[Gazetteer, dict[str, dict[str, frozenset[str]]]]] = {}


def _stem_units(gaz: Gazetteer) -> dict[str, dict[str, frozenset[str]]]:
    """stem -> country -> the first-level units named by the stem with a compass or part word."""
    got = _STEMS.get(id(gaz))
    if got is not None and got[0] is gaz:
        return got[1]
    out: defaultdict[str, defaultdict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for key, regions in gaz.regions.items():
        parts = key.replace("-", " ").split()
        if len(parts) < 2:
            continue
        rest = [w for w in parts if w not in _PART_WORDS]
        if len(rest) != 1 or len(rest[0]) < 4 or rest[0] in REGION_WORDS or rest[0] in _UNIT_WORDS:
            continue  # "Moscow oblast", "Kyiv city": the stem with a unit word, not a part of a wider area
        for r in regions:
            if r.level == 1 and r.rank >= 1:
                out[rest[0]][r.country].add(r.iso)
    table = {stem: {c: frozenset(v) for c, v in by.items()} for stem, by in out.items()}
    _STEMS.clear()  # one gazetteer at a time
    _STEMS[id(gaz)] = (gaz, table)
    return table


def wider_area(gaz: Gazetteer, key: str, country: str | None, countries: frozenset[str]) -> str | None:
    """The country in which ``key`` + "region" names an area over several first-level units, if any.

    "The Kasai region" spans Kasai, Kasai-Central and Kasai-Oriental; "the Darfur region" five states:
    a figure there lies in the country, in no one unit of it. ``country`` is the one the name resolved
    to, if any; else the one country whose units share the stem (or the one the entry names).
    """
    by = _stem_units(gaz).get(key)
    if not by:
        return None
    wide = [c for c, units in by.items() if len(units) >= 2]
    if country is not None:
        return country if country in wide else None
    if len(wide) > 1:
        wide = [c for c in wide if c in countries]
    return wide[0] if len(wide) == 1 else None


#: Nouns after a one-word name that make it a part of that place: "in the Kathmandu valley", "the Kabul airport".
PART_NOUNS = words(
    """
    valley metro subway underground airport university campus station hospital mosque church cathedral
    market bazaar stadium suburbs outskirts
    """
)
#: Nouns whose place after "in" is where a source works, not where it happened ("the embassy in Brussels").
_SEAT_NOUNS = words(
    """
    embassy embassies consulate consulates correspondent correspondents bureau
    """
)
#: Titles before a person's name: a place name right after them is a surname ("sheriff scott israel").
_TITLES = words(
    """
    sheriff officer colonel captain sergeant sgt lieutenant senator congressman congresswoman
    mr mrs ms dr pastor rev bishop
    """
)
#: Words after a title that are no first name ("the sheriff visited Israel", "the officer in Paris").
_NOT_NAMES = words(
    """
    of in at on the a an and or for from to with by said says told visited met warned urged called
    flew went arrived left returned toured praised thanked blamed
    """
)
#: How far back "told" may stand before "in X" ("told the Guardian's correspondent in Brussels").
_TOLD_SPAN = 7


def seat_of_source(toks: list[Token], i: int) -> bool:
    """Whether the place at token ``i`` is where a source sits or speaks, not where it happened.

    "The embassy in Brussels", "our correspondent in Kabul", "told reporters in Geneva",
    "told the Guardian's Ian Traynor in Brussels".
    """
    if i < 2 or toks[i - 1].low not in ("in", "at"):
        return False
    if toks[i - 2].low in _SEAT_NOUNS:
        return not _attacked_seat(toks, i - 2)  # "the attack on the us consulate in benghazi": the scene
    for k in range(i - 2, max(-1, i - 2 - _TOLD_SPAN), -1):
        t = toks[k]
        if t.low in ("told", "tells", "telling"):
            return True
        if t.kind != "word" and t.text not in ("'s", "'", "’s"):
            return False
        if t.low in ("that", "and", "but", "when", "after", "as"):
            return False
    return False


#: Nouns and verbs of an attack whose object is the embassy itself ("the attack on the us embassy in tunis").
_ATTACK_WORDS = words("attack attacks attacked bombing bombed stormed storming raid siege assault")
#: How far back the attack word may stand before the seat noun ("an attack on the heavily guarded us embassy").
_ATTACK_SPAN = 6


def _attacked_seat(toks: list[Token], k: int) -> bool:
    """Whether the seat noun at token ``k`` is what an attack struck ("the attack on the us embassy")."""
    for m in range(k - 1, max(-1, k - 1 - _ATTACK_SPAN), -1):
        if toks[m].low in _ATTACK_WORDS:
            return True
        if toks[m].kind != "word" or toks[m].low in ("said", "says", "told", "and", "that"):
            return False
    return False


def surname_after_title(toks: list[Token], i: int) -> bool:
    """Whether the place at token ``i`` ends a titled person's name ("sheriff scott israel")."""
    return i >= 2 and toks[i - 1].kind == "word" and titled_name(toks[i - 2].low, toks[i - 1].low)


def titled_name(title: str, first: str) -> bool:
    """Whether the two words before a name are a title and a first name ("sheriff scott" of "... israel")."""
    return title.lower() in _TITLES and first.isalpha() and first.lower() not in _NOT_NAMES | _TITLES


def in_named_region(
    text: str,
    toks: list[Token],
    j: int,
    gaz: Gazetteer,
    key: str,
    cand: _Candidate | None,
    countries: frozenset[str],
    war: bool,
) -> _Candidate | None:
    """The namesake town in the region named right after it ("Ariha in Idlib province").

    Only when the best candidate lies elsewhere and another candidate of the same
    name lies in that region; then the stated region is the stronger evidence.
    """
    n = len(toks)
    if j >= n or not (toks[j].low == "in" or toks[j].text == ","):
        return None
    k = j + 1
    if k < n and toks[k].low == "the":
        k += 1
    e = k
    while e < n and e - k < MAX_NAME_TOKENS and toks[e].kind == "word" and toks[e].is_cap:
        e += 1
    if e == k or e >= n or toks[e].low not in REGION_WORDS:
        return None
    region = gaz.lookup_region(key_of(text, toks, k, e), countries, war)
    if region is None or (cand is not None and cand.region_code == region.iso):
        return None
    for c in (*gaz.names.get(key, ()), *gaz.towns(region.country).get(key, ())):
        if c.region_code == region.iso:
            return c
    return None


#: A town this large abroad outweighs a county or district of the same name in another country ("Norwich").
_COUNTY_NAMESAKE_POPULATION = 100_000


def county_abroad(gaz: Gazetteer, key: str, region: Region, cand: _Candidate | None, countries: frozenset[str]) -> bool:
    """Whether ``region`` is a county's or district's name (rank 0) outside the entry's countries that a
    large town of another country shares, with nothing here to settle which: "police in Norwich" is no
    district of Jamaica; the name is left unplaced rather than guessed."""
    if region.rank > 0 or region.country in countries or cand is not None:
        return False
    return any(
        c.country != region.country and c.population >= _COUNTY_NAMESAKE_POPULATION for c in gaz.names.get(key, ())
    )


_COMPASS = frozenset({"north", "south", "east", "west", "central"})
#: Romance articles that, in lowercase text, carry a name on ("pescara del tronto", "san pietro di feletto").
_ROMANCE_ARTICLES = words("del della delle dello degli di de du des do da dos das")


def name_goes_on(toks: list[Token], j: int, n: int, lower_mode: bool = False) -> bool:
    """Whether the name ending before token ``j`` goes on: a hyphen and a capitalised word, or an article.

    In lowercase text a Romance article and a word carry it on too ("pescara del tronto" is no Pescara).
    """
    if j + 1 >= n:
        return False
    t, u = toks[j], toks[j + 1]
    if t.is_cap and t.low in _COMPASS and u.low in REGION_WORDS:
        return True  # "Twic East county", "Jos North LGA": the compass word is part of the district's name
    if t.text == "-":
        return not t.space_before and not u.space_before and u.kind == "word" and u.is_cap
    if lower_mode and t.low in _ROMANCE_ARTICLES and u.kind == "word" and u.low.isalpha() and len(u.low) > 2:
        return u.low not in _NOT_NAMES
    if t.low in NAME_ARTICLES and t.text.islower() and u.low in NAME_ARTICLES and j + 2 < n:
        u = toks[j + 2]  # "Buena Vista de la Salud"
    return t.low in NAME_ARTICLES and t.text.islower() and (u.is_cap or (u.text == "-" and not u.space_before))
