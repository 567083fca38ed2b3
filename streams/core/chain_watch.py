"""Hash-chain checks one record at a time: ``audit verify-log`` over the whole log, the worker as it consumes.

:class:`ChainState` holds each blog's chain head and checks one record against it
(:meth:`ChainState.check`): the rules of ``audit verify-log`` (:func:`replay.chain.verify_chain`
is a loop over it). :class:`ChainWatch` is the worker's use of it: the entries agent hands it
each raw record (:meth:`ChainWatch.observe`, one call), and ``/api/v1/health``, ``/metrics`` and the
page's badge read :meth:`ChainWatch.status`: per blog, verified up to which offset, and the
position of every altered, missing or reordered event.

A worker resumes from its committed offsets, not from the start of the log, so it does not know
the heads its predecessor saw: on a partition it did not read from offset 0, a blog's first event
is taken as that blog's anchor (its link to the earlier event is not checked; its own hash is),
and the status says where verification started (``from_offset``, ``from_genesis``). A record at or
before the last offset seen on its partition is a redelivery, not a new event, and is skipped.

>>> watch = ChainWatch()
>>> watch.observe(0, 0, b"b", b"not json")
>>> s = watch.status()
>>> s["ok"], s["problems"][0]["kind"], s["problems"][0]["offset"]
(False, 'unreadable', 0)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from schemas.codec import link_ok, parse_envelope
from schemas.envelope import GENESIS_HASH, Envelope

Problem = tuple[str, str]  # (kind, detail)


@dataclass
class BlogChain:
    """One blog's chain as seen so far."""

    partition: int
    head: str = GENESIS_HASH
    last_time: str | None = None
    events: int = 0
    #: hash -> offset of the events seen (bounded by ``ChainState.max_known``, oldest dropped first)
    known: dict[str, int] = field(default_factory=dict)


class ChainState:
    """Every blog's head; :meth:`check` checks the next record of a blog and moves its head on."""

    def __init__(self, max_known: int | None = None) -> None:
        self.blogs: dict[str, BlogChain] = {}
        self.max_known = max_known

    def check(
        self,
        partition: int,
        offset: int,
        key: bytes | None,
        doc: dict[str, Any],
        env: Envelope,
        *,
        anchor: bool = False,
    ) -> list[Problem]:
        """The problems of one decoded record, in log order; ``anchor`` trusts a new blog's first link."""
        blog = env.blog_id
        problems: list[Problem] = []
        if key is not None and key != blog.encode():
            problems.append(("wrong key", f"record key {key!r} is not its blog id"))
        if not link_ok(doc):
            problems.append(("altered", "stored hash does not match the event's content"))
        chain = self.blogs.get(blog)
        if chain is None:
            chain = self.blogs[blog] = BlogChain(partition, head=env.prev_hash if anchor else GENESIS_HASH)
        prev, known = env.prev_hash, chain.known
        if env.hash in known:
            problems.append(("duplicate", f"same hash as the event at offset {known[env.hash]}"))
        elif prev != chain.head:
            if prev in known:
                detail = f"links to the event at offset {known[prev]}, not to the blog's previous event"
                problems.append(("reordered or forked", detail))
            elif prev == GENESIS_HASH:
                problems.append(("reordered or forked", "claims to be the blog's first event but is not"))
            else:
                problems.append(("missing event", "links to an event that is not in the log"))
        if chain.last_time is not None and env.published_at < chain.last_time:
            problems.append(
                (
                    "out of time order",
                    f"published_at {env.published_at} is before the previous event's {chain.last_time}",
                )
            )
        chain.last_time = env.published_at
        known[env.hash] = offset
        if self.max_known is not None and len(known) > self.max_known:
            del known[next(iter(known))]
        chain.head = env.hash
        chain.events += 1
        return problems


@dataclass
class _Partition:
    first_offset: int
    last_offset: int


