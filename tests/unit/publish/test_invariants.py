"""A broken invariant of the publisher is a PublisherBug (a PublishError) that tells the operator what to do.

Before, these were bare ``RuntimeError`` s: the CLI and the HTTP API, which answer a ``LiveledgerError``
plainly (an exit code, a 503 with the message), met them as unexpected crashes.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from liveledger.errors import LiveledgerError
from liveledger.publish.errors import PublisherBug, PublishError
from liveledger.publish.index import LogIndex
from liveledger.publish.sender import Partitions
from liveledger.publish.store import IndexStore
from liveledger.settings import Settings


def test_a_bug_is_a_publish_error_that_says_what_to_do() -> None:
    assert issubclass(PublisherBug, PublishError) and issubclass(PublisherBug, LiveledgerError)
    message = str(PublisherBug("something"))
    assert "something" in message and "restart the publisher" in message


def test_taking_changes_inside_a_transaction() -> None:
    index = LogIndex()
    index.begin()
    index.take("entry.published", "b", "e1", datetime(2026, 1, 1, tzinfo=UTC), "d", "h", "2026-01-01T00:00:00Z")
    with pytest.raises(PublisherBug, match="transaction was open"):
        index.take_changes()
    index.commit()
    entries, heads = index.take_changes()
    assert set(entries) == {("b", "e1")} and set(heads) == {"b"}


def test_a_partition_before_the_topic_is_known() -> None:
    parts = Partitions()
    with pytest.raises(PublisherBug, match="before the topic's partitions were known"):
        parts.of(b"blog")
    parts.refresh({0, 1, 2})
    assert parts.of(b"blog") in {0, 1, 2}


def test_the_checkpoint_used_after_close(tmp_path: Path) -> None:
    store = IndexStore.claim(Settings(data_dir=tmp_path, entries_topic="unit.entries"))
    assert store is not None
    store.close()
    with pytest.raises(PublisherBug, match="used after it was closed"):
        store.get("b", "e1")
