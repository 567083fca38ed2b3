"""The region around a city that is a region of its own, where the sentence places the scene outside the city.

ISO 3166-2 codes some cities apart from the region around them, which often bears the city's name: Kyiv
(UA-30) inside Kyiv oblast (UA-32), Sanaa (YE-SA) inside Sanaa governorate (YE-SN), Bujumbura (BI-BM)
inside Bujumbura Rural (BI-BL), Damascus (SY-DI) inside Rif Dimashq, "Damascus countryside" (SY-RD).
"Outside Kyiv", "near the capital Sanaa", "15 km north of Damascus" and "a Damascus suburb" name a scene
beyond the city's limits, in that surrounding region. The pairing comes from the gazetteer's names (the
city's own name, or it with "rural", "countryside" or "suburbs"), never from a typed table; a city with
no such namesake around it (Baghdad, whose governorate holds the city) keeps its own code.
"""

from __future__ import annotations

import re

from streams.extract.gazetteer import Gazetteer, Place, name_key, normalize
from streams.extract.geodata import capitals
from streams.extract.place_rules import DATE_WORDS
from streams.extract.place_slots import VENUE_NOUNS
from streams.extract.tokens import words

#: Before a city's name: the scene lies outside it ("outside Kyiv", "near the capital, Sanaa", "north of Damascus").
_OUTSIDE_BEFORE_RE = re.compile(
    r"(?:\boutside(?:\s+of)?|\bnear|\b(?:north|south|east|west)(?:[- ]?(?:east|west))?(?:ern)?\s+of"
    r"|\b\d[\d.,]*\s*(?:km|kms|kilometres|kilometers|miles)\s+(?:\([^)]{0,30}\)\s+)?(?:from|of))"
    r"\s+(?:the\s+)?(?:[A-Za-z-]+\s+)?(?:capital(?:\s+city)?\s*,?\s*(?:of\s+)?)?$",
    re.IGNORECASE,
)
#: After a city's name: its suburbs or countryside ("a Damascus suburb", "the Damascus countryside").
_OUTSIDE_AFTER_RE = re.compile(r"\s*(?:suburbs?|countryside)\b", re.IGNORECASE)
_WORD_AFTER_RE = re.compile(r"[ \t]*(['’]s\b|[^\W\d_]+)")
#: Landmark nouns a city's name may modify ("near the Kyiv TV tower", "outside Sanaa airport").
_LANDMARKS = VENUE_NOUNS | words("tower port base airbase border checkpoint bridge dam plant")


def _landmark_after(text: str, end: int) -> bool:
    """Whether the city's name modifies what follows it: a possessive, a capitalised name ("Kyiv TV tower")
    or a landmark noun ("Sanaa airport"); not a date or a verb ("outside Kyiv on Monday")."""
    m = _WORD_AFTER_RE.match(text, end)
    if m is None:
        return False
    w = m.group(1)
    return w[0] in "'’" or (w[0].isupper() and w.lower() not in DATE_WORDS) or w.lower() in _LANDMARKS


#: Before a city's name: "the suburbs of Damascus", "in the countryside around Sanaa".
_SUBURBS_OF_RE = re.compile(r"\b(?:suburbs?|countryside)\s+(?:of|around)\s+(?:the\s+)?$", re.IGNORECASE)
#: How the region around a city is named after the city, besides the city's own name.
_AROUND_NAMES = ("{} rural", "rural {}", "{} countryside", "{} suburbs")

_AROUND: dict[tuple[int, str, str], str | None] = {}


def surrounding_region(gaz: Gazetteer, key: str, iso: str) -> str | None:
    """The one first-level region of the city's country, other than the city's own ``iso``, that bears the
    city's name: Kyiv oblast for Kyiv, Bujumbura Rural for Bujumbura; None when there is none or several.

    >>> from streams.extract.gazetteer import gazetteer
    >>> surrounding_region(gazetteer(), "kyiv", "UA-30")
    'UA-32'
    >>> surrounding_region(gazetteer(), "baghdad", "IQ-BG") is None
    True
    """
    slot = (id(gaz), key, iso)
    if slot in _AROUND:
        return _AROUND[slot]
    found = {
        r.iso
        for k in (key, *(f.format(key) for f in _AROUND_NAMES))
        for r in gaz.regions.get(k, ())
        if r.country == iso[:2] and r.iso != iso and r.level == 1 and r.rank > 0
    }
    got = next(iter(found)) if len(found) == 1 else None
    if len(_AROUND) > 10_000:
        _AROUND.clear()
    _AROUND[slot] = got
    return got


def outside_cities(text: str, places: list[Place], gaz: Gazetteer) -> list[Place]:
    """Cities named as the landmark outside which the scene lies, moved to the region around them; "the
    capital" written without its name ("15 km north of the capital") is the country's capital."""
    out = places
    for k, p in enumerate(places):
        if p.kind != "city" or p.region_code is None:
            continue
        before = text[max(0, p.start - 60) : p.start]
        if not _OUTSIDE_AFTER_RE.match(text, p.end) and (
            _landmark_after(text, p.end)  # "near Kyiv TV tower": near a landmark of the city, in it
            or not (_OUTSIDE_BEFORE_RE.search(before) or _SUBURBS_OF_RE.search(before))
        ):
            continue
        key = normalize(capitals().get(p.country, "")) if "capital" in p.text.lower() else name_key(p.text)
        around = surrounding_region(gaz, key, p.region_code) if key else None
        if around is None:
            continue
        if out is places:
            out = list(places)
        out[k] = Place(p.start, p.end, p.text, around, p.country, "region")
    return out
