"""When a name that means several places means which: towns abroad, regions abroad, town or region.

Pure predicates over gazetteer candidates, for ``places``.
"""

from __future__ import annotations

import functools
import re

from streams.extract.gazetteer import (
    REGION_WORDS,
    WAR_COUNTRIES,
    Gazetteer,
    Place,
    Region,
    _Candidate,
    bare_region_name,
    name_key,
    normalize,
)
from streams.extract.geodata import demonyms, parents
from streams.extract.tokens import Token, words

#: A town smaller than this gives way to a region of the same name ("Acapulco, Guerrero").
TOWN_OVER_REGION_POPULATION = 100_000
MAX_SPAN_TOKENS = 7  # "Rostov - on - Don" is five tokens
#: A town outside every country the entry names must be at least this large to be read as one.
FOREIGN_TOWN_POPULATION = 500_000


def foreign_region(region: Region, toks: list[Token], j: int, countries: frozenset[str], war: bool) -> bool:
    """Whether a region outside the entry's countries is only part of a longer name, or a mere alternate.

    "in Colonia Bella Vista" in an entry about Mexico is no department of Uruguay.
    """
    if demonym_before_noun(toks, j):
        return True  # "Somali troops", "Afar herders": the people, not Ethiopia's region of that name
    if not countries or region.country in countries or (war and region.country in WAR_COUNTRIES):
        return False
    nxt = toks[j] if j < len(toks) else None
    return region.rank < 2 or (nxt is not None and nxt.kind == "word" and nxt.is_cap)


def demonym_before_noun(toks: list[Token], j: int) -> bool:
    """Whether the word before token ``j`` is a demonym and a noun follows ("Somali troops", "Somali Islamists")."""
    nxt = toks[j] if j < len(toks) else None
    if j == 0 or nxt is None or nxt.kind != "word" or nxt.low in REGION_WORDS or nxt.low == "regional":
        return False  # "the Somali region", "Afar Regional State": the region itself
    return toks[j - 1].low in demonyms()


def longest_country(text: str, toks: list[Token], i: int, j: int, gaz: Gazetteer) -> int:
    """Where the longest country name ending at token ``j`` starts ("Democratic Republic of the Congo")."""
    best = i
    for s in range(i - 1, max(-1, i - 5), -1):
        if gaz.countries.get(name_key(text[toks[s].start : toks[j - 1].end])) is not None:
            best = s
    return best


#: A region two countries divide, the other country's part, and what names each side ("Pakistan-ruled Kashmir").
_DIVIDED = {"IN-JK": ("PK", "PK-JK"), "PK-JK": ("IN", "IN-JK")}
_SIDE_RE = {
    cc: re.compile(
        rf"\b{a}(?:n|i)?[- ](?:ruled|administered|controlled|held|occupied)\b|\b{a}(?:n|i)? side\b"
        rf"|\b(?:ruled|administered|controlled|held|occupied) by {a}\b|\b{a}(?:n|i)? (?:part of )?kashmir\b{extra}",
        re.IGNORECASE,
    )
    for cc, a, extra in (("PK", "pakistan", r"|\bazad\b"), ("IN", "india", ""))
}


def divided_region(text: str, toks: list[Token], places: list[Place]) -> list[Place]:
    """Places in a divided region moved to the side the sentence names ("the Pakistan-ruled part of Kashmir")."""
    if not toks or not any(p.region_code in _DIVIDED for p in places):
        return places
    sent = text[toks[0].start : toks[-1].end]
    out = []
    for p in places:
        other = _DIVIDED.get(p.region_code or "")
        if other is not None and not _SIDE_RE[p.country].search(sent):
            # The sentence's side, else the one side the entry names ("on the Pakistani side of Kashmir" earlier)
            where = sent if _SIDE_RE[other[0]].search(sent) else text
            if _SIDE_RE[other[0]].search(where) and not _SIDE_RE[p.country].search(where):
                p = Place(p.start, p.end, p.text, other[1], other[0], p.kind)
        out.append(p)
    return out


def region_over_town(cand: _Candidate, region: Region, after_place: bool) -> bool:
    """Whether a name that is both a town and a region means the region.

    The region, when the town is small or of unknown region and lies elsewhere,
    or when the name follows another place as its region does ("Rafaela (Santa
    Fe)", "La Plata, Buenos Aires"); a district's name (rank 0) never outweighs a
    town of that name.
    """
    if region.rank == 0 or cand.region_code == region.iso:
        return False
    return after_place or cand.region_code is None or cand.population < TOWN_OVER_REGION_POPULATION


