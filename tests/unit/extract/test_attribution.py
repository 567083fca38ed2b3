"""Claimant and relay."""

from __future__ import annotations

import pytest

from .helpers import one


@pytest.mark.parametrize(
    ("text", "claimant", "relay"),
    [
        ("Three people were killed, the governor said.", "governor", None),
        ("According to the Russian defence ministry, 5 people were killed.", "Russian defence ministry", None),
        ("TASS cited the Russian defence ministry as saying 5 people were killed.", "Russian defence ministry", "TASS"),
        (
            "Reuters quoted an unnamed South Korean official as saying 5 people were killed.",
            "South Korean official",
            "Reuters",
        ),
        ("A senior military officer told Reuters that 5 people were killed.", "senior military officer", "Reuters"),
        (
            "US secretary of state Antony Blinken said 5 people were killed.",
            "US secretary of state Antony Blinken",
            None,
        ),
        ("Pentagon spokesperson said 5 people were killed.", "Pentagon spokesperson", None),
        (
            "5 people were killed, the regional governor, Oleh Syniehubov, said.",
            "regional governor Oleh Syniehubov",
            None,
        ),
        ("5 killed in city strike, says local governor", "local governor", None),
        ("at least 5 people were killed , police said .", "police", None),
        ("Interfax reported, citing emergency services, that 5 people were killed.", "emergency services", "Interfax"),
        # an outlet naming no source of its own makes the claim itself: the claimant, with no relay
        ("Five people were killed, according to AP.", "AP", None),
        ("Rescuers pulled out 12 bodies, Reuters reported.", "Reuters", None),
    ],
)
def test_attribution(text: str, claimant: str | None, relay: str | None) -> None:
    f = one(text, "killed")
    assert (f.claimant, f.relay) == (claimant, relay)


def test_pronoun_takes_the_last_named_claimant() -> None:
    text = "The mayor said the city was in mourning. She said 4 people were killed."
    assert one(text, "killed").claimant == "mayor"
