"""When a name that means several places means which: towns abroad, regions abroad, town or region.

Pure predicates over gazetteer candidates, for ``places``.
"""

from __future__ import annotations

from streams.extract.gazetteer import WAR_COUNTRIES, Region, _Candidate
from streams.extract.tokens import Token

#: A town smaller than this gives way to a region of the same name ("Acapulco, Guerrero").
TOWN_OVER_REGION_POPULATION = 100_000
#: A town outside every country the entry names must be at least this large to be read as one.
FOREIGN_TOWN_POPULATION = 500_000


def foreign_region(region: Region, toks: list[Token], j: int, countries: frozenset[str], war: bool) -> bool:
    """Whether a region outside the entry's countries is only part of a longer name, or a mere alternate.

    "in Colonia Bella Vista" in an entry about Mexico is no department of Uruguay.
    """
    if not countries or region.country in countries or (war and region.country in WAR_COUNTRIES):
        return False
    nxt = toks[j] if j < len(toks) else None
    return region.rank < 2 or (nxt is not None and nxt.kind == "word" and nxt.is_cap)


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


def foreign_town(cand: _Candidate, countries: frozenset[str], war: bool) -> bool:
    """Whether a town lies outside the countries the entry names and is too small to be meant anyway.

    "Bati Kot district, Nangarhar" in an entry about Afghanistan is not Bati in Ethiopia.
    """
    if not countries or cand.country in countries or (war and cand.country in WAR_COUNTRIES):
        return False
    return cand.population < FOREIGN_TOWN_POPULATION