def foreign_town(cand: _Candidate, countries: frozenset[str], war: bool, after: Token | None = None) -> bool:
    """Whether a town lies outside the countries the entry names and is too small to be meant anyway,
    or is the name of a facility there (``after``, the token after the name, is a facility's noun).

    "Bati Kot district, Nangarhar" in an entry about Afghanistan is not Bati in Ethiopia; "the city's
    Medina hospital" in an entry about Somalia is a hospital of Mogadishu, not the Saudi city.
    """
    if not countries or cand.country in countries or (war and cand.country in WAR_COUNTRIES):
        return False
    return cand.population < FOREIGN_TOWN_POPULATION or (after is not None and after.low in FACILITY_NOUNS)


#: Nouns after a name that make it a facility's ("Medina hospital", "Omar mosque"): abroad, no town.
FACILITY_NOUNS = words("hospital clinic mosque church cathedral school university market bazaar stadium hotel prison")


#: Between a town and the region it lies in: "Orikhove, Luhansk", "(Mahliyah, Marib)", "Wadi al Washka (Sirt)".
_PAIR_GAP_RE = re.compile(r"\s*[,(]\s*|\s+in\s+(?:the\s+)?")  # also "Karak in Dar'a"
#: After a name, the rest of a list ("Kabul, Ghor, Laghman and Balkh"): then the names are a list, not a pair.
_LIST_ON_RE = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)")


def settle_pairs(text: str, places: list[Place], gaz: Gazetteer) -> list[Place]:
    """A town written with the region it lies in takes that region ("Orikhove, Luhansk", "(Bossaso, Bari)").

    The writer's region is the stronger evidence: the town's namesake in that
    region is meant, or, when the gazetteer knows none there, the town lies in
    that region all the same. Not for a list of places ("Kabul, Ghor and Balkh")
    nor when the first name is a region itself ("Kharkiv, Sumy").
    """
    out = list(places)
    up = parents()
    settled: dict[str, str] = {}  # name key -> the region a pair gave it
    for k in range(len(out) - 1):
        a, b = out[k], out[k + 1]
        if b.kind not in ("city", "region") or _PAIR_GAP_RE.fullmatch(text, a.end, b.start) is None:
            continue
        shared = _shared_region(gaz, a, b)
        if shared is not None:
            # "(Sahar, Sadah)", "(Bossaso, Bari)": a district and the one region of that name it lies in
            out[k] = Place(a.start, a.end, a.text, shared, shared[:2], a.kind)
            out[k + 1] = Place(b.start, b.end, b.text, shared, shared[:2], b.kind)
            settled[name_key(a.text)] = shared
            _bracket_before(text, out, k, shared, gaz, settled)
            continue
        reg = _as_region(b, gaz)
        district = a.kind == "region" and (a.text.lower().endswith(_DISTRICT_WORDS) or a.country != (reg or "")[:2])
        if not (a.kind == "city" or district):
            continue  # "Rafah (Rafah, North Sinai)", "Ahmadabad district, Paktia": a district of the region after
        if reg is None:
            continue
        holder = _holder_named(gaz, b, a.region_code) if a.region_code not in (None, reg) else None
        if holder is not None and holder != reg:
            # "(Khagrachhari, Chittagong)", "La Plata (Buenos Aires)": of the units the name calls (a division and
            # its district, a city and its province), the one the town lies in
            out[k + 1] = b = Place(b.start, b.end, b.text, holder, b.country, "region")
            reg = holder
        if a.region_code == reg or up.get(a.region_code or "") == reg:
            settled[name_key(a.text)] = a.region_code or reg  # the pair confirms the town's region
            continue
        if k + 2 < len(out) and _LIST_ON_RE.fullmatch(text, b.end, out[k + 2].start):
            continue  # "in Kabul, Ghor, Laghman and Balkh provinces"
        a_key = bare_region_name(name_key(a.text))
        if a.kind == "city" and any(r.rank > 0 and r.country == reg[:2] for r in gaz.regions.get(a_key, ())):
            continue  # "Kharkiv, Sumy": two regions of one country
        home = _region_named_in(gaz, b, a)
        if home is not None:
            out[k + 1] = Place(b.start, b.end, b.text, home, b.country if home[:2] == b.country else home[:2], b.kind)
            continue  # "Cartagena, Bolivar": the Colombian department, not the Venezuelan state
        code = _namesake_in(gaz, a_key, reg) or reg
        out[k] = Place(a.start, a.end, a.text, code, reg[:2], a.kind)
        settled[name_key(a.text)] = code
        _bracket_before(text, out, k, reg, gaz, settled)
    if settled:
        # "an arson attack in Tuzla industrial zone in Tuzla, Istanbul": the same name elsewhere is that place too
        for k, p in enumerate(out):
            got = settled.get(name_key(p.text))
            if got is not None and p.kind in ("city", "region") and p.region_code != got:
                out[k] = Place(p.start, p.end, p.text, got, got[:2], p.kind)
    return out


