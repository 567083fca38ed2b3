"""Topic administration: create the log topics and refuse to run when history could expire."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType
from aiokafka.errors import KafkaError

from liveledger.errors import LiveledgerError
from liveledger.kafka.durability import (
    PRODUCTION_REPLICAS,
    await_brokers,
    brokers_wait_s,
    check_durable,
    replica_configs,
    topic_replicas,
)
from liveledger.settings import Settings

#: Settings under which nothing on a topic is ever deleted.
KEEP_FOREVER: dict[str, str] = {
    "cleanup.policy": "delete",
    "retention.ms": "-1",
    "retention.bytes": "-1",
}
_TOPIC_EXISTS = 36
_UNKNOWN_TOPIC = 3


class KafkaSetupError(LiveledgerError):
    """Root of the Kafka administration layer."""


class BrokerUnreachable(KafkaSetupError):
    """No broker answered at the bootstrap address."""


class HistoryMayExpire(KafkaSetupError):
    """A log topic is configured so that Kafka could delete or compact events."""


def admin_client(settings: Settings) -> AIOKafkaAdminClient:
    return AIOKafkaAdminClient(
        bootstrap_servers=settings.kafka_bootstrap,
        request_timeout_ms=15000,
        **settings.kafka_client_kwargs(),
    )


async def describe_topic(settings: Settings, topic: str) -> list[dict[str, Any]]:
    """The broker's description of ``topic``: error code, and partitions with leader and replicas."""
    admin = admin_client(settings)
    await admin.start()
    try:
        described = await admin.describe_topics([topic])
    finally:
        await admin.close()
    return [t for t in described if t["topic"] == topic]


async def started_admin(settings: Settings, fallback: str) -> AIOKafkaAdminClient:
    """A started admin client; when it cannot connect, an error that names the setting to fix."""
    admin = admin_client(settings)
    try:
        await admin.start()
    except KafkaError as e:
        await admin.close()
        from liveledger.kafka.security import connect_failure  # it builds on this module's errors

        raise await connect_failure(settings, e, fallback) from e
    return admin


async def ensure_topic(
    admin: AIOKafkaAdminClient,
    name: str,
    partitions: int,
    replication: int | None,
    configs: Mapping[str, str],
    *,
    wait_for_brokers_s: float = 0.0,
) -> bool:
    """Create ``name`` with ``configs`` when missing. Returns whether it was created.

    ``replication`` None: 3 replicas when the cluster lists 3 brokers or more (waiting up to
    ``wait_for_brokers_s`` for it to list them), else one per broker.
    With 3 replicas the topic needs 2 in sync; unclean leader election is always off.
    """
    if replication is None:
        listed = await await_brokers(admin, PRODUCTION_REPLICAS, wait_for_brokers_s)
        replication = max(1, min(PRODUCTION_REPLICAS, listed))
    full = {**replica_configs(replication), **configs}
    resp = await admin.create_topics([NewTopic(name, partitions, replication, topic_configs=full)])
    for err in resp.to_object()["topic_errors"]:
        code = err["error_code"]
        if code == _TOPIC_EXISTS:
            return False
        if code != 0:
            raise KafkaSetupError(f"could not create topic {name!r}: {err['error_message']} ({code})")
    return True


async def topic_config(admin: AIOKafkaAdminClient, name: str, *, wait_s: float = 15.0) -> dict[str, str]:
    """The effective configuration of topic ``name`` (waiting briefly for a new topic to appear)."""
    deadline = asyncio.get_running_loop().time() + wait_s
    while True:
        try:
            return await _describe(admin, name)
        except _NotYetKnown:
            if asyncio.get_running_loop().time() > deadline:
                raise KafkaSetupError(f"topic {name!r} does not exist") from None
            await asyncio.sleep(0.2)


class _NotYetKnown(Exception):
    pass


async def _describe(admin: AIOKafkaAdminClient, name: str) -> dict[str, str]:
    resp = await admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, name)])
    out: dict[str, str] = {}
    for r in resp:
        for res in r.to_object()["resources"]:
            if res["error_code"] == _UNKNOWN_TOPIC:
                raise _NotYetKnown
            if res["error_code"]:
                raise KafkaSetupError(
                    f"could not describe topic {name!r}: {res['error_message']} ({res['error_code']})"
                )
            for entry in res["config_entries"]:
                out[entry["config_names"]] = entry["config_value"]
    return out


def check_keeps_history(name: str, config: Mapping[str, str]) -> None:
    """Raise HistoryMayExpire unless ``config`` keeps every event forever."""
    problems = [
        f"{key}={config.get(key)!r} (needs {want!r})" for key, want in KEEP_FOREVER.items() if config.get(key) != want
    ]
    if problems:
        raise HistoryMayExpire(
            f"topic {name!r} could lose history: {', '.join(problems)}. Fix it with "
            f"kafka-configs --alter --entity-type topics --entity-name {name} --add-config "
            + ",".join(f"{k}={v}" for k, v in KEEP_FOREVER.items())
        )


