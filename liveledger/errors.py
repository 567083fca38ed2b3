"""The root error of liveledger's shells. Each layer subclasses it once."""

from __future__ import annotations


class LiveledgerError(Exception):
    """Root of every error liveledger raises on purpose; the CLI prints these plainly."""
