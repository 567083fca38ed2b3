"""The place of the incident that an entry's sentences go on telling.

"At least five people were killed in a missile strike on Dnipro. Another 40 were wounded." The
second sentence names no place, but its figure is the same incident's: it takes the place of the
figure before it. The thread breaks where a sentence names another place or where a figure is a
running total, which may span more than the last incident's town.
"""

from __future__ import annotations

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
