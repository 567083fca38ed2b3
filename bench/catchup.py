"""The catch-up measurements of ``bench_pipeline.py``: a worker on entries already in the log.

Its rate (entries to all views visible per second), the changelog bytes it wrote per entry (read
back from the real changelog topics), its RSS, and the rate over windows of a long catch-up.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from liveledger.broker import local
from liveledger.kafka.reader import read_topic
from liveledger.kafka.topics import (
    ensure_changelog_topics,
    existing_changelog_topics,
)
from liveledger.publish.batch import read_requests
from liveledger.publish.publisher import Publisher
from liveledger.settings import Settings
from streams.app.factory import build_app
from tests.support.worker import WorkerProcess, get_bytes

WINDOW = 10_000

#: a catch-up whose views apply nothing for this long after its entries are done ends, flagged incomplete
#: (it used to end after 2 s without an apply, which under load cut runs short before the views were
#: written: the views agent can be starved for longer than that behind the entries agent)
STALL_S = 60.0

#: set to a folder: each catch-up's worker is sampled by py-spy (``pip install py-spy``) into it, as
#: collapsed stacks (``<app id>.<worker>.txt``), from ready to the end; ``bench/profile_summary.py`` reads them
PROFILE_ENV = "LIVELEDGER_BENCH_PROFILE"
#: set (with ``PROFILE_ENV``) to a number of entries W: instead of one profile of the whole run, each
#: worker is sampled over its first W entries (``.first.txt``) and its last W (``.last.txt``), so that
#: ``profile_summary.py --against`` shows which functions cost more per entry as the states grow
PROFILE_WINDOW_ENV = "LIVELEDGER_BENCH_PROFILE_WINDOW"
#: set (with ``PROFILE_ENV``) to 1: sample only the thread holding the GIL (py-spy ``--gil``), so that time
#: a thread spends waiting for the GIL (or in a system call that released it) is not counted as its work
PROFILE_GIL_ENV = "LIVELEDGER_BENCH_PROFILE_GIL"


def make_settings(bootstrap: str, tag: str, data_dir: Path, port: int) -> Settings:
    return Settings(
        kafka_bootstrap=bootstrap,
        entries_topic=f"b{tag}.entries",
        facts_topic=f"b{tag}.facts",
        deadletter_topic=f"b{tag}.dl",
        app_id=f"b{tag}",
        data_dir=data_dir,
        web_port=port,
    )


free_port = local.free_port  # one definition: liveledger.broker.local


def bench_broker(tmp: Path) -> tuple[str, local.BrokerConfig | None]:
    """``LIVELEDGER_KAFKA_BOOTSTRAP`` when set, else a local broker started under ``tmp/broker``.

    Returns the bootstrap address and the config to ``local.stop`` when the run is over (None: not ours).
    """
    bootstrap = os.environ.get("LIVELEDGER_KAFKA_BOOTSTRAP")
    if bootstrap:
        return bootstrap, None
    cfg = local.config_on_free_ports(tmp / "broker")
    return local.start(cfg)[0], cfg


async def publish_only(settings: Settings, lines: list[bytes]) -> None:
    good, _ = read_requests(lines, settings.max_body_bytes)
    async with Publisher(settings) as pub:
        for i in range(0, len(good), 5000):
            await pub.publish_many(good[i : i + 5000])


async def changelog_bytes(settings: Settings) -> dict[str, tuple[int, int]]:
    """``(records, bytes)`` (key + value) of each of the worker's table changelogs, read back from Kafka,
    by table name."""
    out: dict[str, tuple[int, int]] = {}
    prefix = f"{settings.app_id}-"
    for topic in await existing_changelog_topics(settings):
        records = size = 0
        async for rec in read_topic(settings, topic):
            records += 1
            size += len(rec.key or b"") + len(rec.value or b"")
        out[topic.removeprefix(prefix).removesuffix("-changelog")] = (records, size)
    return out


def cpu_s(pid: int) -> float:
    """CPU seconds (user + system, every thread) the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rocksdb_cpu_s(pid: int) -> float:
    """CPU seconds used so far by the process's RocksDB threads (flushes, compactions), still alive."""
    total = 0.0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            if not (task / "comm").read_text().startswith("rocksdb"):
                continue
            fields = (task / "stat").read_text().rpartition(")")[2].split()
        except OSError:  # the thread ended meanwhile
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def health(worker: WorkerProcess) -> dict[str, Any] | None:
    """The worker's health, or None when it did not answer in time (busy on a loaded machine)."""
    try:
        return worker.health()
    except (TimeoutError, urllib.error.URLError, ConnectionError) as e:
        if isinstance(e, urllib.error.HTTPError):
            raise
        return None


