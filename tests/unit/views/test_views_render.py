"""The counting rules of domain.md, through ViewSet and render."""

from __future__ import annotations

from typing import Any

from streams.core.viewset import ViewSet
from tests.unit.views.views_builders import event, fact_in

DAY = "2024-10-02"
KEY = f"UA-63/{DAY}/drone"
GOV = {
    "claimant": "Governor Oleh Syniehubov",
    "place": "Kharkiv",
    "region_code": "UA-63",
    "country": "UA",
    "weapon": "drone",
}

TEASER = "Drone strike on Kharkiv\n\nAt least 3 people were killed in a drone strike on Kharkiv, the governor said."
FULL = (
    "Kharkiv toll rises\n\nThe death toll from Wednesday's drone strike on Kharkiv rose to 7, "
    "governor Oleh Syniehubov said; 21 people were injured."
)


def teaser(offset: int = 1, partition: int = 0) -> Any:
    f = fact_in(TEASER, "At least 3", metric="killed", low=3, best=3, qualifier="at_least", **GOV)
    return event("e1", [f], published_at=f"{DAY}T09:00:00Z", offset=offset, partition=partition, text=TEASER)


def full(offset: int = 4, partition: int = 0) -> Any:
    facts = [
        fact_in(FULL, "rose to 7", metric="killed", best=7, **GOV),
        fact_in(FULL, "21 people were injured", metric="injured", best=21, **GOV),
    ]
    return event(
        "e2",
        facts,
        published_at=f"{DAY}T11:30:00Z",
        occurred_at=f"{DAY}T08:40:00Z",
        offset=offset,
        partition=partition,
        text=FULL,
    )


def incident(vs: ViewSet, key: str = KEY) -> dict[str, Any]:
    doc = vs.render("casualties", key)
    assert doc is not None
    return doc


def test_teaser_and_full_report_are_one_incident_not_added() -> None:
    vs = ViewSet()
    vs.apply_entry(teaser())
    vs.apply_entry(full())
    [doc] = vs.document("casualties")["items"]
    assert doc["incident_id"] == KEY
    assert (doc["area"], doc["region_code"], doc["country"], doc["day"], doc["kind"]) == (
        "UA-63",
        "UA-63",
        "UA",
        DAY,
        "drone",
    )
    assert doc["places"] == ["Kharkiv"]
    killed = doc["metrics"]["killed"]
    assert (killed["low"], killed["best"], killed["high"]) == (7, 7, 7)  # not 3 + 7
    assert killed["current"]["entry_id"] == "e2"
    assert not killed["disputed"]
    assert doc["metrics"]["injured"]["best"] == 21
    assert list(doc["metrics"]) == ["killed", "injured"]
    assert doc["entries"] == ["e1", "e2"]
    assert doc["sources"] == 2


def test_redelivered_entry_changes_nothing() -> None:
    vs = ViewSet()
    vs.apply_entry(teaser())
    vs.apply_entry(full())
    before = {v: vs.digest(v) for v in ("casualties", "strikes", "interceptions", "figures")}
    vs.apply_entry(teaser())
    vs.apply_entry(full())
    vs.apply_entry(teaser())
    assert {v: vs.digest(v) for v in before} == before


def test_toll_update_within_one_entry_and_across_entries_replaces() -> None:
    text = "Three people were killed in the drone attack on Kharkiv; later the governor said the toll rose to 5."
    facts = [
        fact_in(text, "Three people were killed", metric="killed", best=3, **GOV),
        fact_in(text, "rose to 5", metric="killed", best=5, **GOV),
    ]
    vs = ViewSet()
    vs.apply_entry(event("e1", facts, published_at=f"{DAY}T09:00:00Z", offset=1, text=text))
    assert incident(vs)["metrics"]["killed"]["best"] == 5  # last mention wins
    later = "The toll from the Kharkiv drone attack rose to 132."
    f = fact_in(later, "rose to 132", metric="killed", best=132, **GOV)
    vs.apply_entry(event("e2", [f], published_at=f"{DAY}T18:00:00Z", offset=2, text=later))
    killed = incident(vs)["metrics"]["killed"]
    assert (killed["low"], killed["best"], killed["high"]) == (132, 132, 132)
    assert [c["best"] for c in killed["claims"]] == [132]


