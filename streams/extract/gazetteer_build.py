"""Building the gazetteer from its packaged sources (GeoNames, pycountry, ``data/*.tsv``).

``build_gazetteer`` is the slow, authoritative path; ``gazetteer_index`` saves its
result as a prebuilt index and loads it back. Both give the same ``Gazetteer``.
"""

from __future__ import annotations

import re

from streams.extract.gazetteer import (
    _LOCALITY_POPULATION,
    ALTERNATES_FROM,
    DIRECTION_WORDS,
    MAX_NAME_TOKENS,
    MIN_LOOSE_KEY,
    NEWS_RANK,
    SMALL_TOWN_COUNTRIES,
    Gazetteer,
    Region,
    _Candidate,
    bare_region_name,
    loose_key,
    normalize,
)
from streams.extract.geodata import CityRecord, big_cities, read_data, region_aliases, subdivision_rows, towns_of


def _all_common(key: str, common: frozenset[str]) -> bool:
    """Whether a name is an article and ordinary words ("the capital"): never a region's name in text."""
    ws = key.split()
    return len(ws) > 1 and ws[0] == "the" and all(w in common or w in DIRECTION_WORDS for w in ws[1:])


def _index(index: dict[str, list[_Candidate]], rec: CityRecord, common: frozenset[str], alternates: bool) -> None:
    keys = {normalize(rec.name): 5.0}
    if alternates:
        for alt in rec.alternates:
            if _usable_alt(alt):
                keys.setdefault(normalize(alt), 1.0)
    if rec.country in ARABIC_NAME_COUNTRIES:
        main = normalize(rec.name)
        for key in list(keys):
            # The article is dropped from the place's own name only: an alternate without it is often
            # another place's name ("El Qusur" for Luxor would make "Qusur" of Homs Egyptian).
            for variant in arabic_spellings(key, drop_article=key == main):
                keys.setdefault(variant, 1.0)
    for key, weight in keys.items():
        if not key or key in common or key.count(" ") >= MAX_NAME_TOKENS:
            continue
        cand = _Candidate(weight * max(rec.population, 1), rec.country, rec.region_code, rec.population)
        lst = index.get(key)
        if lst is None:
            index[key] = [cand]
        elif cand not in lst:
            lst.append(cand)


