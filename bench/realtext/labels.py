"""Labelled samples of public live-blog posts, kept in the repo without their text.

A labelled sample is made in the corpus format of ``tests/corpus/README.md`` (``entry_id``,
``title``, ``body``, ``facts``) plus ``source`` (a blog file of LiveBlogSummary's
``label_data``, e.g. ``guardian_label/train/<blog_id>.json``) and ``block_id`` (the post).
The posts' sentences are not ours, so the repo keeps only the labels:

- ``strip IN OUT``: drops ``title`` and ``body``, keeps a SHA-256 of them, and replaces each
  fact's ``evidence`` with where it stands (``evidence_in``: ``title`` or ``body``, and
  ``evidence_at``: its start and end offsets);
- ``join LABELS OUT [--data DIR]``: rebuilds the corpus-format file from the fetched blogs
  (``scripts/realdata`` lays them out under ``/work/realdata/lbs``), checking each post's hash,
  so ``liveledger eval OUT`` scores it.

A post is its document's ``title`` and its sentences joined by one space.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

DEFAULT_DATA = Path("/work/realdata/lbs/label_data")


class LabelError(Exception):
    """A sample or a blog file that cannot be read as this module expects; the message says where."""


def post_text(blog: dict[str, Any], block_id: str, where: str) -> tuple[str, str]:
    """The (title, body) of one post of a LiveBlogSummary blog."""
    for doc in blog.get("documents", []):
        if doc.get("block_id") == block_id:
            return str(doc.get("title") or ""), " ".join(doc.get("text") or [])
    raise LabelError(f"{where}: block {block_id!r} is not a post of this blog")


def digest(title: str, body: str) -> str:
    return hashlib.sha256(f"{title}\n{body}".encode()).hexdigest()


def _records(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            rec = json.loads(raw)
        except json.JSONDecodeError as e:
            raise LabelError(f"{where}: not JSON ({e})") from e
        if not isinstance(rec, dict):
            raise LabelError(f"{where}: not a JSON object")
        for key in ("entry_id", "source", "block_id", "facts"):
            if key not in rec:
                raise LabelError(f"{where}: no {key!r}")
        yield where, rec


def strip(rec: dict[str, Any], where: str) -> dict[str, Any]:
    """One labelled post without its text: offsets for evidence, a hash for the post."""
    if not isinstance(rec.get("title"), str) or not isinstance(rec.get("body"), str):
        raise LabelError(f"{where}: a post to strip needs its title and body as strings")
    title, body = rec["title"], rec["body"]
    facts = []
    for i, fact in enumerate(rec["facts"]):
        ev = fact.get("evidence")
        if not isinstance(ev, str) or not ev:
            raise LabelError(f"{where} fact {i}: no evidence")
        field, at = ("title", title.find(ev)) if ev in title else ("body", body.find(ev))
        if at < 0:
            raise LabelError(f"{where} fact {i}: evidence is in neither title nor body")
        kept = {k: v for k, v in fact.items() if k != "evidence"}
        facts.append({**kept, "evidence_in": field, "evidence_at": [at, at + len(ev)]})
    out = {k: v for k, v in rec.items() if k not in ("title", "body", "facts")}
    return {**out, "text_sha256": digest(title, body), "facts": facts}


def join(rec: dict[str, Any], where: str, data: Path) -> dict[str, Any]:
    """One labelled post with its text and evidence back, read from the fetched blog."""
    blog_path = data / rec["source"]
    if not blog_path.is_file():
        raise LabelError(f"{where}: {blog_path} is missing; fetch the blogs first (bash scripts/realdata)")
    title, body = post_text(json.loads(blog_path.read_text(encoding="utf-8")), rec["block_id"], where)
    if digest(title, body) != rec["text_sha256"]:
        raise LabelError(f"{where}: the post's text in {blog_path} is not the text that was labelled")
    facts = []
    for fact in rec["facts"]:
        start, end = fact["evidence_at"]
        text = title if fact["evidence_in"] == "title" else body
        kept = {k: v for k, v in fact.items() if k not in ("evidence_in", "evidence_at")}
        facts.append({**kept, "evidence": text[start:end]})
    out = {k: v for k, v in rec.items() if k not in ("text_sha256", "facts")}
    return {**out, "title": title, "body": body, "facts": facts}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=("strip", "join"))
    parser.add_argument("src", type=Path)
    parser.add_argument("dst", type=Path)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="LiveBlogSummary's label_data folder")
    args = parser.parse_args(argv)
    try:
        if args.mode == "strip":
            out = [strip(rec, where) for where, rec in _records(args.src)]
        else:
            out = [join(rec, where, args.data) for where, rec in _records(args.src)]
    except (LabelError, OSError, KeyError, ValueError, TypeError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    args.dst.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out), encoding="utf-8")
    print(f"{args.dst}: {len(out)} posts, {sum(len(r['facts']) for r in out)} facts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
