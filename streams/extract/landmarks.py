"""Names of streets, parks, squares and rivers, which are no place of the town they are named after.

"Shevchenko Boulevard", "Gorky Park", "Haifa Street", "the Dnipro river": the name is a person's,
another town's or a river's, and the landmark lies wherever it lies, often in a town the sentence names
apart ("Gorky Park in Kharkiv"). A place name that opens such a landmark's name is no place at all.
"""

from __future__ import annotations

import re

_NOUNS = r"street|st|boulevard|blvd|avenue|ave|lane|alley|prospekt|prospect|embankment|park|square"


def _patterns(nouns: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    # Capitalised: up to two more capitalised words of the name ("Taras Shevchenko Boulevard"), then the
    # noun; lowercased: the noun right after the name only ("kharkiv city park" is a park in Kharkiv).
    return re.compile(rf"(?:\s+[A-Z][\w'’-]*){{0,2}}\s+(?i:{nouns})\b"), re.compile(rf"\s+(?:{nouns})\b")


#: A river is named after a region it flows through ("near the Diyala river" is in Diyala), not a town.
_ANY, _TOWN = _patterns(_NOUNS), _patterns(_NOUNS + "|river")


def opens_landmark(text: str, start: int, end: int, kind: str) -> bool:
    """Whether the place name at ``text[start:end]`` (a place of ``kind``) begins a landmark's name."""
    name = text[start:end]
    capitalised, lowered = _TOWN if kind == "city" else _ANY
    return (lowered if name == name.lower() else capitalised).match(text, end) is not None
