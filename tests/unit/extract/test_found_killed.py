"""Bodies found killed: "were found shot dead" (``streams.extract.cues.skip_to_cue``).

"found" says how the dead came to light; the verb after it says how they died. Without the
verb of killing ("found guilty", "found alive") nothing is counted. Sentences are written for
these tests; none is copied from any source. Each is checked as written and lowercased.
"""

from __future__ import annotations

import pytest

from tests.unit.extract.helpers import both, facts_of


def killed(text: str) -> list[int | None]:
    return sorted(f.best for f in facts_of(text, "killed"))


@pytest.mark.parametrize(
    ("text", "want"),
    [
        *[(t, [5]) for t in both("Five farmers were found shot dead near the river on Monday.")],
        *[(t, [3]) for t in both("Three traders were found stabbed to death in their shop.")],
        *[(t, [2]) for t in both("Two drivers were found executed beside the highway.")],
        *[(t, [2, 3, 5]) for t in both("Two nurses and three cooks were found beaten to death at the clinic.")],
    ],
)
def test_found_with_a_verb_of_killing_counts_the_dead(text: str, want: list[int]) -> None:
    assert killed(text) == want


@pytest.mark.parametrize(
    "text",
    [
        *both("Four officers were found guilty of abuse on Thursday."),
        *both("Two children were found alive under the rubble."),
        *both("Nine men were found sentenced to death in absentia."),
    ],
)
def test_found_without_a_killing_counts_no_dead(text: str) -> None:
    assert killed(text) == []
