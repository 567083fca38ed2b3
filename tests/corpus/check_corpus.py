"""Validate the labelled extraction corpus and print its coverage.

Run from the repository root:

    python tests/corpus/check_corpus.py [tests/corpus/extraction.jsonl]

Checks, for every line: it parses; it has exactly the expected keys; entry ids
are unique; every fact validates as ``schemas.facts.Fact`` (without
``evidence``); every ``evidence`` occurs in the title or body; the bounds match
the qualifier as in shared/guide/domain.md; region codes exist in pycountry and
agree with ``country``. Exits non-zero on any error. Warnings (evidence that
occurs more than once in the title or in the body, so a scorer taking the
first occurrence may land elsewhere) are printed but do not fail the run.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import pycountry  # noqa: E402

from schemas.facts import FLAT_FIELDS, Fact  # noqa: E402

ENTRY_KEYS = {"entry_id", "title", "body", "facts"}
#: Keys a sample of public posts adds to point at its source (bench/realtext): where the post came from.
SOURCE_KEYS = {"source", "block_id"}
#: The flat contract's fact fields, less those a labeller does not write, plus the evidence quote.
FACT_KEYS = (set(FLAT_FIELDS) - {"entry_id", "span", "extractor_version"}) | {"evidence"}


def _region_exists(code: str) -> bool:
    if len(code) == 2:
        return pycountry.countries.get(alpha_2=code) is not None
    return pycountry.subdivisions.get(code=code) is not None


def _shape_error(f: dict) -> str | None:
    """The bounds that each qualifier may set (domain.md value table)."""
    q, lo, be, hi = f["qualifier"], f["low"], f["best"], f["high"]
    ranged = lo is not None and hi is not None and be is None
    if q == "at_least":
        ok = lo is not None and be == lo and hi is None
    elif q == "more_than":
        ok = lo is not None and be is None and hi is None
    elif q in ("up_to", "nearly"):
        ok = hi is not None and lo is None and be is None
    elif q in ("exact", "about"):
        ok = (be is not None and lo is None and hi is None) or ranged
    else:  # vague
        ok = be is not None and lo is None and hi is None
    return None if ok else f"bounds {lo}/{be}/{hi} do not fit qualifier {q}"


def check(path: Path) -> int:
    errors: list[str] = []
    warnings: list[str] = []
    metrics: Counter[str] = Counter()
    quals: Counter[str] = Counter()
    extra: Counter[str] = Counter()
    ids: set[str] = set()
    n_with = n_without = n_facts = 0

    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            continue
        where = f"line {lineno}"
        try:
            rec = json.loads(raw)
        except json.JSONDecodeError as e:
            errors.append(f"{where}: not JSON ({e})")
            continue
        if set(rec) - SOURCE_KEYS != ENTRY_KEYS:
            errors.append(f"{where}: keys {sorted(rec)}")
            continue
        eid = rec["entry_id"]
        where = f"line {lineno} ({eid})"
        if eid in ids:
            errors.append(f"{where}: duplicate entry_id")
        ids.add(eid)
        facts = rec["facts"]
        if facts:
            n_with += 1
        else:
            n_without += 1
        for i, f in enumerate(facts):
            fw = f"{where} fact {i} ({f.get('metric')} {f.get('evidence')!r})"
            if set(f) != FACT_KEYS:
                errors.append(f"{fw}: keys {sorted(set(f) ^ FACT_KEYS)} differ")
                continue
            n_facts += 1
            ev = f["evidence"]
            if not ev or (ev not in rec["title"] and ev not in rec["body"]):
                errors.append(f"{fw}: evidence not found in title or body")
            elif rec["title"].count(ev) > 1 or rec["body"].count(ev) > 1:
                # A headline that repeats a body figure is expected (the first
                # occurrence, in the title, is the labelled one); a repeat inside
                # one field is ambiguous for a scorer.
                warnings.append(f"{fw}: evidence occurs more than once in one field")
            data = {k: v for k, v in f.items() if k != "evidence"}
            try:
                Fact.model_validate(data)
            except Exception as e:  # pydantic ValidationError
                errors.append(f"{fw}: {e}")
            msg = _shape_error(f)
            if msg:
                errors.append(f"{fw}: {msg}")
            rc, cc = f["region_code"], f["country"]
            if rc is not None:
                if not _region_exists(rc):
                    errors.append(f"{fw}: unknown region_code {rc}")
                if cc != rc[:2]:
                    errors.append(f"{fw}: country {cc} does not match region_code {rc}")
                if f["place"] is None:
                    errors.append(f"{fw}: region_code without place")
            elif cc is not None and f["place"] is None:
                errors.append(f"{fw}: country without place")
            metrics[f["metric"]] += 1
            quals[f["qualifier"]] += 1
            if f["per"]:
                extra[f"per={f['per']}"] += 1
            if f["cumulative"]:
                extra["cumulative"] += 1
            if f["low"] is not None and f["high"] is not None:
                extra["range"] += 1
            if f["relay"]:
                extra["relay"] += 1
            if f["best"] == 0:
                extra["zero"] += 1

    print(f"entries with facts: {n_with}, without: {n_without}, facts: {n_facts}")
    print("per metric:   ", dict(sorted(metrics.items())))
    print("per qualifier:", dict(sorted(quals.items())))
    print("other:        ", dict(sorted(extra.items())))
    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("ERROR:", e)
    return 1 if errors else 0


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("extraction.jsonl")
    sys.exit(check(target))
