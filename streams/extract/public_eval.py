"""Scoring the extractor on public coded data that nobody here wrote.

Two formats are read; the texts stay where they are (never copied into the repo):

- ``acled``: ACLED-style CSV with ``notes``, ``fatalities``, ``admin1``,
  ``country`` and ``iso`` (ISO 3166-1 numeric) or ``iso3``; column names in
  any case (older exports use ``NOTES``, ``ADMIN1``...);
- ``cir``: the Bellingcat / CIR Ukraine civilian-harm ``events.csv`` with
  ``brief description`` (or ``description``), ``country``, ``province``, ``town/city``;
- ``pitf``: the PITF Worldwide Atrocities Dataset export with ``Description``,
  ``Deaths Number`` (or ``Deaths.Number``), ``Country`` (PITF's three-letter code: ISO
  alpha-3 mostly, with a few older codes such as SUD, NGR or GZS) and ``Region``.

Scores, each over the rows where the coded answer is known:

- **region**: a found figure's ``region_code`` is the coded admin1 (resolved to
  ISO 3166-2 through the packaged subdivision names), or a finer subdivision of
  it (FR-13 inside FR-PAC). A figure with no region counts as wrong.
- **country**: a found figure's ``country`` is the coded country.
- **killed found**: on rows whose note states the coded fatality count (as
  digits or a number word), a ``killed`` fact carries it (``best``, or ``low``
  when there is no best). Rows whose note does not state the count are not
  scored, and neither are rows where only the coder's own remark states it
  ("fatalities coded as 10"): the extractor reads reports, not a dataset's coding.
- **killed exact (all coded rows)**: the same test over every row with a coded count,
  whether or not the text states it (a report may give 8 and 2 where the coder adds 10).
- **killed tally**: the one figure a reader of our casualty view takes for the report (the largest
  incident ``killed`` figure: not cumulative, not a rate; ``streams.views.render`` keeps the largest
  of one event) is the coded count; over every coded row, over the rows that carry a report at all
  (PITF has rows whose text is only a pointer to a daily total elsewhere), and over the rows stating it.
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from schemas.facts import Fact
from streams.extract.gazetteer import bare_region_name, loose_key, normalize, subdivision_index
from streams.extract.geodata import parents
from streams.extract.public_counts import carries, carries_report, states_count, tally_figure

csv.field_size_limit(10_000_000)

FORMATS = ("acled", "cir", "pitf")
#: PITF's own country codes that are not ISO 3166-1 alpha-3, with the ISO alpha-2 they stand for.
_PITF_CODES = {
    "ALG": "DZ", "BRZ": "BR", "ELS": "SV", "GZS": "PS", "NGR": "NG", "SUD": "SD", "THL": "TH",
    "TMP": "TL", "SCG": "RS", "CAR": "CF", "ZAI": "CD", "BUR": "MM", "GMY": "DE", "KOS": "XK",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Row:
    """One coded record: its text and the coded answers (None where not coded)."""

    line: int
    text: str
    country: str | None
    admin1: str | None
    region: str | None  # the admin1 resolved to ISO 3166-2
    fatalities: int | None


@dataclass(slots=True)
class Score:
    """Correct out of total, with the most common wrong answers for a look."""

    correct: int = 0
    total: int = 0
    wrong: Counter[str] = field(default_factory=Counter)

    def add(self, ok: bool, label: str) -> None:
        self.total += 1
        if ok:
            self.correct += 1
        else:
            self.wrong[label] += 1

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def line(self, name: str) -> str:
        return f"{name}: {self.value:.3f} ({self.correct}/{self.total})"


@dataclass(slots=True)
class PublicResult:
    """Scores of one run over one file."""

    rows: int = 0
    unresolved_admin1: Counter[str] = field(default_factory=Counter)
    region: Score = field(default_factory=Score)
    region_given: Score = field(default_factory=Score)  # over the figures that carry a region only
    country: Score = field(default_factory=Score)
    country_given: Score = field(default_factory=Score)  # over the figures that carry a country only
    #: Country misses where the dataset files a territory under another country (Gaza coded ISR, we say PS).
    convention: int = 0
    killed: Score = field(default_factory=Score)
    killed_all: Score = field(default_factory=Score)  # every row with a coded count
    tally_all: Score = field(default_factory=Score)  # the largest incident killed figure, every coded row
    tally_report: Score = field(default_factory=Score)  # the same, rows whose text carries a report
    tally_stated: Score = field(default_factory=Score)  # the same, rows whose note states the count
    #: The region and country of the figure that carries the coded count (the row's own event), where found.
    found_region: Score = field(default_factory=Score)
    found_country: Score = field(default_factory=Score)
    facts: int = 0
    examples: list[str] = field(default_factory=list)

    def report(self, show_misses: int = 0) -> str:
        n_unres = sum(self.unresolved_admin1.values())
        lines = [
            f"rows: {self.rows}  facts found: {self.facts}  coded admin1 not resolvable to ISO 3166-2: {n_unres}",
            self.region.line("region accuracy (of found figures)"),
            self.region_given.line("region accuracy (of found figures that carry a region)"),
            self.country.line("country accuracy (of found figures)"),
            self.country_given.line("country accuracy (of found figures that carry a country)")
            + f"; of the misses, {self.convention} are the dataset's convention (a territory filed under another)",
            self.killed.line("killed found (rows whose note states the coded count)"),
            self.killed_all.line("killed exact (all rows with a coded count)"),
            self.tally_all.line("killed tally == coded count (all rows with a coded count)"),
            self.tally_report.line("killed tally == coded count (rows whose text carries a report)"),
            self.tally_stated.line("killed tally == coded count (rows whose note states it)"),
            self.found_region.line("region of the figure carrying the coded count"),
            self.found_country.line("country of the figure carrying the coded count"),
        ]
        if show_misses:
            for name, sc in (
                ("region", self.region),
                ("country", self.country),
                ("killed", self.killed),
                ("found-figure region", self.found_region),
                ("found-figure country", self.found_country),
            ):
                common = ", ".join(f"{k} x{v}" for k, v in sc.wrong.most_common(show_misses))
                lines.append(f"most common {name} misses: {common}")
            if self.unresolved_admin1:
                common = ", ".join(f"{k} x{v}" for k, v in self.unresolved_admin1.most_common(show_misses))
                lines.append(f"unresolved admin1: {common}")
            lines.extend(self.examples[: show_misses * 3])
        return "\n".join(lines)


class PublicDataError(ValueError):
    """A public data file that cannot be read as the named format; the message names file and line."""


def _country_code(name: str | None, iso_num: str | None, iso3: str | None) -> str | None:
    import pycountry

    for code in (iso3, iso_num):
        if code and code.strip():
            c = code.strip()
            hit = pycountry.countries.get(alpha_3=c) if c.isalpha() else pycountry.countries.get(numeric=c.zfill(3))
            if hit is not None:
                return str(hit.alpha_2)
    if name and name.strip():
        try:
            return str(pycountry.countries.lookup(name.strip()).alpha_2)
        except LookupError:
            try:
                return str(pycountry.countries.search_fuzzy(name.strip())[0].alpha_2)
            except LookupError:
                return None
    return None


def resolve_admin1(country: str | None, admin1: str | None) -> str | None:
    """The ISO 3166-2 code of a coded admin1 name in a country, from the packaged subdivision names.

    "Northern Darfur" is read as "North Darfur" too, and a name that its coded country
    has no subdivision of is looked for in the territory the dataset files under it
    (:data:`_FILED_UNDER`: PITF codes Gaza and the West Bank ISR).
    """
    if not country or not admin1 or not admin1.strip():
        return None
    index = subdivision_index()
    key = normalize(admin1)
    ws = key.split()
    keys = dict.fromkeys(
        (
            key,
            " ".join(_COMPASS.get(w, w) for w in ws),
            _CAPITAL_AREA_RE.sub("", key),
            # "North" for the Northern Province, "North West" for North Western: the adjective ISO names it by
            " ".join([*ws[:-1], ws[-1] + "ern"]) if ws and ws[-1] in _COMPASS_NOUNS else key,
        )
    )
    for cc in (*_FILED_UNDER.get(country, ()), country):
        for k in keys:
            got = index.get((cc, k)) or index.get((cc, bare_region_name(k))) or index.get((cc, "~" + loose_key(k)))
            if got is not None:
                return got
    return None


#: What a capital's own area adds to the city's name: "Islamabad Capital Territory", "Ho Chi Minh City".
_CAPITAL_AREA_RE = re.compile(r"\s+(?:capital territory|capital city|capital district|city)$")
#: Territories a dataset files under another country's code, tried first for that country's names.
_FILED_UNDER = {"IL": ("PS",)}
_COMPASS = {"northern": "north", "southern": "south", "eastern": "east", "western": "west"}
_COMPASS_NOUNS = frozenset(_COMPASS.values())


def resolve_locality(country: str | None, locality: str | None, min_population: int = 0) -> str | None:
    """The ISO 3166-2 code of a coded town in a country: the gazetteer's town of that name there, when
    one region has it ("Maiduguri" in NG -> NG-BO), or one region's town of that name outweighs every
    other namesake in the country :data:`~streams.extract.gazetteer.AMBIGUITY_RATIO` times ("Srinagar":
    the city of 1.2 million in IN-JK, not the town of 20,000 in IN-UK); None when unknown or ambiguous.
    ``min_population``: only a town at least this large."""
    if not country or not locality or not locality.strip():
        return None
    from streams.extract.gazetteer import AMBIGUITY_RATIO, gazetteer

    gaz = gazetteer()
    name = _LOCALITY_NOTE_RE.sub("", locality).strip(" ,.")
    key = normalize(name)
    for cc in (*_FILED_UNDER.get(country, ()), country):
        cands = [c for c in (*gaz.names.get(key, ()), *gaz.towns(cc).get(key, ())) if c.country == cc]
        main = [c for c in cands if c.score >= 5 * max(c.population, 1)] or cands
        weight: dict[str | None, float] = {}
        for c in main:
            weight[c.region_code] = max(weight.get(c.region_code, 0.0), c.score)
        ranked = sorted(weight.items(), key=lambda kv: kv[1], reverse=True)
        if not ranked or ranked[0][0] is None:
            continue
        if len(ranked) > 1 and ranked[1][1] * AMBIGUITY_RATIO >= ranked[0][1]:
            continue
        top = ranked[0][0]
        if max(c.population for c in main if c.region_code == top) >= min_population:
            return top
    return None


#: A coded town this large is a city a coder names unambiguously: where it contradicts the coded
#: region name, the town's own ISO 3166-2 region is the place (see :func:`pitf_region`).
TOWN_OVER_CODED_REGION = 15_000


def pitf_region(country: str | None, region: str | None, district: str | None, locality: str | None) -> str | None:
    """The ISO 3166-2 code of a PITF row's place: its Region, else its District, read as region names,
    else its coded town; a coded city of :data:`TOWN_OVER_CODED_REGION` or more that lies in another
    region of the same country than the coded name says is placed in its own region.

    PITF's Region is often a part of the country ("Western"), its District then the province. Its
    names are loose where its towns are not: "Sana'a Governate" for a report from Sanaa city (which
    ISO 3166-2 codes YE-SA, apart from the governorate YE-SN), "Gaza" (the Strip) for Beit Lahiya
    (PS-NGZ), "Lagunes" (the region before 2011) for Abidjan (CI-AB), "Damascus" for Kiswah (SY-RD).
    """
    coarse = resolve_admin1(country, region) or resolve_admin1(country, district)
    if coarse is None:
        return (
            resolve_locality(country, locality)
            or resolve_locality(country, district)  # "Mogadishu" coded as the district
            or resolve_locality(country, region)  # "Mogadishu" coded as the region
        )
    town = resolve_locality(country, locality, TOWN_OVER_CODED_REGION)
    up = parents()
    if town is None or town[:2] != coarse[:2] or coarse in (town, up.get(town)) or up.get(coarse) == town:
        return coarse
    return town


#: What coders add to a town's name: "(Damascus)", "near ...", "... village", "... refugee camp".
_LOCALITY_NOTE_RE = re.compile(
    r"\([^)]*\)|^(?:near|outside|in)\s+|\s+(?:village|town|city|camp|refugee camp|district)$", re.IGNORECASE
)


def read_rows(path: str | Path, fmt: str, limit: int | None = None) -> Iterator[Row]:
    """The rows of a public data file in format ``fmt`` (see :data:`FORMATS`)."""
    if fmt not in FORMATS:
        raise PublicDataError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    try:
        with open(path, encoding="utf-8", errors="replace", newline="") as fh:
            yield from _read(fh, path, fmt, limit)
    except OSError as e:
        raise PublicDataError(f"cannot read {path}: {e.strerror}") from e


def _read(fh: TextIO, path: str | Path, fmt: str, limit: int | None) -> Iterator[Row]:
    reader = csv.DictReader(fh)
    cols = {c.lower().strip().replace(".", " "): c for c in reader.fieldnames or []}
    need = {"acled": ("notes", "admin1", "country"), "cir": ("country", "province"), "pitf": ("country", "region")}[fmt]
    missing = [c for c in need if c not in cols]
    text_col = {
        "acled": cols.get("notes"),
        "cir": cols.get("brief description") or cols.get("description"),
        "pitf": cols.get("description"),
    }[fmt]
    if missing or text_col is None:
        raise PublicDataError(f"{path}: not a {fmt} file: missing column(s) {missing or ['description']}")

    def get(rec: dict[str, str], name: str) -> str | None:
        c = cols.get(name)
        v = rec.get(c) if c is not None else None
        return v.strip() or None if v else None

    for n, rec in enumerate(reader, start=2):
        if limit is not None and n - 2 >= limit:
            return
        text = (rec.get(text_col) or "").strip()
        if not text:
            continue
        if fmt == "pitf":
            code = (get(rec, "country") or "").strip()
            cc = _PITF_CODES.get(code) or _country_code(code, None, code if len(code) == 3 else None)
            admin1 = (get(rec, "region") or "").strip() or None
            deaths = (get(rec, "deaths number") or "").strip()
            fat = int(deaths) if deaths.isdigit() else None  # PITF also codes "Dozens", "No Information"
            region = pitf_region(cc, admin1, get(rec, "district"), get(rec, "locality"))
            yield Row(n, text, cc, admin1 or get(rec, "district") or get(rec, "locality"), region, fat)
            continue
        else:
            cc = _country_code(get(rec, "country"), get(rec, "iso"), get(rec, "iso3"))
            admin1 = get(rec, "admin1") if fmt == "acled" else get(rec, "province")
            fat_raw = get(rec, "fatalities")
            try:
                fat = int(fat_raw) if fat_raw is not None else None
            except ValueError as e:
                raise PublicDataError(f"{path}:{n}: fatalities is not a whole number: {fat_raw!r}") from e
        # CIR codes the province of a city that ISO 3166-2 makes a region of its own ("Kyiv Oblast" for Kyiv,
        # UA-30): its coded town decides, as PITF's does. An admin1 that is a city of its own ("Naypyidaw") is read so.
        coded = pitf_region(cc, admin1, get(rec, "district"), get(rec, "town/city")) if fmt == "cir" else None
        yield Row(n, text, cc, admin1, coded or resolve_admin1(cc, admin1) or resolve_locality(cc, admin1), fat)


def _region_ok(pred: str | None, gold: str) -> bool:
    return pred is not None and (pred == gold or parents().get(pred) == gold)


def evaluate_public(
    rows: Iterator[Row] | Sequence[Row], extractor: Callable[[str, str], Sequence[Fact]], examples: bool = False
) -> PublicResult:
    """Score ``extractor`` over coded rows."""
    res = PublicResult()
    for row in rows:
        res.rows += 1
        if row.admin1 and row.region is None:
            res.unresolved_admin1[f"{row.country}:{row.admin1}"] += 1
        facts = list(extractor("", row.text))
        res.facts += len(facts)
        for f in facts:
            if row.region is not None:
                ok = _region_ok(f.region_code, row.region)
                res.region.add(ok, f"{row.region}<-{f.region_code}")
                if f.region_code is not None:
                    res.region_given.add(ok, f"{row.region}<-{f.region_code}")
                if not ok and examples:
                    res.examples.append(f"line {row.line}: region {f.region_code} for {row.region} ({f.place!r})")
            if row.country is not None:
                res.country.add(f.country == row.country, f"{row.country}<-{f.country}")
                if f.country is not None:
                    res.country_given.add(f.country == row.country, f"{row.country}<-{f.country}")
                    res.convention += f.country in _FILED_UNDER.get(row.country, ())
        if row.fatalities:
            ok = any(f.metric == "killed" and carries(f, row.fatalities) for f in facts)
            got = ",".join(str(f.best if f.best is not None else f.low) for f in facts if f.metric == "killed")
            res.killed_all.add(ok, f"{row.fatalities}<-[{got}]")
            tally = tally_figure(facts)
            res.tally_all.add(tally == row.fatalities, f"{row.fatalities}<-{tally}")
            if carries_report(row.text):
                res.tally_report.add(tally == row.fatalities, f"{row.fatalities}<-{tally}")
            carrier = next((f for f in facts if f.metric == "killed" and carries(f, row.fatalities)), None)
            if carrier is not None and row.region is not None:
                res.found_region.add(
                    _region_ok(carrier.region_code, row.region), f"{row.region}<-{carrier.region_code}"
                )
            if carrier is not None and row.country is not None:
                res.found_country.add(carrier.country == row.country, f"{row.country}<-{carrier.country}")
        if row.fatalities and states_count(row.text, row.fatalities):
            res.tally_stated.add(tally == row.fatalities, f"{row.fatalities}<-{tally}")
            res.killed.add(ok, f"{row.fatalities}<-[{got}]")
            if not ok and examples:
                res.examples.append(f"line {row.line}: killed {row.fatalities} not found (killed facts: [{got}])")
    return res


def main(path: str, fmt: str, limit: int | None = None, show_misses: int = 0) -> int:
    """CLI entry used by ``liveledger eval --format acled|cir FILE``."""
    from streams.extract import extract

    try:
        result = evaluate_public(read_rows(path, fmt, limit), extract, examples=show_misses > 0)
    except PublicDataError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print(f"{path} ({fmt})")
    print(result.report(show_misses))
    return 0