async def check_partitions(admin: AIOKafkaAdminClient, name: str, expected: int) -> None:
    """Raise unless ``name`` has ``expected`` partitions (view keys are routed by that count)."""
    for t in await admin.describe_topics([name]):
        if t["topic"] == name and t["error_code"] == 0 and len(t["partitions"]) != expected:
            raise KafkaSetupError(
                f"topic {name!r} has {len(t['partitions'])} partitions but LIVELEDGER_TOPIC_PARTITIONS is "
                f"{expected}: view keys are routed by that count, so the two must match"
            )


async def check_topic_durable(admin: AIOKafkaAdminClient, settings: Settings, name: str) -> None:
    """Under ``LIVELEDGER_PROFILE=production``, refuse ``name`` unless it is durable (3 replicas, 2 in sync)."""
    if settings.profile == "production":
        check_durable(settings, name, await topic_replicas(admin, name), await topic_config(admin, name))


async def ensure_log_topics(settings: Settings, *, include_derived: bool = True) -> None:
    """Create the entries (and derived facts and dead-letter) topics; check they keep history."""
    admin = await started_admin(
        settings,
        f"no Kafka broker answered at {settings.kafka_bootstrap}; start one with "
        "`liveledger broker start` or set LIVELEDGER_KAFKA_BOOTSTRAP",
    )
    try:
        names = [settings.entries_topic]
        if include_derived:
            names += [settings.facts_topic, settings.deadletter_topic]
        for name in names:
            await ensure_topic(
                admin,
                name,
                settings.topic_partitions,
                settings.replication_factor,
                KEEP_FOREVER,
                wait_for_brokers_s=brokers_wait_s(settings),
            )
            check_keeps_history(name, await topic_config(admin, name))
            await check_topic_durable(admin, settings, name)
        if include_derived:
            await check_partitions(admin, settings.facts_topic, settings.topic_partitions)
    finally:
        await admin.close()


#: how faust keeps a table's changelog: one record per key
CHANGELOG_CONFIG = {"cleanup.policy": "compact"}


async def ensure_changelog_topics(settings: Settings, names: list[str]) -> None:
    """Create the worker's table changelogs (compacted, ``topic_partitions`` partitions) when missing.

    faust would create them itself at start-up, but on a fresh broker its consumer could then read
    their metadata before they appear and crash on the first event with ``PartitionsMismatch``
    ("... the changelog topic ... has 0 partitions"). Created before the worker starts, they are in
    its first metadata.
    """
    admin = await started_admin(settings, f"no Kafka broker answered at {settings.kafka_bootstrap}")
    try:
        for name in names:
            await ensure_topic(
                admin,
                name,
                settings.topic_partitions,
                settings.replication_factor,
                CHANGELOG_CONFIG,
                wait_for_brokers_s=brokers_wait_s(settings),
            )
            await check_partitions(admin, name, settings.topic_partitions)
            await check_topic_durable(admin, settings, name)
        # faust's own topic (one partition, read by every worker): made here too, so that it has
        # the cluster's replication rather than faust's default of one copy
        leader = f"{settings.app_id}-__assignor-__leader"
        await ensure_topic(
            admin, leader, 1, settings.replication_factor, {}, wait_for_brokers_s=brokers_wait_s(settings)
        )
        await check_topic_durable(admin, settings, leader)
        await wait_visible(admin, [*names, leader])
    finally:
        await admin.close()


async def wait_visible(admin: AIOKafkaAdminClient, names: list[str], *, wait_s: float = 30.0) -> None:
    """Wait (bounded) until the broker's metadata lists every topic of ``names`` with its partitions.

    A topic just created may be missing from the metadata for a moment (more so on a loaded machine);
    a worker whose first metadata misses a changelog crashes on its first event.
    """
    deadline = asyncio.get_running_loop().time() + wait_s
    while True:
        missing = [t["topic"] for t in await admin.describe_topics(names) if t["error_code"] or not t["partitions"]]
        if not missing:
            return
        if asyncio.get_running_loop().time() > deadline:
            raise KafkaSetupError(f"topics {', '.join(sorted(missing))} did not appear in the broker's metadata")
        await asyncio.sleep(0.2)


async def existing_changelog_topics(settings: Settings) -> list[str]:
    """The table changelog topics of the app ``settings.app_id`` that exist on the broker, sorted."""
    admin = admin_client(settings)
    await admin.start()
    try:
        names = await admin.list_topics()
    finally:
        await admin.close()
    return sorted(t for t in names if t.startswith(f"{settings.app_id}-") and t.endswith("-changelog"))
