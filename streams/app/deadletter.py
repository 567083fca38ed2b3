"""Dead letters: an event that cannot be processed goes to the dead-letter topic unchanged.

The record keeps the original key and value bytes exactly (so anything that fit on the source
topic fits here), and says what went wrong in headers:

- ``liveledger.stage``: decode, extract, plan or contribution;
- ``liveledger.error_type`` and ``liveledger.error``: the exception;
- ``liveledger.source``: ``topic:partition:offset`` of the original;
- ``liveledger.dead_lettered_at``: when.
"""

from __future__ import annotations

from datetime import UTC, datetime

HEADER_PREFIX = "liveledger."


def dead_letter_headers(
    *, stage: str, error: BaseException, topic: str, partition: int, offset: int
) -> list[tuple[str, bytes]]:
    """The headers of a dead letter for the record at ``topic:partition:offset``."""
    when = datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")
    return [
        (f"{HEADER_PREFIX}stage", stage.encode()),
        (f"{HEADER_PREFIX}error_type", type(error).__name__.encode()),
        (f"{HEADER_PREFIX}error", str(error)[:4000].encode("utf-8", "replace")),
        (f"{HEADER_PREFIX}source", f"{topic}:{partition}:{offset}".encode()),
        (f"{HEADER_PREFIX}dead_lettered_at", when.encode()),
    ]


def read_headers(headers: object) -> dict[str, str]:
    """The liveledger headers of a dead letter as text, without the prefix."""
    out: dict[str, str] = {}
    for name, value in headers or ():  # type: ignore[attr-defined]
        if isinstance(name, str) and name.startswith(HEADER_PREFIX):
            out[name[len(HEADER_PREFIX) :]] = bytes(value).decode("utf-8", "replace")
    return out
