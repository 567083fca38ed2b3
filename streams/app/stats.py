"""Counters a worker keeps about itself, for /metrics and health."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

#: the latency summary is sorted again at most this often: health is polled several times a second,
#: and sorting the 20,000 samples on every call cost more per entry than the entry's own bookkeeping
SUMMARY_EVERY_S = 1.0


@dataclass
class WorkerStats:
    entries_processed: int = 0
    contributions_emitted: int = 0
    contributions_applied: int = 0
    dead_letters: int = 0
    dead_letters_by_stage: dict[str, int] = field(default_factory=dict)
    last_published_at: str | None = None
    #: publish-to-visible latency (ms) of the most recent entries, one sample per entry event
    visible_ms: deque[float] = field(default_factory=lambda: deque(maxlen=20000))
    clock: Callable[[], float] = time.monotonic
    _summary: dict[str, float | int | None] | None = field(default=None, repr=False)
    _summary_at: float = field(default=0.0, repr=False)
    _samples_seen: int = field(default=0, repr=False)
    _samples_total: int = field(default=0, repr=False)

    def entry_visible(self, published_at: str) -> None:
        """Record how long an entry took from acceptance to being in a view table."""
        accepted = datetime.fromisoformat(published_at.replace("Z", "+00:00"))
        self.visible_ms.append((datetime.now(UTC) - accepted).total_seconds() * 1000)
        self._samples_total += 1

    def latency_summary(self) -> dict[str, float | int | None]:
        """p50, p99 and max of the recent samples: at most :data:`SUMMARY_EVERY_S` old (the first samples
        at once), and sorted again only when samples came since."""
        now = self.clock()
        kept = self._summary
        no_news = self._samples_seen == self._samples_total
        recent = kept is not None and bool(kept["count"]) and now - self._summary_at < SUMMARY_EVERY_S
        if kept is None or not (no_news or recent):
            kept = self._summary = self._summarise()
            self._summary_at, self._samples_seen = now, self._samples_total
        return dict(kept)

    def _summarise(self) -> dict[str, float | int | None]:
        samples = sorted(self.visible_ms)
        if not samples:
            return {"count": 0, "p50": None, "p99": None, "max": None}

        def pct(q: float) -> float:
            return round(samples[min(len(samples) - 1, int(q * len(samples)))], 2)

        return {"count": len(samples), "p50": pct(0.50), "p99": pct(0.99), "max": round(samples[-1], 2)}

    def dead_lettered(self, stage: str) -> None:
        self.dead_letters += 1
        self.dead_letters_by_stage[stage] = self.dead_letters_by_stage.get(stage, 0) + 1
