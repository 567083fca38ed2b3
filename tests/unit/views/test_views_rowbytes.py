"""View rows framed as bytes (streams.views.rowbytes): exact round trips, every format read, errors named."""

from __future__ import annotations

import hashlib
import zlib

import orjson
import pytest

from schemas.facts import Fact
from streams.core.timeline import TIMELINE_CODEC, timeline_contribution
from streams.views import rowbytes
from streams.views.limits import ViewError
from streams.views.routing import ITEM_FIELDS, route
from streams.views.rowbytes import DICTIONARY_V1, RowFormatError, decode, encode
from streams.views.rows import apply_row, framed, item_codec
from tests.unit.views.views_builders import event

FACTS = [
    Fact(metric="killed", best=3, claimant="governor", span=(0, 7), region_code="UA-63", country="UA"),
    Fact(metric="strikes", best=1, weapon="drone", span=(9, 20), region_code="UA-63", country="UA", actor="Russia"),
    Fact(metric="drones_downed", low=40, qualifier="more_than", claimant="air force", subject="drones"),
]


def test_the_format_1_dictionary_never_changes() -> None:
    # rows stored with format 1 inflate only with these exact bytes: a new dictionary is a new format byte
    assert hashlib.sha256(DICTIONARY_V1).hexdigest()[:16] == "d92771d7553a1263"
    assert len(DICTIONARY_V1) < 32 * 1024, "deflate refers back 32 kB at most"


def test_every_row_of_every_view_round_trips_exactly_and_is_smaller() -> None:
    ef = event("e1", FACTS, published_at="2024-11-20T10:00:00Z", offset=5, occurred_at="2024-11-20T08:00:00Z")
    pairs = [(framed(item_codec(ITEM_FIELDS)), c) for c in route(ef)]
    pairs.append((framed(TIMELINE_CODEC), timeline_contribution(ef)))
    assert len(pairs) >= 5
    for codec, c in pairs:
        record = apply_row(None, c)
        assert record is not None
        packed = codec.pack(record, c.entry_key)
        value = codec.dump(packed)
        assert isinstance(value, bytes) and value[:1] == b"\x01"
        assert codec.load(value) == packed and codec.unpack(codec.load(value), c.entry_key) == record
        assert len(value) < 0.75 * len(orjson.dumps(packed)), (c.view, len(value), len(orjson.dumps(packed)))


def test_rows_stored_before_framing_are_read_as_they_are() -> None:
    # format 0: a table whose values faust serialized as JSON (a changelog, or a RocksDB store, of before)
    ef = event("e1", FACTS, published_at="2024-11-20T10:00:00Z", offset=5)
    codec = framed(item_codec(ITEM_FIELDS))
    for c in route(ef):
        record = apply_row(None, c)
        assert record is not None
        packed = item_codec(ITEM_FIELDS).pack(record, c.entry_key)
        old = orjson.dumps(packed)  # what the worker of before wrote
        assert old[:1] == b"{"
        assert codec.unpack(codec.load(old), c.entry_key) == record
        assert codec.unpack(codec.load(packed), c.entry_key) == record, "a value already decoded is taken as it is"
        assert codec.load(codec.dump(packed)) == codec.load(old)


def test_a_long_timeline_row_with_any_text_round_trips() -> None:
    text = "".join(chr(c) for c in range(32, 0x2FF)) * 6 + ' "quoted" \\ \n\t end'
    ef = event("e1", FACTS, published_at="2024-11-20T10:00:00Z", offset=5, text=text)
    c = timeline_contribution(ef)
    record = apply_row(None, c)
    assert record is not None
    codec = framed(TIMELINE_CODEC)
    assert codec.unpack(codec.load(codec.dump(codec.pack(record, c.entry_key))), c.entry_key) == record


def test_bytes_of_no_known_format_are_an_error_naming_what_to_do() -> None:
    good = encode({"stamp": ["t", 0, 1], "items": []})
    with pytest.raises(RowFormatError, match=r"first byte b'\\x02'.*rebuild it"):
        decode(b"\x02" + good[1:])
    with pytest.raises(RowFormatError, match="does not inflate"):
        decode(b"\x01\xff\xff\xff\xff")
    with pytest.raises(RowFormatError, match="cut short"):
        decode(good[:-3])
    with pytest.raises(RowFormatError, match="not an object"):
        decode(b"\x01" + zlib.compress(b"[1]")[2:-4])
    with pytest.raises(RowFormatError):
        decode(b"")
    assert issubclass(RowFormatError, ViewError) and issubclass(RowFormatError, ValueError)


def test_a_deflated_row_is_inflated_with_any_window_a_writer_may_use() -> None:
    row = {"stamp": ["2024-11-20T10:00:00Z", 0, 1], "items": [{"best": 3, "metric": "killed"}]}
    for wbits in (-9, -12, -15):
        deflate = zlib.compressobj(9, zlib.DEFLATED, wbits, 9, zlib.Z_DEFAULT_STRATEGY, rowbytes.DICTIONARY_V1)
        value = b"\x01" + deflate.compress(orjson.dumps(row)) + deflate.flush()
        assert decode(value) == row
