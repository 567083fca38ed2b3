"""The prebuilt gazetteer index: current, and it answers exactly as a build from the sources does."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from streams.extract.gazetteer import Gazetteer, gazetteer
from streams.extract.gazetteer_build import build_gazetteer
from streams.extract.gazetteer_index import dump_index, fingerprint, index_path, load_index

_TABLES = ("names", "regions", "countries", "described", "common", "loose_regions", "firsts")


@pytest.fixture(scope="module")
def built() -> Gazetteer:
    return build_gazetteer()


def _canonical(table: object) -> object:
    """A table with its candidate tuples as sets: the build's order among equals follows string hashing."""
    if isinstance(table, dict):
        return {k: frozenset(v) if isinstance(v, tuple) else v for k, v in table.items()}
    return table


def test_the_committed_index_is_current() -> None:
    assert index_path().read_bytes().partition(b"\n")[0] == fingerprint(), (
        "streams/extract/data/gazetteer_index.bin is stale: run scripts/gen_gazetteer_index.py"
    )


def test_the_process_gazetteer_comes_from_the_index() -> None:
    loaded = load_index()
    assert loaded is not None
    assert gazetteer().names.keys() == loaded.names.keys()


def test_index_holds_the_same_tables_as_a_fresh_build(built: Gazetteer) -> None:
    loaded = load_index()
    assert loaded is not None
    for name in _TABLES:
        assert _canonical(getattr(loaded, name)) == _canonical(getattr(built, name)), name


def test_a_sample_of_names_resolves_the_same_before_and_after(built: Gazetteer) -> None:
    loaded = load_index()
    assert loaded is not None
    rng = random.Random(20261201)
    names = rng.sample(sorted(built.names), 3000)
    regions = rng.sample(sorted(built.regions), 3000)
    for key in names:
        for countries in (frozenset(), frozenset({"NG"}), frozenset({"UA", "UA-63"})):
            for war in (False, True):
                assert loaded.lookup_city(key, war, countries) == built.lookup_city(key, war, countries), key
    for key in regions:
        for countries in (frozenset(), frozenset({"IN"})):
            assert loaded.lookup_region(key, countries) == built.lookup_region(key, countries), key
            assert loaded.lookup_loose_region(key, countries) == built.lookup_loose_region(key, countries), key
    for cc in ("FR", "MX"):
        assert loaded.towns(cc) == built.towns(cc)


def test_an_index_built_from_other_sources_is_not_used(tmp_path: Path, built: Gazetteer) -> None:
    good = dump_index(built)
    stale = tmp_path / "stale.bin"
    stale.write_bytes(b"0" * 64 + good[good.index(b"\n") :])
    assert load_index(stale) is None
    assert load_index(tmp_path / "missing.bin") is None
    fresh = tmp_path / "fresh.bin"
    fresh.write_bytes(good)
    again = load_index(fresh)
    assert again is not None and again.countries == built.countries
