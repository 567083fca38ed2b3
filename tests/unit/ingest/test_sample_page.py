"""The sample blog as a LiveBlogPosting page reads back as the blog's final state, with its times."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import orjson

from streams.ingest import parse_source

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "liveledger" / "data"


def final_state() -> dict[str, dict[str, object]]:
    """ukraine-live after its correction, retraction and duplicate line, from the JSON-lines sample."""
    out: dict[str, dict[str, object]] = {}
    for raw in (DATA / "sample_liveblog.jsonl").read_bytes().splitlines():
        line = orjson.loads(raw)
        if line["blog_id"] != "ukraine-live":
            continue
        if line.get("type") == "retraction":
            del out[line["entry_id"]]
        else:
            out[line["entry_id"]] = line
    return out


def test_the_page_is_current() -> None:
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen_sample_page.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr


def test_the_page_reads_back_as_the_sample_blog() -> None:
    parsed = parse_source((DATA / "sample_liveblog.html").read_bytes())
    assert parsed.skipped == []
    want = final_state()
    got = {str(r.request["source_url"]).rsplit("#", 1)[1]: r.request for r in parsed.records}
    assert sorted(got) == sorted(want) and len(got) == 40  # 41 posts, one retracted
    for eid, line in want.items():
        req = got[eid]
        assert (req["title"], req["body"]) == (line.get("title", ""), line["body"]), eid
        occurred = str(line["occurred_at"]).replace("Z", ".000000Z")
        assert req["occurred_at"] == occurred, eid
        assert str(req["source_published_at"]) > occurred, "posted after it happened"
    assert "source_updated_at" in got["e11"] and got["e11"]["body"] == want["e11"]["body"]  # the corrected text
    assert "six" in str(got["e11"]["body"]).lower()
