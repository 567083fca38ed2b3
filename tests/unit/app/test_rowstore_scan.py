"""View tables read a key's rows by a prefix scan: the same states as the member index, nothing per row kept."""

from __future__ import annotations

from pathlib import Path

from liveledger.settings import Settings
from streams.app.factory import LiveLedgerApp, build_app
from streams.app.rowstore import RowTable, prefix_items
from streams.views.routing import ITEM_FIELDS
from streams.views.rows import item_codec, pack, row_key


def record(stamp: str, offset: int, best: int) -> dict[str, object]:
    item = dict.fromkeys(ITEM_FIELDS)
    item.update({"best": best, "metric": "killed", "entry_id": f"e{offset}", "blog_id": "b"})
    return {"stamp": [stamp, 0, offset], "items": [item]}


async def test_prefix_scan_gives_the_states_the_member_index_gives(ll: LiveLedgerApp) -> None:
    scan = ll.views["casualties"]
    assert scan.prefix_scan, "the view tables read by prefix scan"
    index = RowTable(scan.table, lambda: 0, item_codec(ITEM_FIELDS))
    data = scan.table.data
    rows = {
        ("UA-63/2024-11-20", "b/e1"): record("t1", 1, 3),
        ("UA-63/2024-11-20", "b/e2"): record("t2", 2, 5),
        ("UA-63/2024-11-2", "b/e3"): record("t3", 3, 7),  # a key that is a prefix of another, less the separator
        ("UA-59/2024-11-20", "b/e4"): record("t4", 4, 9),
    }
    for (state, entry), rec in rows.items():
        data[row_key(state, entry)] = pack(rec, ITEM_FIELDS, entry)
    for state in {s for s, _ in rows}:
        want = {"entries": {e: rec for (s, e), rec in rows.items() if s == state}}
        assert scan.get(state) == want == index.get(state), state
    assert scan.get("UA-63/2024-11-21") is None and scan.get("UA-63/2024-11-21", {}) == {}
    assert scan.keys() == index.keys() == sorted({s.encode() for s, _ in rows})
    assert len(scan) == len(index) == 3
    assert list(scan.items()) == list(index.items())
    assert scan._members is None, "no per-row index is built"
    assert [k for k, _ in prefix_items(scan.table, b"UA-63/2024-11-2\x1f")] == [b"UA-63/2024-11-2\x1fb/e3"]


async def test_a_row_written_behind_its_back_is_read_at_once_and_its_new_key_counted_after_a_new_generation(
    tmp_path: Path,
) -> None:
    settings = Settings(store="memory://", data_dir=tmp_path, app_id="scan-test-2")
    ll = build_app(settings, extractor=lambda title, body: [], extractor_version="none")
    generation = [0]
    rows = RowTable(ll.views["strikes"].table, lambda: generation[0], item_codec(ITEM_FIELDS), prefix_scan=True)
    data = rows.table.data  # as recovery fills it: no put_row
    data[row_key("UA-63/2024-11-20", "b/e1")] = pack(record("t1", 1, 1), ITEM_FIELDS, "b/e1")
    assert rows.keys() == [b"UA-63/2024-11-20"] and len(rows) == 1
    data[row_key("UA-63/2024-11-20", "b/e2")] = pack(record("t2", 2, 2), ITEM_FIELDS, "b/e2")
    data[row_key("UA-59/2024-11-20", "b/e3")] = pack(record("t3", 3, 3), ITEM_FIELDS, "b/e3")
    assert sorted(rows["UA-63/2024-11-20"]["entries"]) == ["b/e1", "b/e2"], "a scan reads what the table holds"
    assert rows.keys() == [b"UA-59/2024-11-20", b"UA-63/2024-11-20"], "the key list reads the table"
    assert len(rows) == 1, "the count is kept between generations"
    generation[0] += 1
    assert len(rows) == 2
