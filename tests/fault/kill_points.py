"""Kill -9 of a worker at chosen points, and what a live view lacks or holds beyond the replay.

``kill_at`` waits for a point of a worker's life given by its health document (entries processed
in this life, contributions applied, or the moment it is ready) and kills it there: the point is
a condition the test names, not a sleep. ``state_diff`` says, entry by entry, where the live states
and the replayed ones part, so a failing fault test names the entries lost or kept too long.
"""

from __future__ import annotations

import asyncio
import time
import urllib.error
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from liveledger.settings import Settings
from replay.rebuild import rebuild
from replay.source import read_log
from streams.core.pipeline import default_extractor
from tests.support.worker import WorkerProcess, get_json


@dataclass(frozen=True)
class KillPoint:
    """Where in a worker's life to kill it: once health says ``field`` >= ``at`` (``ready``: once ready)."""

    field: str
    at: int = 0

    def reached(self, health: Mapping[str, Any]) -> bool:
        if self.field == "ready":
            return bool(health.get("ready"))
        return int(health.get(self.field, 0)) >= self.at

    def __str__(self) -> str:
        return self.field if self.field == "ready" else f"{self.field}>={self.at}"


async def kill_at(w: WorkerProcess, point: KillPoint, within_s: float = 180) -> dict[str, Any]:
    """Kill ``w`` with -9 as soon as its health reaches ``point``; the last health seen is returned."""
    deadline = time.monotonic() + within_s
    health: dict[str, Any] = {}
    while True:
        try:
            health = w.health()
        except (urllib.error.URLError, OSError):
            health = {}
        if health and point.reached(health):
            break
        assert time.monotonic() < deadline, f"worker never reached {point}; last health {health}; log:\n{w.log_tail()}"
        await asyncio.sleep(0.02)
    w.kill()
    assert w.proc is not None and w.proc.returncode == -9
    return health


async def replayed_states(settings: Settings, views: tuple[str, ...]) -> dict[str, dict[str, Any]]:
    extractor, version = default_extractor()
    rebuilt = rebuild(await read_log(settings), extractor=extractor, extractor_version=version)
    return {view: {k: s for k, s in rebuilt.views.states(view).items() if s and s.get("entries")} for view in views}


def _entries(states: Mapping[str, Any]) -> dict[tuple[str, str], Any]:
    return {
        (key, entry): record
        for key, state in states.items()
        for entry, record in (state or {}).get("entries", {}).items()
    }


def state_diff(live: Mapping[str, Any], replayed: Mapping[str, Any], limit: int = 12) -> list[str]:
    """Lines naming each (view key, entry) the live states lack, hold beyond the replay, or hold otherwise."""
    have, want = _entries(live), _entries(replayed)
    out = []
    for row in sorted(want.keys() - have.keys()):
        out.append(f"missing {row[0]} {row[1]} stamp {want[row].get('stamp')}")
    for row in sorted(have.keys() - want.keys()):
        out.append(f"extra {row[0]} {row[1]} stamp {have[row].get('stamp')}")
    for row in sorted(have.keys() & want.keys()):
        if have[row] != want[row]:
            out.append(f"differs {row[0]} {row[1]} live stamp {have[row].get('stamp')} replay {want[row].get('stamp')}")
    return out[:limit] + ([f"... {len(out) - limit} more"] if len(out) > limit else [])


async def explain_mismatch(w: WorkerProcess, settings: Settings, views: tuple[str, ...]) -> str:
    """Per view, the rows where the live worker and the replay part (see :func:`state_diff`)."""
    replayed = await replayed_states(settings, views)
    lines = []
    for view in views:
        try:
            live = get_json(f"{w.url}/api/v1/internal/states/{view}", timeout=30)
        except (urllib.error.URLError, OSError) as e:
            lines.append(f"{view}: live states not read ({e})")
            continue
        diff = state_diff(live, replayed[view])
        lines.append(f"{view}: " + ("; ".join(diff) if diff else "states equal"))
    return "\n".join(lines)
