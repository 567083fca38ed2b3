"""The worker's latency summary is sorted again at most once a second, and never goes stale longer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from streams.app.stats import SUMMARY_EVERY_S, WorkerStats


def _ago(ms: float) -> str:
    return (datetime.now(UTC) - timedelta(milliseconds=ms)).isoformat()


def test_the_summary_is_kept_for_a_second_then_takes_new_samples() -> None:
    now = [100.0]
    stats = WorkerStats(clock=lambda: now[0])
    assert stats.latency_summary()["count"] == 0
    stats.entry_visible(_ago(50))
    first = stats.latency_summary()
    assert first["count"] == 1  # the first summary after samples arrive is computed at once
    stats.entry_visible(_ago(5000))
    assert stats.latency_summary() == first  # within the second: the kept summary
    now[0] += SUMMARY_EVERY_S
    later = stats.latency_summary()
    assert later["count"] == 2 and later["max"] is not None and float(later["max"]) >= 5000


def test_a_summary_with_no_new_samples_is_not_sorted_again() -> None:
    now = [0.0]
    stats = WorkerStats(clock=lambda: now[0])
    for ms in (10, 20, 30):
        stats.entry_visible(_ago(ms))
    now[0] += 5
    a = stats.latency_summary()
    now[0] += 5
    stats.visible_ms.append(10**9)  # not through entry_visible: not a new sample, so not seen
    assert stats.latency_summary() == a
