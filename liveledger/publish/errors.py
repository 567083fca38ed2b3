"""The publishing layer's errors: one root (:class:`PublishError`) under ``liveledger.errors.LiveledgerError``.

The errors of requests (``liveledger.publish.requests``) and of appending (``liveledger.publish.publisher``)
subclass it where they are raised; this module holds the root and the error of a broken invariant.
"""

from __future__ import annotations

from liveledger.errors import LiveledgerError


class PublishError(LiveledgerError):
    """Root of the publishing layer."""


class PublisherBug(PublishError):
    """The publisher broke one of its own rules: a bug in liveledger, not in the input or the broker.

    Restart the publisher: it rebuilds its index from its checkpoint and the log, so nothing
    committed is lost and nothing is published twice. Report the message with the traceback.
    """

    def __init__(self, what: str) -> None:
        super().__init__(
            f"publisher bug: {what}; restart the publisher (it rebuilds its index from the log, nothing "
            "committed is lost or published twice) and report this message with its traceback"
        )


class RecordTooLarge(PublishError):
    """One request makes an event larger than the log takes: refused alone, before anything is sent.

    Kafka refuses the whole transaction of a record over its limit, so one such request would
    fail every request sent with it, again on every retry.
    """
