"""A killing coordinated after another thing done to the victims (``streams.extract.asides``).

"were caught in the crossfire and killed", "were tortured and then executed": the
fate is the last verb of the chain. Sentences are written for these tests; none
is copied from any source. Each is checked as written and lowercased and tokenised.
"""

from __future__ import annotations

import pytest

from tests.unit.extract.helpers import both_tokenised, facts_of


@pytest.mark.parametrize(
    ("text", "want"),
    [
        *[(t, 11) for t in both_tokenised("Eleven herders were caught in the crossfire and killed near Gao.")],
        *[(t, 6) for t in both_tokenised("Six men were tortured and then executed by the militia.")],
        *[(t, 9) for t in both_tokenised("Nine villagers were rounded up and shot dead by soldiers.")],
    ],
)
def test_the_last_verb_of_the_chain_is_the_fate(text: str, want: int) -> None:
    assert [f.best for f in facts_of(text, "killed")] == [want]


@pytest.mark.parametrize(
    "text",
    [
        *both_tokenised("Twelve players were booked and sent off in the final."),
        *both_tokenised("Three workers were sacked and replaced by contractors at the plant."),
        *both_tokenised("Two managers were criticised and then fired by the board."),
        *both_tokenised("Four strikers were praised and then dropped for the cup tie."),
    ],
)
def test_chains_without_a_killing_give_no_fact(text: str) -> None:
    assert facts_of(text) == []
