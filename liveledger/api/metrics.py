"""``/metrics`` in the Prometheus text format: lag, events processed, dead letters, view sizes."""

from __future__ import annotations

from typing import Any

from liveledger.api.audit_status import AuditStatus
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


def _audit_lines(audit: AuditStatus) -> list[str]:
    """The chain check per blog and the last ``audit verify`` run."""
    chain = audit.chain.status()
    lines = [
        "# HELP liveledger_chain_ok 1 while every record the worker consumed links into its blog's hash chain.",
        "# TYPE liveledger_chain_ok gauge",
        f"liveledger_chain_ok {int(chain['ok'])}",
        "# HELP liveledger_chain_problems_total Altered, missing, reordered or unreadable records seen.",
        "# TYPE liveledger_chain_problems_total counter",
        f"liveledger_chain_problems_total {chain['problem_count']}",
        "# HELP liveledger_chain_verified_offset The last offset of a blog's chain checked by this worker.",
        "# TYPE liveledger_chain_verified_offset gauge",
    ]
    for blog, info in chain["blogs"].items():
        label = blog.replace("\\", "\\\\").replace('"', '\\"')
        lines.append(
            f'liveledger_chain_verified_offset{{blog="{label}",partition="{info["partition"]}",'
            f'ok="{str(info["ok"]).lower()}"}} {info["verified_to_offset"]}'
        )
    run = audit.last_verify
    lines += [
        "# HELP liveledger_audit_verify_equal 1 when the last `audit verify` found live views equal to a replay.",
        "# TYPE liveledger_audit_verify_equal gauge",
        "# HELP liveledger_audit_verify_runs_total `audit verify` runs reported since the worker started.",
        "# TYPE liveledger_audit_verify_runs_total counter",
        f"liveledger_audit_verify_runs_total {audit.runs}",
    ]
    if run is not None:
        lines.insert(-3, f"liveledger_audit_verify_equal {int(run.equal)}")
    return lines


def render_metrics(ll: LiveLedgerApp, audit: AuditStatus | None = None) -> str:
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
            size = len(table)  # the row table's count of keys: no sort of every key per scrape
        except Exception:
            size = 0
        lines.append(f'liveledger_view_keys{{view="{name}"}} {size}')
    lines += [
        "# HELP liveledger_consumer_lag Messages not yet committed, per assigned partition.",
        "# TYPE liveledger_consumer_lag gauge",
    ]
    for (topic, part), lag in sorted(_consumer_lag(ll).items()):
        lines.append(f'liveledger_consumer_lag{{topic="{topic}",partition="{part}"}} {lag}')
    if audit is not None:
        lines += _audit_lines(audit)
    return "\n".join(lines) + "\n"
