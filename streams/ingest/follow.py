"""Two readings of one source compared: what is new, what changed, what was removed.

Pure. ``--follow`` polls a page or feed; each reading is compared with the one before:

* an id not read before is **new**;
* an id whose request differs from before (text, title, author or source times) **changed**:
  it becomes a correction;
* an id that is gone while the page still lists posts on *both* sides of it (before it and
  after it, in the previous reading's order) was **removed** from the source: it becomes a
  retraction with the reason ``removed from source``, the only automatic retraction;
* an id gone at either edge of the previous reading (every post after it, or every post before
  it, is gone too) has scrolled out of the page's window, as the oldest posts of a long live page
  do: it is **dropped**, reported and never retracted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from streams.ingest.model import Record

REMOVED_REASON = "removed from source"


@dataclass
class Changes:
    new: list[Record] = field(default_factory=list)
    changed: list[Record] = field(default_factory=list)
    unchanged: list[Record] = field(default_factory=list)
    removed: list[Record] = field(default_factory=list)
    dropped: list[Record] = field(default_factory=list)


def compare(previous: Sequence[Record] | None, current: Sequence[Record]) -> Changes:
    """Classify ``current`` against ``previous`` (None: a first reading, where every record is new).

    >>> def r(i, body="x"): return Record(i, {"entry_id": i, "body": body})
    >>> c = compare([r("a"), r("b"), r("c"), r("d")], [r("a"), r("c", "edited"), r("e")])
    >>> [x.entry_id for x in c.new], [x.entry_id for x in c.changed], [x.entry_id for x in c.unchanged]
    (['e'], ['c'], ['a'])
    >>> [x.entry_id for x in c.removed], [x.entry_id for x in c.dropped]
    (['b'], ['d'])
    """
    out = Changes()
    if previous is None:
        out.new = list(current)
        return out
    before = {r.entry_id: r for r in previous}
    now = {r.entry_id for r in current}
    for rec in current:
        old = before.get(rec.entry_id)
        if old is None:
            out.new.append(rec)
        elif old.request != rec.request:
            out.changed.append(rec)
        else:
            out.unchanged.append(rec)
    present = [r.entry_id in now for r in previous]
    first = present.index(True) if True in present else len(present)
    last = len(present) - 1 - present[::-1].index(True) if True in present else -1
    for i, rec in enumerate(previous):
        if present[i]:
            continue
        (out.removed if first < i < last else out.dropped).append(rec)
    return out
