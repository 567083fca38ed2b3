"""A decision, vote or coalition about air strikes is policy, not a strike (our own sentences)."""

from __future__ import annotations

import pytest

from streams.extract import extract


@pytest.mark.parametrize(
    "text",
    [
        "MPs will debate whether the country should join air strikes against the militants.",
        "if we decided to join air strikes in the region , would the house back it ?",
        "The parliament voted to authorise air strikes last year.",
        "The cabinet approved strikes on the group's camps in principle.",
    ],
)
def test_policy_about_strikes_is_no_strike(text: str) -> None:
    assert [f for f in extract("", text) if f.metric == "strikes"] == []


def test_a_strike_that_happened_is_still_one() -> None:
    facts = extract("", "Coalition jets carried out air strikes on Raqqa overnight, the monitor said.")
    assert [f.metric for f in facts].count("strikes") == 1
