"""``audit verify-log``: walk each blog's hash chain and report every break.

Each event stores ``prev_hash`` (the hash of the blog's previous event) and
``hash`` (sha256 over prev_hash and the event's canonical bytes). A changed
byte breaks ``hash``; a deleted event leaves its successor pointing at an
unknown hash; a moved or replayed event points at the wrong predecessor.
The chain is unkeyed: a forger who rewrites a whole tail keeps it valid. Signed
checkpoints (``schemas.checkpoint``) and anchors saved outside Kafka catch that
(``replay.anchors``).

The per-record rules live in :mod:`streams.core.chain_watch`, which the worker also runs as it consumes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from replay.source import LogRecord
from streams.core.chain_watch import ChainState


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
    """Check every record in log order (partition, offset), with the rules of :class:`ChainState`."""
    report = ChainReport()
    state = ChainState()
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
        for kind, detail in state.check(rec.position.partition, rec.position.offset, rec.key, doc, rec.envelope):
            problem(rec, blog, kind, detail)
        info = report.blogs.setdefault(blog, {"events": 0, "partition": rec.position.partition})
        info["events"] += 1
        info["head"] = rec.envelope.hash
    return report
