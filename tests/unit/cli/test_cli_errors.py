"""Every CLI error is one line on stderr and an exit code, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def _run(*args: str, env: dict[str, str] | None = None, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "liveledger.cli.main", *args],
        input=stdin,
        capture_output=True,
        env={**os.environ, **(env or {})},
        timeout=60,
        check=False,
    )


def _one_line_error(proc: subprocess.CompletedProcess[bytes]) -> str:
    err = proc.stderr.decode()
    assert proc.returncode == 2, (proc.returncode, err)
    assert "Traceback" not in err, err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ")
    return lines[0]


def test_an_unknown_view_is_one_line() -> None:
    line = _one_line_error(_run("views", "bogus"))
    assert "unknown view 'bogus'" in line and "casualties" in line


def test_a_bad_setting_names_the_variable() -> None:
    line = _one_line_error(_run("views", "casualties", env={"LIVELEDGER_TOPIC_PARTITIONS": "zero"}))
    assert "LIVELEDGER_TOPIC_PARTITIONS" in line


def test_an_unreadable_input_file_is_one_line(tmp_path: Path) -> None:
    line = _one_line_error(_run("publish", str(tmp_path / "missing.jsonl")))
    assert "missing.jsonl" in line
