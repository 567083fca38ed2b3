"""The worker's table changelogs are created before it starts: compacted, with the topics' partition count.

faust creates them itself otherwise, and on a fresh broker its first events could meet metadata in
which they do not exist yet (``PartitionsMismatch``: "the changelog topic ... has 0 partitions").
"""

from __future__ import annotations

import pytest

from liveledger.kafka.topics import KafkaSetupError, admin_client, ensure_changelog_topics, ensure_topic, topic_config
from liveledger.settings import Settings
from streams.app.factory import build_app

pytestmark = pytest.mark.kafka


async def test_changelogs_are_created_compacted_with_the_partition_count(settings: Settings) -> None:
    names = build_app(settings, extractor=lambda title, body: [], extractor_version="none").changelog_topics()
    assert f"{settings.app_id}-view-casualties-changelog" in names and len(names) == 7
    await ensure_changelog_topics(settings, names)
    await ensure_changelog_topics(settings, names)  # again: nothing to do
    admin = admin_client(settings)
    await admin.start()
    try:
        described = {t["topic"]: t for t in await admin.describe_topics(names)}
        for name in names:
            assert described[name]["error_code"] == 0, name
            assert len(described[name]["partitions"]) == settings.topic_partitions, name
            assert (await topic_config(admin, name))["cleanup.policy"] == "compact", name
        wrong = f"{settings.app_id}-view-wrong-changelog"
        await ensure_topic(admin, wrong, settings.topic_partitions + 1, 1, {"cleanup.policy": "compact"})
    finally:
        await admin.close()
    with pytest.raises(KafkaSetupError, match="partitions but LIVELEDGER_TOPIC_PARTITIONS is"):
        await ensure_changelog_topics(settings, [wrong])
