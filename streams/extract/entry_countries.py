"""The countries and regions an entry names, read once per entry to settle ambiguous place names."""

from __future__ import annotations

import re

from streams.extract.actor_countries import actor_countries
from streams.extract.gazetteer import (
    LOCATIVE,
    REGION_WORDS,
    Gazetteer,
    Region,
    admin_word_countries,
    admin_word_country_at,
    name_key,
)
from streams.extract.geodata import demonyms
from streams.extract.place_rules import DATE_WORDS, outlet_spans
from streams.extract.place_senses import titled_name
from streams.extract.place_towns import paired_country
from streams.extract.tokens import words

_CONTEXT_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
#: Name lengths tried at each word, in capitalised words, longest first ("Papua New Guinea").
_SIZES = (3, 2, 1)
#: What may stand between the capitalised words of one name: "Democratic Republic of the Congo",
#: "Bosnia and Herzegovina".
_NAME_GAP_RE = re.compile(r"\s+(?:(?:of|the|and)\s+){0,2}")
#: A city this large, unambiguous, names its country for the rest of the entry ("Kabul", "Maiduguri").
_CONTEXT_CITY_POPULATION = 100_000


def entry_countries(text: str, gaz: Gazetteer) -> frozenset[str]:
    """The countries (alpha-2) and regions (ISO 3166-2) an entry names: country names, unambiguous
    regions and large cities (with their countries).

    They settle names that several countries share ("Hyderabad", "Punjab") or
    several regions of one country ("Vasylivka" in an entry that names the
    Zaporizhzhia region), and bring in the small towns of those countries. Only capitalised words count,
    unless the whole text is lowercase; a region or city counts only where it
    stands as a place ("in Kabul", ", Balkh.", "(Borno)", "Helmand province"),
    not inside a longer name ("Colonia Bella Vista"). Adjectives ("Russian
    shelling", "Israeli strike") name who acted more often than where, so they
    do not count, save in an entry that names no place at all: there the one
    state whose police or government acts ("Syrian security forces"), or whose
    troops act in "the country", is the entry's country. One pass over the words,
    at most three look-ups each: linear in the text.
    """
    found: set[str] = set()
    lower = not any(c.isupper() for c in text)
    # Capitalised words only (every word in lowercase text): the rest cannot start a place name here.
    ws = [(m.start(), m.end()) for m in (_CONTEXT_WORD_RE if lower else _CAP_WORD_RE).finditer(text)]
    outlets = outlet_spans(text)
    if outlets:  # "Agence France-Presse reported": no sign of France
        ws = [w for w in ws if not any(a <= w[0] < b for a, b in outlets)]
    n = len(ws)
    firsts = gaz.firsts
    dem = demonyms()
    acting: set[str] = set()  # countries whose own forces or government act ("Syrian security forces")
    armed: set[str] = set()  # countries whose troops or aircraft act, at home or abroad ("Sudanese warplanes")
    nations: set[str] = set()  # countries of the nationalities named ("Mexican officials", "Palestinians")
    elsewhere: set[str] = set()  # ... of those that may act abroad ("Israeli jets", "Ethiopian troops", "refugees")
    covered = 0  # words up to here belong to a longer name already read ("Sudan" of "South Sudan")
    for i in range(n):
        start, end = ws[i]
        key1 = name_key(text[start:end])
        if key1 in dem or key1 in DEMONYM_FIRSTS:
            _state_actor(text, ws, i, key1, dem, acting, armed, found)
        _nationality(text, ws[i][1], key1, dem, nations, elsewhere)
        if i < covered or key1.partition(" ")[0] not in firsts:
            continue  # no country, region or city name starts with this word
        if i >= 2 and _titled_surname(text, ws, i):
            continue  # "Sheriff Scott Israel": a surname, no sign of Israel
        for size in _SIZES:
            if i + size > n:
                continue
            last = i + size - 1
            if size > 1 and not all(
                _NAME_GAP_RE.fullmatch(text, ws[k][1], ws[k + 1][0]) is not None for k in range(i, last)
            ):
                continue  # not one run of words ("North Kivu"): only spaces (and "of the") may stand between
            key = key1 if size == 1 else name_key(text[start : ws[last][1]])
            named = _named_by(key, size, gaz)
            if named is None:
                continue
            cc, iso, as_place = named
            if as_place and not _stands_as_place(text, start, ws[last][1], lower):
                continue
            if _MISSION_RE.match(text, ws[last][1]):
                break  # "the U.S. embassy in Monrovia": whose mission, not where anything happened
            if admin_word_country_at(text, ws[last][1]) not in (None, cc):
                continue  # "Mirpur upazila": a place of Bangladesh, not the Pakistani namesake
            if as_place and paired_country(text, ws[last][1], gaz) not in (None, cc):
                break  # "Bor, South Sudan", "Lae, Papua New Guinea": no sign of Serbia or the Marshall Islands
            covered = last + 1
            found.add(cc)
            if iso is not None:
                found.add(iso)
            break
    found.update(admin_word_countries(text.lower()))  # "in Raipur upazila": Bangladesh, whatever else is named
    found.update(_paired_countries(text, gaz))  # "the Cambodia-Vietnam border": both
    if not found and len(acting | armed) == 1 and (acting or _AT_HOME_RE.search(text)):
        # An entry that names no place, only the state whose forces act at home ("in the north of the country").
        return frozenset(acting | armed)
    if not found and len(actors := actor_countries(text)) == 1:
        return actors  # an entry that names no place, only a party or force of one country ("BJP workers")
    if not found and len(nations) == 1 and not elsewhere:
        # An entry that names no place and one nationality, of people at home ("Mexican officials denied that
        # police killed 17 peasants", "seven Palestinians were killed"): that country. Not where any nationality
        # names forces, weapons or refugees, which cross borders ("Israeli jets", "Russian positions").
        return frozenset(nations)
    return frozenset(found)


