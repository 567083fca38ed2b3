"""A kill -9 between the entries agent's two table writes of a batch: the lineage rows and the index.

The index record of an entry holds its latest stamp alone; its keys are read back from the lineage
event row of that stamp. A worker killed after writing the index record but before the lineage row
(the order of the workers up to 2026-12-02) left an index that names an event the lineage lacks;
that event, never committed, came again, and the index read raised: the event was dead-lettered at
stage ``index``, so its row never came, and a later correction of the entry would be dead-lettered
too. Here the lost write is made deterministic (the lineage write of one event is dropped on its
first delivery, as that kill leaves it) and the events are delivered again from that offset, as a
restart from the committed offset does. Everything must end as if nothing had happened.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from liveledger.settings import Settings
from streams.app import agents as agents_module
from streams.app.facts_format import unbatch
from streams.app.lineage import LineageRows
from streams.app.lineage_ops import known_of
from streams.app.rowstore import RowTable
from streams.core.records import EntryFacts
from tests.support.replayed import assert_views_equal, replayed
from tests.unit.app.test_agents import applied, handled, recording_app, until
from tests.unit.app.test_contract import corrections, ll_extractor
from tests.unit.log_builders import BLOG, encoded

#: the offset of the correction that moves e1 to Sumy (see ``corrections``): the lost lineage write
LOST = 2


@pytest.mark.parametrize("redelivered_from", [LOST, 0], ids=["from the lost event", "from before it"])
async def test_an_event_whose_lineage_row_a_kill_lost_is_planned_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, redelivered_from: int
) -> None:
    settings = Settings(store="memory://", data_dir=tmp_path, app_id="killed", batch_max_events=1, batch_ms=5.0)
    ll, facts, letters = recording_app(settings, monkeypatch)
    raws = encoded(corrections())
    dropped: list[EntryFacts] = []
    record = LineageRows.record

    def record_but_lose_one(self: LineageRows, ef: EntryFacts, contributions: Any, hist: Any = None) -> None:
        if ef.position.offset == LOST and not dropped:
            dropped.append(ef)  # the kill: this event's lineage row is never written, its index record is
            return
        record(self, ef, contributions, hist)

    monkeypatch.setattr(LineageRows, "record", record_but_lose_one)
    async with ll.agents["entries"].test_context() as agent:
        for raw in raws[: LOST + 1]:  # the first life, up to the kill
            await agent.put(raw, key=BLOG.encode())
        await until(handled(ll, LOST + 1), f"handled {LOST + 1} entry events")
        assert dropped, "the lineage write of the event at offset LOST was not reached"
        lost_key = dropped[0].entry_key
        assert ll.entry_index[lost_key]["stamp"][2] == LOST  # the index is ahead of the lineage
        agent.sent_offset = redelivered_from  # the restart: read again from the committed offset
        for raw in raws[redelivered_from:]:
            await agent.put(raw, key=BLOG.encode())
        total = LOST + 1 + len(raws) - redelivered_from
        await until(handled(ll, total), f"handled {total} entry events")
    assert letters.records == [], "no event may be dead-lettered for a write a kill lost"

    emitted = sum(len(unbatch(r["value"])) for r in facts.records)
    async with ll.agents["views"].test_context() as agent:
        for r in facts.records:
            await agent.put(r["value"], key=r["key"], partition=r["partition"])
        await until(applied(ll, emitted), f"applied {emitted} contributions")

    replay = replayed(raws, settings.entries_topic, settings.max_record_bytes, ll_extractor)
    assert_views_equal(ll, replay, "from the replay")
    for entry in {f"{BLOG}/e{i}" for i in range(1, 5)}:
        stored = ll.entry_index.get(entry)
        assert stored is not None
        # read without an event to plan: the lineage row of every latest stamp is there again
        assert known_of(stored, ll.lineage, entry).keys == replay.entry_keys(entry), entry


async def test_the_lineage_rows_are_written_before_the_index_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the index holds at the moment the lineage rows of a batch are written: a kill there must
    find the index behind the lineage (the event plans again as before), never ahead of it."""
    settings = Settings(store="memory://", data_dir=tmp_path, app_id="order", batch_max_events=1, batch_ms=5.0)
    ll, _, letters = recording_app(settings, monkeypatch)
    raws = encoded(corrections())
    seen: list[tuple[int, int | None]] = []
    write_rows = agents_module.record_batch

    def watch(rows: Any, events: Any) -> None:
        events = list(events)
        for ef, _, _ in events:
            stored = ll.entry_index.get(ef.entry_key)
            seen.append((ef.position.offset, None if stored is None else stored["stamp"][2]))
        write_rows(rows, events)

    monkeypatch.setattr(agents_module, "record_batch", watch)
    async with ll.agents["entries"].test_context() as agent:
        for raw in raws:
            await agent.put(raw, key=BLOG.encode())
        await until(handled(ll, len(raws)), f"handled {len(raws)} entry events")
    assert letters.records == []
    assert len(seen) == len(raws)
    # e1 at offsets 0, 2, 5: when its rows of 2 and of 5 are written, the index still names the event before
    assert dict(seen)[0] is None and dict(seen)[2] == 0 and dict(seen)[5] == 2
    assert all(index is None or index < offset for offset, index in seen)


async def test_a_contribution_delivered_again_is_written_again_an_older_one_is_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a kill -9 the local store may hold rows whose changelog records were never sent; the
    redelivered contribution is the only chance to send them, so it is written (the same value again)."""
    settings = Settings(store="memory://", data_dir=tmp_path, app_id="again", batch_max_events=1, batch_ms=5.0)
    ll, facts, _ = recording_app(settings, monkeypatch)
    raws = encoded(corrections()[:3])  # e1, e2, then the correction that moves e1
    async with ll.agents["entries"].test_context() as agent:
        for raw in raws:
            await agent.put(raw, key=BLOG.encode())
        await until(handled(ll, len(raws)), f"handled {len(raws)} entry events")
    writes: list[tuple[str, str]] = []
    put_row = RowTable.put_row

    def counted(self: RowTable, state_key: str, entry_key: str, record: Any, *, replaces: bool = False) -> None:
        writes.append((state_key, entry_key))
        put_row(self, state_key, entry_key, record, replaces=replaces)

    monkeypatch.setattr(RowTable, "put_row", counted)
    contributions = [c for r in facts.records for c in unbatch(r["value"])]
    newest: dict[tuple[str, str, str], Any] = {}
    for c in contributions:
        row = (c.view, c.key, c.entry_key)
        newest[row] = max(newest.get(row, c.stamp), c.stamp)
    held = [c for c in contributions if c.stamp == newest[(c.view, c.key, c.entry_key)]]
    assert 0 < len(held) < len(contributions)  # e1's first event is older than its correction on some rows
    async with ll.agents["views"].test_context() as agent:
        for r in facts.records:
            await agent.put(r["value"], key=r["key"], partition=r["partition"])
        await until(applied(ll, len(contributions)), "applied every contribution once")
        writes.clear()
        for r in facts.records:  # all of it again, as after a kill: the rows hold these stamps or newer
            await agent.put(r["value"], key=r["key"], partition=r["partition"])
        await until(applied(ll, 2 * len(contributions)), "applied the redelivered contributions")
    # each contribution with the stamp its row holds is written again; an older one is not
    assert sorted(writes) == sorted((c.key, c.entry_key) for c in held)
