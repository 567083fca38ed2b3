"""The evaluator counts a claimant right when it is the label's source: same words or same canonical id."""

from __future__ import annotations

from typing import Any

from schemas.facts import Fact
from streams.extract.evaluate import evaluate, same_claimant


def _fact(claimant: str | None, claimant_id: str | None, country: str | None = None) -> Fact:
    return Fact(metric="killed", best=3, qualifier="exact", claimant=claimant, claimant_id=claimant_id, country=country)


def test_a_label_without_the_title_is_the_same_person() -> None:
    p = _fact("interior minister Oksana Brel", "oksana brel")
    assert same_claimant(p, "oksana brel", [p])
    assert same_claimant(p, "Oksana Brel", [p])


def test_another_person_or_no_claimant_is_wrong() -> None:
    p = _fact("interior minister Oksana Brel", "oksana brel")
    assert not same_claimant(p, "Taras Hlib", [p])
    assert not same_claimant(p, None, [p])
    assert not same_claimant(_fact(None, None), "oksana brel", [])


def test_a_body_named_with_its_country_is_the_unqualified_label() -> None:
    p = _fact("the Moldovan border police", "md:border police", "MD")
    assert same_claimant(p, "border police", [p])
    assert not same_claimant(p, "health ministry", [p])


def test_evaluate_uses_the_id_and_still_fails_a_wrong_source() -> None:
    def extractor(title: str, body: str) -> list[Fact]:
        return [_fact("regional governor Petro Vasko", "petro vasko")]

    gold: list[dict[str, Any]] = [{"metric": "killed", "best": 3, "claimant": "petro vasko"}]
    wrong: list[dict[str, Any]] = [{"metric": "killed", "best": 3, "claimant": "the army"}]
    right = evaluate([{"entry_id": "a", "title": "", "body": "x", "facts": gold}], extractor)
    other = evaluate([{"entry_id": "b", "title": "", "body": "x", "facts": wrong}], extractor)
    assert (right.claimant.correct, right.claimant.total) == (1, 1)
    assert (other.claimant.correct, other.claimant.total) == (0, 1)
