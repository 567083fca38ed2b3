"""The worker's start-up settles its long-lived objects out of full garbage collections."""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterator

import pytest

from streams.app.gc_freeze import FULL_EVERY, WARM_BODY, WARM_TITLE, settle


@pytest.fixture(autouse=True)
def _unfreeze() -> Iterator[None]:
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()  # the rest of the test session collects as usual
    gc.set_threshold(*threshold)


def test_full_collections_are_made_rarer_and_the_younger_generations_kept() -> None:
    young, middle, _ = gc.get_threshold()
    settle(None, full_every=77)
    assert gc.get_threshold() == (young, middle, 77)
    settle(None)
    assert gc.get_threshold()[2] == FULL_EVERY


def test_the_extractor_is_warmed_once_and_what_lives_is_frozen() -> None:
    calls: list[tuple[str, str]] = []
    kept = [object() for _ in range(10)]

    def extractor(title: str, body: str) -> list[object]:
        calls.append((title, body))
        return []

    frozen = settle(extractor)
    assert calls == [(WARM_TITLE, WARM_BODY)]
    assert frozen == gc.get_freeze_count() > len(kept)
    assert not any(o is kept[0] for o in gc.get_objects())  # out of every generation a collection walks


def test_garbage_is_collected_before_the_freeze() -> None:
    class Node:
        other: Node | None = None

    a, b = Node(), Node()
    a.other, b.other = b, a  # a cycle only the collector can free
    ids = {id(a), id(b)}
    del a, b
    settle(None)
    gc.unfreeze()
    assert not any(id(o) in ids and isinstance(o, Node) for o in gc.get_objects())


def test_an_extractor_failing_its_warm_up_is_logged_and_the_freeze_still_happens(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken(title: str, body: str) -> list[object]:
        raise RuntimeError("no index")

    with caplog.at_level(logging.ERROR, logger="streams.app.gc_freeze"):
        assert settle(broken) > 0
    assert "warm-up" in caplog.text


def test_the_real_extractor_finds_a_fact_in_the_warm_up_text() -> None:
    from streams.core.pipeline import default_extractor

    extract, _ = default_extractor()
    assert extract(WARM_TITLE, WARM_BODY)  # the text reaches the place index it is meant to load


def test_the_warm_up_text_loads_the_subdivision_tables() -> None:
    from streams.core.pipeline import default_extractor
    from streams.extract import geodata

    extract, _ = default_extractor()
    extract(WARM_TITLE, WARM_BODY)
    assert geodata.subdivision_rows.cache_info().currsize == 1
