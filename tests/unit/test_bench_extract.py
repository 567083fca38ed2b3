"""``bench/bench_extract.py``: reading entries files, errors that name the place, and one real A/B run."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from schemas.facts import entry_text

ROOT = Path(__file__).resolve().parents[2]


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_extract", ROOT / "bench" / "bench_extract.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


bench = _load()


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    p = tmp_path / name
    if isinstance(data, bytes):
        p.write_bytes(data)
    else:
        p.write_text(data, encoding="utf-8")
    return p


def test_jsonl_publish_format_text_field_blank_and_retraction(tmp_path: Path) -> None:
    lines = [
        {"entry_id": "a", "title": "Kharkiv", "body": "Three people were killed."},
        {"text": "Only text here."},
        {"title": "", "body": "  "},
        {"type": "retraction", "entry_id": "a", "reason": "duplicate"},
        {"type": "correction", "entry_id": "a", "title": "Kharkiv", "body": "Four people were killed."},
    ]
    p = write(tmp_path, "e.jsonl", "\n".join(json.dumps(d) for d in lines) + "\n\n")
    w = bench.load_entries(p)
    assert w.entries == [
        ("Kharkiv", "Three people were killed."),
        ("", "Only text here."),
        ("Kharkiv", "Four people were killed."),
    ]
    assert w.skipped == 2
    assert w.chars == sum(len(entry_text(t, b)) for t, b in w.entries)
    assert bench.load_entries(p, limit=2).entries == w.entries[:2]


def test_csv_default_column_order_and_multiline_fields(tmp_path: Path) -> None:
    p = write(tmp_path, "a.csv", 'id,description,notes\n1,"d1","first\nnote"\n2,d2,\n3,d3,third\n')
    w = bench.load_entries(p)
    assert w.entries == [("", "first\nnote"), ("", "third")]
    assert w.skipped == 1
    assert "'notes'" in w.source
    assert bench.load_entries(p, text_column="description").entries == [("", "d1"), ("", "d2"), ("", "d3")]
    assert bench.load_entries(p, limit=1).entries == [("", "first\nnote")]


def test_the_sample_blog_loads() -> None:
    w = bench.load_entries(bench.SAMPLE)
    assert len(w.entries) > 20 and w.skipped >= 1  # the sample has a retraction


@pytest.mark.parametrize(
    ("name", "data", "kwargs", "message"),
    [
        ("bad.jsonl", '{"title": "a", "body": "b"}\n{"title": \n', {}, "bad.jsonl:2:11: not JSON"),
        ("bad.jsonl", '{"title": "a"}\n[1, 2]\n', {}, "bad.jsonl:2: expected a JSON object"),
        ("bad.jsonl", '{"entry_id": "x"}\n', {}, "bad.jsonl:1: no 'title', 'body' or 'text' field"),
        ("bad.jsonl", '{"title": 3}\n', {}, "bad.jsonl:1: 'title', 'body' and 'text' must be strings"),
        ("bad.jsonl", '{"title": "a"}\n', {"text_column": "notes"}, "applies to CSV files"),
        ("bad.csv", "a,b\n1,2\n", {}, "bad.csv:1: no text column"),
        ("bad.csv", "a,notes\n1,2\n", {"text_column": "zz"}, "bad.csv:1: no column 'zz'; columns: 'a', 'notes'"),
        ("bad.csv", 'a,notes\n1,"x\n2\n', {}, "bad.csv:"),
        ("bad.csv", "a,notes\n1,x\n2\n", {}, "bad.csv:3: 1 fields, 'notes' is field 2"),
        ("bad.csv", b"notes\nok\nabc\xff\n", {}, "bad.csv:3:4: not UTF-8"),
        ("bad.csv", "", {}, "bad.csv:1: empty file"),
    ],
)
def test_unreadable_files_name_the_file_and_line(
    tmp_path: Path, name: str, data: str | bytes, kwargs: dict[str, str], message: str
) -> None:
    p = write(tmp_path, name, data)
    with pytest.raises(bench.BenchError, match="^" + re.escape(str(tmp_path))) as e:
        bench.load_entries(p, **kwargs)
    assert message in str(e.value)


def test_cli_errors_exit_2_with_the_reason(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert bench.main(["--entries", str(tmp_path / "3000")]) == 2
    assert "not a count" in capsys.readouterr().err
    assert bench.main(["--limit", "0"]) == 2
    p = write(tmp_path, "blank.jsonl", '{"title": "", "body": ""}\n')
    assert bench.main(["--entries", str(p), "--baseline", "none"]) == 2
    assert "no non-blank entries" in capsys.readouterr().err


def _worktrees() -> list[str]:
    """The bench's own temporary worktrees; others (other engineers' checkouts) come and go meanwhile."""
    out = subprocess.run(["git", "-C", str(ROOT), "worktree", "list"], capture_output=True, text=True).stdout
    return [line for line in out.splitlines() if "liveledger-bench-" in line]


@pytest.mark.slow
def test_side_by_side_run_against_head_reports_json_and_removes_the_worktree(tmp_path: Path) -> None:
    p = write(tmp_path, "e.jsonl", json.dumps({"title": "Kharkiv", "body": "Three people were killed."}) + "\n")
    before = _worktrees()
    args = ["--entries", str(p), "--baseline", "HEAD", "--rounds", "2", "--round-seconds", "0.02", "--json"]
    r = subprocess.run([sys.executable, str(ROOT / "bench" / "bench_extract.py"), *args],
                       capture_output=True, text=True, timeout=240)  # fmt: skip
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert set(out["sides"]) == {"current", "baseline"}
    assert out["sides"]["baseline"]["rev"].startswith("HEAD = ")
    assert out["ratio"]["median"] > 0
    assert all(s["warmup_s"] >= s["first_call_s"] > 0 for s in out["sides"].values())
    assert set(out["linearity"]["current"]["ratio_per_doubling"]) == {"2x/1x", "4x/2x"}
    assert _worktrees() == before
