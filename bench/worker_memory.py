"""What a worker's memory is made of, as it runs and across kill -9 restarts.

    python bench/worker_memory.py [--rate 200] [--seconds 240] [--kill-every 80] [--tracemalloc] [--json]

A local broker, one publisher at ``--rate`` entries/s (the soak's entries, ``tests/fault/test_soak``)
and one worker, killed with kill -9 every ``--kill-every`` s and started again on its state dir
(``--restore``: on an empty one, so that it restores its tables from the changelogs).
The worker runs in a child process of this script (the same ``streams.app.run.prepare`` and worker
class as ``liveledger worker``) with a probe on its event loop that samples, every ``--every`` s:

* the process: RSS, anonymous and file-backed, from ``/proc/self/status``;
* glibc malloc (``mallinfo2``, all arenas): bytes in use, free inside the heap, mmapped;
* Python: allocated blocks, gc object count, and with ``--tracemalloc`` the traced bytes and the
  largest allocation sites (tracemalloc slows the worker several times over: use it for shares only);
* RocksDB, summed over the open databases of every table: memtables, table readers (index and
  filter blocks), block cache;
* the worker's own in-memory indexes (row members of the views and the lineage, the lineage's
  history indexes and decoded rows) and faust's buffers (stream queues, fetched records, producer).

It prints one line per sample and a summary per life (at the same age in each life).
"""

from __future__ import annotations

import argparse
import asyncio
import ctypes
import gc
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import orjson

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.catchup import bench_broker, free_port, make_settings  # noqa: E402
from liveledger.broker import local  # noqa: E402
from liveledger.settings import Settings  # noqa: E402
from tests.support.worker import settings_env  # noqa: E402

ROCKSDB_PROPS = {
    "memtables": "rocksdb.cur-size-all-mem-tables",
    "readers": "rocksdb.estimate-table-readers-mem",
    "cache": "rocksdb.block-cache-usage",
}


class _Mallinfo2(ctypes.Structure):
    _fields_ = [
        (name, ctypes.c_size_t)
        for name in ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks",
                     "keepcost")
    ]  # fmt: skip


def _mallinfo() -> dict[str, float]:
    libc = ctypes.CDLL("libc.so.6")
    libc.mallinfo2.restype = _Mallinfo2
    m = libc.mallinfo2()
    mb = 1024 * 1024
    return {"malloc_used": m.uordblks / mb, "malloc_free": m.fordblks / mb, "malloc_mmap": m.hblkhd / mb}


def _status() -> dict[str, float]:
    out = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name in ("VmRSS", "RssAnon", "RssFile", "VmHWM"):
            out[name] = int(rest.split()[0]) / 1024
    return out


def _rocksdb(app: Any) -> dict[str, float]:
    totals = dict.fromkeys(ROCKSDB_PROPS, 0.0)
    dbs = 0
    for table in app.tables.values():
        for db in getattr(table.data, "_dbs", {}).values():
            dbs += 1
            for name, prop in ROCKSDB_PROPS.items():
                totals[name] += (db.property_int_value(prop) or 0) / (1024 * 1024)
    return {f"rocksdb_{k}": v for k, v in totals.items()} | {"rocksdb_dbs": dbs}


def _indexes(ll: Any) -> dict[str, int]:
    out: dict[str, int] = {}
    for view, rows in ll.views.items():
        members = rows._members
        out[f"members_{view}"] = sum(len(s) for s in members.values()) if members is not None else -1
    lin = ll.lineage
    if lin is not None:
        out["lineage_members"] = sum(len(s) for s in lin._members.values()) if lin._members is not None else -1
        out["lineage_hist"] = sum(len(e) for e in lin._hist.values()) if lin._hist is not None else -1
        out["lineage_entry_states"] = len(lin._entry_states)
        out["lineage_times"] = sum(len(t) for t in lin._times.values())
        out["lineage_decoded"] = len(lin._decoded) + len(lin._event_items)
    return out


