"""Lowercased, tokenised entries land on the same claimant keys as normal text (issue 9 item 4)."""

from __future__ import annotations

from streams.core.viewset import ViewSet
from streams.extract import extract_text

from .views_builders import event


def _apply(texts: list[str]) -> ViewSet:
    vs = ViewSet()
    for n, text in enumerate(texts, 1):
        vs.apply_entry(event(f"e{n}", extract_text(text), published_at=f"2024-11-20T0{n}:00:00Z", offset=n, text=text))
    return vs


def test_a_tokenised_possessive_and_the_bare_air_force_share_one_interception_key() -> None:
    vs = _apply(
        [
            "ukraine 's air force said russia launched 45 drones overnight .",
            "air defences shot down 38 drones over the mykolaiv region , the air force said .",
        ]
    )
    live = sorted(k for k, s in vs.states("interceptions").items() if s)
    assert live == ["ua:air force/2024-11-20"]


def test_a_lowercased_governor_with_and_without_the_region_title_is_one_history() -> None:
    vs = _apply(
        [
            "regional governor oleh syniehubov said 3 people were killed in kharkiv .",
            "kharkiv governor oleh syniehubov said 7 people were killed in the city .",
        ]
    )
    items = vs.document("figures")["items"]
    keys = {d["key"] for d in items if d["metric"] == "killed"}
    assert keys == {"oleh syniehubov|killed|people"}
    names = {d["claimant"] for d in items if d["metric"] == "killed"}
    assert names <= {"regional governor oleh syniehubov", "kharkiv governor oleh syniehubov"} and names
