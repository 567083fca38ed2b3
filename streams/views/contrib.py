"""Contributions and the one reducer every view shares.

A view's state, per view key, is a plain JSON-compatible dict::

    {"entries": {entry_key: {"stamp": [published_at, partition, offset],
                             "items": [item, ...]}}}

Each entry's record is that entry's *contribution* to the key, never a running
total: totals are derived by :mod:`streams.views.render`. An empty ``items``
list is a tombstone: the entry no longer contributes, but its stamp stays so
that an older contribution delivered again cannot bring it back.

Rule of :func:`apply`: the record of ``c.entry_key`` becomes ``c`` iff
``c.stamp >= stored stamp`` (compared as tuples). Hence

- apply is idempotent: applying a contribution twice equals applying it once;
- apply is commutative across contributions: each entry's record is the one
  with the greatest stamp, so the state is a function of the *set* of
  contributions applied, whatever their order.

Equal stamps mean the same event of the same entry, which routes to the same
items (routing is deterministic), so overwriting on equality changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: ``(published_at, partition, offset)``: the total order of one entry's events.
Stamp = tuple[str, int, int]

#: The state of one view key (see the module docstring).
State = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Contribution:
    """What one entry event contributes to one view key.

    ``items`` empty is a tombstone. Items are plain JSON-compatible dicts built
    by :func:`streams.views.routing.route`; they are never mutated.
    """

    view: str
    key: str
    entry_key: str
    stamp: Stamp
    items: tuple[dict[str, Any], ...]

    @property
    def is_tombstone(self) -> bool:
        """True when the entry no longer contributes to the key."""
        return not self.items

    def to_json(self) -> dict[str, Any]:
        """A plain dict for the wire (orjson-friendly)."""
        return {
            "view": self.view,
            "key": self.key,
            "entry_key": self.entry_key,
            "stamp": list(self.stamp),
            "items": list(self.items),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Contribution:
        """The inverse of :meth:`to_json`."""
        published_at, partition, offset = data["stamp"]
        return cls(
            view=str(data["view"]),
            key=str(data["key"]),
            entry_key=str(data["entry_key"]),
            stamp=(str(published_at), int(partition), int(offset)),
            items=tuple(data["items"]),
        )


def stamp_of(record: dict[str, Any]) -> Stamp:
    """The stamp of a stored entry record, as a tuple."""
    published_at, partition, offset = record["stamp"]
    return (published_at, partition, offset)


def apply(state: State | None, c: Contribution) -> State:
    """Fold one contribution into a view key's state; returns a new state.

    The input is not mutated. Only the ``entries`` mapping is copied
    (shallowly); records and items are shared, and are never mutated.
    """
    if state is None:
        return {"entries": {c.entry_key: {"stamp": list(c.stamp), "items": list(c.items)}}}
    entries: dict[str, Any] = state["entries"]
    current = entries.get(c.entry_key)
    new_state = dict(state)
    new_entries = dict(entries)
    if current is None or c.stamp >= stamp_of(current):
        new_entries[c.entry_key] = {"stamp": list(c.stamp), "items": list(c.items)}
    new_state["entries"] = new_entries
    return new_state


def is_empty(state: State | None) -> bool:
    """True when no entry contributes items (no state, or only tombstones)."""
    if not state:
        return True
    return not any(record["items"] for record in state["entries"].values())


def live_records(state: State | None) -> list[tuple[str, Stamp, list[dict[str, Any]]]]:
    """The contributing entries as ``(entry_key, stamp, items)``, sorted by (stamp, entry_key).

    The order does not depend on the order contributions were applied in.
    """
    if not state:
        return []
    out = [
        (entry_key, stamp_of(record), record["items"])
        for entry_key, record in state["entries"].items()
        if record["items"]
    ]
    out.sort(key=lambda r: (r[1], r[0]))
    return out
