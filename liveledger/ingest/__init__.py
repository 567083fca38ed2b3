"""``liveledger ingest``: the shell that reads a live blog (file or URL) and publishes it.

Parsing is pure and lives in :mod:`streams.ingest`; this package only fetches bytes
(:mod:`liveledger.ingest.fetch`), hands each reading to the publisher
(:mod:`liveledger.ingest.run`) and, in follow mode, polls on a schedule.
"""
