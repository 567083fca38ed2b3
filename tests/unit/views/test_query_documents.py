"""The query layer's key pre-filter must never drop a document the full filter would keep."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from schemas.facts import Fact
from streams.core.records import EntryFacts, Position
from streams.core.viewset import ViewSet
from streams.query.documents import PARAMS, build

REGIONS = [("UA-63", "UA"), ("UA-59", "UA"), ("RU-KRS", "RU"), (None, "UA"), (None, None)]
DAYS = ["2024-11-19", "2024-11-20", "2024-11-21"]


@st.composite
def viewsets(draw: st.DrawFn) -> ViewSet:
    vs = ViewSet()
    for i in range(draw(st.integers(1, 12))):
        region, country = draw(st.sampled_from(REGIONS))
        day = draw(st.sampled_from(DAYS))
        metric = draw(st.sampled_from(["killed", "strikes", "drones_downed"]))
        fact = Fact(
            metric=metric,
            best=draw(st.integers(0, 50)),
            region_code=region,
            country=country,
            weapon=draw(st.sampled_from([None, "drone", "missile"])),
            claimant="officials",
        )
        vs.apply_entry(
            EntryFacts(
                "b",
                f"e{i}",
                f"ev{i}",
                "entry.published",
                f"{day}T10:00:{i:02d}.000000Z",
                f"{day}T08:00:00.000000Z",
                Position("t", 0, i),
                (fact,),
                "",
                "v",
            )
        )
    return vs


@settings(max_examples=150, deadline=None)
@given(
    vs=viewsets(),
    region=st.sampled_from(["UA-63", "UA", "RU", "RU-KRS", "unknown"]),
    day=st.sampled_from(DAYS),
    frm=st.sampled_from(DAYS),
)
def test_prefiltered_documents_equal_filtering_every_rendered_item(
    vs: ViewSet, region: str, day: str, frm: str
) -> None:
    for view in ("casualties", "strikes", "interceptions"):
        states = vs.states(view)
        everything = build(view, states)["items"]
        for params in ({"region": region}, {"day": day}, {"from": frm}, {"to": frm}, {"region": region, "from": frm}):
            if not params.keys() <= set(PARAMS[view]):
                continue
            got = build(view, states, params)["items"]
            want = [d for d in everything if _keeps(d, params)]
            assert got == want, (view, params)


def _keeps(doc: dict[str, object], params: dict[str, str]) -> bool:
    if "region" in params and params["region"] not in (doc.get("area"), doc.get("region_code"), doc.get("country")):
        return False
    day = str(doc.get("day"))
    if "day" in params and day != params["day"]:
        return False
    if "from" in params and day < params["from"]:
        return False
    return not ("to" in params and day > params["to"])


def test_a_figure_history_spans_monthly_states_but_reads_as_one() -> None:
    from streams.query.documents import build_from_rendered
    from streams.views.render import render_all

    vs = ViewSet()
    for i, month in enumerate(["2024-10", "2024-11", "2024-12"]):
        fact = Fact(metric="troops", best=10000 + 1000 * i, subject="North Korean troops", claimant="Pentagon")
        vs.apply_entry(
            EntryFacts(
                "b",
                f"e{i}",
                f"ev{i}",
                "entry.published",
                f"{month}-15T10:00:00.000000Z",
                None,
                Position("t", 0, i),
                (fact,),
                "",
                "v",
            )
        )
    states = vs.states("figures")
    assert sorted(states) == [f"pentagon|troops|troops|{m}|unknown" for m in ("2024-10", "2024-11", "2024-12")]
    [doc] = build("figures", states)["items"]
    assert doc["key"] == "pentagon|troops|troops"
    assert [p["best"] for p in doc["series"]] == [10000, 11000, 12000]
    rendered = {k: render_all("figures", k, s) for k, s in states.items()}
    assert build_from_rendered("figures", rendered) == build("figures", states)
    assert vs.render("figures", "pentagon|troops|troops") == doc
