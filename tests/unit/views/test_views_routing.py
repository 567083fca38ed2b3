"""Which view keys an entry event touches."""

from __future__ import annotations

from schemas.facts import Fact
from streams.views.keys import claimant_key, kind_key, utc_day
from streams.views.routing import VIEWS, plan, route
from tests.unit.views.views_builders import event, fact_in

KHARKIV = (
    "Two killed in Russian drone strike on Kharkiv\n\n"
    "Two people were killed and 14 injured when a Russian drone hit a residential building in Kharkiv "
    "overnight, the regional governor Oleh Syniehubov said."
)


def kharkiv_facts() -> list[Fact]:
    common = {
        "place": "Kharkiv",
        "region_code": "UA-63",
        "country": "UA",
        "claimant": "regional governor Oleh Syniehubov",
        "weapon": "drone",
        "target": "residential building",
        "actor": "Russia",
    }
    return [
        fact_in(KHARKIV, "Two people were killed", metric="killed", best=2, **common),
        fact_in(KHARKIV, "14 injured", metric="injured", best=14, **common),
    ]


def keys_of(contribs: list) -> set[tuple[str, str]]:  # type: ignore[type-arg]
    return {(c.view, c.key) for c in contribs}


def test_route_keys_of_a_casualty_report() -> None:
    ef = event("e1", kharkiv_facts(), published_at="2024-10-03T06:10:00Z", offset=1, text=KHARKIV)
    contribs = route(ef)
    assert keys_of(contribs) == {
        ("casualties", "UA-63/2024-10-03"),
        ("figures", "regional governor oleh syniehubov|killed|people|2024-10|UA-63"),
        ("figures", "regional governor oleh syniehubov|injured|people|2024-10|UA-63"),
    }
    [cas] = [c for c in contribs if c.view == "casualties"]
    assert [it["metric"] for it in cas.items] == ["killed", "injured"]
    assert cas.stamp == ("2024-10-03T06:10:00Z", 0, 1)
    assert cas.entry_key == "blog-ua/e1"
    item = cas.items[0]
    assert item["position"] == {"topic": "liveledger.entries", "partition": 0, "offset": 1}
    assert KHARKIV[item["span"][0] : item["span"][1]] == "Two people were killed"
    for field in ("entry_id", "blog_id", "event_id", "published_at", "occurred_at", "day", "extractor_version"):
        assert field in item


def test_day_is_occurred_date_in_utc_else_published_date() -> None:
    facts = kharkiv_facts()[:1]
    late = event("e1", facts, published_at="2024-10-03T00:20:00Z", offset=1, occurred_at="2024-10-02T23:40:00+00:00")
    assert ("casualties", "UA-63/2024-10-02") in keys_of(route(late))
    tz = event("e2", facts, published_at="2024-10-03T06:00:00Z", offset=2, occurred_at="2024-10-02T23:30:00-02:00")
    assert ("casualties", "UA-63/2024-10-03") in keys_of(route(tz))
    none = event("e3", facts, published_at="2024-10-04T09:00:00Z", offset=3)
    assert ("casualties", "UA-63/2024-10-04") in keys_of(route(none))
    assert utc_day("2024-10-02") == "2024-10-02"


def test_area_falls_back_to_country_then_unknown() -> None:
    text = "Russia says three killed in Ukrainian shelling; a separate attack killed five, officials said."
    by_country = fact_in(text, "three killed", metric="killed", best=3, country="RU", weapon="Artillery  Shell")
    nowhere = fact_in(text, "killed five", metric="killed", best=5)
    ef = event("e1", [by_country, nowhere], published_at="2024-10-03T06:00:00Z", offset=1, text=text)
    cas = {k for v, k in keys_of(route(ef)) if v == "casualties"}
    assert cas == {"RU/2024-10-03", "unknown/2024-10-03"}


def test_key_parts_never_contain_separators() -> None:
    text = "The UN/OCHA said 40 were displaced after a strike with a S-300/S-400 missile."
    f = fact_in(
        text,
        "40 were displaced",
        metric="displaced",
        best=40,
        claimant="The UN/OCHA",
        weapon="S-300/S-400 missile",
        subject="civilians|residents",
    )
    keys = keys_of(route(event("e1", [f], published_at="2024-10-03T06:00:00Z", offset=1, text=text)))
    assert keys == {
        ("casualties", "unknown/2024-10-03"),
        ("figures", "un-ocha|displaced|people|2024-10|unknown"),
    }
    assert claimant_key("  The   Ministry of Defence ") == "ministry of defence"
    assert claimant_key("   ") == "unattributed"
    assert kind_key("Guided Bomb") == "guided-bomb"


