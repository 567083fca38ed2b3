"""Read view states wherever they live: this worker's tables, or other workers over HTTP.

A view document needs every key, so list queries gather the local partitions of
every worker that holds part of the table (faust's table metadata says which).
Single-key lookups are routed to the one worker that owns the key instead (``routes.incident``).
"""

from __future__ import annotations

from typing import Any

import orjson

from liveledger.api.cache import RenderCache
from liveledger.errors import LiveledgerError
from streams.app.factory import LiveLedgerApp
from streams.views.contrib import State
from streams.views.render import Doc


class GatherError(LiveledgerError):
    """Another worker that holds part of a view did not answer: the API answers 503; retry, or check that worker."""


def local_states(ll: LiveLedgerApp, view: str) -> dict[str, State]:
    """The states of ``view`` held in this worker's active partitions."""
    return {k.decode() if isinstance(k, bytes) else str(k): v for k, v in ll.views[view].items() if v is not None}


def other_hosts(ll: LiveLedgerApp, table: str) -> list[str]:
    """The other workers' URLs that hold a partition of ``table`` (none before an assignment)."""
    me = str(ll.app.conf.canonical_url).rstrip("/")
    try:  # before an assignment the metadata is empty, not an error: only local data exists then
        hosts = ll.app.router.table_metadata(table)
    except Exception as e:  # never answer from local data alone as if it were everything
        raise GatherError(f"could not tell which workers hold {table!r}: {type(e).__name__}: {e}") from e
    return sorted({str(h).rstrip("/") for h, parts in hosts.items() if parts} - {me})


async def fetch_internal(
    ll: LiveLedgerApp, host: str, path: str, params: dict[str, str] | None = None, what: str = ""
) -> Any:
    """GET ``host`` + ``path`` with the worker token; the decoded JSON body, or GatherError (``what`` names the ask)."""
    token = ll.settings.worker_token()
    headers = {} if token is None else {"Authorization": f"Bearer {token}"}
    url = f"{host}{path}"
    try:
        async with ll.app.http_client.get(url, params=params, headers=headers) as resp:
            if resp.status != 200:
                raise GatherError(f"{url} answered {resp.status}")
            return orjson.loads(await resp.read())
    except GatherError:
        raise
    except Exception as e:
        raise GatherError(f"worker at {host} did not answer{what}: {e}") from e


async def gather_states(ll: LiveLedgerApp, view: str) -> dict[str, State]:
    """Every key of ``view`` across all workers."""
    return await _gather(ll, view, local_states(ll, view), "states")


async def gather_rendered(ll: LiveLedgerApp, cache: RenderCache, view: str) -> dict[str, list[Doc]]:
    """The rendered documents of every key of ``view`` across all workers."""
    return await _gather(ll, view, dict(cache.local(view)), "rendered")


async def _gather(ll: LiveLedgerApp, view: str, mine: dict[str, Any], kind: str) -> dict[str, Any]:
    states = mine
    for host in other_hosts(ll, ll.views[view].name):
        states.update(await fetch_internal(ll, host, f"/api/v1/internal/{kind}/{view}"))
    return states
