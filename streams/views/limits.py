"""The size limit of one stored record, checked by the pure core so the worker and replay agree.

A view row holds one entry's contribution to one key (:mod:`streams.views.rows`), so its size is
bounded by the entry, never by the key's history. An entry can still be too large to store (a very
long text with very many figures): :func:`check_size` refuses such a contribution with
:class:`RecordTooLarge` before anything is written. The worker dead-letters the entry event (stage
``size``), replay leaves it out (``Rebuilt.failed``): both paths agree it contributes nothing.

>>> from streams.views.contrib import Contribution
>>> c = Contribution("figures", "k", "b/e1", ("2024-11-20T10:00:00Z", 0, 1), ({"best": 3},))
>>> check_size(c, 1000) > 0
True
>>> try:
...     check_size(c, 10)
... except RecordTooLarge as e:
...     print(e.view, e.key, e.entry_key)
figures k b/e1
"""

from __future__ import annotations

from collections.abc import Iterable

import orjson

from streams.views.contrib import Contribution

#: Below Kafka's default ``max.message.bytes`` (1 MiB) with room for the key, headers and batch overhead.
MAX_RECORD_BYTES = 900_000


class ViewError(Exception):
    """Root of the view core's errors."""


class RecordTooLarge(ViewError):
    """One entry's contribution to one view key is too large to store as one Kafka record.

    The entry is refused whole (dead-lettered by the worker, left out by replay). To accept it,
    split the entry into several entries, or raise the broker's ``max.message.bytes`` and
    ``LIVELEDGER_MAX_RECORD_BYTES`` together (replay must use the same limit).
    """

    def __init__(self, view: str, key: str, entry_key: str, size: int, limit: int) -> None:
        super().__init__(
            f"entry {entry_key}: its contribution to {view} key {key!r} is {size} bytes, over the limit of "
            f"{limit} bytes of one stored record; split the entry, or raise the broker's max.message.bytes "
            "and LIVELEDGER_MAX_RECORD_BYTES together"
        )
        self.view = view
        self.key = key
        self.entry_key = entry_key
        self.size = size
        self.limit = limit


def encoded(c: Contribution) -> bytes:
    """The wire bytes of one contribution (what a facts record holds per contribution)."""
    return orjson.dumps(c.to_json())


def check_size(c: Contribution, limit: int = MAX_RECORD_BYTES) -> int:
    """The encoded size of ``c``; raises :class:`RecordTooLarge` when it is over ``limit``."""
    size = len(encoded(c))
    if size > limit:
        raise RecordTooLarge(c.view, c.key, c.entry_key, size, limit)
    return size


def check_sizes(contributions: Iterable[Contribution], limit: int = MAX_RECORD_BYTES) -> None:
    """:func:`check_size` for each contribution; the first one over the limit raises."""
    for c in contributions:
        check_size(c, limit)
