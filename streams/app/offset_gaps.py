"""Which offsets of a partition a consumer may commit past, when some offsets hold no record.

Under ``read_committed`` a partition's offsets are not all records: each transaction leaves a
commit (or abort) marker, and an aborted transaction's records are never delivered. faust
commits only over consecutive acked offsets, so such offsets must be known as *gaps*: offsets
that will never be delivered, and that count as done.

The facts come from the Kafka client itself. A fetch moves the consumer's position from
``before`` to ``after``; every offset in between that the fetch did not return as a record holds
no record (:func:`non_records`). The committable offset is then the end of the run, from the
committed offset, of offsets that are acked or gaps (:func:`advance`). Pure: no faust, no Kafka.

>>> g = Gaps()
>>> for begin, end in non_records(10, [10, 12, 13], 15):  # markers at 11 and 14
...     g.add(begin, end)
>>> g.intervals
[(11, 12), (14, 15)]
>>> advance(10, [10, 12], g)  # from the committed offset 10; 13 is not acked yet
(13, 2)
>>> advance(13, [13], g)  # the trailing marker 14 is passed too: the committed offset is the log end
(15, 1)
"""

from __future__ import annotations

from bisect import bisect_right, insort
from collections.abc import Sequence


def _begin(interval: tuple[int, int]) -> int:
    return interval[0]


class Gaps:
    """Offsets of one partition that hold no record, as sorted, disjoint ``[begin, end)`` intervals."""

    __slots__ = ("intervals",)

    def __init__(self) -> None:
        self.intervals: list[tuple[int, int]] = []

    def __bool__(self) -> bool:
        return bool(self.intervals)

    def add(self, begin: int, end: int) -> None:
        """Record ``[begin, end)`` as holding no record; merges with its neighbours."""
        if begin >= end:
            return
        iv = self.intervals
        if not iv or iv[-1][1] < begin:  # the usual case: positions only move forward
            iv.append((begin, end))
            return
        insort(iv, (begin, end))
        merged: list[tuple[int, int]] = []
        for b, e in iv:
            if merged and b <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], e))
            else:
                merged.append((b, e))
        self.intervals = merged

    def end_of_gap_at(self, offset: int) -> int | None:
        """The end of the gap holding ``offset``, or None when ``offset`` is in no gap."""
        iv = self.intervals
        i = bisect_right(iv, offset, key=_begin) - 1
        if i >= 0 and iv[i][0] <= offset < iv[i][1]:
            return iv[i][1]
        return None

    def drop_below(self, offset: int) -> None:
        """Forget the offsets below ``offset`` (they are committed)."""
        self.intervals = [(max(b, offset), e) for b, e in self.intervals if e > offset]

    def first(self) -> int | None:
        return self.intervals[0][0] if self.intervals else None


def non_records(before: int | None, records: Sequence[int], after: int | None) -> list[tuple[int, int]]:
    """The offsets in ``[before, after)`` that a fetch passed over without returning them as records.

    ``records`` are the offsets the fetch returned for the partition, ascending. ``before`` and
    ``after`` are the consumer's position just before and just after it (None: not known, so
    nothing is inferred). A position that moved back (a seek during the fetch) starts the range
    at the first record returned, never earlier.
    """
    if after is None:
        return []
    start = before if before is not None else (records[0] if records else after)
    if records and records[0] < start:
        start = records[0]
    out: list[tuple[int, int]] = []
    cur = start
    for r in records:
        if r > cur:
            out.append((cur, r))
        cur = max(cur, r + 1)
    if after > cur:
        out.append((cur, after))
    return out


def advance(start: int, acked: Sequence[int], gaps: Gaps) -> tuple[int | None, int]:
    """The offset to commit next, and how many leading ``acked`` offsets it covers.

    ``start`` is the committed offset (Kafka's meaning: the next offset to read), or before the
    first commit the position the consumer started reading at. ``acked`` is sorted ascending
    without repeats. The run goes over acked offsets and gaps until the first offset that is
    neither: a record delivered but not yet acked, or an offset not fetched yet. Returns
    ``(None, n)`` when the run does not pass ``start``; ``n`` counts the acked offsets below the
    returned offset (or below ``start``: stale ones), which the caller drops.
    """
    i = 0
    n = len(acked)
    pos = start
    while True:
        while i < n and acked[i] < pos:
            i += 1
        if i < n and acked[i] == pos:
            pos += 1
            i += 1
            continue
        end = gaps.end_of_gap_at(pos)
        if end is not None:
            pos = end
            continue
        break
    return (pos if pos > start else None), i