#: Countries whose place names come to English through Arabic, with its varying transliterations.
ARABIC_NAME_COUNTRIES = frozenset({"SY", "LB", "YE", "PS", "SD", "IQ", "EG", "LY", "JO", "SA", "TN", "DZ", "MA"})
#: The Arabic article as transliterations write it, assimilated to a "sun letter" or not ("ash Shughur", "al Shughur").
_ARTICLES = frozenset(
    {"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "adh", "ath", "ed", "er", "es", "ez", "en", "et"}
)
_MAX_SPELLINGS = 6


def arabic_spellings(key: str, drop_article: bool = True) -> set[str]:
    """Other common English spellings of a name key from Arabic: the article as "al" / "el" or joined to its
    word, "-ieh" / "-iyeh", a final "-ah" as "-a", and a leading article dropped: "jisr ash shughur" ~
    "jisr al shughur", "deir ez zor" ~ "deir ezzor", "nabatieh" ~ "nabatiyeh", "al hirak" ~ "hirak".
    A few spellings at most; the key itself is not among them."""
    ws = key.split()
    out: set[str] = set()
    for i, w in enumerate(ws[:-1]):
        if w in _ARTICLES and i > 0:  # not a leading article: "as suwayda" ~ "al suwayda" reads as another name
            for article in ("al", "el"):
                out.add(" ".join([*ws[:i], article, *ws[i + 1 :]]))
            out.add(" ".join([*ws[:i], w + ws[i + 1], *ws[i + 2 :]]))
    last = ws[-1]
    if last.endswith("iyeh"):
        out.add(" ".join([*ws[:-1], last[:-4] + "ieh"]))
    elif last.endswith("ieh") and len(last) > 4:
        out.add(" ".join([*ws[:-1], last[:-3] + "iyeh"]))
    elif last.endswith("ah") and len(last) > 4:
        out.add(" ".join([*ws[:-1], last[:-1]]))  # the final "-ah" that English often writes "-a": "jablah" ~ "jabla"
    if drop_article and len(ws) > 1 and ws[0] in _ARTICLES and len(ws[1]) > 3:
        # The leading article that English often drops: "al hirak" ~ "hirak", "al hawijah" ~ "hawija".
        bare = ws[1:]
        out.add(" ".join(bare))
        if bare[-1].endswith("ah") and len(bare[-1]) > 4:
            out.add(" ".join([*bare[:-1], bare[-1][:-1]]))
    out.discard(key)
    return set(sorted(out)[:_MAX_SPELLINGS])


_LATIN_NAME_RE = re.compile(r"[A-Za-z\u00C0-\u024F' .’ʼ-]+")


def _usable_alt(name: str) -> bool:
    """Whether an alternate name is a plausible English-text spelling (Latin script, no codes)."""
    if len(name) < 4 or not name[0].isupper() or name.isupper():
        return False
    return _LATIN_NAME_RE.fullmatch(name) is not None


#: ISO 3166-2 subdivision types that are no area a report places an event in by that name.
_NOT_AREAS = frozenset({"Geographical unit", "Geographical region", "City with county rights"})


def build_gazetteer() -> Gazetteer:
    """Build the gazetteer from the packaged sources (seconds: the prebuilt index is the fast path)."""
    import pycountry

    common = frozenset(w for ln in read_data("common_words.txt") for w in ln.split())
    regions_l: dict[str, dict[str, Region]] = {}

    def add_region(name: str, r: Region) -> None:
        full = normalize(name)
        for key in dict.fromkeys((full, bare_region_name(full))):  # in order: the build is the same every run
            if not key or key in common or key in DIRECTION_WORDS or _all_common(key, common):
                continue
            slot = regions_l.setdefault(key, {})
            old = slot.get(r.iso)
            if old is None or (r.rank, -r.level) > (old.rank, -old.level):
                slot[r.iso] = r

    for row in subdivision_rows():
        for k, name in enumerate(row.names):
            rank = (2 if k == 0 else 1) if row.own else 0
            add_region(name, Region(rank, row.level, row.iso, row.country))
    named = {r.iso for slot in regions_l.values() for r in slot.values()}
    for sub in pycountry.subdivisions:
        # ISO 3166-2 codes that GeoNames gives no area of (Burundi's newer provinces, Angola's Cuando Cubango):
        # named by ISO's own name. Not geographical groupings, nor cities that ISO codes apart from their county.
        if str(sub.code) not in named and str(sub.type) not in _NOT_AREAS:
            add_region(str(sub.name), Region(1, 2 if sub.parent_code else 1, str(sub.code), str(sub.country_code)))
    for iso, spellings in region_aliases():
        for name in spellings:
            add_region(name, Region(3, 1, iso, iso[:2]))
    for iso, spellings in region_aliases("news_regions.tsv"):
        for name in spellings:
            add_region(name, Region(NEWS_RANK, 1, iso, iso[:2]))
    regions = {k: tuple(v.values()) for k, v in regions_l.items()}
    loose_l: dict[str, dict[str, Region]] = {}
    for key, cands in regions.items():
        for r in cands:
            if r.level == 1 and r.rank > 0:
                slot = loose_l.setdefault(loose_key(key), {})
                old = slot.get(r.iso)
                if old is None or (r.rank, -r.level) > (old.rank, -old.level):
                    slot[r.iso] = r  # the best-ranked spelling of a region, whatever order the names came in
    loose_regions = {k: tuple(v.values()) for k, v in loose_l.items() if len(k) >= MIN_LOOSE_KEY}
    names: dict[str, list[_Candidate]] = {}
    for rec in big_cities(SMALL_TOWN_COUNTRIES, ALTERNATES_FROM):
        _index(names, rec, common, alternates=bool(rec.alternates))
    for cc in sorted(SMALL_TOWN_COUNTRIES):
        for rec in towns_of(cc):
            _index(names, rec, common, alternates=True)
    countries: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name"):
            v = getattr(c, attr, None)
            if v and "," not in v:
                countries[normalize(v)] = c.alpha_2
    current = {str(c.alpha_2) for c in pycountry.countries}
    for former in pycountry.historic_countries:
        # ISO 3166-3 former names whose alpha-4 code ends in one successor: "Zaire" -> CD, "Burma" -> MM.
        # Not a name that is now a region of that successor ("Sikkim" stays the Indian state).
        successor, key = str(getattr(former, "alpha_4", ""))[2:], normalize(str(former.name).split(",")[0])
        own_region = any(r.country == successor for r in regions.get(key, ()))
        if successor in current and key not in countries and not own_region:
            countries[key] = successor
    for table in ("country_aliases.tsv", "areas.tsv"):  # areas: a part of one country that no one unit is
        for ln in read_data(table):
            alias, code = ln.split("\t")
            countries[normalize(alias)] = code
    described: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
    for ln in read_data("described.tsv"):
        phrase, name, iso = ln.split("\t")
        parts = tuple(phrase.replace("-", " - ").split())
        described.setdefault(parts[0], []).append((parts, name, iso))
    for ln in read_data("locality_regions.tsv"):
        cc, iso, written = ln.split("\t")
        for alias in written.split("|"):
            key = normalize(alias)
            lst = names.setdefault(key, [])
            mine = [c for c in lst if c.country == cc]
            if mine:
                lst[:] = [c._replace(region_code=iso) if c.country == cc else c for c in lst]
            else:
                lst.append(_Candidate(5.0 * _LOCALITY_POPULATION, cc, iso, _LOCALITY_POPULATION))
    frozen = {k: tuple(v) for k, v in names.items()}
    firsts = frozenset(k.split(" ", 1)[0] for keys in (frozen, regions, countries) for k in keys)
    return Gazetteer(frozen, regions, countries, described, common, loose_regions, firsts)