#: Nouns after a nationality of people at home, whom a report names by it ("Mexican officials", "Kenyan
#: students"); a plural nationality names such people too ("seven Palestinians").
_PEOPLE = words(
    "official officials man men woman women child children boy boys girl girls student students protesters"
    " demonstrators workers farmers journalist journalists villagers residents teenager teenagers family families"
)


def _nationality(
    text: str, end: int, key: str, dem: dict[str, tuple[str, str]], nations: set[str], elsewhere: set[str]
) -> None:
    """Adds the country of the nationality ``key`` (a word ending at ``end``) to ``nations`` when people at
    home follow it ("Mexican officials") or it is a plural ("Palestinians"), else to ``elsewhere``: forces,
    weapons and refugees cross borders ("Israeli jets", "Russian positions", "Somali refugees")."""
    plural = key.endswith("s") and key not in dem and bool(dem.get(key[:-1], ("", ""))[0])
    country = dem.get(key[:-1] if plural else key, ("", ""))[0]
    if not country:
        return
    nxt = _NEXT_WORD_RE.match(text, end)
    noun = nxt.group(1).lower() if nxt is not None and not text[end : nxt.start(1)].strip() else ""
    if noun in _PEOPLE or noun in _STATE_NOUNS or (plural and noun not in _ABROAD):
        nations.add(country)
    else:
        elsewhere.add(country)


#: Nouns after a plural nationality that put them abroad ("Syrians refugees" is rare; "Afghans fleeing").
_ABROAD = words("refugees fleeing fled abroad migrants deported")


#: Two countries' names joined by a hyphen: "the Cambodia-Vietnam border", "India-Pakistan talks".
_PAIR_RE = re.compile(r"(?<![\w-])([A-Z][^\W\d_]+)[-–]([A-Z][^\W\d_]+)(?![\w-])")


def _paired_countries(text: str, gaz: Gazetteer) -> set[str]:
    """The countries of hyphenated pairs of country names ("the Cambodia-Vietnam border" names both)."""
    out: set[str] = set()
    for m in _PAIR_RE.finditer(text):
        a, b = gaz.countries.get(name_key(m.group(1))), gaz.countries.get(name_key(m.group(2)))
        if a is not None and b is not None and a != b:
            out.update((a, b))
    return out


#: Nouns after a demonym that make it the state acting at home ("Syrian security forces", "Sudanese police");
#: troops, warplanes and armies cross borders ("Ethiopian troops" in Somalia), so they count less (below).
_STATE_NOUNS = words(
    "security police policemen government authorities regime paramilitary paramilitaries"
    " president prime court courts civilians villagers peasants citizens"
)
#: Troops, aircraft and rebels make it the country only where the entry says they act at home ("the country").
_ARMED_NOUNS = words(
    "forces army troops soldiers military armed air navy warplanes aircraft jets helicopters"
    " rebels rebel guerrillas insurgents"
)
_SETTLEMENTS = words("town towns city village villages port capital jail prison")
_AT_HOME_RE = re.compile(r"\bthe country\b")
#: A country's diplomatic mission or envoy after its name: "the U.S. embassy", "the British ambassador".
_MISSION_RE = re.compile(r"\.?\s+(?:embassy|embassies|consulate|consulates|ambassador|envoy)\b", re.IGNORECASE)

#: First words of the two-word demonyms in ``data/demonyms.tsv`` ("Sri Lankan"); a unit test keeps them in step.
DEMONYM_FIRSTS = frozenset({"sri", "south", "sierra", "central", "costa", "north", "east", "equatorial"})


def _state_actor(
    text: str,
    ws: list[tuple[int, int]],
    i: int,
    key1: str,
    dem: dict[str, tuple[str, str]],
    out: set[str],
    armed: set[str],
    found: set[str],
) -> None:
    """Adds the country of the demonym at word ``i`` to ``found`` when a settlement noun follows it ("a Somali
    town"), to ``out`` or ``armed`` when a state noun does ("Sudanese government", "Sudanese warplanes")."""
    for size in (2, 1):
        last = i + size - 1
        if last >= len(ws):
            continue
        key = key1 if size == 1 else name_key(text[ws[i][0] : ws[last][1]])
        country = dem.get(key, ("", ""))[0]
        nxt = _NEXT_WORD_RE.match(text, ws[last][1])
        noun = nxt.group(1).lower() if nxt is not None and country else ""
        if noun in _SETTLEMENTS:
            found.add(country)  # "a Somali town", "the Afghan capital": a place in that country
            return
        if noun in _STATE_NOUNS or noun in _ARMED_NOUNS:
            (out if noun in _STATE_NOUNS else armed).add(country)
            return


