from __future__ import annotations

import orjson
import pytest
from aiokafka.partitioner import DefaultPartitioner

from streams.app.facts_format import batch, partition_of, unbatch
from streams.views.contrib import Contribution


def contribution(key: str, n: int = 1) -> Contribution:
    return Contribution("casualties", key, "b/e1", ("2024-11-20T10:00:00.000000Z", 0, 1), ({"n": n},))


def test_partition_of_matches_the_kafka_client_partitioner() -> None:
    default = DefaultPartitioner()
    for i in range(500):
        key = f"UA-{i % 27}/2024-11-{1 + i % 28:02d}".encode()
        assert partition_of(key, 3) == default(key, [0, 1, 2], [0, 1, 2])


def test_batches_group_keys_by_the_partition_they_hash_to() -> None:
    cs = [contribution(f"area-{i}/2024-11-20", i) for i in range(40)]
    records = batch(cs, 3)
    assert [p for p, _, _ in records] == sorted({p for p, _, _ in records})
    seen = []
    for p, key, value in records:
        inside = unbatch(value)
        assert all(partition_of(c.key.encode(), 3) == p for c in inside)
        assert partition_of(key, 3) == p
        seen += inside
    assert sorted(seen, key=lambda c: c.key) == sorted(cs, key=lambda c: c.key)


def test_a_single_contribution_object_is_a_batch_of_one_and_junk_is_refused() -> None:
    c = contribution("UA-63/2024-11-20")
    assert unbatch(orjson.dumps(c.to_json())) == [c]
    for junk in (b"[]", b"[1, 2]", b'"text"', b"{}"):
        with pytest.raises((ValueError, KeyError, TypeError)):
            unbatch(junk)
