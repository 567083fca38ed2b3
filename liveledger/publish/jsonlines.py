"""Reading JSON-lines input exactly: line numbers that match an editor's, and no silent key loss.

* Lines end at ``\\n`` only. A ``\\r`` before it (CRLF files) is dropped; a bare ``\\r`` inside a
  line is data, so line numbers never shift.
* A UTF-8 byte-order mark before the first line is ignored.
* An object that names a key twice is refused: JSON parsers keep the last value silently, which
  would publish something other than what the author wrote.
"""

from __future__ import annotations

import json
from typing import Any

import orjson

BOM = b"\xef\xbb\xbf"


class StrictJSONError(ValueError):
    """JSON that parses, but is refused: a repeated key, or nesting too deep to check."""


class DuplicateKey(StrictJSONError):
    """An object in the input names the same key twice."""

    def __init__(self, key: str) -> None:
        super().__init__(f"the key {key!r} appears twice in one object; give each key once")
        self.key = key


class TooDeep(StrictJSONError):
    """The input nests arrays and objects deeper than the check for repeated keys can follow."""

    def __init__(self) -> None:
        super().__init__("arrays and objects nest too deeply (about a thousand levels); flatten the input")


def split_lines(data: bytes) -> list[bytes]:
    """Split input into lines on ``\\n`` only; strip a leading BOM and each line's final ``\\r``."""
    if data.startswith(BOM):
        data = data[len(BOM) :]
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()  # the newline that ends the last line does not start another one
    return [line[:-1] if line.endswith(b"\r") else line for line in lines]


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise DuplicateKey(key)
            seen.add(key)
    return obj


def loads_strict(raw: bytes | str) -> Any:
    """Decode one JSON document; ``orjson.JSONDecodeError`` if it is not JSON, DuplicateKey on a repeated key,
    TooDeep when it nests deeper than the standard parser's recursion limit and needs its check.

    orjson decides what is valid JSON (it refuses NaN and lone surrogates) but keeps the last value
    of a repeated key silently. Every ``:`` in a JSON text is either a member's (one per member) or
    inside a string. orjson writes the decoded value back with the same members and strings, its
    colons unescaped; so when the input writes no colon as ``\\u003a``, it holds as many colons as
    that rewrite exactly when no key repeats (a repeat leaves a member, and all its value held, out
    of the value). Only when the counts differ, or an escape may hide a colon, does the standard
    parser look for the repeated key, which names it (some 40x the cost of orjson).
    """
    value = orjson.loads(raw)
    if type(value) is dict or type(value) is list:
        try:
            written = orjson.dumps(value).count(b":")
        except orjson.JSONEncodeError:  # nested deeper than orjson writes (254 levels)
            written = -1
        if isinstance(raw, bytes):
            exact = raw.count(b":") == written and b"\\u003" not in raw
        else:
            exact = raw.count(":") == written and "\\u003" not in raw
        if not exact:
            try:
                json.loads(raw, object_pairs_hook=_unique_pairs)
            except RecursionError:
                raise TooDeep() from None
    return value
