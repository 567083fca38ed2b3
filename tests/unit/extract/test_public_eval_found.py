"""The region and country of the figure that carries a row's coded count, in ``liveledger eval``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from schemas.facts import Fact
from streams.extract.public_eval import evaluate_public, read_rows

PITF = (
    ",Country,Region,Deaths.Number,Description\n"
    '1,NGA,Borno State,12,"Across the country 40 died; in Borno gunmen killed 12 farmers."\n'
    '2,NGA,Borno State,5,"Raiders killed 5 traders, police said."\n'
    '3,NGA,Borno State,7,"Nothing here states the coded count."\n'
)


def _fake(answers: dict[str, list[Fact]]) -> object:
    def run(title: str, body: str) -> Sequence[Fact]:
        return next((v for k, v in answers.items() if k in body), [])

    return run


def test_found_figure_scores_only_the_figure_carrying_the_coded_count(tmp_path: Path) -> None:
    p = tmp_path / "pitf.csv"
    p.write_text(PITF, encoding="utf-8")
    answers = {
        "farmers": [
            Fact(metric="killed", best=40, country="NG"),  # a national total: no region, not the row's event
            Fact(metric="killed", best=12, region_code="NG-BO", country="NG"),
        ],
        "traders": [Fact(metric="killed", best=5, region_code="NG-YO", country="NG")],
    }
    res = evaluate_public(list(read_rows(p, "pitf")), _fake(answers))  # type: ignore[arg-type]
    assert (res.region.correct, res.region.total) == (1, 3)  # every fact is scored there
    assert (res.found_region.correct, res.found_region.total) == (1, 2)  # only the carriers of 12 and 5
    assert res.found_region.wrong == {"NG-BO<-NG-YO": 1}
    assert (res.found_country.correct, res.found_country.total) == (2, 2)
    assert "region of the figure carrying the coded count: 0.500 (1/2)" in res.report()
