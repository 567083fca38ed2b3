"""Places named inside the hashtag of an incident: "# peshawarattack", "#NepalQuake", "#brusselsattacks".

Live blogs quote tweets whose only place is such a tag. The tag's head must be a country, a region
whose name the gazetteer knows (rank 2 or more: its own name or a news spelling), or a city large
enough for a tag to mean it, or one of the entry's countries; its tail one of a few incident nouns.
A labour "strike" is no incident here ("# tubestrike").
"""

from __future__ import annotations

import itertools
import re

from streams.extract.gazetteer import Gazetteer, Place
from streams.extract.tokens import Token

_INCIDENT_TAG_RE = re.compile(
    r"([a-z]{3,}?)(?:attacks?|shootings?|blasts?|bombings?|earthquake|quake|stampede|siege|floods?|explosions?|massacre)"
)
#: A tag stands for a city this large, or for a town of one of the entry's countries.
_TAG_POPULATION = 100_000


def _tag_place(text: str, start: int, head: str, gaz: Gazetteer, war: bool, countries: frozenset[str]) -> Place | None:
    """The place ``head`` (the tag's lowercased head at ``start``) names, written as in the tag ("Nepal")."""
    end = start + len(head)
    code = gaz.countries.get(head)
    if code is not None:
        return Place(start, end, text[start:end], None, code, "country")
    region = gaz.lookup_region(head, countries, war)
    if region is not None and region.rank >= 2:
        return Place(start, end, text[start:end], region.iso, region.country, "region")
    cand = gaz.lookup_city(head, war, countries)
    if cand is not None and (cand.population >= _TAG_POPULATION or cand.country in countries):
        return Place(start, end, text[start:end], cand.region_code, cand.country, "city")
    return None


def with_tag_places(
    text: str, toks: list[Token], places: list[Place], gaz: Gazetteer, war: bool, countries: frozenset[str]
) -> list[Place]:
    """``places`` with those named in the sentence's incident hashtags, in text order."""
    found: list[Place] = []
    for prev, t in itertools.pairwise(toks):
        if prev.text != "#" or t.kind != "word" or any(p.start <= t.start < p.end for p in places):
            continue
        m = _INCIDENT_TAG_RE.fullmatch(t.text.lower())
        if m is None:
            continue
        place = _tag_place(text, t.start, m.group(1), gaz, war, countries)
        if place is not None:
            found.append(place)
    if not found:
        return places
    return sorted([*places, *found], key=lambda p: p.start)