_CAP_WORD_RE = re.compile(r"(?<![^\W\d_])[A-ZÀ-ÖØ-ÞĀ-Ž][^\W\d_]*(?:[-'’][^\W\d_]+)*")  # "Deir-ez-Zor" whole
_PREV_WORD_RE = re.compile(r"([^\W\d_]+)\W*$")
_NEXT_WORD_RE = re.compile(r"\s+([^\W\d_]+)")
_CAP_AFTER_RE = re.compile(r"(?:\s+(?:de|del|la|las|los|el))?\s+[A-ZÀ-ÖØ-Þ]")  # "de la Salud"
_NAME_CONNECTORS = frozenset({"de", "del", "la", "las", "los", "el", "al", "do", "da", "dos", "das", "di", "du", "des"})


def _titled_surname(text: str, ws: list[tuple[int, int]], i: int) -> bool:
    """Whether the words right before word ``i`` are a title and a first name ("Sheriff Scott Israel")."""
    (a0, a1), (b0, b1) = ws[i - 2], ws[i - 1]
    if not (text[b1 : ws[i][0]].isspace() and text[a1:b0].strip(" .") == "" and a1 < b0):
        return False  # the capitalised words of cased text need not stand next to each other
    return titled_name(text[a0:a1], text[b0:b1])


def _adjacent(text: str, a: re.Match[str], b: re.Match[str]) -> bool:
    """Whether two words stand next to each other with only spaces between ("North Kivu")."""
    return a.end() < b.start() and text[a.end() : b.start()].isspace()


def _named_by(key: str, size: int, gaz: Gazetteer) -> tuple[str, str | None, bool] | None:
    """(country, region or None, whether it must stand as a place) a name key gives the entry; cached per key."""
    ck = (key, size > 1)
    if ck in _NAMED:
        return _NAMED[ck]
    out: tuple[str, str | None, bool] | None = None
    if key not in gaz.common:
        cc = gaz.countries.get(key)
        if cc is not None:
            out = (cc, None, False)
        else:
            region = gaz.lookup_region(key) if key in gaz.regions else None
            if region is not None and (region.rank >= 1 or (size > 1 and not _city_abroad(key, region, gaz))):
                out = (region.country, region.iso, True)
            elif (
                key in gaz.names
                and len({c.country for c in gaz.names[key]}) == 1
                and not any(r.rank > 0 and r.country != gaz.names[key][0].country for r in gaz.regions.get(key, ()))
            ):
                # "Santa Catarina" the Brazilian state is no sign of its Mexican namesake city.
                # Only a city no other country has a place of that name for: a namesake must not
                # settle itself ("Tuzla" in Bosnia for the district of Istanbul).
                city = gaz.lookup_city(key, False)
                if city is not None and city.population >= _CONTEXT_CITY_POPULATION:
                    out = (city.country, city.region_code, True)
    if len(_NAMED) >= _NAMED_MAX:
        _NAMED.clear()
    _NAMED[ck] = out
    return out


def _city_abroad(key: str, region: Region, gaz: Gazetteer) -> bool:
    """Whether a county's name (rank 0) is also a city's in another country ("St Louis": US-MO, not CA-SK)."""
    return any(c.country != region.country for c in gaz.names.get(key, ()))


#: (name key, several words) -> what it tells of the entry's countries (bounded cache: names recur).
_NAMED: dict[tuple[str, bool], tuple[str, str | None, bool] | None] = {}
_NAMED_MAX = 50_000


def _stands_as_place(text: str, start: int, end: int, lower: bool) -> bool:
    """Whether the name at ``text[start:end]`` stands as a place: after a locative word or a comma, or
    before a region word; not when a capitalised word follows it (part of a longer name)."""
    nxt = _NEXT_WORD_RE.match(text, end)
    if nxt is not None:
        word = nxt.group(1)
        if word.lower() in REGION_WORDS:
            return True
        if (word[:1].isupper() and word.lower() not in DATE_WORDS) or lower or text[start:end].lower() in demonyms():
            return False  # "Somali troops": a people, not the region of that name; "in Kabul Monday" stands
        if word in _NAME_CONNECTORS and _CAP_AFTER_RE.match(text, nxt.end()):
            return False  # "Colonia los Presidentes", "Valle de Santiago": part of a longer name
    before = text[max(0, start - 24) : start]
    if before.rstrip().endswith((",", "(")):
        return True
    prev = _PREV_WORD_RE.search(before)
    if prev is None or not before[prev.end(1) :].isspace():
        return False
    return prev.group(1).lower() in LOCATIVE or prev.group(1).lower() == "capital"  # "the capital Mogadishu"
