"""The publisher checkpoint's store and the index over it: round trip, lazy look-up, rollback, slots."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from liveledger.publish.index import BlogHead, EntryState, LogIndex
from liveledger.publish.store import SLOTS, IndexStore, Mark, Saved
from liveledger.settings import Settings
from schemas.events import EntryPublished


def _settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path, entries_topic="unit.entries")


def _event(entry: str, blog: str = "b") -> EntryPublished:
    return EntryPublished.model_construct(
        event_id="ev-x", blog_id=blog, entry_id=entry, published_at=datetime(2026, 1, 1, tzinfo=UTC), occurred_at=None
    )


def test_what_is_saved_comes_back(tmp_path: Path) -> None:
    store = IndexStore.claim(_settings(tmp_path))
    assert store is not None
    at = "2026-01-01T00:00:00.000001Z"
    heads = {"b": BlogHead("h" * 64, at, datetime.fromisoformat(at), 7)}
    marks = {0: Mark((0, "a" * 64), (9, "c" * 64))}
    store.save({("b", "e1"): EntryState("d1", {"c1", "c2"}, True)}, heads, Saved("unit.entries", {0: 10}, marks, 7, 1))
    store.close()
    again = IndexStore.claim(_settings(tmp_path))
    assert again is not None
    saved = again.load()
    assert saved is not None
    assert (saved.positions, saved.marks, saved.events, saved.unreadable) == ({0: 10}, marks, 7, 1)
    assert saved.heads == heads
    assert again.get("b", "e1") == EntryState("d1", {"c1", "c2"}, True)
    assert again.get("b", "e2") is None
    again.close()


def test_a_store_of_another_topic_or_format_is_not_loaded(tmp_path: Path) -> None:
    store = IndexStore.claim(_settings(tmp_path))
    assert store is not None
    store.save({}, {}, Saved("unit.entries", {0: 1}, {0: Mark((0, "a"), (0, "a"))}))
    store.topic = "another.entries"
    assert store.load() is None
    store.close()


def test_the_index_looks_entries_up_lazily_and_rolls_back_over_the_store(tmp_path: Path) -> None:
    store = IndexStore.claim(_settings(tmp_path))
    assert store is not None
    store.save({("b", "old"): EntryState("d-old")}, {}, Saved("unit.entries"))
    index = LogIndex(lookup=store)
    assert index.entries == {}
    assert index.entry("b", "old") == EntryState("d-old")
    index.begin()
    index.note(_event("old"), "d-new", "h1", "2026-01-01T00:00:00.000000Z")
    index.note(_event("fresh"), "d-fresh", "h2", "2026-01-01T00:00:00.000001Z")
    index.rollback()
    assert index.entry("b", "old") == EntryState("d-old") and index.entry("b", "fresh") is None
    assert index.heads == {} and index.events == 0
    entries, heads = index.take_changes()
    assert ("b", "fresh") not in entries and heads == {}
    index.note(_event("fresh"), "d-fresh", "h2", "2026-01-01T00:00:00.000001Z")
    entries, heads = index.take_changes()
    assert entries == {("b", "fresh"): EntryState("d-fresh")} and heads["b"].events == 1
    assert index.entries == {}, "the overlay is emptied once its changes are taken"
    store.close()


def test_each_publisher_of_a_data_dir_takes_a_slot_until_none_is_left(tmp_path: Path) -> None:
    held = [IndexStore.claim(_settings(tmp_path)) for _ in range(SLOTS)]
    assert all(s is not None for s in held)
    assert len({s.path for s in held if s is not None}) == SLOTS
    assert IndexStore.claim(_settings(tmp_path)) is None
    first = held[0]
    assert first is not None
    first.close()
    again = IndexStore.claim(_settings(tmp_path))
    assert again is not None and again.path == first.path
    for s in [again, *held[1:]]:
        assert s is not None
        s.close()
