"""Keep aiokafka's leftovers of a fenced producer out of the logs.

When another writer fences a transactional producer, aiokafka fails the producer's internal
futures with ``ProducerFenced`` and never reads them, so asyncio logs "Future exception was never
retrieved" with a traceback for each, long after the publisher has handled the fence (it takes the
fence back and retries; see ``liveledger.publish.txn``). This filter drops exactly those records.
"""

from __future__ import annotations

import logging

from aiokafka.errors import ProducerFenced


class _FencedLeftovers(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info
        error = exc[1] if exc else None
        message = record.getMessage()
        return not ("never retrieved" in message and (isinstance(error, ProducerFenced) or "ProducerFenced" in message))


_FILTER = _FencedLeftovers()


def quiet_fenced_futures() -> None:
    """Install the filter on asyncio's logger (idempotent)."""
    logger = logging.getLogger("asyncio")
    if _FILTER not in logger.filters:
        logger.addFilter(_FILTER)
