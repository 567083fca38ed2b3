"""The evaluator's claimant comparison is honest: equal only when label and prediction are one source.

Ids make variants of one source equal ("governor Vasko" and "Petro Vasko"); these
tests pin the other side: a body and its officials, two countries' forces, two
people of one surname, and a title two people hold are never made equal.
"""

from __future__ import annotations

from schemas.facts import Fact
from streams.extract.claimants import claimant_ids
from streams.extract.evaluate import same_claimant


def _facts(*mentions: str, country: str | None = None) -> list[Fact]:
    ids = claimant_ids(list(mentions), [country])
    return [
        Fact(metric="killed", best=3, qualifier="exact", claimant=m, claimant_id=ids[m], country=country)
        for m in mentions
    ]


def test_a_body_is_not_its_officials() -> None:
    (p,) = _facts("police officials")
    assert not same_claimant(p, "police", [p])
    (q,) = _facts("the Ruritanian military")
    assert not same_claimant(q, "Ruritanian military officials", [q])
    ids = claimant_ids(["police officials", "police"], [])
    assert ids["police"] != ids["police officials"]


def test_two_countries_forces_are_two_sources() -> None:
    p, q = _facts("Ukraine's air force", "Russia's air force")
    assert not same_claimant(p, "Russia's air force", [p, q])
    assert same_claimant(p, "the Ukrainian air force", [p, q])


def test_a_surname_two_people_share_is_neither() -> None:
    p, q = _facts("governor Ivan Fedorov", "mayor Anna Fedorov")
    assert not same_claimant(p, "Fedorov", [p, q])
    assert not same_claimant(q, "Fedorov", [p, q])
    assert same_claimant(p, "Ivan Fedorov", [p, q])


def test_a_title_resolves_only_to_its_one_holder() -> None:
    (p,) = _facts("regional governor Ivan Fedorov")
    assert same_claimant(p, "the governor", [p])
    p, q = _facts("governor Ivan Fedorov", "governor Oleh Kiper")
    assert not same_claimant(p, "the governor", [p, q])


def test_an_outlet_or_nothing_is_not_a_claimant() -> None:
    (p,) = _facts("health ministry", country="PS")
    assert not same_claimant(p, "Reuters", [p])
    assert not same_claimant(p, None, [p])
    assert not same_claimant(p, "", [p])
