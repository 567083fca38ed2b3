"""``liveledger extract [FILE|-]``: entries in (JSON lines), one flat fact per line out."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import orjson
import typer

from liveledger.errors import LiveledgerError
from liveledger.publish.jsonlines import StrictJSONError, loads_strict, split_lines


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
        for n, raw in enumerate(split_lines(data), start=1):
            if not raw.strip():
                continue
            try:
                doc = loads_strict(raw)
            except (orjson.JSONDecodeError, StrictJSONError) as e:
                reason = str(e) if isinstance(e, StrictJSONError) else f"not valid JSON ({e})"
                typer.secho(f"line {n}: {reason}", fg="red", err=True)
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
        corpus: Annotated[
            str, typer.Argument(help="Labelled corpus (JSON lines), or a public data file with --format")
        ] = "tests/corpus/extraction.jsonl",
        fmt: Annotated[
            str,
            typer.Option(
                "--format",
                help="corpus: our labelled JSON lines; acled: ACLED-style CSV (notes, fatalities, admin1, country); "
                "cir: the Bellingcat/CIR Ukraine events.csv (description, province); "
                "pitf: the PITF Worldwide Atrocities export (Description, Deaths Number, Country, Region)",
            ),
        ] = "corpus",
        limit: Annotated[int | None, typer.Option("--limit", min=1, help="Score only the first N rows")] = None,
        show_misses: Annotated[bool, typer.Option("--show-misses", help="List misses and spurious facts")] = False,
    ) -> None:
        """Score the extractor: on our corpus (P/R/F1, region, attribution) or on public coded data."""
        if fmt == "corpus":
            from streams.extract.evaluate import main as evaluate_main

            raise typer.Exit(evaluate_main([corpus, *(["--show-misses"] if show_misses else [])]))
        from streams.extract.public_eval import FORMATS
        from streams.extract.public_eval import main as public_main

        if fmt not in FORMATS:
            raise typer.BadParameter(f"{fmt!r}; expected corpus, {', '.join(FORMATS)}", param_hint="--format")
        raise typer.Exit(public_main(corpus, fmt, limit, 12 if show_misses else 0))
