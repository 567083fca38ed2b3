"""Rollups over rendered incidents."""

from __future__ import annotations

from typing import Any

import pytest

from streams.views.rollup import casualty_rollup, strike_counts


def incident(area: str, day: str, **metrics: dict[str, Any]) -> dict[str, Any]:
    return {"incident_id": f"{area}/{day}/drone", "area": area, "day": day, "metrics": metrics}


INCIDENTS = [
    incident(
        "UA-63", "2024-10-02", killed={"low": 7, "best": 7, "high": 7}, injured={"low": 21, "best": 21, "high": 21}
    ),
    incident("UA-63", "2024-10-03", killed={"low": 10, "best": None, "high": 40}),
    incident("UA-51", "2024-10-02", casualties={"low": 30, "best": 30, "high": None}),
    incident("unknown", "2024-10-02", killed={"low": None, "best": None, "high": 12}),
]


def test_casualty_rollup_by_region_keeps_metrics_apart() -> None:
    out = casualty_rollup(INCIDENTS, by="region")
    assert out["by"] == "region"
    assert list(out["groups"]) == ["UA-51", "UA-63", "unknown"]
    ua63 = out["groups"]["UA-63"]
    assert ua63["incidents"] == 2
    assert list(ua63["metrics"]) == ["killed", "injured"]
    assert ua63["metrics"]["killed"] == {"incidents": 2, "low": 17, "best": 17, "high": 47}
    assert ua63["metrics"]["injured"] == {"incidents": 1, "low": 21, "best": 21, "high": 21}
    assert out["groups"]["UA-51"]["metrics"] == {"casualties": {"incidents": 1, "low": 30, "best": 30, "high": 30}}
    assert out["groups"]["unknown"]["metrics"]["killed"] == {"incidents": 1, "low": 12, "best": 12, "high": 12}


def test_casualty_rollup_by_day_and_overall() -> None:
    by_day = casualty_rollup(INCIDENTS, by="day")["groups"]
    assert list(by_day) == ["2024-10-02", "2024-10-03"]
    assert by_day["2024-10-02"]["incidents"] == 3
    assert by_day["2024-10-02"]["metrics"]["killed"]["best"] == 19
    overall = casualty_rollup(reversed(INCIDENTS), by="overall")
    assert list(overall["groups"]) == ["overall"]
    assert overall["groups"]["overall"]["metrics"]["killed"] == {"incidents": 3, "low": 29, "best": 29, "high": 59}
    assert overall == casualty_rollup(INCIDENTS, by="overall")


def strike(area: str, day: str, weapon: str, actors: list[str]) -> dict[str, Any]:
    return {"incident_id": f"{area}/{day}/{weapon}", "area": area, "day": day, "weapon": weapon, "actors": actors}


def test_strike_counts() -> None:
    docs = [
        strike("UA-51", "2024-10-02", "drone", ["Russia", "Russian forces"]),
        strike("UA-51", "2024-10-03", "missile", ["Russia"]),
        strike("RU-BRY", "2024-10-03", "drone", []),
    ]
    assert strike_counts(docs, by="region") == {"by": "region", "total": 3, "counts": {"RU-BRY": 1, "UA-51": 2}}
    assert strike_counts(docs, by="day")["counts"] == {"2024-10-02": 1, "2024-10-03": 2}
    assert strike_counts(docs, by="weapon")["counts"] == {"drone": 2, "missile": 1}
    assert strike_counts(docs, by="actor")["counts"] == {"Russia": 2, "Russian forces": 1, "unknown": 1}


def test_bad_grouping_is_refused() -> None:
    with pytest.raises(ValueError, match="region, day or overall"):
        casualty_rollup([], by="weapon")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="region, day, weapon or actor"):
        strike_counts([], by="overall")  # type: ignore[arg-type]
