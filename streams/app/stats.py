"""Counters a worker keeps about itself, for /metrics and health."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class WorkerStats:
    entries_processed: int = 0
    contributions_emitted: int = 0
    contributions_applied: int = 0
    dead_letters: int = 0
    dead_letters_by_stage: dict[str, int] = field(default_factory=dict)
    last_published_at: str | None = None

    def dead_lettered(self, stage: str) -> None:
        self.dead_letters += 1
        self.dead_letters_by_stage[stage] = self.dead_letters_by_stage.get(stage, 0) + 1
