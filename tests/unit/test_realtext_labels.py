"""``bench/realtext/labels.py``: a labelled public sample survives without its text, and comes back whole."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("realtext_labels", ROOT / "bench" / "realtext" / "labels.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


labels = _load()

# A blog in LiveBlogSummary's layout, in our own words.
BLOG = {
    "blog_id": "b1",
    "documents": [
        {
            "block_id": "k1",
            "title": "flooding in the valley",
            "text": ["rain fell all night .", "two people drowned , police said ."],
        },
        {"block_id": "k2", "title": "", "text": ["the match ended 3-1 ."]},
    ],
}


def _fact(evidence: str) -> dict[str, object]:
    nulls = dict.fromkeys(
        ("low", "high", "per", "place", "region_code", "country", "relay", "weapon", "target", "actor")
    )
    return {**nulls, "metric": "killed", "best": 2, "qualifier": "exact", "cumulative": False,
            "subject": "people", "claimant": "police", "evidence": evidence}  # fmt: skip


@pytest.fixture
def data(tmp_path: Path) -> Path:
    root = tmp_path / "label_data"
    (root / "guardian_label" / "train").mkdir(parents=True)
    (root / "guardian_label" / "train" / "b1.json").write_text(json.dumps(BLOG), encoding="utf-8")
    return root


def _sample(tmp_path: Path) -> Path:
    title, body = labels.post_text(BLOG, "k1", "test")
    rec = {"entry_id": "t-1", "source": "guardian_label/train/b1.json", "block_id": "k1",
           "title": title, "body": body, "facts": [_fact("two people drowned")]}  # fmt: skip
    path = tmp_path / "sample.jsonl"
    path.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    return path


def test_strip_keeps_no_text_and_join_brings_it_back(tmp_path: Path, data: Path) -> None:
    sample, stripped, joined = _sample(tmp_path), tmp_path / "labels.jsonl", tmp_path / "joined.jsonl"
    assert labels.main(["strip", str(sample), str(stripped)]) == 0
    kept = stripped.read_text(encoding="utf-8")
    assert "drowned" not in kept and "rain fell" not in kept
    rec = json.loads(kept)
    assert rec["facts"][0]["evidence_in"] == "body" and "evidence" not in rec["facts"][0]
    assert labels.main(["join", str(stripped), str(joined), "--data", str(data)]) == 0
    assert json.loads(joined.read_text(encoding="utf-8")) == json.loads(sample.read_text(encoding="utf-8"))


def test_join_refuses_a_changed_post_naming_the_line(
    tmp_path: Path, data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stripped = tmp_path / "labels.jsonl"
    assert labels.main(["strip", str(_sample(tmp_path)), str(stripped)]) == 0
    changed = json.loads(json.dumps(BLOG))
    changed["documents"][0]["text"][1] = "three people drowned , police said ."
    (data / "guardian_label" / "train" / "b1.json").write_text(json.dumps(changed), encoding="utf-8")
    assert labels.main(["join", str(stripped), str(tmp_path / "out.jsonl"), "--data", str(data)]) == 1
    err = capsys.readouterr().err
    assert f"{stripped}:1" in err and "not the text that was labelled" in err


def test_join_names_a_missing_blog_and_how_to_get_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stripped = tmp_path / "labels.jsonl"
    assert labels.main(["strip", str(_sample(tmp_path)), str(stripped)]) == 0
    assert labels.main(["join", str(stripped), str(tmp_path / "out.jsonl"), "--data", str(tmp_path / "none")]) == 1
    assert "scripts/realdata" in capsys.readouterr().err


def test_strip_refuses_evidence_not_in_the_post(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _sample(tmp_path)
    rec = json.loads(path.read_text(encoding="utf-8"))
    rec["facts"][0]["evidence"] = "nine people drowned"
    path.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    assert labels.main(["strip", str(path), str(tmp_path / "labels.jsonl")]) == 1
    assert "fact 0: evidence is in neither" in capsys.readouterr().err
