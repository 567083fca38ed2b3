"""What the page's verified badge shows: the worker's chain check and the last ``audit verify`` run.

The worker checks each blog's hash chain as it consumes (``LiveLedgerApp.chain``,
:mod:`streams.core.chain_watch`). ``liveledger audit verify`` compares the live views with a replay
of the log and reports its result to the worker (``POST /api/v1/audit/verify-runs``); the worker
keeps the last report in memory (a restarted worker says ``never`` until the next run).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from streams.core.chain_watch import ChainWatch


class VerifyRun(BaseModel):
    """One ``audit verify`` run as the CLI reports it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    ran_at: str
    equal: bool
    views: dict[str, bool]


class BadVerifyRun(ValueError):
    """A verify report that is not the CLI's shape; the message names the field."""


def parse_verify_run(doc: Any) -> VerifyRun:
    try:
        return VerifyRun.model_validate(doc)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "body"
        raise BadVerifyRun(f"verify report: {where}: {first['msg']}") from None


@dataclass
class AuditStatus:
    chain: ChainWatch
    last_verify: VerifyRun | None = None
    runs: int = 0

    def reported(self, run: VerifyRun) -> None:
        self.last_verify = run
        self.runs += 1

    def to_json(self) -> dict[str, Any]:
        """``chain`` (the worker's check, per blog) and ``verify`` (the last ``audit verify`` run, or None)."""
        return {
            "chain": self.chain.status(),
            "verify": None if self.last_verify is None else self.last_verify.model_dump(),
        }
