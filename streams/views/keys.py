"""Normalisation of the parts that make up view keys.

Every part of a view key goes through :func:`sanitise`, so a part never holds
the separators ``/`` (casualties, strikes, interceptions) or ``|`` (figures).
The same function turns a claimant into its key in every view, so one
claimant is one key everywhere.

- **day**: the UTC date (``YYYY-MM-DD``) of the occurred time if known, else of
  the published time. Naive times are taken as UTC.
- **area**: ``region_code``, else ``country``, else ``"unknown"``.
- **claimant key**: the fact's ``claimant_id`` if set, else its ``claimant``;
  casefolded, whitespace collapsed, a leading ``"the "`` stripped;
  ``"unattributed"`` when missing or blank.
- **subject key**: a word of the fixed vocabulary of :mod:`streams.views.subjects`
  (people, civilians, children, soldiers, troops, drones, missiles ...), else the
  metric's default; never the area.
- **kind** (weapon): lowercased, whitespace collapsed to ``-``; ``"unspecified"``
  when missing or blank.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache

from streams.views.subjects import subject_key

__all__ = ["UNATTRIBUTED", "UNKNOWN_AREA", "UNSPECIFIED", "area_of", "claimant_key", "entry_day", "kind_key",
           "norm_text", "sanitise", "subject_key", "utc_day"]  # fmt: skip

UNKNOWN_AREA = "unknown"
UNATTRIBUTED = "unattributed"
UNSPECIFIED = "unspecified"

_SEPARATORS = str.maketrans({"/": "-", "|": "-"})


def sanitise(part: str) -> str:
    """A key part without the key separators ``/`` and ``|`` (each becomes ``-``)."""
    return part.translate(_SEPARATORS)


@lru_cache(maxsize=65536)
def utc_day(iso: str) -> str:
    """The UTC date of an ISO 8601 time or date, as ``YYYY-MM-DD``.

    >>> utc_day("2024-10-02T23:30:00-02:00")
    '2024-10-03'
    """
    dt = datetime.fromisoformat(iso)
    if dt.tzinfo is not None:
        dt = dt.astimezone(UTC)
    return dt.date().isoformat()


def entry_day(occurred_at: str | None, published_at: str) -> str:
    """The day an entry's event belongs to: occurred time if set, else published time."""
    return utc_day(occurred_at if occurred_at else published_at)


def area_of(region_code: str | None, country: str | None) -> str:
    """Region code, else country, else ``"unknown"``."""
    return sanitise(region_code or country or UNKNOWN_AREA)


@lru_cache(maxsize=65536)
def norm_text(text: str) -> str:
    """Casefold, collapse whitespace, strip a leading ``"the "``, sanitise separators."""
    s = " ".join(text.casefold().split())
    if s.startswith("the "):
        s = s[4:]
    return sanitise(s)


def claimant_key(claimant: str | None, claimant_id: str | None = None) -> str:
    """The key of a claimant in every view: its id, else its name; ``"unattributed"`` when both are blank.

    The extractor gives each claimant an id shared by all its wordings
    (``Fact.claimant_id``: "Ukraine's air force" and "the air force" are both
    ``"ua:air force"``); a fact without one (typed by an editor) keys on its name.
    """
    if claimant_id:
        key = norm_text(claimant_id)
        if key:
            return key
    if claimant is None:
        return UNATTRIBUTED
    return norm_text(claimant) or UNATTRIBUTED


@lru_cache(maxsize=4096)
def _kind(weapon: str) -> str:
    return sanitise("-".join(weapon.lower().split()))


def kind_key(weapon: str | None) -> str:
    """The kind of attack from a weapon: ``"guided bomb"`` -> ``"guided-bomb"``."""
    if weapon is None:
        return UNSPECIFIED
    return _kind(weapon) or UNSPECIFIED
