"""JSON lines, today's publish format: one request object per line, passed on as it is.

Only JSON is checked here (a line that is not a JSON object is skipped by line number); the
publisher validates the fields, exactly as ``liveledger publish`` does.
"""

from __future__ import annotations

import orjson

from streams.ingest.model import ParsedSource, Record, Skipped


def parse_json_lines(data: bytes | str, blog_id: str | None = None) -> ParsedSource:
    """Each non-blank line as a request; ``blog_id``, when given, fills in lines that have none."""
    raw = data.encode() if isinstance(data, str) else data
    out = ParsedSource("jsonl", blog_id, None)
    for n, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            doc = orjson.loads(line)
        except orjson.JSONDecodeError as e:
            out.skipped.append(Skipped(f"line {n}", f"not valid JSON ({e})"))
            continue
        if not isinstance(doc, dict):
            out.skipped.append(Skipped(f"line {n}", f"expected a JSON object, got {type(doc).__name__}"))
            continue
        if blog_id is not None:
            doc.setdefault("blog_id", blog_id)
        out.records.append(Record(f"line {n}", doc))
    return out
