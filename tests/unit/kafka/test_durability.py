"""What LIVELEDGER_PROFILE=production refuses, and the settings that go with a replica count."""

from __future__ import annotations

import pytest

from liveledger.kafka.durability import (
    WeakTopic,
    await_brokers,
    brokers_wait_s,
    check_durable,
    replica_configs,
    weaknesses,
)
from liveledger.settings import Settings

DURABLE = {"min.insync.replicas": "2", "unclean.leader.election.enable": "false"}


def test_three_replicas_two_in_sync_no_unclean_election_pass() -> None:
    assert weaknesses(3, DURABLE) == []
    check_durable(Settings(profile="production"), "t", 3, DURABLE)


def test_each_weakness_is_named() -> None:
    assert weaknesses(1, DURABLE) == ["replication factor 1 (needs >= 3)"]
    assert weaknesses(3, {**DURABLE, "min.insync.replicas": "1"}) == ["min.insync.replicas=1 (needs >= 2)"]
    assert weaknesses(3, {**DURABLE, "unclean.leader.election.enable": "true"}) == [
        "unclean.leader.election.enable=true (needs false)"
    ]


def test_production_refuses_a_weak_topic_naming_it_and_the_setting() -> None:
    with pytest.raises(WeakTopic) as refused:
        check_durable(Settings(profile="production"), "liveledger.entries", 1, {"min.insync.replicas": "1"})
    message = str(refused.value)
    assert "'liveledger.entries'" in message and "LIVELEDGER_PROFILE=production" in message
    assert "replication factor 1 (needs >= 3)" in message and "min.insync.replicas=1" in message


def test_development_accepts_one_broker() -> None:
    check_durable(Settings(), "liveledger.entries", 1, {"min.insync.replicas": "1"})


def test_replica_settings_follow_the_count() -> None:
    assert replica_configs(3) == DURABLE
    assert replica_configs(1) == {"min.insync.replicas": "1", "unclean.leader.election.enable": "false"}


def test_the_worker_producer_waits_for_all_in_sync_replicas() -> None:
    from streams.app.factory import build_app

    assert build_app(Settings()).app.conf.producer_acks == -1


def test_production_waits_for_three_brokers_before_choosing_replicas() -> None:
    assert brokers_wait_s(Settings(profile="production")) > 0
    assert brokers_wait_s(Settings()) == 0.0


async def test_await_brokers_waits_for_a_starting_cluster_to_list_them() -> None:
    """A starting cluster lists its brokers one by one: a topic created while it listed two got two copies
    for good and the production guard refused it (clean-clone CI of 2026-12-02)."""

    class Starting:
        def __init__(self) -> None:
            self.calls = 0

        async def describe_cluster(self) -> dict[str, list[int]]:
            self.calls += 1
            return {"brokers": list(range(min(3, 1 + self.calls)))}

    admin = Starting()
    assert await await_brokers(admin, 3, wait_s=5.0) == 3  # type: ignore[arg-type]
    assert admin.calls == 2
    assert await await_brokers(Starting(), 3, wait_s=0.0) == 2  # type: ignore[arg-type]  # no wait: as listed
