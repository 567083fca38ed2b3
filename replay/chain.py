"""``audit verify-log``: walk each blog's hash chain and report every break.

Each event stores ``prev_hash`` (the hash of the blog's previous event) and
``hash`` (sha256 over prev_hash and the event's canonical bytes). A changed
byte breaks ``hash``; a deleted event leaves its successor pointing at an
unknown hash; a moved or replayed event points at the wrong predecessor.
The chain is unkeyed: a forger who rewrites a whole tail keeps it valid. Signed
checkpoints (``schemas.checkpoint``) and anchors saved outside Kafka catch that
(``replay.anchors``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from replay.source import LogRecord
from schemas.codec import link_ok
from schemas.envelope import GENESIS_HASH


@dataclass
class ChainReport:
    records: int = 0
    blogs: dict[str, dict[str, Any]] = field(default_factory=dict)
    problems: list[dict[str, Any]] = field(default_factory=list)
    checkpoints: int = 0  # signed checkpoints checked against the log
    anchors: int = 0  # heads from an anchor file checked against the log

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "records": self.records,
            "blogs": self.blogs,
            "problems": self.problems,
            "checkpoints": self.checkpoints,
            "anchors": self.anchors,
        }


def verify_chain(records: Iterable[LogRecord]) -> ChainReport:
    """Check every record in log order (partition, offset)."""
    report = ChainReport()
    heads: dict[str, str] = {}
    seen: dict[str, dict[str, int]] = {}
    last_time: dict[str, str] = {}
    ordered = sorted(records, key=lambda r: (r.position.partition, r.position.offset))

    def problem(rec: LogRecord, blog: str | None, kind: str, detail: str) -> None:
        report.problems.append(
            {
                "partition": rec.position.partition,
                "offset": rec.position.offset,
                "blog_id": blog,
                "kind": kind,
                "detail": detail,
            }
        )

    for rec in ordered:
        report.records += 1
        doc = rec.doc
        if doc is None or rec.envelope is None:
            problem(rec, None, "unreadable", rec.error or "not an envelope")
            continue
        blog = rec.envelope.blog_id
        if rec.key is not None and rec.key != blog.encode():
            problem(rec, blog, "wrong key", f"record key {rec.key!r} is not its blog id")
        if not link_ok(doc):
            problem(rec, blog, "altered", "stored hash does not match the event's content")
        expected = heads.get(blog, GENESIS_HASH)
        prev = rec.envelope.prev_hash
        known = seen.setdefault(blog, {})
        if rec.envelope.hash in known:
            problem(rec, blog, "duplicate", f"same hash as the event at offset {known[rec.envelope.hash]}")
        elif prev != expected:
            if prev in known:
                problem(
                    rec,
                    blog,
                    "reordered or forked",
                    f"links to the event at offset {known[prev]}, not to the blog's previous event",
                )
            elif prev == GENESIS_HASH:
                problem(rec, blog, "reordered or forked", "claims to be the blog's first event but is not")
            else:
                problem(rec, blog, "missing event", "links to an event that is not in the log")
        if blog in last_time and rec.envelope.published_at < last_time[blog]:
            problem(
                rec,
                blog,
                "out of time order",
                f"published_at {rec.envelope.published_at} is before the previous event's {last_time[blog]}",
            )
        last_time[blog] = rec.envelope.published_at
        known[rec.envelope.hash] = rec.position.offset
        heads[blog] = rec.envelope.hash
        info = report.blogs.setdefault(blog, {"events": 0, "partition": rec.position.partition})
        info["events"] += 1
        info["head"] = rec.envelope.hash
    return report
