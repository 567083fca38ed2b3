"""Strike words that report no strike (our own sentences): a stance on strikes, a labour dispute's
strikes, a ram raid, air-raid alerts and shelters. Real strikes beside them are still found."""

from __future__ import annotations

import pytest

from streams.extract import extract


def _strikes(title: str, body: str) -> list[object]:
    return [f for f in extract(title, body) if f.metric == "strikes"]


@pytest.mark.parametrize(
    "text",
    [
        "The backbencher says he backs air strikes against the militants in the north.",
        "She is backing airstrikes, her office said this morning.",
        "He would not rule out authorising a drone strike on the group's leaders.",
        "Only a third of the party's members are in favour of air strikes in the region.",
        "Opinion on air strikes is moving among MPs, aides say.",
        "The house will decide whether to back air strikes against the group.",
        "Councillors gathered for the air strikes vote on Wednesday.",
    ],
)
def test_a_stance_on_strikes_is_no_strike(text: str) -> None:
    assert _strikes("", text) == []


@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("Fresh strikes in signal staff dispute", "Pickets stood outside several stations this morning."),
        ("", "The union announced two more strikes over the long-running pay row."),
        ("", "A shop front was smashed in a ram raid on the high street overnight."),
        ("", "My grandmother worked as an air raid warden in the town."),
        ("", "Air raid sirens sounded across the capital for an hour."),
        ("", "Families spent the night in an air raid shelter under the school."),
    ],
)
def test_walkouts_ram_raids_and_alerts_are_no_strikes(title: str, body: str) -> None:
    assert _strikes(title, body) == []


@pytest.mark.parametrize(
    "text",
    [
        "Fighters were pushed back by air strikes on the ridge overnight.",
        "An air raid on the market in the provincial capital killed four people.",
        "Warplanes carried out a strike in the disputed border district on Tuesday.",
    ],
)
def test_real_strikes_beside_those_words_are_kept(text: str) -> None:
    assert len(_strikes("", text)) == 1


@pytest.mark.parametrize(
    ("text", "children", "killed"),
    [
        ("A funeral is being held for the mother of five who died after being found hurt at her home.", 5, None),
        ("The father of two died in hospital on Sunday.", 2, None),
        ("A grandmother of six was among the 12 people killed in the blast.", 6, 12),
    ],
)
def test_a_parent_of_n_counts_children_not_the_dead(text: str, children: int, killed: int | None) -> None:
    found = [f.best for f in extract("", text) if f.metric == "killed"]
    assert children not in found
    if killed is not None:
        assert killed in found


@pytest.mark.parametrize(
    "text",
    [
        "The visitors lost 2-0 to the league leaders on Saturday.",
        "The home side lost 3-1 after extra time.",
        "It was a 4-0 win for the champions.",
        "Leaders of the 27-strong bloc meet in the capital on Thursday.",
        "Most of the 300-strong audience applauded the speech.",
        "More than a million pensioners are missing out on the allowance, the charity says.",
    ],
)
def test_scores_blocs_and_missing_out_are_no_figures(text: str) -> None:
    assert extract("", text) == []


@pytest.mark.parametrize(
    ("text", "metric", "best", "low"),
    [
        ("A 5,000-strong force was sent to the border.", "troops", 5000, None),
        ("A 400-strong militia overran the town.", "troops", 400, None),
        ("A 2,500-strong regional peacekeeping force will deploy next month.", "troops", 2500, None),
        ("Between 10-15 people were killed in the blast.", "killed", None, 10),
        ("Three people are still missing after the flood.", "missing", 3, None),
    ],
)
def test_forces_ranges_and_the_missing_are_kept(text: str, metric: str, best: int | None, low: int | None) -> None:
    assert [(f.metric, f.best, f.low) for f in extract("", text)] == [(metric, best, low)]
