"""``liveledger extract [FILE|-]``: entries in (JSON lines), one flat fact per line out."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import orjson
import typer

from liveledger.errors import LiveledgerError


def register(app: typer.Typer) -> None:
    @app.command()
    def extract(
        file: Annotated[str, typer.Argument(help="JSON-lines entries (the publish input shape), or -")] = "-",
    ) -> None:
        """Extract figures from entries; print each fact as a flat JSON object on its own line.

        A line that is not an entry, or an entry the extractor fails on, is named on stderr and
        makes the exit status 1; the facts of the other entries are printed all the same.
        """
        from streams.extract import ExtractionError
        from streams.extract import extract as run_extract

        try:
            data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
        except OSError as e:
            raise LiveledgerError(f"cannot read {file}: {e.strerror}") from e
        bad = 0
        out = sys.stdout.buffer
        for n, raw in enumerate(data.splitlines(), start=1):
            if not raw.strip():
                continue
            try:
                doc = orjson.loads(raw)
            except orjson.JSONDecodeError as e:
                typer.secho(f"line {n}: not valid JSON ({e})", fg="red", err=True)
                bad += 1
                continue
            if isinstance(doc, dict) and doc.get("type") == "retraction":
                continue  # a retraction has no text to extract from
            if not isinstance(doc, dict) or not isinstance(doc.get("body"), str):
                typer.secho(f"line {n}: expected an object with a string 'body'", fg="red", err=True)
                bad += 1
                continue
            raw_title = doc.get("title")
            title = raw_title if isinstance(raw_title, str) else ""
            entry_id = str(doc.get("entry_id", f"line-{n}"))
            try:
                facts = run_extract(title, doc["body"])
            except ExtractionError as e:
                typer.secho(f"line {n}: entry {entry_id}: {e}", fg="red", err=True)
                bad += 1
                continue
            for fact in facts:
                out.write(orjson.dumps(fact.to_flat(entry_id)) + b"\n")
        out.flush()
        raise typer.Exit(1 if bad else 0)

    @app.command("eval")
    def evaluate(
        corpus: Annotated[str, typer.Argument(help="Labelled corpus (JSON lines)")] = "tests/corpus/extraction.jsonl",
        show_misses: Annotated[bool, typer.Option("--show-misses", help="List every missed and spurious fact")] = False,
    ) -> None:
        """Score the extractor: precision, recall and F1 per metric, region and attribution accuracy."""
        from streams.extract.evaluate import main as evaluate_main

        raise typer.Exit(evaluate_main([corpus, *(["--show-misses"] if show_misses else [])]))