def _buffers(app: Any) -> dict[str, int]:
    out: dict[str, int] = {}
    try:
        out["stream_queued"] = sum(t.queue.qsize() for t in app.topics._topics)
    except Exception:
        out["stream_queued"] = -1
    try:
        fetcher = app.consumer._thread._ensure_consumer()._fetcher
        out["fetched_partitions"] = len(fetcher._records)
    except Exception:
        out["fetched_partitions"] = -1
    try:
        out["producer_pending"] = app.producer.buffer.pending.qsize()
    except Exception:
        out["producer_pending"] = -1
    return out


def child(probe: Path, every: float, trace: bool) -> None:
    """Run a worker in this process with the probe on its loop."""
    import tracemalloc

    if trace:
        tracemalloc.start(1)
    from streams.app.run import prepare
    from streams.app.worker import LiveLedgerWorker

    settings = Settings()
    ll = prepare(settings)
    t0 = time.monotonic()
    out = probe.open("ab")
    baseline: list[Any] = []  # the first tracemalloc snapshot after the worker processed an entry

    async def sample() -> None:
        doc: dict[str, Any] = {"age": round(time.monotonic() - t0, 1), "pid": os.getpid()}
        doc |= _status() | _mallinfo() | _rocksdb(ll.app) | _indexes(ll) | _buffers(ll.app)
        stats = ll.stats
        doc |= {"processed": stats.entries_processed, "applied": stats.contributions_applied}
        doc["py_blocks"] = sys.getallocatedblocks()
        doc["gc_objects"] = len(gc.get_objects())
        try:
            tables: Any = ll.app.tables
            doc["recovered"] = bool(tables.recovery.completed.is_set())
        except Exception:
            doc["recovered"] = False
        if trace:
            doc["traced_mb"] = tracemalloc.get_traced_memory()[0] / (1024 * 1024)
            snap = tracemalloc.take_snapshot()
            top = snap.statistics("lineno")[:15]
            doc["top"] = [[f"{s.traceback[0].filename.rsplit('/', 2)[-1]}:{s.traceback[0].lineno}", s.size >> 10]
                          for s in top]  # fmt: skip
            if not baseline and stats.entries_processed:  # what grew since the first sample with work done
                baseline.append(snap)
            elif baseline:
                grown = snap.compare_to(baseline[0], "lineno")[:15]
                doc["grown"] = [[f"{s.traceback[0].filename.rsplit('/', 2)[-1]}:{s.traceback[0].lineno}",
                                 s.size_diff >> 10, s.count_diff] for s in grown]  # fmt: skip
        out.write(orjson.dumps(doc) + b"\n")
        out.flush()

    ll.app.timer(every)(sample)

    worker = LiveLedgerWorker(
        ll.app, loglevel="warning", loop=asyncio.get_event_loop(), redirect_stdouts=False, override_logging=True
    )
    worker.execute_from_commandline()


def sample_blog_entry(i: int) -> bytes:
    """Entry ``i`` of ``bench_pipeline.py``'s catch-up (the sample blog's texts, extracted by the worker)."""
    from bench.bench_pipeline import SAMPLE

    bodies = [d for d in (orjson.loads(x) for x in SAMPLE.read_bytes().splitlines()) if "body" in d]
    src = bodies[i % len(bodies)]
    return orjson.dumps({"entry_id": f"c{i:07d}", "blog_id": f"bench-{i % 6}", "title": src.get("title", ""),
                         "body": src["body"], "occurred_at": src.get("occurred_at")})  # fmt: skip


async def publish_at(settings: Settings, rate: float, seconds: float, texts: bool = False) -> int:
    """Publish at ``rate`` for ``seconds``: the soak's entries (editor figures), or the sample blog's ``texts``."""
    from liveledger.publish.publisher import Publisher
    from liveledger.publish.requests import parse_line
    from tests.fault.test_soak import entry as soak_entry

    entry = sample_blog_entry if texts else soak_entry

    published = 0
    async with Publisher(settings) as pub:
        t0 = time.monotonic()
        sent = 0
        while time.monotonic() - t0 < seconds:
            due = int((time.monotonic() - t0) * rate)
            reqs = [(i, r) for i in range(sent, due) if (r := parse_line(entry(i), i, settings.max_body_bytes))]
            for _, res in await pub.publish_many(reqs):
                published += not isinstance(res, Exception) and res.status == "published"
            sent = due
            await asyncio.sleep(max(0.0, t0 + (sent + rate * 0.1) / rate - time.monotonic()))
    return published


