"""A figure history joined from its monthly states: one order of points, whatever the states' order."""

from __future__ import annotations

from itertools import permutations
from typing import Any

from streams.views.render import _point_order, combine


def point(at: str, entry: str, best: int, place: str = "Kherson") -> dict[str, Any]:
    return {"published_at": at, "entry_id": entry, "best": best, "place": place}


def month(key: str, claimant: str, points: list[dict[str, Any]]) -> dict[str, Any]:
    return {"key": key, "claimant": claimant, "subject": "troops", "series": points}


def test_points_tied_on_time_and_entry_are_ordered_by_their_content_in_every_join_order() -> None:
    key = "pentagon|troops|troops"
    october = month(
        key, "the Pentagon", [point("2024-10-30T09:00:00Z", "e7", 10000), point("2024-10-30T09:00:00Z", "e7", 8000)]
    )
    november = month(key, "Pentagon", [point("2024-11-04T12:00:00Z", "e9", 11000, "Kursk"),
                                       point("2024-11-04T12:00:00Z", "e9", 11000, "Donetsk"),
                                       point("2024-11-01T08:00:00Z", "e8", 10500)])  # fmt: skip
    december = month(key, "US Pentagon", [point("2024-12-02T07:30:00Z", "e11", 12000)])
    other = month("seoul|troops|troops", "South Korean official", [point("2024-11-02T10:00:00Z", "e5", 3000)])
    every_point = october["series"] + november["series"] + december["series"]
    want = sorted(every_point, key=_point_order)
    # canonical bytes: "best":10000 sorts before "best":8000, "Donetsk" before "Kursk"
    assert [(p["best"], p["place"]) for p in want] == [
        (10000, "Kherson"), (8000, "Kherson"), (10500, "Kherson"),
        (11000, "Donetsk"), (11000, "Kursk"), (12000, "Kherson"),
    ]  # fmt: skip
    results = []
    for order in permutations([october, november, december, other]):
        joined = combine("figures", list(order))
        assert [d["key"] for d in joined] == [key, "seoul|troops|troops"]
        assert joined[0]["series"] == want, "the tie of e7 and of e9 is broken by the points' content"
        assert joined[0]["claimant"] == "US Pentagon", "the names of the state with the latest point"
        results.append(joined)
    assert all(r == results[0] for r in results)