def test_within_one_entry_the_largest_figure_wins_whatever_the_fact_order() -> None:
    """A toll only rises within one report, and a subset ("two of them children") never exceeds its total."""
    text = "The toll rose to 9 by noon, the governor said; earlier reports had said 6 were killed."
    facts = [
        fact_in(text, "said 6 were killed", metric="killed", best=6, **GOV),
        fact_in(text, "rose to 9", metric="killed", best=9, **GOV),
    ]
    for order in (facts, facts[::-1]):
        vs = ViewSet()
        vs.apply_entry(event("e1", order, published_at=f"{DAY}T12:00:00Z", offset=1, text=text))
        killed = incident(vs)["metrics"]["killed"]
        assert (killed["best"], killed["current"]["best"]) == (9, 9)
        assert [c["best"] for c in killed["claims"]] == [9]

    subset = "Eleven people were killed, two of them children, the governor said."
    facts = [
        fact_in(subset, "Eleven people", metric="killed", best=11, **GOV),
        fact_in(subset, "two of them", metric="killed", best=2, subject="children", **GOV),
    ]
    vs = ViewSet()
    vs.apply_entry(event("e2", facts, published_at=f"{DAY}T13:00:00Z", offset=2, text=subset))
    assert incident(vs)["metrics"]["killed"]["best"] == 11


def test_disputed_claimants_keep_their_own_figures() -> None:
    t1 = "Ukraine's emergency service said 12 people were killed in the missile strike on Kharkiv."
    t2 = "Russia's defence ministry said up to 40 'militants' were killed in Kharkiv; Reuters could not verify."
    t3 = "Local officials now say between 10 and 14 people were killed in Kharkiv."
    where = {"place": "Kharkiv", "region_code": "UA-63", "country": "UA", "weapon": "missile"}
    vs = ViewSet()
    vs.apply_entry(
        event(
            "e1",
            [fact_in(t1, "12 people", metric="killed", best=12, claimant="Ukraine's emergency service", **where)],
            published_at=f"{DAY}T10:00:00Z",
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
                    "up to 40",
                    metric="killed",
                    high=40,
                    qualifier="up_to",
                    claimant="Russia's defence ministry",
                    relay="Reuters",
                    **where,
                )
            ],
            published_at=f"{DAY}T11:00:00Z",
            offset=2,
            text=t2,
        )
    )
    vs.apply_entry(
        event(
            "e3",
            [fact_in(t3, "between 10 and 14", metric="killed", low=10, high=14, claimant="local officials", **where)],
            published_at=f"{DAY}T12:00:00Z",
            offset=3,
            text=t3,
        )
    )
    killed = incident(vs, f"UA-63/{DAY}/missile")["metrics"]["killed"]
    assert killed["disputed"]
    assert killed["low"] == 10
    assert killed["high"] == 40
    assert killed["best"] is None  # current (local officials) gives no best
    assert killed["current"]["claimant"] == "local officials"
    assert [c["claimant"] for c in killed["claims"]] == [
        "local officials",
        "Russia's defence ministry",
        "Ukraine's emergency service",
    ]
    assert killed["claims"][1]["relay"] == "Reuters"


def test_claimants_who_agree_are_not_disputed() -> None:
    vs = ViewSet()
    vs.apply_entry(full(offset=1))
    text = "Kharkiv governor: seven killed."
    f = fact_in(text, "seven killed", metric="killed", best=7, **{**GOV, "claimant": "the Kharkiv governor"})
    vs.apply_entry(event("e3", [f], published_at=f"{DAY}T12:00:00Z", offset=2, text=text))
    assert not incident(vs)["metrics"]["killed"]["disputed"]


