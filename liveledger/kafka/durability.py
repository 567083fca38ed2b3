"""How many copies a topic keeps, and the production guard that refuses topics that could lose events.

A new topic gets ``LIVELEDGER_REPLICATION_FACTOR`` replicas, or by default 3 when the cluster has
3 or more brokers (else as many as it has). With 3 replicas it needs 2 in sync to acknowledge a write
(``min.insync.replicas=2``), and a replica that missed writes never becomes leader
(``unclean.leader.election.enable=false``): with the producers' ``acks=all``, an acknowledged event
survives the loss of any one broker.

Under ``LIVELEDGER_PROFILE=production`` every topic liveledger relies on is checked, and a weaker one
(fewer than 3 replicas, fewer than 2 in sync, unclean election on) is refused with an error naming
the topic and the setting.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping

from aiokafka.admin import AIOKafkaAdminClient

from liveledger.errors import LiveledgerError
from liveledger.settings import Settings

#: what ``LIVELEDGER_PROFILE=production`` requires of every topic
PRODUCTION_REPLICAS = 3
PRODUCTION_MIN_INSYNC = 2


class WeakTopic(LiveledgerError):
    """A topic could lose acknowledged events when one broker fails (refused in production)."""


async def cluster_brokers(admin: AIOKafkaAdminClient) -> int:
    """How many brokers the cluster lists now."""
    return len((await admin.describe_cluster())["brokers"])


#: how long a topic's creation waits, under the production profile, for the cluster to list 3 brokers
PRODUCTION_BROKERS_WAIT_S = 15.0


def brokers_wait_s(settings: Settings) -> float:
    """How long to wait for the cluster to list :data:`PRODUCTION_REPLICAS` brokers before choosing a new
    topic's replicas: under the production profile a starting cluster, which lists its brokers one by
    one, would otherwise get topics with fewer copies for good (the guard then refuses them)."""
    return PRODUCTION_BROKERS_WAIT_S if settings.profile == "production" else 0.0


async def await_brokers(admin: AIOKafkaAdminClient, needed: int, wait_s: float = 30.0) -> int:
    """How many brokers the cluster lists, once it lists ``needed`` or ``wait_s`` has passed.

    A cluster that is starting registers its brokers one by one; a topic created meanwhile with more
    replicas than are listed is refused by Kafka with an error naming the counts.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + wait_s
    listed = await cluster_brokers(admin)
    while listed < needed and loop.time() < deadline:
        await asyncio.sleep(0.5)
        listed = await cluster_brokers(admin)
    return listed


def replica_configs(replicas: int) -> dict[str, str]:
    """Topic settings that go with ``replicas`` copies."""
    return {
        "min.insync.replicas": str(PRODUCTION_MIN_INSYNC if replicas >= PRODUCTION_REPLICAS else 1),
        "unclean.leader.election.enable": "false",
    }


def weaknesses(replicas: int, config: Mapping[str, str]) -> list[str]:
    """What makes a topic with ``replicas`` copies and ``config`` weaker than production needs."""
    out = []
    if replicas < PRODUCTION_REPLICAS:
        out.append(f"replication factor {replicas} (needs >= {PRODUCTION_REPLICAS})")
    try:
        min_isr = int(config.get("min.insync.replicas", "1"))
    except ValueError:
        min_isr = 0
    if min_isr < PRODUCTION_MIN_INSYNC:
        out.append(f"min.insync.replicas={config.get('min.insync.replicas')} (needs >= {PRODUCTION_MIN_INSYNC})")
    if config.get("unclean.leader.election.enable", "false") != "false":
        out.append(f"unclean.leader.election.enable={config.get('unclean.leader.election.enable')} (needs false)")
    return out


def check_durable(settings: Settings, name: str, replicas: int, config: Mapping[str, str]) -> None:
    """Under ``LIVELEDGER_PROFILE=production``, raise WeakTopic unless the topic is durable enough."""
    if settings.profile != "production":
        return
    problems = weaknesses(replicas, config)
    if problems:
        raise WeakTopic(
            f"topic {name!r} is refused under LIVELEDGER_PROFILE=production: {', '.join(problems)}. "
            f"Run a cluster of 3 or more brokers (`liveledger broker start --nodes 3`) and recreate the topic, "
            f"or raise its settings with kafka-configs --alter --entity-type topics --entity-name {name} "
            f"--add-config min.insync.replicas={PRODUCTION_MIN_INSYNC},unclean.leader.election.enable=false "
            f"(and kafka-reassign-partitions for the replication factor)"
        )


async def topic_replicas(admin: AIOKafkaAdminClient, name: str, *, wait_s: float = 15.0) -> int:
    """The smallest replica count over the partitions of ``name``; 0 when it has not appeared within ``wait_s``
    (the broker asked may not have the metadata of a topic created a moment ago)."""
    deadline = asyncio.get_running_loop().time() + wait_s
    while True:
        for t in await admin.describe_topics([name]):
            if t["topic"] == name and t["error_code"] == 0 and t["partitions"]:
                return min(len(p["replicas"]) for p in t["partitions"])
        if asyncio.get_running_loop().time() > deadline:
            return 0
        await asyncio.sleep(0.2)