def test_interceptions_never_go_to_strikes() -> None:
    text = (
        "Russia's defence ministry said air defences downed 83 Ukrainian drones overnight, "
        "and that Ukraine launched 90 drones. Separately, Ukraine said it carried out 3 strikes on Bryansk."
    )
    facts = [
        fact_in(text, "downed 83", metric="drones_downed", best=83, claimant="Russia's defence ministry", country="RU"),
        fact_in(
            text, "launched 90", metric="drones_launched", best=90, claimant="Russia's defence ministry", country="RU"
        ),
        fact_in(text, "3 strikes", metric="strikes", best=3, region_code="RU-BRY", country="RU", claimant="Ukraine"),
    ]
    keys = keys_of(route(event("e1", facts, published_at="2024-10-03T06:00:00Z", offset=1, text=text)))
    assert {k for k in keys if k[0] == "interceptions"} == {("interceptions", "russia's defence ministry/2024-10-03")}
    assert {k for k in keys if k[0] == "strikes"} == {("strikes", "RU-BRY/2024-10-03/unspecified")}


def test_cumulative_and_rates_go_to_figures_only() -> None:
    text = "The death toll in the region has reached 1,364 since the war began; some 1,250 a day are displaced."
    toll = fact_in(
        text, "1,364", metric="killed", best=1364, cumulative=True, region_code="UA-14", claimant="officials"
    )
    rate = fact_in(
        text, "some 1,250 a day", metric="displaced", best=1250, qualifier="about", per="day", region_code="UA-14"
    )
    strikes = Fact(metric="strikes", best=162, cumulative=True, region_code="UA-14")
    keys = keys_of(route(event("e1", [toll, rate, strikes], published_at="2024-10-03T06:00:00Z", offset=1, text=text)))
    assert {v for v, _ in keys} == {"figures"}
    assert keys == {
        ("figures", "officials|killed|people|2024-10|UA-14"),
        ("figures", "unattributed|displaced|people|2024-10|UA-14"),
        ("figures", "unattributed|strikes|strikes|2024-10|UA-14"),
    }


def test_retraction_routes_nothing() -> None:
    ef = event("e1", (), published_at="2024-10-03T07:00:00Z", offset=2, event_type="entry.retracted", retracted=True)
    assert route(ef) == []


def test_plan_tombstones_keys_the_entry_left() -> None:
    first = event("e1", kharkiv_facts(), published_at="2024-10-03T06:10:00Z", offset=1, text=KHARKIV)
    contribs, keys = plan(first, {})
    assert all(c.items for c in contribs)
    assert set(keys) <= set(VIEWS)
    assert keys["casualties"] == ["UA-63/2024-10-03"]

    # correction: only the killed figure remains, and it was a missile
    killed = kharkiv_facts()[0].model_copy(update={"weapon": "missile"})
    fix = event(
        "e1", [killed], published_at="2024-10-03T08:00:00Z", offset=7, event_type="entry.corrected", text=KHARKIV
    )
    contribs2, keys2 = plan(fix, keys)
    tombs = {(c.view, c.key) for c in contribs2 if not c.items}
    # the area and day are unchanged, so the casualty state is replaced in place, not tombstoned
    assert tombs == {("figures", "regional governor oleh syniehubov|injured|people|2024-10|UA-63")}
    [cas] = [c for c in contribs2 if c.view == "casualties"]
    assert [it["weapon"] for it in cas.items] == ["missile"]
    assert all(c.stamp == fix.stamp for c in contribs2)
    assert keys2 == {
        "casualties": ["UA-63/2024-10-03"],
        "figures": ["regional governor oleh syniehubov|killed|people|2024-10|UA-63"],
    }

    gone = event("e1", (), published_at="2024-10-03T09:00:00Z", offset=9, event_type="entry.retracted", retracted=True)
    contribs3, keys3 = plan(gone, keys2)
    assert keys3 == {}
    assert {(c.view, c.key) for c in contribs3} == {(v, k) for v, ks in keys2.items() for k in ks}
    assert not any(c.items for c in contribs3)