def counters(worker: WorkerProcess) -> tuple[int, int] | None:
    """``(contributions emitted, contributions applied)`` from the worker's /metrics, or None when busy."""
    try:
        text = get_bytes(f"{worker.url}/metrics").decode()
    except (TimeoutError, urllib.error.URLError, ConnectionError):
        return None
    values = {}
    for line in text.splitlines():
        name, _, value = line.partition(" ")
        if name in ("liveledger_contributions_emitted_total", "liveledger_contributions_applied_total"):
            values[name] = int(float(value))
    return values["liveledger_contributions_emitted_total"], values["liveledger_contributions_applied_total"]


def wait_ready(worker: WorkerProcess, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        h = health(worker)
        if h is not None and h.get("ready"):
            return
        time.sleep(0.2)
    raise TimeoutError(f"worker not ready within {timeout}s; log:\n{worker.log_tail()}")


#: what the query measurements ask, in turn
QUERY_PATHS = (
    "/api/v1/casualties?region=UA-59",
    "/api/v1/strikes?weapon=drone",
    "/api/v1/interceptions",
    "/api/v1/figures?metric=troops",
)


def query_latencies(url: str, n: int, server_ms: list[float] | None = None, warm: bool = False) -> list[float]:
    """Milliseconds of ``n`` GETs of :data:`QUERY_PATHS` in turn (and the worker's own, into ``server_ms``).

    With ``warm``, each path is asked once first, untimed: a worker's first query of a view renders
    every key of it (its render cache fills), which is no part of a query's steady cost and, with a
    few hundred queries, would be the p99 by itself.
    """
    for path in QUERY_PATHS if warm else ():
        with urllib.request.urlopen(url + path, timeout=60) as resp:
            resp.read()
    out = []
    for i in range(n):
        t0 = time.perf_counter()
        with urllib.request.urlopen(url + QUERY_PATHS[i % len(QUERY_PATHS)], timeout=10) as resp:
            resp.read()
            header = resp.headers.get("X-Liveledger-Query-Ms")
        out.append((time.perf_counter() - t0) * 1000)
        if server_ms is not None and header is not None:
            server_ms.append(float(header))
    return out


def catch_up(
    settings: Settings, n: int, log: Path, tree: Path | None, timeout: float, workers: int = 1, queries: int = 0
) -> dict[str, Any]:
    """``workers`` worker processes (of ``tree``, else this one) catch up on ``n`` entries already in the log.

    They share one app id (one consumer group), each with its own web port and state directory.
    Samples ``(seconds, entries processed by all)`` every 0.2 s; the end is the last apply before
    every entry is processed and every contribution the entries agents emitted is applied (their
    /metrics counters), so the views are complete (after ``STALL_S`` without an apply the run ends
    marked incomplete).
    RSS is the largest of the workers'. With ``queries`` (one worker), the caught-up worker then
    answers that many queries (:func:`query_latencies`): every tree's query time on the same views.
    """
    # both trees' workers name their changelogs alike; made before start, as ``liveledger worker`` does now
    names = build_app(settings, extractor=lambda title, body: [], extractor_version="none").changelog_topics()
    asyncio.run(ensure_changelog_topics(settings, names))
    procs = [
        WorkerProcess(
            settings.model_copy(update={"web_port": free_port(), "data_dir": settings.data_dir / f"w{i}"})
            if i
            else settings,
            log.with_suffix(f".{i}.log") if i else log,
        )
        for i in range(workers)
    ]
    cwd = os.getcwd()
    if tree is not None:
        os.chdir(tree)  # the child runs ``python -m liveledger.cli.main`` from its working directory
    try:
        for worker in procs:
            worker.start()
    finally:
        os.chdir(cwd)
    profilers: list[subprocess.Popen[bytes]] = []
    try:
        for worker in procs:
            wait_ready(worker, timeout)
        window = int(os.environ.get(PROFILE_WINDOW_ENV, "0") or 0)
        profilers = start_profiles(settings.app_id, procs, ".first" if window else "")
        last_window = window > 0 and n > 2 * window  # else the first window's profile runs to the end
        t0 = time.perf_counter()
        samples: list[tuple[float, int]] = [(0.0, 0)]
        #: ``(entries processed, largest RSS MB, CPU seconds of all workers)``: CPU per entry does not
        #: depend on how busy the shared machine is, as a rate does
        rss_samples: list[tuple[int, float, float]] = []
        applied, changed = -1, t0
        entries_done: float | None = None
        emitted, complete = -1, True
        deadline = t0 + timeout
        while time.perf_counter() < deadline:
            answers = [health(worker) for worker in procs]
            if any(h is None for h in answers):  # a worker too busy to answer within 10 s: ask again
                continue
            healths = [h for h in answers if h is not None]
            now = time.perf_counter()
            done = sum(h["entries_processed"] + h["dead_letters"] for h in healths)
            samples.append((now - t0, done))
            if len(samples) % 25 == 0:  # every ~5 s: how memory grows with the entries processed
                pids = [w.proc.pid for w in procs if w.proc is not None]
                rss_samples.append((done, max(rss_mb(p) for p in pids), sum(cpu_s(p) for p in pids)))
            if window and profilers and done >= window and last_window and done < n - window:
                stop_profiles(profilers)  # the first window is done
                profilers = []
            if last_window and not profilers and done >= n - window:
                profilers = start_profiles(settings.app_id, procs, ".last")
                last_window = False
            total_applied = sum(h["contributions_applied"] for h in healths)
            if total_applied != applied:
                applied, changed = total_applied, now
            if done >= n:
                entries_done = entries_done or now
                counts = [counters(worker) for worker in procs]
                if all(c is not None for c in counts):
                    emitted = sum(c[0] for c in counts if c is not None)
                    if sum(c[1] for c in counts if c is not None) >= emitted:
                        break  # every contribution sent is in a view table
                if now - changed >= STALL_S:
                    complete = False
                    print(f"warning: views applied {applied} of {emitted} contributions, none for {STALL_S} s")
                    break
            time.sleep(0.2)
        else:
            tail = procs[0].log_tail()
            raise TimeoutError(f"the workers processed {samples[-1][1]} of {n} in {timeout}s; log:\n{tail}")
        elapsed = changed - t0
        rss = max(rss_mb(w.proc.pid) if w.proc is not None else float("nan") for w in procs)
        server_ms: list[float] = []
        query_ms = query_latencies(procs[0].url, queries, server_ms, warm=True) if queries and workers == 1 else []
    finally:
        stop_profiles(profilers)
        for worker in procs:
            worker.stop()
    return {
        "n": n,
        "seconds": elapsed,
        "rate": n / elapsed,
        "rss_mb": rss,
        "samples": samples,
        "rss_samples": rss_samples,
        "workers": workers,
        "entries_seconds": (entries_done or changed) - t0,
        "views_complete": complete,
        "query_ms": query_ms,
        "query_server_ms": server_ms,
    }


def stop_profiles(profilers: list[subprocess.Popen[bytes]]) -> None:
    for profiler in profilers:
        profiler.send_signal(2)  # py-spy writes its file on SIGINT
    for profiler in profilers:
        profiler.wait(60)


def start_profiles(app_id: str, procs: list[WorkerProcess], suffix: str = "") -> list[subprocess.Popen[bytes]]:
    """py-spy on each worker when ``LIVELEDGER_BENCH_PROFILE`` names a folder (else nothing)."""
    folder = os.environ.get(PROFILE_ENV)
    if not folder:
        return []
    exe = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    Path(folder).mkdir(parents=True, exist_ok=True)
    out = []
    for i, worker in enumerate(procs):
        assert worker.proc is not None
        target = Path(folder) / f"{app_id}.{i}{suffix}.txt"
        cmd = [exe, "record", "--pid", str(worker.proc.pid), "--rate", "200", "--format", "raw", "--threads",
               "--nonblocking", "-o", str(target)]  # fmt: skip
        if os.environ.get(PROFILE_GIL_ENV):
            cmd.append("--gil")
        out.append(subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    return out


def process_run(
    bootstrap: str,
    tag: str,
    tmp: Path,
    n: int,
    tree: Path | None,
    timeout: float,
    entries_topic: str,
    workers: int = 1,
    queries: int = 0,
) -> dict[str, Any]:
    """Catch up on the log of ``entries_topic`` with workers of their own (app id, facts, tables)."""
    s = make_settings(bootstrap, tag, tmp / tag, free_port()).model_copy(update={"entries_topic": entries_topic})
    r = catch_up(s, n, tmp / f"{tag}.log", tree, timeout, workers, queries)
    r["changelog_by_table"] = asyncio.run(changelog_bytes(s))
    r["changelog_bytes"] = sum(size for _, size in r["changelog_by_table"].values())
    r["bytes_per_entry"] = r["changelog_bytes"] / n
    return r


Row = tuple[str, str, str, str, str]


def process_rows(label: str, r: dict[str, Any]) -> list[Row]:
    return [
        (f"process{label} (entries/s)", f"{r['rate']:,.0f}", f"{r['n']} in {r['seconds']:.1f} s", "", ">= 1,500/s"),
        (f"changelog{label} B/entry", f"{r['bytes_per_entry']:,.0f}", f"{r['changelog_bytes']:,} B", "", "<= 2,000"),
        (f"worker RSS{label}", f"{r['rss_mb']:.0f} MB", f"after {r['n']} entries", "", "<= 300 MB"),
    ]