def _bracket_before(text: str, out: list[Place], k: int, reg: str, gaz: Gazetteer, settled: dict[str, str]) -> None:
    """ "Bossaso town (Bossaso, Bari)", "Rafah (Rafah, North Sinai)": the town before the bracket lies there too."""
    if k == 0 or _BRACKET_OPEN_RE.fullmatch(text, out[k - 1].end, out[k].start) is None:
        return
    t = out[k - 1]
    if t.kind not in ("city", "region") or t.region_code == reg or parents().get(t.region_code or "") == reg:
        return
    if t.kind == "region" and t.country == reg[:2]:
        return  # "Kharkiv region (Chuhuiv, Kharkiv)": already the region's own
    code = _namesake_in(gaz, bare_region_name(name_key(t.text)), reg) or reg
    out[k - 1] = Place(t.start, t.end, t.text, code, reg[:2], t.kind)
    settled[name_key(t.text)] = code


#: A district's own word: "Ahmadabad district, Paktia" is a district written with its province.
_DISTRICT_WORDS = (" district", " county", " municipality", " lga", " subdivision", " tehsil", " upazila")
#: Between a town and the bracket that gives its district and region: "Mora village (Surat, Gujarat)".
_BRACKET_OPEN_RE = re.compile(r"\s*(?:(?:town|village|city|area|camp)\s*)?\(\s*", re.IGNORECASE)


def _region_named_in(gaz: Gazetteer, b: Place, a: Place) -> str | None:
    """The region of the town's own country that the second name also names, when the two countries differ."""
    if a.region_code is None or a.country == b.country:
        return None
    for r in gaz.regions.get(bare_region_name(name_key(b.text)), ()):
        if r.rank > 0 and (r.iso == a.region_code or parents().get(a.region_code) == r.iso):
            return a.region_code
    return None


def _shared_region(gaz: Gazetteer, a: Place, b: Place) -> str | None:
    """The one region that a district name ``a`` lies in and that ``b`` names, when the two disagree."""
    if a.region_code == b.region_code and a.country == b.country:
        return None
    inside = {r.iso for r in gaz.regions.get(bare_region_name(name_key(a.text)), ()) if r.rank == 0}
    if not inside:
        return None
    b_key = bare_region_name(name_key(b.text))
    named = {r.iso for r in gaz.regions.get(b_key, ()) if r.rank > 0}
    named |= {c.region_code for c in gaz.names.get(b_key, ()) if c.region_code is not None}
    both = inside & named
    return next(iter(both)) if len(both) == 1 else None


def _holder_named(gaz: Gazetteer, p: Place, iso: str | None) -> str | None:
    """The one region named as ``p`` is that holds region ``iso`` (is it, or is its parent), if any."""
    up = parents()
    held = {
        r.iso
        for r in gaz.regions.get(bare_region_name(name_key(p.text)), ())
        if r.rank > 0 and iso is not None and (r.iso == iso or up.get(iso) == r.iso)
    }
    return next(iter(held)) if len(held) == 1 else None


def _as_region(p: Place, gaz: Gazetteer) -> str | None:
    """The region a place names as a region: a region, or a city named as its region is ("Luhansk", "Marib")."""
    if p.region_code is None:
        return None
    if p.kind == "region":
        return p.region_code
    for r in gaz.regions.get(name_key(p.text), ()):
        if r.rank > 0 and r.iso == p.region_code:
            return r.iso
    return None


