"""The claimant comparison stays honest for this session's longer claimants.

A role that holds a body ("a representative from the aviation authority Lin Zhi
Ming") is the person, never the body; a body named with "of the" is not a
shorter body it contains; a person found as a sentence's subject is not another
holder of the same title.
"""

from __future__ import annotations

from schemas.facts import Fact
from streams.extract import extract_text
from streams.extract.claimants import claimant_ids
from streams.extract.evaluate import same_claimant


def _facts(*mentions: str) -> list[Fact]:
    ids = claimant_ids(list(mentions), [])
    return [Fact(metric="killed", best=3, qualifier="exact", claimant=m, claimant_id=ids[m]) for m in mentions]


def test_a_role_from_a_body_is_the_person_not_the_body() -> None:
    (p,) = _facts("representative from the civil aviation authority Lin Zhi Ming")
    assert same_claimant(p, "Lin Zhi Ming", [p])
    assert not same_claimant(p, "civil aviation authority", [p])
    assert not same_claimant(p, "Lin Hao", [p])


def test_a_body_of_the_x_is_not_another_body() -> None:
    (p,) = _facts("undersecretary for the ministry of the interior")
    assert not same_claimant(p, "ministry of the interior", [p])
    (q,) = _facts("the International Committee of the Red Cross")
    assert same_claimant(q, "international committee of the red cross", [q])
    assert not same_claimant(q, "the Red Crescent", [q])


def test_a_subject_found_for_he_is_not_the_other_titled_person() -> None:
    text = (
        "Governor Lin Tao says the roads are closed. Mayor Ben Ade shows the flooded square. "
        "He says 6 people have died."
    )
    facts = [f for f in extract_text(text) if f.metric == "killed"]
    (p,) = facts
    assert same_claimant(p, "Ben Ade", facts)
    assert same_claimant(p, "the mayor", facts)
    assert not same_claimant(p, "Lin Tao", facts)
    assert not same_claimant(p, "the governor", facts)
