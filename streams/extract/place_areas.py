"""Parts of one country that no single ISO 3166-2 unit is (``data/areas.tsv``), and the unit that a compass
word before one of them names.

"In Darfur" places a figure in Sudan and in none of Darfur's five states; "in northern Darfur" is in North
Darfur (SD-DN), the state that the compass word and the name call together. The same reading holds for
"northern Gaza" (the North Gaza governorate, PS-NGZ) and "northern Sinai" (North Sinai, EG-SIN). It holds
only for such areas: "southern Lebanon" is a part of a country that several governorates share, and stays
the country's.
"""

from __future__ import annotations

import functools
import re

from streams.extract.gazetteer import Gazetteer, Place, Region, name_key, normalize
from streams.extract.geodata import read_data
from streams.extract.tokens import Token

#: A compass word as written -> the forms a unit's name may give it ("northern" -> "north", "northern").
_COMPASS = {
    "north": ("north", "northern"),
    "northern": ("north", "northern"),
    "south": ("south", "southern"),
    "southern": ("south", "southern"),
    "east": ("east", "eastern"),
    "eastern": ("east", "eastern"),
    "west": ("west", "western"),
    "western": ("west", "western"),
    "central": ("central",),
}


@functools.lru_cache(maxsize=1)
def areas() -> dict[str, str]:
    """Name key -> country (alpha-2) of the areas in ``data/areas.tsv``."""
    out: dict[str, str] = {}
    for ln in read_data("areas.tsv"):
        name, country = ln.split("\t")
        out[normalize(name)] = country.strip()
    return out


def compass_unit(gaz: Gazetteer, compass: str, key: str) -> Region | None:
    """The unit of the area ``key``'s country that ``compass`` + the area's name calls, if the country has one.

    >>> from streams.extract.gazetteer import gazetteer
    >>> compass_unit(gazetteer(), "northern", "darfur").iso
    'SD-DN'
    >>> compass_unit(gazetteer(), "southern", "gaza") is None  # no governorate is called South Gaza
    True
    >>> compass_unit(gazetteer(), "southern", "lebanon") is None  # a country, not an area of one
    True
    """
    country = areas().get(key)
    forms = _COMPASS.get(compass.lower())
    if country is None or forms is None:
        return None
    for form in forms:
        for r in gaz.regions.get(f"{form} {key}", ()):
            if r.country == country and r.rank > 0:
                return r
    return None


def compass_area(text: str, toks: list[Token], i: int, gaz: Gazetteer, place: Place) -> Place:
    """A country's or area's name (token ``i`` opens it) after a compass word: the unit that the compass
    word and an area's name call together ("in northern Darfur": North Darfur), else the place as it is.

    A country joined by a hyphen to another ("near the Cambodia-Vietnam border") is a mention: the place
    is on the line between the two, in neither alone.

    "In the southern Gaza Strip", "in the eastern Democratic Republic of Congo": the article between the
    locative and the compass word does not make the name a mere mention; the place is a scene there.
    """
    if place.kind == "country" and _paired(text, place, gaz):
        return Place(place.start, place.end, place.text, None, place.country, "mention")
    if i == 0 or toks[i - 1].low not in _COMPASS:
        return place
    if place.kind == "mention" and i >= 3 and toks[i - 2].low == "the" and toks[i - 3].low in _LOCATIVE:
        place = Place(place.start, place.end, place.text, place.region_code, place.country, "country")
    if place.kind != "country" or (i >= 2 and toks[i - 2].low == "from"):
        return place  # "fighters from northern Gaza": where they come from
    key = name_key(place.text)
    unit = compass_unit(gaz, toks[i - 1].low, key) or compass_unit(gaz, toks[i - 1].low, _bare_area(key))
    if unit is None:
        return place
    start = toks[i - 1].start
    return Place(start, place.end, text[start : place.end], unit.iso, unit.country, "region")


#: Locative words before "the <compass word> <area>".
_LOCATIVE = frozenset({"in", "at", "on", "near", "across", "throughout", "inside", "into", "around", "over"})
_LANDFORMS = (" strip", " peninsula")


def _bare_area(key: str) -> str:
    """An area's name without its landform word ("gaza strip" -> "gaza"), when that is an area too."""
    for w in _LANDFORMS:
        if key.endswith(w) and key[: -len(w)] in areas():
            return key[: -len(w)]
    return key


_AFTER_RE = re.compile(r"[-–]([A-Z][^\W\d_]+)")
_BEFORE_RE = re.compile(r"(?<![\w-])([A-Z][^\W\d_]+)[-–]$")


def _paired(text: str, place: Place, gaz: Gazetteer) -> bool:
    """Whether a country's name is joined by a hyphen to another country's ("Cambodia-Vietnam")."""
    after = _AFTER_RE.match(text, place.end)
    before = _BEFORE_RE.search(text, max(0, place.start - 40), place.start)
    return any(
        m is not None and gaz.countries.get(name_key(m.group(1))) not in (None, place.country) for m in (after, before)
    )