def _namesake_in(gaz: Gazetteer, key: str, region: str) -> str | None:
    """The finest region of a town of that name inside ``region``, if the gazetteer has one."""
    up = parents()
    for c in (*gaz.names.get(key, ()), *gaz.towns(region[:2]).get(key, ())):
        if c.region_code is not None and (c.region_code == region or up.get(c.region_code) == region):
            return c.region_code
    return None


#: After a name, a part of a town: the name is of a neighbourhood, not of the town of that name elsewhere.
#: After a name in lowercase text, an event that names where it happened ("the paris attacks").
EVENT_NOUNS = words(
    """
    attack attacks bombing bombings blast blasts explosion explosions shooting shootings massacre
    siege earthquake quake floods flooding stampede ambush
    """
)
LOCALITY_NOUNS = words("community neighborhood neighbourhood barangay colony quarter sector street road avenue")
#: Before a name, a part of a town: "Colonia Miguel Hidalgo", "Barrio San Jose" name a neighbourhood.
NEIGHBOURHOOD_PREFIXES = words("colonia barrio bairro fraccionamiento")
#: Articles inside Arabic and Romance names: "Ras al Ain", "Wadi al-Rabi", "Colonia de los Pinos".
NAME_ARTICLES = frozenset({"al", "el", "de", "del", "la", "los", "las"})


def run_end(toks: list[Token], i: int, lower_mode: bool) -> int:
    """The end of the longest run from ``i`` that may be one name ("Kryvyi Rih", "Rostov-on-Don")."""
    n = len(toks)
    stop = min(n, i + MAX_SPAN_TOKENS)
    k = i + 1
    while k < stop:
        t = toks[k]
        if t.text == "-":
            if t.space_before or k + 1 >= n or toks[k + 1].space_before:
                break
        elif t.kind != "word" or not (t.is_cap or lower_mode or t.low in _CONNECTORS or _inside_hyphens(toks, k)):
            break
        elif t.low in DATE_WORDS:
            break  # "in Mogadishu Thursday", "in Kabul March 3": the date of the wire copy, no part of the name
        k += 1
    return k


#: Weekdays and months: a capitalised word that follows a place in wire copy without being part of its name.
DATE_WORDS = words(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april june july
    august september october november december
    """
)


def _inside_hyphens(toks: list[Token], k: int) -> bool:
    """Whether token ``k`` is a word between two hyphens of one word ("ez" of "Deir-ez-Zor")."""
    return 0 < k < len(toks) - 1 and toks[k - 1].text == "-" and toks[k + 1].text == "-" and not toks[k].space_before


_CONNECTORS = frozenset(
    {"on", "na", "upon", "am", "de", "al", "el", "del", "la", "los", "las", "do", "dos", "da", "das", "di", "du"}
)


def followed_by_region(toks: list[Token], j: int) -> bool:
    """Whether a region word follows token ``j`` ("Vovchansk district", "Vovchansk, Kharkiv region")."""
    n = len(toks)
    if j < n and toks[j].low in REGION_WORDS:
        return True
    # "Vovchansk, Kharkiv region" / "Vovchansk in the Kharkiv region"
    for k in range(j + 1, min(n, j + 5)):
        if toks[k].low in REGION_WORDS:
            return toks[j].text == "," or toks[j].low == "in"
    return False


@functools.lru_cache(maxsize=1)
def _outlet_re() -> re.Pattern[str] | None:
    """The outlets whose names hold a place name ("Agence France-Presse", "Times of Israel", "Kyiv Post")."""
    from streams.extract.gazetteer import gazetteer
    from streams.extract.outlets import OUTLETS

    gaz = gazetteer()
    placey = [
        o
        for o in OUTLETS.values()
        if len(o.split()) > 1 or "-" in o
        if any(normalize(w) in gaz.countries or normalize(w) in gaz.names for w in re.split(r"[\s-]+", o))
    ]
    if not placey:
        return None
    alts = (r"[\s-]+".join(re.escape(w) for w in re.split(r"[\s-]+", o)) for o in sorted(placey, key=len, reverse=True))
    return re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)", re.IGNORECASE)


def outlet_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Where outlets named after a place stand in ``text[start:end]``: their place names are no scene."""
    pattern = _outlet_re()
    if pattern is None:
        return []
    return [m.span() for m in pattern.finditer(text, start, len(text) if end is None else end)]


def inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``pos`` lies in one of ``spans``."""
    return bool(spans) and any(a <= pos < b for a, b in spans)
