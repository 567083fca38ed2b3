"""Which other workers hold a table: an error there is an error, never "only this worker"."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from liveledger.api.gather import GatherError, other_hosts


def worker(table_metadata: Any) -> Any:
    router = SimpleNamespace(table_metadata=table_metadata)
    app = SimpleNamespace(conf=SimpleNamespace(canonical_url="http://127.0.0.1:6066/"), router=router)
    return SimpleNamespace(app=app)


def test_other_hosts_are_the_workers_holding_a_partition_but_this_one() -> None:
    hosts = {"http://127.0.0.1:6066": {"t": {0}}, "http://127.0.0.1:6067/": {"t": {1}}, "http://127.0.0.1:6068": {}}
    assert other_hosts(worker(lambda table: hosts), "view-casualties") == ["http://127.0.0.1:6067"]
    assert other_hosts(worker(lambda table: {}), "view-casualties") == [], "no assignment yet"


def test_a_router_that_fails_is_a_gather_error_not_an_empty_list() -> None:
    def broken(table: str) -> Any:
        raise KeyError(table)

    with pytest.raises(GatherError, match="could not tell which workers hold 'view-casualties'"):
        other_hosts(worker(broken), "view-casualties")
