"""The publish measurement of ``bench_pipeline.py --publish-only``: each tree's publisher against raw produce.

Every round runs, for each tree in turn (this one and each ``--compare`` tree; the order alternates
between rounds), that tree's ``Publisher`` in a process of its own (``bench/publish_run.py``) on a new
topic, then raw aiokafka produce (idempotent, acks=all, the bench's own code) of the very bytes it
wrote, to a topic of their own. A tree's ratio is its publish rate over the raw rate measured right
after it (and over the median raw rate of the round); the trees are compared by the median over
rounds of the ratio of their rates in a round. On a shared machine these ratios, measured side by
side, are the figures to read, not the rates.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

from aiokafka import AIOKafkaProducer

from liveledger.kafka.reader import read_topic
from liveledger.kafka.topics import KEEP_FOREVER, admin_client, ensure_topic
from liveledger.settings import Settings

RUNNER = Path(__file__).resolve().parent / "publish_run.py"
#: seconds one tree's publish run may take before the bench gives up on it
RUN_TIMEOUT_S = 900.0


async def raw_produce(bootstrap: str, topic: str, values: list[tuple[bytes, bytes]]) -> tuple[float, float]:
    """Seconds (and CPU seconds of this process) to produce ``values`` (key, value) raw, acks=all, idempotent."""
    admin = admin_client(Settings(kafka_bootstrap=bootstrap))
    await admin.start()
    await ensure_topic(admin, topic, 3, 1, KEEP_FOREVER)
    await admin.close()
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap, acks="all", enable_idempotence=True, linger_ms=5, max_batch_size=256 * 1024
    )
    await producer.start()
    cpu, t0 = time.process_time(), time.perf_counter()
    futures = [await producer.send(topic, value=v, key=k) for k, v in values]
    for f in futures:
        await f
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - cpu
    await producer.stop()
    return elapsed, cpu


async def records_of(bootstrap: str, topic: str) -> list[tuple[bytes, bytes]]:
    """(key, value) of every committed record of ``topic``."""
    return [(r.key or b"", r.value or b"") async for r in read_topic(Settings(kafka_bootstrap=bootstrap), topic)]


def publish_run(tree: Path, bootstrap: str, tmp: Path, lines_file: Path) -> dict[str, Any]:
    """One publish of ``lines_file`` by the publisher of ``tree``, in a process of its own."""
    tag = uuid.uuid4().hex[:8] + "p"
    cmd = [sys.executable, str(RUNNER), "--tree", str(tree), "--bootstrap", bootstrap, "--tag", tag,
           "--data-dir", str(tmp / tag), "--lines", str(lines_file)]  # fmt: skip
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=RUN_TIMEOUT_S, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"the publish run of {tree} failed ({done.returncode}): {done.stderr[-2000:]}")
    out: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    if out["published"] != out["n"]:
        raise RuntimeError(f"the publisher of {tree} published {out['published']} of {out['n']} entries")
    return out


def rounds(
    trees: list[tuple[str, Path]], bootstrap: str, tmp: Path, lines: list[bytes], count: int, run_raw: Any
) -> list[dict[str, dict[str, float]]]:
    """``count`` rounds; each: {tree name: {rate, raw_rate, ratio, ratio_round_raw, cpu_us, raw_cpu_us, transactions}}.

    ``ratio`` is against the raw run right after the tree's, ``ratio_round_raw`` against the median raw
    rate of the round's runs (a raw run slowed by what one tree's run left behind counts for all trees).

    ``run_raw(coroutine)`` runs a coroutine to its end (``asyncio.run``).
    """
    lines_file = tmp / "publish-lines.jsonl"
    lines_file.write_bytes(b"\n".join(lines) + b"\n")
    out: list[dict[str, dict[str, float]]] = []
    for i in range(count):
        this_round: dict[str, dict[str, float]] = {}
        for name, tree in trees if i % 2 == 0 else trees[::-1]:
            r = publish_run(tree, bootstrap, tmp, lines_file)
            values = run_raw(records_of(bootstrap, r["topic"]))
            if len(values) != r["n"]:
                raise RuntimeError(f"{tree}: {len(values)} records on {r['topic']}, {r['n']} entries published")
            raw_s, raw_cpu = run_raw(raw_produce(bootstrap, f"{r['topic']}.raw", values))
            n = r["n"]
            this_round[name] = {
                "rate": n / r["publish_s"],
                "raw_rate": n / raw_s,
                "ratio": raw_s / r["publish_s"],
                "cpu_us": r["cpu_s"] / n * 1e6,
                "raw_cpu_us": raw_cpu / n * 1e6,
                "transactions": r["transactions"],
            }
            print(f"round {i + 1}/{count} {name}: {n / r['publish_s']:,.0f} entries/s, raw {n / raw_s:,.0f}/s, "
                  f"{raw_s / r['publish_s']:.2f}x", flush=True)  # fmt: skip
        raw_median = statistics.median(row["raw_rate"] for row in this_round.values())
        for row in this_round.values():  # beside the raw runs of every tree in the round, not only its own
            row["ratio_round_raw"] = row["rate"] / raw_median
        out.append(this_round)
    return out


def summary(runs: list[dict[str, dict[str, float]]], names: list[str]) -> dict[str, Any]:
    """Medians per tree over the rounds, and each other tree's rate against the first's, round by round."""
    med = statistics.median
    out: dict[str, Any] = {"rounds": len(runs)}
    for name in names:
        rows = [r[name] for r in runs]
        out[name] = {k: round(med(row[k] for row in rows), 3) for k in rows[0]}
        out[name]["ratio_min"] = round(min(row["ratio"] for row in rows), 3)
        out[name]["ratio_max"] = round(max(row["ratio"] for row in rows), 3)
    first = names[0]
    for name in names[1:]:
        per_round = [r[first]["rate"] / r[name]["rate"] for r in runs]
        out[f"{first}/{name}"] = {"median": round(med(per_round), 3), "per_round": [round(x, 3) for x in per_round]}
    return out
