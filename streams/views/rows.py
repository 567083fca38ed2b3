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

:func:`pack` is how a row is stored, :func:`unpack` how it is read back: exactly the record that
went in. A fact item repeats its entry's provenance (ids, times, position, extractor version) and
holds many empty fields, so a packed row keeps the values all its items share once (``"c"``) and
each item's other non-empty values (``"p"``). A record whose items do not all have exactly the
view's item fields is stored as it is. Fields are stored by their index in the view's field list,
so any change of that list changes the layout fingerprint each packed row carries, and
:func:`unpack` refuses a row of another layout rather than misread it.

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

import zlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache
from typing import Any, TypeVar

from streams.views import rowbytes
from streams.views.contrib import Contribution, State, stamp_of

#: Separates the state key from the entry key in a row key.
SEP = "\x1f"
_SEP_BYTES = SEP.encode()

Record = dict[str, Any]
T = TypeVar("T")


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


def coalesce(contributions: Iterable[tuple[Contribution, T]]) -> list[tuple[Contribution, T]]:
    """The newest contribution per row ``(view, key, entry)`` of a batch, with what came with it, in first-seen order.

    What a batch writes, once per row (the record cache of Kafka Streams, KIP-63): applying the
    result with :func:`apply_row` gives the same rows as applying every contribution in turn,
    because the newest stamp wins either way. The second element of each pair (e.g. the event a
    contribution came in) is carried along untouched.

    >>> old = Contribution("strikes", "k", "b/e1", ("t1", 0, 1), ({"best": 1},))
    >>> new = Contribution("strikes", "k", "b/e1", ("t2", 0, 5), ())
    >>> [(c.stamp, origin) for c, origin in coalesce([(new, "a"), (old, "b"), (new, "c")])]
    [(('t2', 0, 5), 'a')]
    """
    newest: dict[tuple[str, str, str], tuple[Contribution, T]] = {}
    for pair in contributions:
        c = pair[0]
        row = (c.view, c.key, c.entry_key)
        current = newest.get(row)
        if current is None or c.stamp > current[0].stamp:
            newest[row] = pair
    return list(newest.values())


@cache
def layout(fields: tuple[str, ...]) -> str:
    """A short fingerprint of an item field list, stored in every packed row."""
    return f"{zlib.crc32(','.join(fields).encode()):08x}"


@cache
def _field_index(fields: tuple[str, ...]) -> dict[str, str]:
    """Each field's stored name: its index in ``fields``, as text (made once per field list)."""
    return {name: str(i) for i, name in enumerate(fields)}


def _common(items: list[dict[str, Any]]) -> dict[str, Any]:
    """The non-empty values of the first item that every item has alike, in the first item's order."""
    first = items[0]
    common = {k: v for k, v in first.items() if v is not None}
    for it in items[1:]:
        if not common:
            break
        for k in [k for k, v in common.items() if it[k] != v]:
            del common[k]
    return common


def _split_entry_key(entry_key: str) -> tuple[str, str]:
    blog_id, _, entry_id = entry_key.partition("/")
    return blog_id, entry_id


