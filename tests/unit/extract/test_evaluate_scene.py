"""The second region score, against the incident's place that the whole post makes clear."""

from __future__ import annotations

from collections.abc import Sequence

from schemas.facts import Fact
from streams.extract.evaluate import evaluate


def _run(pred: list[Fact]) -> object:
    def run(title: str, body: str) -> Sequence[Fact]:
        return pred

    return run


def _gold(best: int, region: str | None, **kw: object) -> dict[str, object]:
    return {"metric": "killed", "low": None, "best": best, "high": None, "region_code": region, **kw}


def test_scene_is_scored_apart_from_the_own_sentence_region() -> None:
    entries = [
        {
            "entry_id": "s1",
            "title": "",
            "body": "",
            "facts": [
                # its sentence names no place, but the post is about one town in Kharkiv oblast
                _gold(4, None, scene_region_code="UA-63"),
                _gold(2, "UA-63", scene_region_code="UA-63"),
            ],
        }
    ]
    pred = [Fact(metric="killed", best=4, region_code="UA-63"), Fact(metric="killed", best=2, region_code="UA-63")]
    r = evaluate(entries, _run(pred))  # type: ignore[arg-type]
    assert (r.region.correct, r.region.total) == (1, 2)
    assert (r.scene.correct, r.scene.total) == (2, 2)
    assert "scene region accuracy: 1.000 (2/2)" in r.report()


def test_labels_without_scene_keys_report_no_scene_line() -> None:
    entries = [{"entry_id": "s2", "title": "", "body": "", "facts": [_gold(4, None)]}]
    r = evaluate(entries, _run([Fact(metric="killed", best=4, region_code="UA-63")]))  # type: ignore[arg-type]
    assert (r.scene.correct, r.scene.total) == (0, 0)
    assert (r.region.correct, r.region.total) == (0, 1)
    assert "scene" not in r.report()
