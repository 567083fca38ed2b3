"""faust's worker, with the root logger left at the level it was asked for.

faust's ``Worker.on_setup_root_logger`` adds a progress-spinner handler and sets the *root*
logger to DEBUG so that the spinner turns on every log call. Then every aiokafka and faust
``debug()`` call builds a LogRecord that every handler drops: about 6% of a busy worker's CPU.
:class:`LiveLedgerWorker` keeps the spinner (it still turns on records at the level asked for)
and puts the root logger back at that level.
"""

from __future__ import annotations

import logging

import faust


class LiveLedgerWorker(faust.Worker):
    """A faust worker whose root logger stays at ``loglevel``."""

    def on_setup_root_logger(self, logger: logging.Logger, level: int) -> None:
        super().on_setup_root_logger(logger, level)
        if level:
            logger.setLevel(level)