def pack(record: Record, fields: tuple[str, ...] | None, entry_key: str | None = None) -> Record:
    """The stored form of a record; :func:`unpack` gives the record back.

    Field names are stored as their index in ``fields`` (``"l"`` is the fingerprint of ``fields``),
    published time and log position are read back from the stamp when they equal it (``"s"``: both,
    ``"t"``: the time only), the blog and entry ids from the row's entry key when they make it up
    (``"e"``; ``entry_key`` given, and the blog id has no ``/``).

    >>> fields = ("entry_id", "best", "low")
    >>> r = {"stamp": ["t", 0, 1], "items": [{"entry_id": "e1", "best": 3, "low": None},
    ...                                      {"entry_id": "e1", "best": 5, "low": 4}]}
    >>> pack(r, fields)
    {'stamp': ['t', 0, 1], 'l': '79117bf4', 'c': {'0': 'e1'}, 'p': [{'1': 3}, {'1': 5, '2': 4}]}
    >>> unpack(pack(r, fields), fields) == r
    True
    """
    items: list[dict[str, Any]] = record["items"]
    if fields is None or not items:
        return record
    wanted = set(fields)
    if any(len(it) != len(fields) or it.keys() != wanted for it in items):
        return record
    common = _common(items)
    stamp = record["stamp"]
    out: Record = {"stamp": stamp, "l": layout(fields)}
    position = common.get("position")
    if common.get("published_at") == stamp[0]:
        if (
            isinstance(position, dict)
            and position.keys() == {"topic", "partition", "offset"}
            and [position["partition"], position["offset"]] == stamp[1:]
        ):
            common["position"] = position["topic"]
            out["s"] = 1  # published_at and position come from the stamp
        else:
            out["t"] = 1  # published_at comes from the stamp
        derived = {"published_at"}
    else:
        derived = set()
    if entry_key is not None and "blog_id" in common and "entry_id" in common:
        blog_id, entry_id = common["blog_id"], common["entry_id"]
        if isinstance(blog_id, str) and "/" not in blog_id and f"{blog_id}/{entry_id}" == entry_key:
            derived |= {"blog_id", "entry_id"}
            out["e"] = 1  # the ids come from the entry key
    index = _field_index(fields)
    out["c"] = {index[k]: v for k, v in common.items() if k not in derived}
    out["p"] = [{index[k]: v for k, v in it.items() if v is not None and k not in common} for it in items]
    return out


def unpack(stored: Record, fields: tuple[str, ...] | None, entry_key: str | None = None) -> Record:
    """The record a :func:`pack` result stands for (a record stored as it is comes back as it is).

    Raises ``ValueError`` on a row packed with other item fields (a table written by another version),
    or packed with its ids in the entry key when ``entry_key`` is not given.
    """
    if fields is None or "p" not in stored:
        return stored
    if stored.get("l") != layout(fields):
        raise ValueError(
            f"a view row packed with item layout {stored.get('l')!r}, not {layout(fields)!r}: the table was "
            "written by another version of liveledger; rebuild it (new app id) from the log"
        )
    stamp = stored["stamp"]
    base: dict[str, Any] = dict.fromkeys(fields)
    base.update({fields[int(i)]: v for i, v in stored["c"].items()})
    if stored.get("s"):
        base["published_at"] = stamp[0]
        base["position"] = {"topic": base["position"], "partition": stamp[1], "offset": stamp[2]}
    elif stored.get("t"):
        base["published_at"] = stamp[0]
    if stored.get("e"):
        if entry_key is None:
            raise ValueError("a view row that keeps its ids in its entry key, read without the entry key")
        base["blog_id"], base["entry_id"] = _split_entry_key(entry_key)
    return {"stamp": stamp, "items": [{**base, **{fields[int(i)]: v for i, v in p.items()}} for p in stored["p"]]}


def _same(value: Any) -> Any:
    return value


@dataclass(frozen=True, slots=True)
class RowCodec:
    """How one table stores its rows: ``pack(record, entry_key)`` and its inverse ``unpack(stored, entry_key)``,
    and how a packed row is framed as the table's value: ``dump(stored)`` and its inverse ``load(value)``.

    ``load`` reads every framing ever dumped (:func:`framed`: the bytes of
    :mod:`streams.views.rowbytes`, of any of its formats); the default framing is none, the packed
    row itself (a table whose own serializer makes it JSON).
    """

    pack: Callable[[Record, str], Record]
    unpack: Callable[[Record, str], Record]
    dump: Callable[[Record], Any] = _same
    load: Callable[[Any], Record] = _same


def item_codec(fields: tuple[str, ...]) -> RowCodec:
    """:func:`pack` and :func:`unpack` over a view's item fields."""
    return RowCodec(lambda r, e: pack(r, fields, e), lambda s, e: unpack(s, fields, e))


def framed(codec: RowCodec) -> RowCodec:
    """``codec`` with its packed rows stored as bytes (:func:`streams.views.rowbytes.encode`, a table of
    raw values); ``load`` also reads a row stored before (JSON bytes, or a value already decoded)."""
    return replace(codec, dump=rowbytes.encode, load=rowbytes.decode)


#: rows stored as they are
PLAIN = RowCodec(lambda r, e: r, lambda s, e: s)


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
