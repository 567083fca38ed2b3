"""Scoring the extractor against a labelled corpus (JSONL, one entry per line).

Each line: ``{"entry_id", "title", "body", "facts": [{"metric", "low", "best",
"high", ..., "region_code", "claimant", "relay", "evidence"}]}``. A predicted
fact matches a gold fact of the same entry with the same metric and the same
``(low, best, high)``; matching is greedy and one-to-one, in gold order.
Region and attribution accuracy are measured over matched pairs only. A
claimant is right when it is the same source as the label: the same words, or
the same canonical claimant id (``Fact.claimant_id``) that the label gets among
the entry's claimants ("andrae" labels "Munich police chief Andrae").
Labels that also carry ``scene_region_code`` (the incident's place as the whole
post makes it clear, where ``region_code`` holds only what the figure's own
sentence names) get a second region score against it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from schemas.facts import Fact
from streams.extract import extract
from streams.extract.claimants import claimant_ids
from streams.extract.outlets import outlet_id


@dataclass(frozen=True, slots=True)
class Counts:
    """True positives, false positives and false negatives, with the derived scores."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


@dataclass(frozen=True, slots=True)
class Accuracy:
    """Agreement on one attribute over matched facts."""

    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 0.0


@dataclass(frozen=True, slots=True)
class EvalResult:
    """Scores of one evaluation run."""

    entries: int
    per_metric: dict[str, Counts]
    overall: Counts
    region: Accuracy
    claimant: Accuracy
    relay: Accuracy
    misses: list[str] = field(default_factory=list)
    scene: Accuracy = field(default_factory=Accuracy)

    def report(self) -> str:
        """A plain-text table of the scores."""
        lines = [f"entries: {self.entries}", f"{'metric':<20}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}"]
        for name in sorted(self.per_metric):
            c = self.per_metric[name]
            lines.append(f"{name:<20}{c.precision:7.3f}{c.recall:7.3f}{c.f1:7.3f}{c.tp:6d}{c.fp:6d}{c.fn:6d}")
        c = self.overall
        lines.append(f"{'overall':<20}{c.precision:7.3f}{c.recall:7.3f}{c.f1:7.3f}{c.tp:6d}{c.fp:6d}{c.fn:6d}")
        for label, acc in (("region", self.region), ("claimant", self.claimant), ("relay", self.relay)):
            lines.append(f"{label} accuracy: {acc.value:.3f} ({acc.correct}/{acc.total})")
        if self.scene.total:
            s = self.scene
            where = "(against the incident's place in the post)"
            lines.append(f"scene region accuracy: {s.value:.3f} ({s.correct}/{s.total}) {where}")
        return "\n".join(lines)


def norm_claimant(v: object) -> str | None:
    """Claimant/relay comparison form: lowercase, no leading "the", single spaces."""
    if v is None:
        return None
    s = " ".join(str(v).lower().split())
    if s.startswith("the "):
        s = s[4:]
    return s or None


def same_claimant(p: Fact, label: object, pred: Sequence[Fact]) -> bool:
    """Whether ``p``'s claimant is the source ``label`` names, by wording or by canonical id.

    The label's id is computed among the claimants the extractor found in the same
    entry (``pred``), as the extractor computes ``p.claimant_id``: a label that drops
    a title ("le drian" for "foreign minister le drian") is the same claimant; a
    missing claimant, or another source, is not.
    """
    if norm_claimant(p.claimant) == norm_claimant(label):
        return True
    if not p.claimant_id or not isinstance(label, str) or not label.strip():
        return False
    mentions = [q.claimant for q in pred if q.claimant]
    ids = claimant_ids([*mentions, label], [q.country for q in pred])
    return ids.get(label) == p.claimant_id


def same_relay(pred: str | None, label: object) -> bool:
    """Whether two relays are one outlet: the same words, or one ``outlet_id`` ("Kyodo News", "Kyodo")."""
    if norm_claimant(pred) == norm_claimant(label):
        return True
    if pred is None or not isinstance(label, str) or not label.strip():
        return False
    return outlet_id(pred) == outlet_id(label)


def load_corpus(path: str | Path) -> list[dict[str, Any]]:
    """The entries of a JSONL corpus; blank lines are skipped."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise ValueError(f"{path}:{n}: not valid JSON: {e}") from e
    return out


def _bounds(d: dict[str, Any] | Fact) -> tuple[Any, Any, Any]:
    if isinstance(d, Fact):
        return (d.low, d.best, d.high)
    return (d.get("low"), d.get("best"), d.get("high"))


def evaluate(
    entries: Iterable[dict[str, Any]],
    extractor: Callable[[str, str], Sequence[Fact]] = extract,
) -> EvalResult:
    """Score ``extractor`` over labelled entries."""
    per: dict[str, Counts] = {}
    region = claimant = relay = scene = Accuracy()
    misses: list[str] = []
    n_entries = 0
    for entry in entries:
        n_entries += 1
        gold: list[dict[str, Any]] = list(entry.get("facts") or [])
        pred = list(extractor(entry.get("title") or "", entry.get("body") or ""))
        used = [False] * len(pred)
        for g in gold:
            metric = g.get("metric")
            hit = None
            for k, p in enumerate(pred):
                if not used[k] and p.metric == metric and _bounds(p) == _bounds(g):
                    hit = k
                    break
            c = per.get(str(metric), Counts())
            if hit is None:
                per[str(metric)] = c + Counts(fn=1)
                misses.append(f"{entry.get('entry_id')}: missed {metric} {_bounds(g)} {g.get('evidence')!r}")
                continue
            used[hit] = True
            p = pred[hit]
            per[str(metric)] = c + Counts(tp=1)
            region = Accuracy(region.correct + (p.region_code == g.get("region_code")), region.total + 1)
            if "scene_region_code" in g:
                scene = Accuracy(scene.correct + (p.region_code == g["scene_region_code"]), scene.total + 1)
            claimant = Accuracy(
                claimant.correct + same_claimant(p, g.get("claimant"), pred),
                claimant.total + 1,
            )
            relay = Accuracy(relay.correct + same_relay(p.relay, g.get("relay")), relay.total + 1)
        for k, p in enumerate(pred):
            if not used[k]:
                per[p.metric] = per.get(p.metric, Counts()) + Counts(fp=1)
                misses.append(f"{entry.get('entry_id')}: spurious {p.metric} {_bounds(p)}")
    overall = Counts()
    for c in per.values():
        overall = overall + c
    return EvalResult(n_entries, per, overall, region, claimant, relay, misses, scene)


def main(argv: Sequence[str] | None = None) -> int:
    """CLI entry: ``python -m streams.extract.evaluate CORPUS.jsonl [--show-misses]``."""
    ap = argparse.ArgumentParser(description="Score the figure extractor on a labelled JSONL corpus.")
    ap.add_argument("corpus", nargs="?", default="tests/corpus/extraction.jsonl")
    ap.add_argument("--show-misses", action="store_true", help="list every missed and spurious fact")
    args = ap.parse_args(argv)
    try:
        entries = load_corpus(args.corpus)
    except (OSError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    result = evaluate(entries)
    print(result.report())
    if args.show_misses:
        print("\n".join(result.misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
