"""The generation the row indexes read: faust's own rebalance signals change it, reading it does not."""

from __future__ import annotations

from faust.types import TP

from streams.app.factory import Generation, LiveLedgerApp
from streams.app.rowstore import RowTable
from streams.views.rows import row_key


def generation_of(ll: LiveLedgerApp) -> Generation:
    """The one generation every table of the app reads (views and lineage alike)."""
    found = {id(rows._generation) for rows in ll.views.values()}
    assert ll.lineage is not None
    found.add(id(ll.lineage._generation))
    assert len(found) == 1, "every row table reads the same generation"
    gen = ll.views["casualties"]._generation
    assert isinstance(gen, Generation)
    return gen


async def test_every_assignment_change_and_every_end_of_recovery_changes_the_generation(ll: LiveLedgerApp) -> None:
    gen = generation_of(ll)
    seen = [gen()]
    assert gen() == seen[0], "reading the generation does not change it"
    tp = TP(ll.settings.facts_topic, 0)
    await ll.app.on_partitions_revoked.send(set())
    seen.append(gen())
    await ll.app.on_partitions_assigned.send({tp})
    seen.append(gen())
    await ll.app.on_rebalance_complete.send()  # faust sends it once recovery has read the changelogs
    seen.append(gen())
    await ll.app.on_partitions_assigned.send({tp})  # the same assignment again: rows may have moved meanwhile
    seen.append(gen())
    assert len(set(seen)) == len(seen), f"each signal gives a new generation: {seen}"
    assert gen() == seen[-1]


async def test_a_row_table_rebuilds_its_index_after_a_rebalance_signal(ll: LiveLedgerApp) -> None:
    rows: RowTable = ll.views["strikes"]
    raw = rows.table.data  # the store itself, as recovery fills it (no changelog send)
    raw[row_key("UA-63/2024-11-20", "b/e1")] = {"stamp": ["t1", 0, 1], "items": []}
    assert len(rows) == 1
    raw[row_key("UA-59/2024-11-20", "b/e2")] = {"stamp": ["t2", 1, 2], "items": []}
    assert len(rows) == 1, "the count of keys is kept between reads"
    await ll.app.on_rebalance_complete.send()
    assert len(rows) == 2, "counted again once recovery ended"
    raw[row_key("UA-48/2024-11-20", "b/e3")] = {"stamp": ["t3", 1, 3], "items": []}
    await ll.app.on_partitions_assigned.send({TP(ll.settings.facts_topic, 1)})
    assert len(rows) == 3, "rebuilt after a new assignment"
