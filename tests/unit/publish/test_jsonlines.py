"""JSON-lines input: line numbers as an editor shows them, BOM accepted, repeated keys refused."""

from __future__ import annotations

import orjson
import pytest

from liveledger.publish.batch import read_requests
from liveledger.publish.jsonlines import DuplicateKey, loads_strict, split_lines


def _entry(n: int) -> bytes:
    return orjson.dumps({"entry_id": f"e{n}", "blog_id": "b", "body": f"text {n}"})


def test_a_bare_cr_inside_a_line_does_not_shift_line_numbers() -> None:
    # JSON allows a CR as whitespace between tokens; splitting on it would cut line 2 in two
    data = _entry(1) + b"\n" + b'{"entry_id": "e2",\r "blog_id": "b", "body": "x"}\n' + b"{broken\n" + _entry(4)
    good, rejected = read_requests(split_lines(data), 100_000)
    assert [n for n, _ in good] == [1, 2, 4]
    assert [r["line"] for r in rejected] == [3]
    assert good[1][1].entry_id == "e2"


def test_crlf_files_and_a_bom_read_as_plain_lines() -> None:
    data = b"\xef\xbb\xbf" + _entry(1) + b"\r\n" + _entry(2) + b"\r\n"
    assert split_lines(data) == [_entry(1), _entry(2)]
    good, rejected = read_requests(split_lines(data), 100_000)
    assert rejected == [] and [n for n, _ in good] == [1, 2]


def test_a_final_newline_is_not_an_extra_line_and_blank_lines_keep_their_numbers() -> None:
    assert split_lines(b"a\n\nb\n") == [b"a", b"", b"b"]
    assert split_lines(b"") == []


def test_a_repeated_key_is_refused_with_its_line_and_name() -> None:
    data = _entry(1) + b"\n" + b'{"entry_id": "e2", "blog_id": "b", "body": "one", "body": "two"}'
    good, rejected = read_requests(split_lines(data), 100_000)
    assert [n for n, _ in good] == [1]
    assert rejected == [{"line": 2, "error": "the key 'body' appears twice in one object; give each key once"}]


def test_nested_repeats_are_found_and_valid_json_is_unchanged() -> None:
    with pytest.raises(DuplicateKey, match="'metric'"):
        loads_strict(b'{"figures": [{"metric": "killed", "metric": "injured"}]}')
    assert loads_strict(b'{"a": {"b": [1, {"c": "\\"x\\""}]}}') == {"a": {"b": [1, {"c": '"x"'}]}}
    with pytest.raises(orjson.JSONDecodeError):
        loads_strict(b'{"a": NaN}')
