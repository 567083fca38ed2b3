"""A compass word before the name of a country divided into compass-named regions: that region.

Some countries are cut into first-level units named by the compass: Uganda into its Northern, Eastern,
Western and Central regions, Rwanda, Malawi, Sri Lanka's provinces. There "in northern Uganda" names the
Northern Region (UG-N). The pairing comes from ISO 3166-2's own names (pycountry), and holds only where
such units make up at least half of the country's first level, and where no other unit's name shares the
compass word ("Far North" and "North-West" beside "North" in Cameroon: "northern Cameroon" is any of them).
Elsewhere a compass word names a part of the country only ("southern Lebanon", "northern Sudan").
"""

from __future__ import annotations

import functools
import re

from streams.extract.gazetteer import Place, normalize
from streams.extract.tokens import Token

#: A compass word as written -> the stem its unit's name carries.
_STEMS = {
    "north": "north",
    "northern": "north",
    "south": "south",
    "southern": "south",
    "east": "east",
    "eastern": "east",
    "west": "west",
    "western": "west",
    "central": "central",
}
#: What a unit's name adds to its compass word: "Northern Region", "Eastern Province", "Western Area".
_UNIT_RE = re.compile(r"\s+(?:region|province|area|division|district|governorate|state)$")


def _stem(name: str) -> tuple[str, ...]:
    """The compass stems of a unit's name, or () when the name is not a compass word alone.

    "Northern Region" -> ("north",); "North-Western" -> ("north", "west"); "Far North" -> ("far", "north").
    """
    words = _UNIT_RE.sub("", normalize(name)).split()
    out = []
    for w in words:
        stem = _STEMS.get(w) or _STEMS.get(w.removesuffix("ern")) or ("far" if w == "far" else None)
        if stem is None:
            return ()
        out.append(stem)
    return tuple(out)


@functools.lru_cache(maxsize=1)
def _partitions() -> dict[str, dict[str, str]]:
    """Country -> compass stem -> the one first-level unit named by that stem alone."""
    import pycountry

    units: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for sub in pycountry.subdivisions:
        if sub.parent_code is None:
            units.setdefault(str(sub.country_code), []).append((str(sub.code), _stem(str(sub.name))))
    out: dict[str, dict[str, str]] = {}
    for cc, rows in units.items():
        named = [(iso, st) for iso, st in rows if st]
        if len(named) * 2 < len(rows):
            continue  # compass units are a few among many ("South Australia"): no partition
        table = {}
        for iso, st in named:
            if len(st) == 1 and sum(1 for _, other in named if st[0] in other) == 1:
                table[st[0]] = iso  # the one unit whose name carries this compass word
        if table:
            out[cc] = table
    return out


def compass_region(text: str, toks: list[Token], i: int, place: Place) -> Place:
    """A country's name (token ``i`` opens it) after a compass word, in a country divided into compass-named
    regions: that region ("in northern Uganda": UG-N); else the place as it is.

    >>> from streams.extract.tokens import tokenize
    >>> t = "in northern Uganda"
    >>> compass_region(t, tokenize(t, 0, len(t)), 2, Place(12, 18, "Uganda", None, "UG", "country")).region_code
    'UG-N'
    """
    if place.kind != "country" or place.region_code is not None or i == 0:
        return place
    stem = _STEMS.get(toks[i - 1].low)
    iso = _partitions().get(place.country, {}).get(stem or "")
    if iso is None or (i >= 2 and toks[i - 2].low == "from"):
        return place  # "fighters from northern Uganda": where they come from
    start = toks[i - 1].start
    return Place(start, place.end, text[start : place.end], iso, place.country, "region")
