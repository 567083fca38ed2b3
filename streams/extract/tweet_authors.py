"""Who the author of an embedded tweet is, by how the entry named them before the tweet.

Live blogs introduce a journalist, then embed their tweet: "the Wall Street
Journal's Jo Roe, quoting security sources, reports ... . Jo Roe (@joroe)
Security sources: 38 injured". The author is no claimant of what the tweet
reports:

- an outlet's journalist ("the WSJ's Jo Roe", or "the WSJ's Berlin correspondent:"
  just before the tweet) is that outlet's reporter: the outlet is the tweet's
  relay (as ``outlets.staff_outlet`` reads "the WSJ's Jo Roe reports");
- the blog's own reporter ("my colleague Jo Roe", "..., Jo Roe reports.") speaks
  for the publisher: no claimant, no relay.

Anyone else (an official, a body) tweets as a claimant, as before.

>>> author_role("the ap 's jo roe reports . jo roe ( @ joroe ) 38 injured", "jo roe", 27)
('staff', 'ap')
>>> author_role("my colleague jo roe is there . jo roe ( @ joroe ) two arrests", "jo roe", 30)
('own', None)
>>> author_role("police ( @ police ) two arrests", "police", 0) is None
True
"""

from __future__ import annotations

import re

from streams.extract.outlets import outlet

#: The most words of an outlet's name before "'s" ("the Wall Street Journal's").
_MAX_OUTLET_WORDS = 4
_OWN_BEFORE = re.compile(r"\b(?:my|our)(?: [\w-]+){0,2} (?:colleague|colleagues|correspondent|reporter) $")
#: A journalist's post, with their outlet's "'s", just before the tweet's author.
_TITLED_BEFORE = re.compile(r" ?(?:'s|’s)(?: [\w-]+){0,3} (?:correspondent|reporter|editor|journalist)(?: ?:)? ?$")
_OWN_AFTER = re.compile(r"^,? (?:reports|writes|is reporting)\b")


def author_role(text: str, author: str, before: int) -> tuple[str, str | None] | None:
    """How ``text[:before]`` named ``author``: ``("staff", outlet)``, ``("own", None)``, or None."""
    name = " ".join(author.lower().split())
    if len(name.split()) < 2:
        return None  # a full name only: "Police" or "Reuters" is no journalist named before
    low = text[:before].lower()
    titled = _TITLED_BEFORE.search(low)  # "from the WSJ's Berlin correspondent: Jo Roe (@joroe)"
    if titled is not None and (owner := _owner(low[: titled.start()] + " 's ")) is not None:
        return ("staff", owner)
    for m in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", low):
        head = low[: m.start()]
        owner = _owner(head)
        if owner is not None:
            return ("staff", owner)
        if _OWN_BEFORE.search(head) or _OWN_AFTER.match(low[m.end() :]):
            return ("own", None)
    return None


def _owner(head: str) -> str | None:
    """The outlet whose "'s" closes ``head`` ("... the wall street journal 's "), if any."""
    for mark in (" 's ", "'s ", "’s "):
        if head.endswith(mark):
            ws = head[: -len(mark)].split()
            for n in range(min(_MAX_OUTLET_WORDS, len(ws)), 0, -1):
                named = outlet(" ".join(ws[-n:]))
                if named is not None:
                    return named
            return None
    return None
