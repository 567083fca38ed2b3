"""Errors of the ingest shell."""

from __future__ import annotations

from liveledger.errors import LiveledgerError


class IngestFailed(LiveledgerError):
    """The source could not be ingested at all; the message names the source and what to do."""


class FetchFailed(IngestFailed):
    """The source could not be read: a missing file, a refused connection, an HTTP error status."""
