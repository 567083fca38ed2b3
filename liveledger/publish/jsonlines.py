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


class DuplicateKey(ValueError):
    """An object in the input names the same key twice."""

    def __init__(self, key: str) -> None:
        super().__init__(f"the key {key!r} appears twice in one object; give each key once")
        self.key = key


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
    """Decode one JSON document; ``orjson.JSONDecodeError`` if it is not JSON, DuplicateKey on a repeated key.

    orjson decides what is valid JSON (it refuses NaN and lone surrogates); the standard parser then
    checks that no object repeats a key, which orjson cannot report.
    """
    value = orjson.loads(raw)
    if isinstance(value, dict | list) and (b'"' in raw if isinstance(raw, bytes) else '"' in raw):
        json.loads(raw, object_pairs_hook=_unique_pairs)
    return value
