"""The fast check for repeated keys finds exactly what the standard parser's pairs find.

``loads_strict`` counts colons instead of parsing twice; these tests hold it to the exact answer
(the standard parser's object pairs) on texts made to fool a count: colons inside strings and keys,
colons written as ``\\u003a``, repeats nested in arrays and in the values of other repeats.
"""

from __future__ import annotations

import json
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from liveledger.publish.jsonlines import DuplicateKey, TooDeep, loads_strict
from liveledger.publish.requests import InputError, parse_line

_KEYS = st.sampled_from(["a", "b", "a:b", ":", "body", "é", "x:y:z"])
_TEXT = st.text(alphabet=st.sampled_from(list('ab: é"\\/')), max_size=6)


def _string(s: str, escape: int) -> str:
    """A JSON string literal of ``s``; ``escape`` picks how its colons and non-ASCII are written."""
    lit = json.dumps(s, ensure_ascii=escape % 2 == 0)
    if escape >= 2:
        lit = lit.replace(":", "\\u003a" if escape == 2 else "\\u003A")
    return lit


_SCALAR = st.one_of(
    st.tuples(_TEXT, st.integers(0, 3)).map(lambda t: _string(*t)),
    st.integers(-5, 5).map(str),
    st.sampled_from(["true", "false", "null", "1.5"]),
)


def _containers(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    members = st.lists(st.tuples(_KEYS, st.integers(0, 3), children), max_size=4)
    objects = members.map(lambda ms: "{" + ",".join(f"{_string(k, e)}: {v}" for k, e, v in ms) + "}")
    arrays = st.lists(children, max_size=4).map(lambda vs: "[" + ", ".join(vs) + "]")
    return objects | arrays


_DOC = st.recursive(_SCALAR, _containers, max_leaves=12)


def _repeats(text: str) -> bool:
    """The exact answer: does any object of ``text`` name a key twice (the standard parser's pairs)?"""
    found = False

    def pairs(ps: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal found
        found = found or len({k for k, _ in ps}) != len(ps)
        return dict(ps)

    json.loads(text, object_pairs_hook=pairs)
    return found


@settings(max_examples=600, deadline=None)
@given(_DOC, st.booleans())
def test_a_repeated_key_is_found_exactly_when_the_standard_parser_finds_one(text: str, as_bytes: bool) -> None:
    raw: bytes | str = text.encode() if as_bytes else text
    if _repeats(text):
        with pytest.raises(DuplicateKey):
            loads_strict(raw)
    else:
        assert loads_strict(raw) == orjson.loads(raw)


@pytest.mark.parametrize(
    "text",
    [
        '{"a": 1, "a": 2, "b": "\\u003a"}',  # an escaped colon would make the counts agree
        '{"a": {"k:": "x:y"}, "a": 3}',  # the repeat's first value held colons of its own
        '[{"t": "12:00"}, {"u": 1, "u": 1}]',  # the same value twice is still a repeat
    ],
)
def test_repeats_that_a_bare_count_would_miss(text: str) -> None:
    with pytest.raises(DuplicateKey):
        loads_strict(text.encode())


def test_deep_nesting_is_an_input_error_not_a_crash() -> None:
    """orjson takes about 1,000 levels; the standard parser's recursion limit stopped the old check
    there with a RecursionError that no caller catches (a crashed CLI run, a 500 from the API)."""
    depth = 1000
    raw = b'{"a":' * depth + b'"\\u003a"' + b"}" * depth
    with pytest.raises(TooDeep):
        loads_strict(raw)
    with pytest.raises(InputError, match="line 7: arrays and objects nest too deeply"):
        parse_line(raw, 7, 100_000)