def start_child(settings: Settings, probe: Path, args: argparse.Namespace, log: Path) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", "--probe", str(probe), "--every", str(args.every)]
    if args.tracemalloc:
        cmd.append("--tracemalloc")
    env = settings_env(settings)
    if args.arena_max:
        env["MALLOC_ARENA_MAX"] = str(args.arena_max)
    with log.open("ab") as f:
        return subprocess.Popen(cmd, env=env, stdout=f, stderr=subprocess.STDOUT, start_new_session=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rate", type=float, default=200.0)
    ap.add_argument("--seconds", type=float, default=240.0)
    ap.add_argument("--kill-every", type=float, default=80.0)
    ap.add_argument("--every", type=float, default=5.0, help="seconds between samples")
    ap.add_argument("--tail", type=float, default=30.0, help="seconds the last worker runs after publishing stops")
    ap.add_argument("--tracemalloc", action="store_true")
    ap.add_argument("--preload", action="store_true", help="publish first, then start the worker (a catch-up)")
    ap.add_argument("--texts", action="store_true", help="the sample blog's texts (bench_pipeline's catch-up entries)")
    ap.add_argument("--restore", action="store_true", help="wipe the worker's tables at each kill: it restores them")
    ap.add_argument("--arena-max", type=int, default=0, help="MALLOC_ARENA_MAX for the worker (0: unset)")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--probe", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.probe, args.every, args.tracemalloc)
        return 0
    tmp = Path(tempfile.mkdtemp(prefix="wmem-"))
    bootstrap, cfg = bench_broker(tmp)
    settings = make_settings(bootstrap, "wm", tmp / "wm", free_port())
    probe = tmp / "probe.jsonl"
    procs: list[subprocess.Popen[bytes]] = []
    try:
        from liveledger.kafka.topics import ensure_log_topics

        asyncio.run(ensure_log_topics(settings))

        async def run() -> int:
            task = asyncio.create_task(publish_at(settings, args.rate, args.seconds, args.texts))
            if args.preload:  # the worker starts on a log already written: a catch-up, as in bench_pipeline
                await task
            t0 = time.monotonic()
            procs.append(start_child(settings, probe, args, tmp / "worker.log"))
            while not task.done():
                await asyncio.sleep(1.0)
                if time.monotonic() - t0 >= args.kill_every * len(procs) and not task.done():
                    procs[-1].kill()
                    procs[-1].wait(10)
                    if args.restore:  # the next life restores its tables from the changelogs
                        shutil.rmtree(settings.data_dir / "faust", ignore_errors=True)
                    procs.append(start_child(settings, probe, args, tmp / "worker.log"))
            await asyncio.sleep(args.tail)
            return await task

        published = asyncio.run(run())
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait(10)
        if cfg is not None:
            local.stop(cfg)
    print(f"published {published}; probe {probe}; worker log {tmp / 'worker.log'}")
    keys = ["age", "VmRSS", "RssAnon", "RssFile", "malloc_used", "malloc_free", "malloc_mmap", "rocksdb_memtables",
            "rocksdb_readers", "rocksdb_cache", "processed", "applied", "lineage_members", "gc_objects",
            "stream_queued", "fetched_partitions", "traced_mb"]  # fmt: skip
    print(" ".join(f"{k[:10]:>10}" for k in ["life", *keys]))
    pids: list[int] = []
    for line in probe.read_bytes().splitlines():
        doc = orjson.loads(line)
        if doc["pid"] not in pids:
            pids.append(doc["pid"])
        row = [pids.index(doc["pid"]), *(doc.get(k, "") for k in keys)]
        print(" ".join(f"{v:>10.1f}" if isinstance(v, float) else f"{v!s:>10}" for v in row))
        if "top" in doc and doc["age"] % 30 < args.every:
            print("   top:", doc["top"][:10])
            if "grown" in doc:
                print("   grown since the first busy sample (KiB, blocks):", doc["grown"][:10])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