def test_correction_replaces_and_can_move_the_entry_to_another_region() -> None:
    vs = ViewSet()
    vs.apply_entry(full())
    text = FULL.replace("Kharkiv", "Sumy")
    moved = {**GOV, "place": "Sumy", "region_code": "UA-59"}
    fix = event(
        "e2",
        [fact_in(text, "rose to 7", metric="killed", best=8, **moved)],
        published_at=f"{DAY}T13:00:00Z",
        occurred_at=f"{DAY}T08:40:00Z",
        offset=9,
        event_type="entry.corrected",
        text=text,
    )
    vs.apply_entry(fix)
    assert vs.render("casualties", KEY) is None
    assert vs.state("casualties", KEY) is not None  # a tombstone, not a deletion
    doc = incident(vs, f"UA-59/{DAY}/drone")
    assert doc["metrics"] == {"killed": doc["metrics"]["killed"]}
    assert doc["metrics"]["killed"]["best"] == 8
    assert [d["incident_id"] for d in vs.document("casualties")["items"]] == [f"UA-59/{DAY}/drone"]
    # the original publish delivered again cannot bring Kharkiv back
    vs.apply_entry(full())
    assert vs.render("casualties", KEY) is None
    assert vs.entry_keys("blog-ua/e2")["casualties"] == [f"UA-59/{DAY}"]


def test_retraction_removes_the_entry_everywhere() -> None:
    vs = ViewSet()
    vs.apply_entry(teaser())
    vs.apply_entry(full())
    vs.apply_entry(
        event("e2", (), published_at=f"{DAY}T20:00:00Z", offset=12, event_type="entry.retracted", retracted=True)
    )
    doc = incident(vs)
    assert doc["entries"] == ["e1"]
    assert doc["metrics"]["killed"]["best"] == 3
    assert "injured" not in doc["metrics"]
    assert all(p["entry_id"] == "e1" for d in vs.document("figures")["items"] for p in d["series"])


def test_out_of_order_occurred_times_land_on_their_own_day() -> None:
    vs = ViewSet()
    text = "Tuesday's strike on Kharkiv killed 4, officials now say."
    old = fact_in(text, "killed 4", metric="killed", best=4, **GOV)
    vs.apply_entry(full(offset=1))  # Wednesday
    vs.apply_entry(
        event("e9", [old], published_at=f"{DAY}T15:00:00Z", occurred_at="2024-10-01T21:00:00Z", offset=2, text=text)
    )
    ids = [d["incident_id"] for d in vs.document("casualties")["items"]]
    assert ids == ["UA-63/2024-10-01/drone", KEY]
    assert incident(vs)["metrics"]["killed"]["best"] == 7


def test_document_and_digest_are_stable() -> None:
    a, b = ViewSet(), ViewSet()
    a.apply_entry(teaser())
    a.apply_entry(full())
    b.apply_entry(full())
    b.apply_entry(teaser())
    for view in ("casualties", "strikes", "interceptions", "figures"):
        assert a.document(view) == b.document(view)
        assert a.digest(view) == b.digest(view)
    assert a.document("strikes") == {"view": "strikes", "items": []}
    assert len(a.digest("casualties")) == 64


def test_an_unattributed_early_figure_updated_by_a_named_claimant_is_no_dispute() -> None:
    teaser = "Breaking: at least two people were killed in a drone strike on Kharkiv."
    later = "The governor says the toll has risen to 11."
    vs = ViewSet()
    vs.apply_entry(
        event(
            "e1",
            [
                fact_in(
                    teaser,
                    "at least two",
                    metric="killed",
                    low=2,
                    best=2,
                    qualifier="at_least",
                    place="Kharkiv",
                    region_code="UA-63",
                    country="UA",
                    weapon="drone",
                )
            ],
            published_at=f"{DAY}T09:00:00Z",
            offset=1,
            text=teaser,
        )
    )
    vs.apply_entry(
        event(
            "e2",
            [fact_in(later, "risen to 11", metric="killed", best=11, **GOV)],
            published_at=f"{DAY}T11:00:00Z",
            offset=2,
            text=later,
        )
    )
    killed = incident(vs)["metrics"]["killed"]
    assert (killed["low"], killed["best"], killed["high"], killed["disputed"]) == (11, 11, 11, False)
    assert [c["entry_id"] for c in killed["claims"]] == ["e2"]
