"""Figure shapes of session 10 (issue 9): general classes counted on real text nobody here wrote.

Every sentence is written for these tests in the style of real reporting (often lowercased and
tokenised, as real live-blog copies are); none is copied from any source.
"""

from __future__ import annotations

from tests.unit.extract.helpers import bounds, facts_of


def _all(text: str) -> list[tuple[str, int | None, int | None, int | None, str]]:
    return sorted(((f.metric, *bounds(f)) for f in facts_of(text)), key=str)


# --- a single person described by an age decade ("a man in his 40s") -------------------------


def test_a_man_in_his_decade_was_killed_is_one_death() -> None:
    assert _all("a man in his 50s was killed when scaffolding came down on a street in leeds .") == [
        ("killed", None, 1, None, "exact")
    ]


def test_a_woman_in_her_mid_decade_has_died() -> None:
    assert _all("A woman in her mid-70s has died after the crash on the coast road.") == [
        ("killed", None, 1, None, "exact")
    ]


def test_a_man_in_his_decade_was_arrested() -> None:
    assert _all("police say a man in his 30s was arrested at a flat in the town centre .") == [
        ("arrested", None, 1, None, "exact")
    ]


def test_an_age_decade_with_no_fate_is_no_count() -> None:
    assert facts_of("a woman in her 60s was walking her dog along the canal when she saw the van .") == []
