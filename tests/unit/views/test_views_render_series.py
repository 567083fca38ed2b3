"""Strikes, interceptions and figure histories, through ViewSet and render."""

from __future__ import annotations

from typing import Any

from streams.core.viewset import ViewSet
from tests.unit.views.views_builders import event, fact_in

DAY = "2024-10-02"


def test_strike_incident_lists_targets_and_actors() -> None:
    t1 = "Russian forces launched 3 drone strikes on Odesa overnight, hitting port infrastructure."
    t2 = "Update: Russia's strikes on Odesa hit a grain terminal and a residential building; 4 strikes in total."
    where = {"place": "Odesa", "region_code": "UA-51", "country": "UA", "weapon": "Drone", "actor": "Russian forces"}
    vs = ViewSet()
    vs.apply_entry(
        event(
            "e1",
            [fact_in(t1, "3 drone strikes", metric="strikes", best=3, target="port infrastructure", **where)],
            published_at=f"{DAY}T06:00:00Z",
            offset=1,
            text=t1,
        )
    )
    vs.apply_entry(
        event(
            "e2",
            [
                fact_in(
                    t2,
                    "grain terminal",
                    metric="strikes",
                    best=4,
                    target="grain terminal",
                    **{**where, "actor": "Russia"},
                ),
                fact_in(t2, "residential building", metric="strikes", best=4, target="residential building", **where),
            ],
            published_at=f"{DAY}T09:00:00Z",
            offset=2,
            text=t2,
        )
    )
    [doc] = vs.document("strikes")["items"]
    assert doc["incident_id"] == f"UA-51/{DAY}/drone"
    assert doc["weapon"] == "drone"
    assert doc["targets"] == ["grain terminal", "port infrastructure", "residential building"]
    assert doc["actors"] == ["Russia", "Russian forces"]
    assert doc["reported_strikes"] == 4
    assert doc["entries"] == ["e1", "e2"]
    assert vs.document("casualties")["items"] == []


def test_interceptions_take_the_latest_figure_of_the_claimant_that_day() -> None:
    t1 = "Russia's defence ministry said it downed 83 Ukrainian drones over Kursk and Bryansk overnight."
    t2 = "The Russian defence ministry has raised the number of drones downed to 97."
    mod = "Russia's defence ministry"
    vs = ViewSet()
    vs.apply_entry(
        event(
            "e1",
            [
                fact_in(
                    t1, "downed 83", metric="drones_downed", best=83, claimant=mod, region_code="RU-KRS", country="RU"
                ),
            ],
            published_at=f"{DAY}T05:00:00Z",
            offset=1,
            text=t1,
        )
    )
    vs.apply_entry(
        event(
            "e2",
            [
                fact_in(
                    t2,
                    "downed to 97",
                    metric="drones_downed",
                    best=97,
                    claimant=mod,
                    region_code="RU-BRY",
                    country="RU",
                ),
            ],
            published_at=f"{DAY}T07:00:00Z",
            offset=2,
            text=t2,
        )
    )
    [doc] = vs.document("interceptions")["items"]
    assert doc["claimant_key"] == "russia's defence ministry"
    assert doc["day"] == DAY
    assert doc["metrics"]["drones_downed"]["best"] == 97
    assert doc["metrics"]["drones_downed"]["entry_id"] == "e2"
    assert doc["regions"] == ["RU-BRY", "RU-KRS"]
    assert vs.document("strikes")["items"] == []


def test_cumulative_never_reaches_casualties_and_figures_keep_a_history() -> None:
    texts: list[tuple[str, str, str, str, dict[str, Any]]] = [
        (
            "p1",
            "2024-10-01T10:00:00Z",
            "The Pentagon says about 10,000 North Korean troops are in Russia.",
            "about 10,000",
            {"best": 10000, "qualifier": "about"},
        ),
        (
            "p2",
            "2024-10-20T10:00:00Z",
            "The Pentagon now estimates 11,000 to 12,000 North Korean troops are in Russia.",
            "11,000 to 12,000",
            {"low": 11000, "high": 12000},
        ),
        (
            "p3",
            "2024-11-05T10:00:00Z",
            "The Pentagon said more than 11,000 North Korean troops are in Kursk.",
            "more than 11,000",
            {"low": 11000, "qualifier": "more_than"},
        ),
    ]
    vs = ViewSet()
    for i, (eid, at, text, phrase, value) in enumerate(reversed(texts)):
        f = fact_in(
            text,
            phrase,
            metric="troops",
            claimant="the Pentagon",
            subject="North Korean troops",
            country="RU",
            cumulative=True,
            **value,
        )
        vs.apply_entry(event(eid, [f], published_at=at, offset=10 - i, text=text))
    [doc] = vs.document("figures")["items"]
    assert doc["key"] == "pentagon|troops|troops"
    assert (doc["claimant"], doc["metric"], doc["subject"]) == ("the Pentagon", "troops", "North Korean troops")
    assert [(p["entry_id"], p["low"], p["best"], p["high"]) for p in doc["series"]] == [
        ("p1", None, 10000, None),
        ("p2", 11000, None, 12000),
        ("p3", 11000, None, None),
    ]
    assert doc["series"][0]["cumulative"] is True
    toll = "The death toll in the Kharkiv region has reached 1,364 since the start of the war, officials say."
    vs.apply_entry(
        event(
            "t1",
            [
                fact_in(
                    toll,
                    "1,364",
                    metric="killed",
                    best=1364,
                    cumulative=True,
                    region_code="UA-63",
                    claimant="officials",
                )
            ],
            published_at=f"{DAY}T10:00:00Z",
            offset=20,
            text=toll,
        )
    )
    assert vs.document("casualties")["items"] == []
    assert any(k.startswith(f"officials|killed|people|{DAY[:7]}|") for k in vs.states("figures"))
    assert vs.render("figures", "officials|killed|people") is not None
