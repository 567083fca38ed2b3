"""Extraction throughput on real text, measured side by side with a baseline revision.

Usage::

    python bench/bench_extract.py [--entries FILE] [--text-column NAME] [--limit N]
                                  [--baseline REV|none] [--rounds 6] [--round-seconds 1] [--json]
    python bench/bench_extract.py --profile [--entries FILE]

``--entries``: JSON lines (``title``/``body`` as published, or ``text``) or CSV with a text column
(default: the first of TEXT_COLUMNS present); default the sample live blog. The working tree and
the baseline (default ``origin/main`` if that ref exists, else ``HEAD``), checked out into a
temporary ``git worktree`` that is always removed, each run in a worker process with ``PYTHONPATH``
set to their tree. Import plus first call (the gazetteer build) is reported as "warm-up s"; an
untimed pass then sets passes per round. Rounds alternate order (A B, B A, ...) so machine noise
hits both sides; the ratio is taken per round. The doubling test repeats each text 1x, 2x, 4x:
linear work takes about 2.0x per doubling.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCRIPT = Path(__file__).resolve()
ROOT = SCRIPT.parents[1]
SAMPLE = ROOT / "liveledger" / "data" / "sample_liveblog.jsonl"
TEXT_COLUMNS = ("notes", "NOTES", "brief description", "description", "body", "text")
FACTORS = (1, 2, 4)
Entry = tuple[str, str]


class BenchError(Exception):
    """The benchmark cannot run; the message says which file, revision or worker and why."""


@dataclass(frozen=True, slots=True)
class Workload:
    entries: list[Entry]
    source: str
    skipped: int = 0

    @property
    def chars(self) -> int:
        return sum(len(t) + 2 + len(b) if t else len(b) for t, b in self.entries)  # len(entry_text(t, b))


def _decode(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as e:
        hint = " (--entries takes a file of entries now, not a count)" if path.name.isdigit() else ""
        raise BenchError(f"{path}: cannot read: {e.strerror}{hint}") from e
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        col = e.start - data.rfind(b"\n", 0, e.start)
        raise BenchError(f"{path}:{line}:{col}: not UTF-8 ({e.reason})") from e


def load_entries(path: Path, text_column: str | None = None, limit: int | None = None) -> Workload:
    """Entries of a JSON-lines or CSV file; blank texts and retractions are counted in ``skipped``."""
    text = _decode(path)
    if path.suffix.lower() in {".jsonl", ".ndjson", ".json"} or text.lstrip()[:1] == "{":
        if text_column is not None:
            raise BenchError(f"{path}: --text-column applies to CSV files, this one is JSON lines")
        source, rows = path.name, _jsonl_rows(path, text)
    else:
        column, rows = _csv_rows(path, text, text_column)
        source = f"{path.name} (column {column!r})"
    entries: list[Entry] = []
    skipped = 0
    for title, body in rows:
        if limit is not None and len(entries) >= limit:
            break
        if title.strip() or body.strip():
            entries.append((title, body))
        else:
            skipped += 1
    return Workload(entries, source, skipped)


def _jsonl_rows(path: Path, text: str) -> Iterator[Entry]:
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
        except json.JSONDecodeError as e:
            raise BenchError(f"{path}:{n}:{e.colno}: not JSON: {e.msg}") from e
        if not isinstance(d, dict):
            raise BenchError(f"{path}:{n}: expected a JSON object, got {type(d).__name__}")
        if d.get("type") == "retraction":  # publish format: no text to measure, counted as skipped
            yield "", ""
            continue
        if not {"title", "body", "text"} & d.keys():
            raise BenchError(f"{path}:{n}: no 'title', 'body' or 'text' field (fields: {', '.join(d)})")
        title, body = d.get("title") or "", d.get("body") or d.get("text") or ""
        if not isinstance(title, str) or not isinstance(body, str):
            raise BenchError(f"{path}:{n}: 'title', 'body' and 'text' must be strings")
        yield title, body


def _csv_rows(path: Path, text: str, text_column: str | None) -> tuple[str, Iterator[Entry]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)  # bad quoting is an error, not a merged row
    try:
        header = next(reader, None)
    except csv.Error as e:
        raise BenchError(f"{path}:{reader.line_num}: {e}") from e
    if not header:
        raise BenchError(f"{path}:1: empty file, expected a CSV header or JSON lines")
    names = ", ".join(repr(h) for h in header)
    if text_column is not None and text_column not in header:
        raise BenchError(f"{path}:1: no column {text_column!r}; columns: {names}")
    column = text_column or next((c for c in TEXT_COLUMNS if c in header), None)
    if column is None:
        raise BenchError(f"{path}:1: no text column (tried {', '.join(TEXT_COLUMNS)}); pass --text-column; "
                         f"columns: {names}")  # fmt: skip
    idx = header.index(column)

    def rows() -> Iterator[Entry]:
        try:
            for row in reader:
                if row and len(row) <= idx:
                    raise BenchError(f"{path}:{reader.line_num}: {len(row)} fields, {column!r} is field {idx + 1}")
                if row:
                    yield "", row[idx]
        except csv.Error as e:
            raise BenchError(f"{path}:{reader.line_num}: {e}") from e

    return column, rows()


def worker(workload: Path, root: Path) -> None:
    """Worker process: imports the extractor from ``root``, then times passes asked for on stdin."""
    proto = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)  # anything the extractor prints goes to stderr, not into the protocol
    sets: dict[str, list[Entry]] = {k: [(t, b) for t, b in v] for k, v in json.loads(workload.read_text()).items()}
    t = time.perf_counter()
    import streams.extract as ex

    extract = ex.extract
    extract(*sets["main"][0])
    first_call = time.perf_counter() - t  # import and first call; later lazy set-up shows in the first pass
    where = Path(ex.__file__ or "?").resolve()
    if not where.is_relative_to(root.resolve()):
        raise SystemExit(f"bench worker: imported the extractor from {where}, not from {root}")
    print(json.dumps({"version": ex.EXTRACTOR_VERSION, "file": str(where), "first_call_s": first_call}), file=proto)
    for line in sys.stdin:
        cmd = json.loads(line)
        work, facts = sets[cmd["set"]], 0
        t = time.perf_counter()
        for _ in range(cmd["passes"]):
            for title, body in work:
                facts += len(extract(title, body))
        print(json.dumps({"s": time.perf_counter() - t, "facts": facts}), file=proto)


class Side:
    """One extractor (current tree or baseline) in its own worker process; ``start`` launches it."""

    def __init__(self, label: str, root: Path, rev: str) -> None:
        self.label, self.root, self.rev, self.hello = label, root, rev, dict[str, Any]()
        self._proc: subprocess.Popen[str] | None = None

    def start(self, workload: Path) -> None:
        argv = [sys.executable, str(SCRIPT), "--worker", str(workload), "--worker-root", str(self.root)]
        env = dict(os.environ, PYTHONPATH=str(self.root))  # the tree's own streams/ wins over the editable install
        self._proc = subprocess.Popen(argv, stdin=-1, stdout=-1, text=True, env=env, cwd=self.root)
        self.hello = self._ask(None)

    def _ask(self, cmd: dict[str, Any] | None) -> dict[str, Any]:
        p = self._proc
        assert p is not None and p.stdin is not None and p.stdout is not None, "start() first"
        if cmd is not None:
            p.stdin.write(json.dumps(cmd) + "\n")
            p.stdin.flush()
        line = p.stdout.readline()
        if not line:
            raise BenchError(f"{self.label} worker ({self.rev}, {self.root}) exited with code {p.wait()}; "
                             "its error is above")  # fmt: skip
        return dict(json.loads(line))

    def run(self, name: str, passes: int) -> tuple[float, int]:
        """Seconds and facts for ``passes`` passes over the named entry set."""
        r = self._ask({"set": name, "passes": passes})
        return float(r["s"]), int(r["facts"])

    def stop(self) -> None:
        if (p := self._proc) is not None:
            with suppress(subprocess.TimeoutExpired):
                p.communicate(timeout=2)  # closes stdin, which ends an idle worker
            p.kill()  # one still busy with a pass (stopped early); a no-op once it has exited
            p.wait()


def _git(*args: str) -> str:
    r = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True)
    if r.returncode:
        raise BenchError(f"git {' '.join(args)}: {r.stderr.strip() or 'failed'}")
    return r.stdout.strip()


def default_baseline() -> str:
    probe = ["git", "-C", str(ROOT), "rev-parse", "--verify", "-q", "origin/main^{commit}"]
    return "HEAD" if subprocess.run(probe, capture_output=True).returncode else "origin/main"


@contextmanager
def baseline_tree(rev: str) -> Iterator[tuple[Path, str]]:
    """A detached temporary worktree of ``rev`` and its short sha; removed on exit, error or not."""
    sha = _git("rev-parse", "--verify", "--short", f"{rev}^{{commit}}")
    tmp = Path(tempfile.mkdtemp(prefix="liveledger-bench-"))
    tree = tmp / "tree"
    try:
        _git("worktree", "add", "--detach", "--quiet", str(tree), sha)
        yield tree, sha
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], capture_output=True)
        shutil.rmtree(tmp, ignore_errors=True)
        subprocess.run(["git", "-C", str(ROOT), "worktree", "prune"], capture_output=True)


def _summary(xs: Sequence[float]) -> dict[str, float]:
    med = statistics.median(xs)
    return {"median": med, "min": min(xs), "max": max(xs), "spread_pct": 100 * (max(xs) - min(xs)) / med}


def measure(sides: list[Side], work: Workload, rounds: int, round_s: float) -> dict[str, Any]:
    """Alternating rounds of the same passes on every side; throughput per side and ratio per round."""
    first = {s.label: s.run("main", 1)[0] for s in sides}  # lazy set-up beyond the first call lands here
    passes = max(1, math.ceil(round_s / min(s.run("main", 1)[0] for s in sides)))
    times: dict[str, list[float]] = {s.label: [] for s in sides}
    facts: dict[str, int] = {}
    for i in range(rounds):
        for s in sides if i % 2 == 0 else sides[::-1]:
            t, facts[s.label] = s.run("main", passes)
            times[s.label].append(t)
    n, mb = len(work.entries) * passes, work.chars * passes / 1e6
    out: dict[str, Any] = {"rounds": rounds, "passes_per_round": passes, "sides": {}}
    for s in sides:
        ts = times[s.label]
        excess = max(0.0, first[s.label] - statistics.median(ts) / passes)  # first pass over a steady one
        out["sides"][s.label] = {
            "rev": s.rev, "extractor": s.hello["version"], "warmup_s": s.hello["first_call_s"] + excess,
            "first_call_s": s.hello["first_call_s"], "first_pass_excess_s": excess,
            "mb_s": _summary([mb / t for t in ts]), "entries_s": _summary([n / t for t in ts]),
            "facts_per_entry": facts[s.label] / n,
        }  # fmt: skip
    if len(sides) == 2:
        a, b = (times[s.label] for s in sides)
        out["ratio"] = _summary([tb / ta for ta, tb in zip(a, b, strict=True)])
    return out


def doubling(sides: list[Side], count: int, round_s: float, rounds: int = 4) -> dict[str, Any]:
    """Median time per entry with each text repeated 1x, 2x, 4x; median over rounds of the ratio per doubling."""
    passes = max(1, math.ceil(round_s / 3 / sides[0].run("x1", 1)[0]))
    times: dict[str, dict[int, list[float]]] = {s.label: {k: [] for k in FACTORS} for s in sides}
    for i in range(rounds):
        for s in sides if i % 2 == 0 else sides[::-1]:
            for k in FACTORS:
                times[s.label][k].append(s.run(f"x{k}", passes)[0])
    out: dict[str, Any] = {"entries": count, "passes": passes}
    for s in sides:
        ts = times[s.label]
        out[s.label] = {
            "us_per_entry": {f"{k}x": 1e6 * statistics.median(ts[k]) / (count * passes) for k in FACTORS},
            "ratio_per_doubling": {  # per round, so drift between rounds cancels
                f"{k}x/{k // 2}x": _summary([b / a for a, b in zip(ts[k // 2], ts[k], strict=True)])
                for k in FACTORS[1:]
            },
        }
    return out


def run(work: Workload, baseline: str | None, rounds: int, round_s: float, doubling_n: int) -> dict[str, Any]:
    subset = [t + "\n\n" + b if t else b for t, b in work.entries[:doubling_n]]
    sets = {"main": work.entries, **{f"x{k}": [("", "\n\n".join([x] * k)) for x in subset] for k in FACTORS}}
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="liveledger-bench-")))
        (tmp / "workload.json").write_text(json.dumps(sets), encoding="utf-8")
        sides = [Side("current", ROOT, "working tree")]
        if baseline:
            tree, sha = stack.enter_context(baseline_tree(baseline))
            sides.append(Side("baseline", tree, f"{baseline} = {sha}"))
        for s in sides:
            stack.callback(s.stop)
            s.start(tmp / "workload.json")
        out = measure(sides, work, rounds, round_s)
        out["linearity"] = doubling(sides, len(subset), round_s)
    return {"entries": {"source": work.source, "count": len(work.entries), "mb": work.chars / 1e6,
                        "skipped_no_text": work.skipped}, **out}  # fmt: skip


def report(r: dict[str, Any]) -> None:
    e = r["entries"]
    skipped = f", {e['skipped_no_text']} skipped (blank or retraction)" if e["skipped_no_text"] else ""
    print(f"entries: {e['source']}: {e['count']:,} entries, {e['mb']:.2f} MB{skipped}")
    print(f"{r['rounds']} rounds x {r['passes_per_round']} pass(es), order alternating; medians (min–max, spread)")
    for label, s in r["sides"].items():
        m, n = s["mb_s"], s["entries_s"]
        print(f"  {label:8} {s['rev']}, extractor {s['extractor']}: warm-up s {s['warmup_s']:.2f}; "
              f"{m['median']:.3f} MB/s ({m['min']:.3f}–{m['max']:.3f}, {m['spread_pct']:.0f}%), "
              f"{n['median']:,.0f} entries/s ({n['min']:,.0f}–{n['max']:,.0f}); "
              f"{s['facts_per_entry']:.2f} facts/entry")  # fmt: skip
    if "ratio" in r:
        q = r["ratio"]
        print(f"  ratio current/baseline throughput: {q['median']:.3f}x ({q['min']:.3f}–{q['max']:.3f}x, "
              f"spread {q['spread_pct']:.0f}%; >1 is faster)")  # fmt: skip
    lin = r["linearity"]
    print(f"linearity: {lin['entries']} entries, each text repeated 1x/2x/4x, {lin['passes']} pass(es); "
          "time per doubling 2.0 is linear, a fixed cost per entry pulls it lower")  # fmt: skip
    for label in r["sides"]:
        us, rat = lin[label]["us_per_entry"], lin[label]["ratio_per_doubling"]
        ratios = ", ".join(f"{k} {v['median']:.2f} ({v['min']:.2f}–{v['max']:.2f})" for k, v in rat.items())
        print(f"  {label:8} " + ", ".join(f"{k}: {v:,.0f} µs/entry" for k, v in us.items()) + "; " + ratios)


def profile(work: list[Entry]) -> None:
    import cProfile
    import pstats

    from streams.extract import extract

    for title, body in work:  # a whole pass: set-up that is lazy beyond the first call stays out too
        extract(title, body)
    prof = cProfile.Profile()
    prof.enable()
    for title, body in work:
        extract(title, body)
    prof.disable()
    pstats.Stats(prof).sort_stats("tottime").print_stats(25)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument(
        "--entries", type=Path, metavar="FILE", help="JSON-lines or CSV file of entries (default: the sample live blog)"
    )
    ap.add_argument(
        "--text-column", metavar="NAME", help=f"CSV column with the text (default: first of {', '.join(TEXT_COLUMNS)})"
    )
    ap.add_argument("--limit", type=int, metavar="N", help="measure only the first N non-blank entries")
    base_help = "git revision to compare with (default origin/main if it exists, else HEAD; 'none' to skip)"
    ap.add_argument("--baseline", metavar="REV", help=base_help)
    ap.add_argument("--rounds", type=int, default=6, help="timed rounds per side")
    ap.add_argument("--round-seconds", type=float, default=1.0, help="minimum length of one round")
    ap.add_argument("--doubling-entries", type=int, default=200, help="entries in the doubling test")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    ap.add_argument("--profile", action="store_true", help="print a cProfile of the current extractor instead")
    ap.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--worker-root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        worker(args.worker, args.worker_root)
        return 0
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so the temporary worktree is removed
    try:
        if min(1 if args.limit is None else args.limit, args.rounds, args.doubling_entries) < 1:
            raise BenchError("--limit, --rounds and --doubling-entries must be at least 1")
        work = load_entries(args.entries or SAMPLE, args.text_column, args.limit)
        if not work.entries:
            raise BenchError(f"{work.source}: no non-blank entries to measure")
        if args.profile:
            profile(work.entries)
            return 0
        baseline = None if args.baseline == "none" else args.baseline or default_baseline()
        result = run(work, baseline, args.rounds, args.round_seconds, args.doubling_entries)
    except BenchError as e:
        print(f"bench_extract: {e}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        report(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
