"""``/metrics`` in the Prometheus text format: lag, events processed, dead letters, view sizes."""

from __future__ import annotations

from typing import Any

from streams.app.factory import LiveLedgerApp


def _consumer_lag(ll: LiveLedgerApp) -> dict[tuple[str, int], int]:
    """Lag per assigned partition: highwater minus the last committed offset."""
    out: dict[tuple[str, int], int] = {}
    try:
        consumer: Any = ll.app.consumer
        for tp in consumer.assignment():
            high = consumer.highwater(tp)
            committed = consumer._committed_offset.get(tp)
            if high is None:
                continue
            out[(tp.topic, tp.partition)] = max(0, int(high) - int(committed if committed is not None else 0))
    except Exception:  # not started or mid-rebalance: report nothing rather than fail
        return {}
    return out


def render_metrics(ll: LiveLedgerApp) -> str:
    s = ll.stats
    lines = [
        "# HELP liveledger_entries_processed_total Entry events run through extraction and routing.",
        "# TYPE liveledger_entries_processed_total counter",
        f"liveledger_entries_processed_total {s.entries_processed}",
        "# HELP liveledger_contributions_emitted_total Contributions sent to the facts topic.",
        "# TYPE liveledger_contributions_emitted_total counter",
        f"liveledger_contributions_emitted_total {s.contributions_emitted}",
        "# HELP liveledger_contributions_applied_total Contributions folded into view tables.",
        "# TYPE liveledger_contributions_applied_total counter",
        f"liveledger_contributions_applied_total {s.contributions_applied}",
        "# HELP liveledger_dead_letters_total Events sent to the dead-letter topic, by stage.",
        "# TYPE liveledger_dead_letters_total counter",
    ]
    lines += [f'liveledger_dead_letters_total{{stage="{k}"}} {v}' for k, v in sorted(s.dead_letters_by_stage.items())]
    lines += [
        "# HELP liveledger_view_keys Keys held by this worker, per view.",
        "# TYPE liveledger_view_keys gauge",
    ]
    for name, table in sorted(ll.views.items()):
        try:
            size = sum(1 for _ in table)
        except Exception:
            size = 0
        lines.append(f'liveledger_view_keys{{view="{name}"}} {size}')
    lines += [
        "# HELP liveledger_consumer_lag Messages not yet committed, per assigned partition.",
        "# TYPE liveledger_consumer_lag gauge",
    ]
    for (topic, part), lag in sorted(_consumer_lag(ll).items()):
        lines.append(f'liveledger_consumer_lag{{topic="{topic}",partition="{part}"}} {lag}')
    return "\n".join(lines) + "\n"