class ChainWatch:
    """The worker's incremental chain check over the records it consumes (see the module docstring)."""

    def __init__(self, max_known: int = 10_000, max_problems: int = 100) -> None:
        self.state = ChainState(max_known)
        self.max_problems = max_problems
        self.records = 0
        self.problem_count = 0
        self.problems: list[dict[str, Any]] = []
        self._partitions: dict[int, _Partition] = {}
        self._verified: dict[str, int] = {}  # blog -> last offset checked
        self._first: dict[str, int] = {}  # blog -> first offset checked
        self._bad: dict[str, int] = {}  # blog -> problems
        #: a "missing event" not yet settled: the hash it lacks -> (blog, partition, offset, the problem)
        self._missing: dict[str, tuple[str, int, int, dict[str, Any] | None]] = {}

    def observe(
        self,
        partition: int,
        offset: int,
        key: bytes | None,
        raw: bytes | None,
        parsed: tuple[dict[str, Any], Envelope] | Exception | None = None,
    ) -> None:
        """Check one record of the entries topic; never raises on bad bytes (they are a problem).

        ``parsed`` is what :func:`schemas.codec.parse_envelope` made of ``raw`` (or the error it
        raised, of any type: a record that does not decode is a problem here, whatever the cause), when
        the caller has it already: the record is then not decoded a second time.
        """
        part = self._partitions.get(partition)
        if part is not None and offset <= part.last_offset:
            self._late(partition, offset, raw)  # redelivered (already checked), or one the consumer dropped
            return
        if part is None:
            part = self._partitions[partition] = _Partition(offset, offset)
        part.last_offset = offset
        self.records += 1
        if parsed is None:
            try:
                parsed = parse_envelope(raw or b"")
            except Exception as e:  # the caller dead-letters the record; here it is only a problem
                parsed = e
        if isinstance(parsed, Exception):
            self._problem(partition, offset, None, "unreadable", str(parsed))
            return
        doc, env = parsed
        blog = env.blog_id
        anchor = blog not in self.state.blogs and part.first_offset > 0
        for kind, detail in self.state.check(partition, offset, key, doc, env, anchor=anchor):
            problem = self._problem(partition, offset, blog, kind, detail)
            if kind == "missing event":
                self._missing[env.prev_hash] = (blog, partition, offset, problem)
                if len(self._missing) > self.max_problems:  # bounded: the oldest stays reported
                    del self._missing[next(iter(self._missing))]
        self._first.setdefault(blog, offset)
        self._verified[blog] = offset

    def forget(self, partitions: Iterable[int]) -> None:
        """Drop what is known of ``partitions`` (revoked in a rebalance).

        Another worker may consume them meanwhile, so when one comes back its heads are stale: its
        next record is then checked as on a resumed partition (each blog anchored on its first event
        seen), not reported as a missing event. Problems found stay reported.
        """
        for partition in set(partitions):
            self._partitions.pop(partition, None)
            for lacked in [h for h, pending in self._missing.items() if pending[1] == partition]:
                del self._missing[lacked]
            for blog in [b for b, chain in self.state.blogs.items() if chain.partition == partition]:
                del self.state.blogs[blog]
                self._verified.pop(blog, None)
                self._first.pop(blog, None)

    def _late(self, partition: int, offset: int, raw: bytes | None) -> None:
        """A record behind its partition's last offset: settle the "missing event" it was, if any.

        faust may fetch a record and drop it unprocessed, then read the partition again from the
        committed offset (``streams.app.committed``): the record after it was then reported as
        linking to a missing event. When the dropped record arrives, intact, on its partition, before
        that record, and linking to an event seen, it was never missing: the problem is withdrawn.
        """
        if not self._missing:
            return
        try:
            doc, env = parse_envelope(raw or b"")
        except Exception:  # a late record that does not decode settles nothing
            return
        pending = self._missing.get(env.hash)
        if pending is None:
            return
        blog, at_partition, at_offset, problem = pending
        chain = self.state.blogs.get(blog)
        if (
            chain is None
            or env.blog_id != blog
            or at_partition != partition
            or offset >= at_offset
            or not link_ok(doc)
            or env.prev_hash not in chain.known
        ):
            return
        del self._missing[env.hash]
        chain.known[env.hash] = offset
        self.problem_count -= 1
        self._bad[blog] -= 1
        if problem is not None:
            self.problems.remove(problem)

    def _problem(self, partition: int, offset: int, blog: str | None, kind: str, detail: str) -> dict[str, Any] | None:
        self.problem_count += 1
        if blog is not None:
            self._bad[blog] = self._bad.get(blog, 0) + 1
        if len(self.problems) >= self.max_problems:
            return None
        problem = {"partition": partition, "offset": offset, "blog_id": blog, "kind": kind, "detail": detail}
        self.problems.append(problem)
        return problem

    def status(self) -> dict[str, Any]:
        """Plain JSON: ``ok``, records checked, problems (the first ``max_problems``), and per blog."""
        blogs = {}
        for blog, chain in sorted(self.state.blogs.items()):
            first = self._first.get(blog, 0)
            part = self._partitions.get(chain.partition)
            blogs[blog] = {
                "partition": chain.partition,
                "events": chain.events,
                "head": chain.head,
                "verified_to_offset": self._verified.get(blog),
                "from_offset": first,
                "from_genesis": part is not None and part.first_offset == 0,
                "ok": self._bad.get(blog, 0) == 0,
                "problems": self._bad.get(blog, 0),
            }
        return {
            "ok": self.problem_count == 0,
            "records": self.records,
            "problem_count": self.problem_count,
            "problems": list(self.problems),
            "blogs": blogs,
        }
