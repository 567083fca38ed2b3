"""Errors of the replay and audit layer."""

from __future__ import annotations

from liveledger.errors import LiveledgerError


class ReplayError(LiveledgerError):
    """Root of the replay layer."""


class BadCutoff(ReplayError):
    """An --as-of, --until-offset or occurred-time option is malformed."""
