"""``Lookahead`` prepares requests while the publisher awaits; what it gives is ``prepare``'s, always."""

from __future__ import annotations

import asyncio

import pytest

from liveledger.publish import prepare as prep
from liveledger.publish.prepare import Lookahead, prepare
from liveledger.publish.requests import Request, parse_request


def _requests(n: int) -> list[Request]:
    out: list[Request] = []
    for i in range(n):
        doc: dict[str, object] = {"blog_id": f"b{i % 3}", "entry_id": f"e{i}", "body": f"body {i} é \" \\"}
        if i % 5 == 0:
            doc.update(type="correction", occurred_at="2024-11-20T10:00:00+02:00")
        if i % 7 == 0:
            doc = {"blog_id": "b0", "entry_id": f"e{i}", "type": "retraction", "reason": "unverified"}
        out.append(parse_request(doc, i + 1, 100_000))
    return out


async def _consume(reqs: list[Request], order: list[int], pause_every: int) -> tuple[Lookahead, int]:
    ahead = Lookahead(reqs)
    task = asyncio.create_task(ahead.run())
    most = 0
    try:
        for k, pos in enumerate(order):
            assert ahead.take(pos) == prepare(reqs[pos])
            most = max(most, len(ahead._ready))
            if k % pause_every == 0:  # the publisher awaits the broker: the lookahead gets on
                for _ in range(5):
                    await asyncio.sleep(0)
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    return ahead, most


@pytest.mark.parametrize("pause_every", [1, 7, 500])
def test_every_take_is_what_prepare_gives_and_what_waits_is_bounded(
    monkeypatch: pytest.MonkeyPatch, pause_every: int
) -> None:
    monkeypatch.setattr(prep, "AHEAD", 64)
    reqs = _requests(400)
    # in order, then a fenced transaction decided again (positions 100-199), then the rest
    order = list(range(200)) + list(range(100, 200)) + list(range(200, 400))
    ahead, most = asyncio.run(_consume(reqs, order, pause_every))
    assert most <= 64
    assert not ahead._ready  # every prepared request was taken: nothing prepared twice or left behind


def test_a_request_that_fails_to_prepare_fails_where_it_is_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    reqs = _requests(100)
    bad = reqs[40]
    real = prep.prepare

    def flaky(req: Request) -> prep.Prepared:
        if req is bad:
            raise ValueError("cannot serialize")
        return real(req)

    monkeypatch.setattr(prep, "prepare", flaky)

    async def run() -> None:
        ahead = Lookahead(reqs)
        task = asyncio.create_task(ahead.run())
        for _ in range(50):
            await asyncio.sleep(0)  # the lookahead passes position 40
        try:
            for pos in range(40):
                ahead.take(pos)
            with pytest.raises(ValueError, match="cannot serialize"):
                ahead.take(40)
        finally:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)

    asyncio.run(run())
