"""Counters a worker keeps about itself, for /metrics and health."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, datetime


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

    def entry_visible(self, published_at: str) -> None:
        """Record how long an entry took from acceptance to being in a view table."""
        accepted = datetime.fromisoformat(published_at.replace("Z", "+00:00"))
        self.visible_ms.append((datetime.now(UTC) - accepted).total_seconds() * 1000)

    def latency_summary(self) -> dict[str, float | int | None]:
        samples = sorted(self.visible_ms)
        if not samples:
            return {"count": 0, "p50": None, "p99": None, "max": None}

        def pct(q: float) -> float:
            return round(samples[min(len(samples) - 1, int(q * len(samples)))], 2)

        return {"count": len(samples), "p50": pct(0.50), "p99": pct(0.99), "max": round(samples[-1], 2)}

    def dead_lettered(self, stage: str) -> None:
        self.dead_letters += 1
        self.dead_letters_by_stage[stage] = self.dead_letters_by_stage.get(stage, 0) + 1
