"""View state stored as rows: one row per (state key, entry), so a write never grows with a key's history.

A view key's state (:mod:`streams.views.contrib`) is ``{"entries": {entry_key: record}}``. Stored
whole, every write would re-encode every entry that ever touched the key: the cost per write would
grow with the blog, and one hot key would pass Kafka's record limit. So a store keeps each entry's
record as its own row instead:

- row key: ``"{state_key}\\x1f{entry_key}"`` (the unit separator appears in neither part: view keys
  are sanitised and entry keys are ``blog_id/entry_id``);
- row value: the entry's record, ``{"stamp": [published_at, partition, offset], "items": [...]}``.

:func:`apply_row` is :func:`streams.views.contrib.apply` for one row: it returns the record to
write, or ``None`` when the stored row is as new or newer (nothing to write, so a redelivered
contribution costs no write). :func:`state_of` assembles a key's rows into the state every
renderer takes, so a store of rows renders the same bytes as a store of states.

>>> from streams.views.contrib import Contribution
>>> c = Contribution("casualties", "UA-63/2024-11-20", "b/e1", ("2024-11-20T10:00:00Z", 0, 1), ({"best": 3},))
>>> row_key(c.key, c.entry_key)
b'UA-63/2024-11-20\\x1fb/e1'
>>> split_row_key(row_key(c.key, c.entry_key))
('UA-63/2024-11-20', 'b/e1')
>>> record = apply_row(None, c)
>>> record
{'stamp': ['2024-11-20T10:00:00Z', 0, 1], 'items': [{'best': 3}]}
>>> apply_row(record, c) is None  # the same contribution again: nothing to write
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from streams.views.contrib import Contribution, State, stamp_of

#: Separates the state key from the entry key in a row key.
SEP = "\x1f"
_SEP_BYTES = SEP.encode()

Record = dict[str, Any]


def row_key(state_key: str, entry_key: str) -> bytes:
    """The stored key of one entry's row under one state key."""
    return f"{state_key}{SEP}{entry_key}".encode()


def split_row_key(row: bytes) -> tuple[str, str]:
    """``(state_key, entry_key)`` of a row key; raises ``ValueError`` on a key that is not a row key."""
    state, sep, entry = row.partition(_SEP_BYTES)
    if not sep:
        raise ValueError(f"{row[:200]!r} is not a view row key (state key, \\x1f, entry key)")
    return state.decode(), entry.decode()


def apply_row(current: Record | None, c: Contribution) -> Record | None:
    """The record to store for ``c``'s entry, or None when ``current`` is as new or newer.

    The rule of :func:`streams.views.contrib.apply`: the newest stamp wins. Equal stamps are the
    same event (same items), so they need no write.
    """
    if current is not None and c.stamp <= stamp_of(current):
        return None
    return {"stamp": list(c.stamp), "items": list(c.items)}


def state_of(records: Mapping[str, Record]) -> State:
    """The state of one key from its rows, by entry key (as :func:`streams.views.contrib.apply` builds it)."""
    return {"entries": dict(records)}


def group_rows(rows: Iterable[tuple[bytes, Record | None]]) -> dict[str, State]:
    """The states of every key of a store of rows (rows with no value are left out)."""
    grouped: dict[str, dict[str, Record]] = {}
    for row, record in rows:
        if record is None:
            continue
        state, entry = split_row_key(row)
        grouped.setdefault(state, {})[entry] = record
    return {key: {"entries": records} for key, records in grouped.items()}
