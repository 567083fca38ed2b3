"""One writer per blog chain: racing publishers append each entry once, linked to the true head.

Four ``liveledger publish`` processes and the worker's HTTP API race on one blog, each with new
entries and with entries the others also send. Real broker, real processes, loopback only.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import threading
import urllib.request
from collections import Counter
from pathlib import Path

import orjson
import pytest
from pydantic import SecretStr

from liveledger.settings import Settings
from replay.chain import verify_chain
from replay.source import read_log
from tests.support.worker import WorkerProcess, settings_env

pytestmark = [pytest.mark.kafka, pytest.mark.slow]

BLOG = "race-blog"
PER_WRITER = 500
TOKEN = "race-token"


def _entry(i: int) -> bytes:
    return orjson.dumps({"entry_id": f"r{i:05d}", "blog_id": BLOG, "body": f"Update {i}: two people were hurt."})


def _post(url: str, lines: list[bytes], out: list[int]) -> None:
    for start in range(0, len(lines), 100):
        body = b"[" + b",".join(lines[start : start + 100]) + b"]"
        req = urllib.request.Request(f"{url}/api/v1/entries", data=body, method="POST")
        req.add_header("Authorization", f"Bearer {TOKEN}")
        req.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(req, timeout=120) as resp:
            out.append(orjson.loads(resp.read())["published"])


def test_racing_publishers_append_each_entry_once(settings: Settings, tmp_path: Path) -> None:
    guarded = settings.model_copy(update={"api_token": SecretStr(TOKEN)})
    writers = 5  # four CLI processes and the HTTP API
    # writer k sends its own 500 entries, then the 500 of writer k+1 (which that one races to send)
    own = [[_entry(k * PER_WRITER + i) for i in range(PER_WRITER)] for k in range(writers)]
    plans = [own[k] + own[(k + 1) % writers] for k in range(writers)]

    with WorkerProcess(guarded, tmp_path / "worker.log") as w:
        w.wait_ready()
        files = []
        for k in range(4):
            f = tmp_path / f"writer{k}.jsonl"
            f.write_bytes(b"\n".join(plans[k]) + b"\n")
            files.append(f)
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "liveledger.cli.main", "publish", "--json", str(f)],
                env=settings_env(guarded),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            for f in files
        ]
        posted: list[int] = []
        http = threading.Thread(target=_post, args=(w.url, plans[4], posted))
        http.start()
        outs = [p.communicate(timeout=300) for p in procs]
        http.join(300)
        assert not http.is_alive()
    for p, (_, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err.decode()[-3000:]
    summaries = [orjson.loads(out) for out, _ in outs]
    published = sum(s["published"] for s in summaries) + sum(posted)
    assert published == writers * PER_WRITER, (summaries, posted)

    records = asyncio.run(read_log(guarded))
    per_entry = Counter(r.envelope.entry_id for r in records if r.envelope is not None)
    assert len(per_entry) == writers * PER_WRITER
    assert set(per_entry.values()) == {1}, [e for e, n in per_entry.items() if n > 1][:10]
    report = verify_chain(records)
    assert report.ok, report.problems[:5]
    assert report.blogs[BLOG]["events"] == writers * PER_WRITER
