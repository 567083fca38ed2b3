"""Which view keys an entry event touches, and with which items.

Views and their keys (parts normalised by :mod:`streams.views.keys`, so a part
never contains ``/`` or ``|``):

- **day** = UTC date (``YYYY-MM-DD``) of ``ef.occurred_at`` if set, else of
  ``ef.display_time`` (the blog's own posting time, else ``ef.published_at``).
- **area** = ``fact.region_code``, else ``fact.country``, else ``"unknown"``.
- ``casualties``: facts whose metric is in ``CASUALTY_METRICS``, not cumulative
  and with ``per`` None. Key = ``"{area}/{day}"``: every casualty report of one
  area on one day shares a state, which :mod:`streams.views.render` splits into
  incidents ``"{area}/{day}/{kind}"`` (kind = the weapon lowercased with
  whitespace as ``-``, or ``"unspecified"``). A report that names no weapon
  joins the area's one known kind of attack that day, so a follow-up such as
  "the toll rose to 11" is never counted beside the incident it updates.
- ``strikes``: facts with metric ``strikes``, not cumulative, ``per`` None.
  Key = ``"{area}/{day}/{kind}"`` (one region, one day, one weapon: several
  targets hit in one raid are one incident).
- ``interceptions``: facts whose metric is in ``INTERCEPTION_METRICS`` (never
  strikes). Key = ``"{claimant_key}/{day}"``; claimant key = the fact's
  ``claimant_id`` (one id across a claimant's wordings), else its ``claimant``,
  casefolded, whitespace collapsed, leading ``"the "`` stripped, or
  ``"unattributed"``.
- ``figures``: every fact, cumulative and rates included. Key =
  ``"{claimant_key}|{metric}|{subject_key}|{month}|{area}"``; subject key = the word
  of the fixed subject vocabulary (:mod:`streams.views.subjects`) the subject
  names, else the metric's default ("people" for killed), never a place; month = ``YYYY-MM`` of the event's
  published time; area as for casualties. A history is split into states by month and area so that no
  state grows with the length of a war or the number of places a claimant speaks of; rendering joins
  a history's states into one document keyed ``"{claimant_key}|{metric}|{subject_key}"``.

Each item is one fact with its provenance: ``entry_id``, ``blog_id``,
``event_id``, ``published_at``, ``occurred_at``, ``day``, ``position``
(``{topic, partition, offset}``), ``span`` (a list or None), ``seq`` (the fact's
index in the entry), and the fact's fields (the claimant and subject as written,
and ``claimant_id``). Items of one contribution keep the
entry's fact order.

:func:`plan` is how corrections replace and retractions remove: it adds a
tombstone, stamped with the new event, for every key the entry touched before
and no longer touches.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING, Any

from schemas.facts import CASUALTY_METRICS, INTERCEPTION_METRICS, Fact
from streams.views.contrib import Contribution
from streams.views.keys import area_of, claimant_key, entry_day, kind_key, subject_key, utc_day

if TYPE_CHECKING:  # annotations only: the views never import the core (the core drives them)
    from streams.core.records import EntryFacts

CASUALTIES = "casualties"
STRIKES = "strikes"
INTERCEPTIONS = "interceptions"
FIGURES = "figures"

VIEWS: tuple[str, ...] = (CASUALTIES, STRIKES, INTERCEPTIONS, FIGURES)


#: the fields of every item :func:`fact_item` makes, in its order
ITEM_FIELDS: tuple[str, ...] = (
    "entry_id", "blog_id", "event_id", "published_at", "occurred_at", "day", "position", "span", "seq",
    "metric", "low", "best", "high", "qualifier", "per", "cumulative", "subject", "place", "region_code",
    "country", "claimant", "claimant_id", "relay", "weapon", "target", "actor", "extractor_version",
)  # fmt: skip


def fact_item(ef: EntryFacts, fact: Fact, seq: int, day: str, position: dict[str, Any]) -> dict[str, Any]:
    """The JSON item of one fact, with the provenance of its entry event.

    ``source_published_at`` (the blog's own posting time) is there only when the entry has one:
    stored states hold every item, so a key that is always null would only make them bigger.
    """
    item = {
        "entry_id": ef.entry_id,
        "blog_id": ef.blog_id,
        "event_id": ef.event_id,
        "published_at": ef.published_at,
        "occurred_at": ef.occurred_at,
        "day": day,
        "position": position,
        "span": [fact.span[0], fact.span[1]] if fact.span is not None else None,
        "seq": seq,
        "metric": fact.metric,
        "low": fact.low,
        "best": fact.best,
        "high": fact.high,
        "qualifier": fact.qualifier,
        "per": fact.per,
        "cumulative": fact.cumulative,
        "subject": fact.subject,
        "place": fact.place,
        "region_code": fact.region_code,
        "country": fact.country,
        "claimant": fact.claimant,
        "claimant_id": fact.claimant_id,
        "relay": fact.relay,
        "weapon": fact.weapon,
        "target": fact.target,
        "actor": fact.actor,
        "extractor_version": fact.extractor_version,
    }
    if ef.source_published_at is not None:
        item["source_published_at"] = ef.source_published_at
    return item


def fact_keys(fact: Fact, day: str, month: str) -> list[tuple[str, str]]:
    """The ``(view, key)`` pairs one fact of an entry on ``day``, published in ``month``, goes to."""
    area = area_of(fact.region_code, fact.country)
    ckey = claimant_key(fact.claimant, fact.claimant_id)
    out: list[tuple[str, str]] = []
    incident = not fact.cumulative and fact.per is None
    metric = fact.metric
    if metric in CASUALTY_METRICS:
        if incident:
            out.append((CASUALTIES, f"{area}/{day}"))
    elif metric == "strikes":
        if incident:
            out.append((STRIKES, f"{area}/{day}/{kind_key(fact.weapon)}"))
    elif metric in INTERCEPTION_METRICS:
        out.append((INTERCEPTIONS, f"{ckey}/{day}"))
    # The area only shards the stored history (so one claimant's figures over many places do not pile
    # into one state); the history itself, and its document, are keyed without it.
    out.append((FIGURES, f"{ckey}|{metric}|{subject_key(fact.subject, metric)}|{month}|{area}"))
    return out


def state_key(view: str, key: str) -> str:
    """The state a view key lives in: a casualty incident id ``area/day/kind`` lives in ``area/day``."""
    if view == CASUALTIES and key.count("/") == 2:
        return key.rsplit("/", 1)[0]
    return key


def history_key(state: str) -> str:
    """The figure history a figures state belongs to: its key without the month and area shard."""
    return state.rsplit("|", 2)[0] if state.count("|") == 4 else state


def route(ef: EntryFacts) -> list[Contribution]:
    """The contributions of one entry event to every view key it touches.

    A retraction routes nothing. Contributions are ordered by view (``VIEWS``
    order) then key; each holds its items in the entry's fact order.
    """
    if ef.retracted or not ef.facts:
        return []
    day = entry_day(ef.occurred_at, ef.display_time)
    month = utc_day(ef.published_at)[:7]
    pos = ef.position
    position = {"topic": pos.topic, "partition": pos.partition, "offset": pos.offset}
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for seq, fact in enumerate(ef.facts):
        item = fact_item(ef, fact, seq, day, position)
        for vk in fact_keys(fact, day, month):
            bucket = grouped.get(vk)
            if bucket is None:
                grouped[vk] = [item]
            else:
                bucket.append(item)
    entry_key = ef.entry_key
    stamp = ef.stamp
    order = {v: i for i, v in enumerate(VIEWS)}
    return [
        Contribution(view=view, key=key, entry_key=entry_key, stamp=stamp, items=tuple(items))
        for (view, key), items in sorted(grouped.items(), key=lambda kv: (order[kv[0][0]], kv[0][1]))
    ]


def plan(
    ef: EntryFacts, previous_keys: Mapping[str, Collection[str]]
) -> tuple[list[Contribution], dict[str, list[str]]]:
    """Route ``ef`` and tombstone the keys the entry has left.

    ``previous_keys`` maps view -> keys the entry's previous event touched
    (empty for a new entry). Returns the contributions to apply (``route(ef)``,
    then a tombstone stamped ``ef.stamp`` for every previous (view, key) that
    ``ef`` no longer touches, sorted) and the entry's keys per view now (sorted;
    views it does not touch are left out) for the caller to store as the next
    ``previous_keys``.

    A caller that may see an older event of the entry again (redelivery) should
    store the new keys only when ``ef.stamp`` is >= the stamp stored with the
    old ones; the contributions themselves are safe to apply either way.
    """
    contributions = route(ef)
    touched: dict[str, set[str]] = {}
    for c in contributions:
        touched.setdefault(c.view, set()).add(c.key)
    entry_key = ef.entry_key
    stamp = ef.stamp
    for view in sorted(previous_keys):
        now = touched.get(view, set())
        for key in sorted(set(previous_keys[view]) - now):
            contributions.append(Contribution(view=view, key=key, entry_key=entry_key, stamp=stamp, items=()))
    new_keys = {view: sorted(touched[view]) for view in VIEWS if view in touched}
    return contributions, new_keys
