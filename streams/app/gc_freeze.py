"""Keep Python's full garbage collections off the objects the worker loads once and keeps.

The extractor loads its place index on first use: some half a million small objects (regions,
subdivision rows, candidates, tuples) that live as long as the process. CPython's cyclic
collector walks every tracked object of the oldest generation on each full collection, and a
catch-up makes one every second or so (the objects that survive its batches, fetched records,
rows, events, push the oldest generation past its threshold): each full collection then took
80–230 ms of the event loop's time, some 15–25% of a catch-up's busy time.

:func:`settle` runs the extractor once on a short text of its own (so the index is loaded before
the worker reads, not inside its first batch), collects what is garbage, and moves every object
alive then into the permanent generation (``gc.freeze``), which collections never walk. Objects
made after it are collected as before. An object frozen here that later becomes garbage in a
reference cycle is never collected; what is alive at start-up (modules, settings, the extractor's
tables, the app's wiring) lives as long as the worker anyway. A full collection then comes after
:data:`FULL_EVERY` collections of the middle generation (CPython's default is 10), so that
what the worker keeps after start-up (the towns of the countries its entries name, its caches) is
not walked every second; cycles are still collected, only later.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable

log = logging.getLogger(__name__)

#: what the warm-up extracts: a title and a body that reach the extractor's place index and, through
#: a village it does not hold, the subdivision tables of every country (some 100,000 objects more)
WARM_TITLE = "Warm-up entry"
WARM_BODY = (
    "Two people were injured in a drone strike on the village of Bilozerske in Ukraine overnight, "
    "the regional governor said."
)


#: full collections come after this many collections of the middle generation (CPython's default: 10).
#: What the worker keeps after start-up (the towns of the countries its entries name, caches) is
#: walked by every full collection; at the default, a busy worker made one every 0.2-1 s, each
#: 40-120 ms of the event loop's time on a loaded machine, which a query waiting behind it pays.
FULL_EVERY = 100


def settle(extractor: Callable[[str, str], object] | None, full_every: int = FULL_EVERY) -> int:
    """Warm ``extractor`` (when given), collect, freeze every object alive now, and let a full
    collection come only after ``full_every`` of the middle generation; returns how many objects were frozen.

    A warm-up that raises is logged and left: the entries agent meets the same error per entry and
    dead-letters it, which is where an extractor's failure belongs.
    """
    if extractor is not None:
        try:
            extractor(WARM_TITLE, WARM_BODY)
        except Exception:
            log.exception("the extractor failed on its warm-up text; the worker goes on without it")
    gc.collect()
    gc.freeze()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, full_every)
    return gc.get_freeze_count()


__all__ = ["FULL_EVERY", "WARM_BODY", "WARM_TITLE", "settle"]
