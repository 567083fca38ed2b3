"""``liveledger extract`` is an external contract: one flat fact per line, fields in a fixed order."""

from __future__ import annotations

import subprocess
import sys

import orjson

from schemas.facts import FLAT_FIELDS, entry_text

ENTRIES = [
    {
        "entry_id": "a1",
        "blog_id": "b",
        "title": "Kharkiv strike",
        "body": "At least three people were killed and 36 injured in a guided bomb strike on Kharkiv, "
        "the regional governor said.",
    },
    {"entry_id": "a2", "blog_id": "b", "title": "", "body": "Welcome to our live coverage of the war."},
    {"type": "retraction", "entry_id": "a1", "blog_id": "b", "reason": "duplicate"},
]


def run(stdin: bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "liveledger.cli.main", "extract", "-"],
        input=stdin,
        capture_output=True,
        timeout=120,
        check=False,
    )


def test_one_flat_fact_per_line_in_contract_order() -> None:
    result = run(b"\n".join(orjson.dumps(e) for e in ENTRIES))
    assert result.returncode == 0, result.stderr
    facts = [orjson.loads(line) for line in result.stdout.splitlines()]
    assert facts, "the Kharkiv entry has figures"
    assert all(tuple(f) == FLAT_FIELDS for f in facts)
    assert {f["entry_id"] for f in facts} == {"a1"}, "boilerplate has no figures; retractions are skipped"
    text = entry_text(ENTRIES[0]["title"], ENTRIES[0]["body"])
    by_metric = {f["metric"]: f for f in facts}
    assert (by_metric["killed"]["low"], by_metric["killed"]["qualifier"]) == (3, "at_least")
    assert by_metric["injured"]["best"] == 36
    for f in facts:
        start, end = f["span"]
        assert 0 <= start < end <= len(text)
    assert "36" in text[by_metric["injured"]["span"][0] : by_metric["injured"]["span"][1]]
    assert by_metric["killed"]["region_code"] == "UA-63"


def test_bad_lines_are_named_and_the_rest_still_extracted() -> None:
    result = run(b"{oops\n" + orjson.dumps(ENTRIES[0]) + b"\n[1]\n")
    assert result.returncode == 1
    assert b"line 1: not valid JSON" in result.stderr and b"line 3: expected an object" in result.stderr
    assert len(result.stdout.splitlines()) >= 2
