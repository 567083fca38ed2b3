"""Claimant ids and subject words in view keys."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from schemas.facts import METRICS, Fact
from streams.core.viewset import ViewSet
from streams.extract import extract_text
from streams.views.keys import claimant_key
from streams.views.routing import fact_keys, history_key
from streams.views.subjects import SUBJECTS, subject_key

from .views_builders import event, fact_in, text_of

_REGION_CODE = re.compile(r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")


def _air_force_entries() -> tuple[ViewSet, list[str]]:
    first = text_of("Russia launched 50 drones overnight, Ukraine's air force says", "The attack targeted Kyiv.")
    second = text_of(None, "Air defences shot down 41 drones over the Odesa region, the air force said.")
    facts1 = [
        fact_in(first, "50 drones", metric="drones_launched", best=50, subject="drones",
                claimant="Ukraine's air force", claimant_id="ua:air force", country="UA"),
    ]  # fmt: skip
    facts2 = [
        fact_in(second, "41 drones", metric="drones_downed", best=41, subject="drones", claimant="air force",
                claimant_id="ua:air force", region_code="UA-51", country="UA"),
    ]  # fmt: skip
    vs = ViewSet()
    vs.apply_entry(event("e1", facts1, published_at="2024-11-20T06:00:00Z", offset=1, text=first))
    vs.apply_entry(event("e2", facts2, published_at="2024-11-20T07:00:00Z", offset=2, text=second))
    return vs, [first, second]


def test_the_air_force_and_ukraines_air_force_share_one_interception_key() -> None:
    vs, _ = _air_force_entries()
    live = [k for k, s in vs.states("interceptions").items() if s]
    assert live == ["ua:air force/2024-11-20"]
    doc = vs.render("interceptions", "ua:air force/2024-11-20")
    assert doc is not None
    assert doc["claimant"] == "air force"  # the latest name as written
    assert doc["claimant_key"] == "ua:air force"
    assert set(doc["metrics"]) == {"drones_launched", "drones_downed"}


def test_the_air_force_histories_are_keyed_by_id_and_show_the_written_name() -> None:
    vs, _ = _air_force_entries()
    items = vs.document("figures")["items"]
    assert [d["key"] for d in items] == ["ua:air force|drones_downed|drones", "ua:air force|drones_launched|drones"]
    names = {d["metric"]: d["claimant"] for d in items}
    assert names == {"drones_launched": "Ukraine's air force", "drones_downed": "air force"}
    assert {d["claimant_key"] for d in items} == {"ua:air force"}


def test_extracted_entries_land_on_one_interception_key() -> None:
    """The same, from the extractor's own output: one claimant id for both wordings."""
    first = text_of("Russia launched 50 drones overnight, Ukraine's air force says", "")
    second = text_of(None, "Air defences shot down 41 drones over the Odesa region, the air force said.")
    vs = ViewSet()
    for n, text in enumerate((first, second), 1):
        vs.apply_entry(event(f"e{n}", extract_text(text), published_at=f"2024-11-20T0{n}:00:00Z", offset=n, text=text))
    live = sorted(k for k, s in vs.states("interceptions").items() if s)
    assert live == ["ua:air force/2024-11-20"]


def test_an_editor_fact_without_an_id_keys_on_its_name() -> None:
    assert claimant_key("The Air Force") == "air force"
    assert claimant_key("Ukraine's air force", "ua:air force") == "ua:air force"
    assert claimant_key(None, "  ") == "unattributed"


def test_a_figure_with_no_subject_takes_its_metric_default_not_its_area() -> None:
    # The area only shards the stored state; the history (and its subject) never carries it.
    f = Fact(metric="killed", best=3, region_code="UA-59", country="UA", claimant="police")
    assert ("figures", "police|killed|people|2024-11|UA-59") in fact_keys(f, "2024-11-20", "2024-11")
    assert history_key("police|killed|people|2024-11|UA-59") == "police|killed|people"
    f = Fact(metric="drones_downed", best=3, region_code="RU-BEL", country="RU")
    assert ("figures", "unattributed|drones_downed|drones|2024-11|RU-BEL") in fact_keys(f, "2024-11-20", "2024-11")
    assert history_key("unattributed|drones_downed|drones|2024-11|RU-BEL") == "unattributed|drones_downed|drones"


def test_written_subjects_map_to_vocabulary_words() -> None:
    assert subject_key("North Korean troops", "troops") == "troops"
    assert subject_key("two soldiers seen", "killed") == "soldiers"
    assert subject_key("Iskander-M ballistic missiles", "missiles_launched") == "ballistic missiles"
    assert subject_key("Ukrainian drones", "drones_downed") == "drones"
    assert subject_key("civilians", "killed") == "civilians"
    assert subject_key("its soldiers", "injured") == "soldiers"
    assert subject_key("Kharkiv", "killed") == "people"
    assert subject_key("UA-63", "killed") == "people"


_codes = st.from_regex(_REGION_CODE, fullmatch=True)
_named = st.sampled_from(["UA-59", "Kharkiv", "people", "troops", "North Korean troops"])
_subjects = st.one_of(st.none(), st.text(max_size=40), _codes, _named)


@given(subject=_subjects, metric=st.sampled_from(METRICS), region=st.one_of(st.none(), _codes))
def test_no_subject_key_is_ever_a_region_code(subject: str | None, metric: str, region: str | None) -> None:
    key = subject_key(subject, metric)
    assert key in SUBJECTS
    assert not _REGION_CODE.match(key)
    country = region[:2] if region else None
    f = Fact(metric=metric, best=1, subject=subject[:200] if subject else None, region_code=region, country=country)
    for view, k in fact_keys(f, "2024-11-20", "2024-11"):
        if view == "figures":
            part = k.split("|")[2]
            assert part in SUBJECTS and not _REGION_CODE.match(part) and part != (region or "unknown")
