from __future__ import annotations

import orjson
import pytest
from aiokafka.partitioner import DefaultPartitioner

from streams.app.facts_format import FactsRecordError, batch, partition_of, read_record, unbatch
from streams.core.records import EntryFacts, Position
from streams.core.step import Planned
from streams.views.contrib import Contribution

DIGEST = "ab" * 32


def entry(offset: int, digest: str | None = DIGEST) -> EntryFacts:
    return EntryFacts(
        "b", f"e{offset}", f"ev{offset}", "entry.published", "2024-11-20T10:00:00.000000Z", None,
        Position("entries", 0, offset), (), "text", "v1", digest=digest,
    )  # fmt: skip


def planned(offset: int, keys: list[str], digest: str | None = DIGEST) -> Planned:
    ef = entry(offset, digest)
    cs = tuple(
        Contribution("casualties", k, ef.entry_key, ef.stamp, ({"n": i, "pad": "x" * 200},)) for i, k in enumerate(keys)
    )
    return Planned(ef, cs)


def test_partition_of_matches_the_kafka_client_partitioner() -> None:
    default = DefaultPartitioner()
    for i in range(500):
        key = f"UA-{i % 27}/2024-11-{1 + i % 28:02d}".encode()
        assert partition_of(key, 3) == default(key, [0, 1, 2], [0, 1, 2])


def test_batches_group_keys_by_the_partition_they_hash_to_and_name_their_events() -> None:
    ps = [planned(o, [f"area-{o}-{i}/2024-11-20" for i in range(8)]) for o in range(5)]
    records = batch(ps, 3, extractor_version="v1", batch_id="b1")
    assert [p for p, _, _ in records] == sorted({p for p, _, _ in records})
    seen: list[Contribution] = []
    for p, key, value in records:
        rec = read_record(value)
        assert rec.batch_id == "b1" and rec.extractor_version == "v1" and rec.checkable
        assert all(partition_of(c.key.encode(), 3) == p for c in rec.contributions)
        assert partition_of(key, 3) == p
        named = {(m.partition, m.offset): m for m in rec.events}
        assert {(c.stamp[1], c.stamp[2]) for c in rec.contributions} == set(named)
        assert all(m.digest == DIGEST and m.total == 8 for m in rec.events)
        seen += rec.contributions
    assert sorted(seen, key=lambda c: c.key) == sorted((c for p in ps for c in p.contributions), key=lambda c: c.key)


def test_a_split_batch_stays_under_the_limit_and_each_record_names_only_its_events() -> None:
    ps = [planned(o, [f"k{o}-{i}" for i in range(30)]) for o in range(20)]
    records = batch(ps, 1, 4096, extractor_version="v1")
    assert len(records) > 10
    per_event: dict[int, int] = {}
    for _, _, value in records:
        assert len(value) <= 4096
        rec = read_record(value)
        assert {m.offset for m in rec.events} == {c.stamp[2] for c in rec.contributions}
        for c in rec.contributions:
            per_event[c.stamp[2]] = per_event.get(c.stamp[2], 0) + 1
    assert per_event == dict.fromkeys(range(20), 30)
    assert len({read_record(v).batch_id for _, _, v in records}) == 1


def test_an_event_without_a_digest_is_refused() -> None:
    with pytest.raises(FactsRecordError, match="no digest"):
        batch([planned(1, ["k"], digest=None)], 3, extractor_version="v1")


def format_2(planned: list[Planned], version: str = "v1", batch_id: str = "b2") -> bytes:
    """One record of format 2, as the worker of before format 3 wrote it (every contribution whole)."""
    events = [[p.entry.position.partition, p.entry.position.offset, DIGEST, len(p.contributions)] for p in planned]
    contributions = [c.to_json() for p in planned for c in p.contributions]
    return orjson.dumps(
        {"format": 2, "batch": batch_id, "extractor": version, "events": events, "contributions": contributions}
    )


def test_format_2_records_are_still_read_as_the_same_contributions() -> None:
    ps = [planned(o, [f"k{o}-{i}" for i in range(3)]) for o in range(4)]
    rec = read_record(format_2(ps))
    assert rec.checkable and rec.batch_id == "b2" and rec.extractor_version == "v1"
    assert rec.contributions == tuple(c for p in ps for c in p.contributions)
    assert [(m.partition, m.offset, m.digest, m.total) for m in rec.events] == [(0, o, DIGEST, 3) for o in range(4)]
    new = [read_record(v) for _, _, v in batch(ps, 1, extractor_version="v1")]
    assert [c for r in new for c in r.contributions] == list(rec.contributions)


def test_format_1_records_are_read_without_a_digest_and_junk_is_refused() -> None:
    c = planned(1, ["UA-63/2024-11-20"]).contributions[0]
    assert unbatch(orjson.dumps(c.to_json())) == [c]
    old = read_record(orjson.dumps([c.to_json()]))
    assert old.contributions == (c,) and not old.checkable and old.events == ()
    good2 = orjson.loads(format_2([planned(1, ["k"])]))
    good = orjson.loads(batch([planned(1, ["k"])], 1, extractor_version="v1")[0][2])
    [mark] = good["events"]
    [contribution] = good["contributions"]
    for junk in (
        b"[]", b"[1, 2]", b'"text"', b"{}", b"not json",
        orjson.dumps(dict(good, format=4)),
        orjson.dumps(dict(good, events=[])),
        orjson.dumps(dict(good, events=[[0, "x", *mark[2:]]])),
        orjson.dumps(dict(good, events=[mark[:4]])),  # a mark of format 2 in a record of format 3
        orjson.dumps(dict(good, batch=None)),
        orjson.dumps(dict(good, topic=None)),
        orjson.dumps(dict(good, contributions=[[1, *contribution[1:]]])),  # names no event of the record
        orjson.dumps(dict(good, contributions=[[0, "casualties", "k", [[1, 2, 3]]]])),  # a packed item too short
        orjson.dumps(dict(good, contributions=[[0, "casualties", "k", "items"]])),
        orjson.dumps(dict(good, contributions=[contribution[:3]])),
        orjson.dumps(dict(good2, format=3)),
        orjson.dumps(dict(good2, events=[])),
        orjson.dumps(dict(good2, events=[[0, "x", DIGEST, 1]])),
        orjson.dumps(dict(good2, batch=None)),
        orjson.dumps(dict(good2, events=[[0, 9, DIGEST, 1]])),  # its contribution's event is not named
    ):  # fmt: skip
        with pytest.raises(FactsRecordError):
            read_record(junk)
