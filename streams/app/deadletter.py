"""Dead letters: an event that cannot be processed goes here, with its error and original bytes."""

from __future__ import annotations

import base64
import traceback
from datetime import UTC, datetime
from typing import Any

import orjson


def dead_letter_record(
    *,
    stage: str,
    error: BaseException,
    topic: str,
    partition: int,
    offset: int,
    key: bytes | None,
    value: bytes | None,
) -> bytes:
    """The JSON body of a dead letter: where it came from, why it failed, and the raw bytes."""
    doc: dict[str, Any] = {
        "stage": stage,
        "error_type": type(error).__name__,
        "error": str(error)[:2000],
        "trace": "".join(traceback.format_exception_only(type(error), error))[-2000:],
        "source": {"topic": topic, "partition": partition, "offset": offset},
        "key_b64": base64.b64encode(key).decode() if key is not None else None,
        "value_b64": base64.b64encode(value).decode() if value is not None else None,
        "dead_lettered_at": datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z"),
    }
    return orjson.dumps(doc)
