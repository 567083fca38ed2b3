"""The evaluation: matching rule, scores, and the score on the labelled corpus."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from schemas.facts import Fact
from streams.extract.evaluate import evaluate, load_corpus, main, norm_claimant

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "extraction.jsonl"

#: Just under the scores measured when this test was written (see the final report).
MIN_OVERALL_F1 = 0.95  # measured 0.958 (2026.11.2)
MIN_REGION_ACCURACY = 0.92  # measured 0.928
MIN_CLAIMANT_ACCURACY = 0.82  # measured 0.827
MIN_RELAY_ACCURACY = 0.965  # measured 0.975


def _gold(metric: str, best: int, **kw: object) -> dict[str, object]:
    return {"metric": metric, "low": None, "best": best, "high": None, **kw}


def _fake(facts: list[Fact]) -> object:
    def run(title: str, body: str) -> Sequence[Fact]:
        return facts

    return run


def test_matching_is_one_to_one_on_metric_and_bounds() -> None:
    entries = [
        {
            "entry_id": "e1",
            "title": "",
            "body": "",
            "facts": [
                _gold("killed", 3, region_code="UA-63", claimant="The Governor", relay=None),
                _gold("killed", 3, region_code="UA-63", claimant=None, relay=None),
                _gold("injured", 5, region_code=None, claimant=None, relay="TASS"),
            ],
        }
    ]
    pred = [
        Fact(metric="killed", best=3, region_code="UA-63", claimant="governor"),
        Fact(metric="injured", best=6),
        Fact(metric="strikes", best=1),
    ]
    r = evaluate(entries, _fake(pred))  # type: ignore[arg-type]
    assert (r.per_metric["killed"].tp, r.per_metric["killed"].fn) == (1, 1)
    assert (r.per_metric["injured"].fp, r.per_metric["injured"].fn) == (1, 1)
    assert r.per_metric["strikes"].fp == 1
    assert (r.overall.tp, r.overall.fp, r.overall.fn) == (1, 2, 2)
    assert r.overall.precision == pytest.approx(1 / 3)
    assert r.overall.recall == pytest.approx(1 / 3)
    assert (r.region.correct, r.region.total) == (1, 1)
    assert (r.claimant.correct, r.claimant.total) == (1, 1)


def test_norm_claimant() -> None:
    assert norm_claimant("  The  Russian   Defence ministry ") == "russian defence ministry"
    assert norm_claimant(None) is None


def test_main_prints_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "c.jsonl"
    line = {"entry_id": "x", "title": "", "body": "Four people were killed in Kharkiv.", "facts": [_gold("killed", 4)]}
    p.write_text(json.dumps(line) + "\n", encoding="utf-8")
    assert main([str(p)]) == 0
    out = capsys.readouterr().out
    assert "overall" in out and "1.000" in out


def test_main_reports_a_missing_file(tmp_path: Path) -> None:
    assert main([str(tmp_path / "nope.jsonl")]) == 2


@pytest.mark.skipif(not CORPUS.exists(), reason="labelled corpus not present")
def test_corpus_scores_stay_above_threshold() -> None:
    r = evaluate(load_corpus(CORPUS))
    assert r.overall.f1 >= MIN_OVERALL_F1, r.report()
    assert r.region.value >= MIN_REGION_ACCURACY, r.report()
    assert r.claimant.value >= MIN_CLAIMANT_ACCURACY, r.report()
    assert r.relay.value >= MIN_RELAY_ACCURACY, r.report()
