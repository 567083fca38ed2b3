"""The place of the incident that an entry's sentences go on telling.

"At least five people were killed in a missile strike on Dnipro. Another 40 were wounded." The
second sentence names no place, but its figure is the same incident's: it takes the place of the
figure before it. The thread breaks where a sentence names another place or where a figure is a
running total, which may span more than the last incident's town.

A figure placed in a country alone may also be narrowed to the entry's one place in it (``narrows``).
"""

from __future__ import annotations

import re

from streams.extract.gazetteer import Place
from streams.extract.placing import Sentence, event_places


class Narrative:
    """Walks an entry's body figures in order and lends a placeless figure the place told just before."""

    __slots__ = ("_place",)

    def __init__(self) -> None:
        self._place: Place | None = None

    def place(self, place: Place | None, sent: Sentence, *, lone: bool, cumulative: bool) -> Place | None:
        """The figure's place: its own, or the thread's when its sentence names none."""
        if sent.headline:
            return place
        if place is not None:
            if place.region_code is not None:
                self._place = place
            elif self._place is not None and place.country != self._place.country:
                self._place = None  # the story moved to another country
            return place
        named = [p for p in event_places(sent) if p.kind != "mention"]
        if named or lone:
            self._place = None  # a place this figure does not take, or a count over several: the thread ends
            return None
        if cumulative:
            return None
        return self._place


#: Figures of one incident, which a country-level place may narrow to the entry's one place.
NARROWED = frozenset({"killed", "injured", "casualties", "missing", "strikes"})
#: "across Ukraine", "throughout central Israel": the whole country or a part of it, never one place in it.
_ACROSS_RE = re.compile(r"\b(?:across|throughout|nationwide|all over)\s+(?:the\s+)?(?:[a-z-]+\s+)?$", re.IGNORECASE)


def narrows(text: str, place: Place | None, fallback: Place | None) -> bool:
    """Whether the entry's one place (``fallback``) is a finer place inside a figure's country-level place."""
    return (
        place is not None
        and place.kind == "country"
        and fallback is not None
        and fallback.region_code is not None
        and fallback.country == place.country
        and _ACROSS_RE.search(text, max(0, place.start - 40), place.start) is None
    )
