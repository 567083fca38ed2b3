"""``liveledger audit explain|verify|verify-log|rederive|export``."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import orjson
import typer

from liveledger.cli.http import ApiError, get, post_json
from liveledger.cli.progress import log_progress
from liveledger.cli.replay_cmd import replay_log
from liveledger.publish.keys import generate_keys
from liveledger.settings import Settings
from replay.anchors import Anchor, anchors_from_report
from replay.chain import verify_chain
from replay.checkpoint_check import check_log_anchors
from replay.compare import compare_documents, render_diff
from replay.errors import ReplayError
from replay.explain import explain as explain_value
from replay.export import CLAIM_COLUMNS, INCIDENT_COLUMNS, claim_rows, incident_rows, to_csv, to_jsonl
from replay.rebuild import Cutoff, describe_failure, parse_as_of
from replay.rederive import rederive as rederive_report
from replay.source import read_log
from schemas.codec import format_time
from streams.core.pipeline import default_extractor
from streams.query.documents import PARAMS, build

app = typer.Typer(
    help="Audit the views and the log: explain, verify, verify-log, rederive, export.", no_args_is_help=True
)


def _dump(doc: object) -> str:
    return orjson.dumps(doc, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS).decode()


@app.command()
def explain(
    view: Annotated[str, typer.Argument(help="casualties, strikes, interceptions or figures")],
    key: Annotated[str, typer.Argument(help="The view key, e.g. UA-63/2024-11-20/guided-bomb")],
) -> None:
    """Every entry event behind one view value: position, sentence, fact, and whether it was superseded."""
    if view not in PARAMS:
        raise ReplayError(f"unknown view {view!r}; expected one of {', '.join(PARAMS)}")
    rebuilt = replay_log(Settings(), Cutoff(), keep_history=True)
    doc = explain_value(rebuilt, view, key)
    if not doc["contributions"]:
        raise ReplayError(f"no entry ever contributed to {view} key {key!r}")
    typer.echo(_dump(doc))


@app.command()
def verify() -> None:
    """Rebuild the views and compare them with the live worker's; exit 1 with a diff when they differ."""
    settings = Settings()
    rebuilt = replay_log(settings, Cutoff())
    equal: dict[str, bool] = {}
    for view in PARAMS:
        live = orjson.loads(get(settings, f"/api/v1/{view}"))
        diff = compare_documents(build(view, rebuilt.views.states(view)), live)
        equal[view] = bool(diff["equal"])
        for line in render_diff(view, diff, "replay", "live"):
            typer.echo(line)
    same = all(equal.values())
    run = {"ran_at": format_time(datetime.now(UTC)), "equal": same, "views": equal}
    try:  # the page's badge shows the last run
        post_json(settings, "/api/v1/audit/verify-runs", orjson.dumps(run))
    except ApiError as e:
        typer.secho(f"the worker was not told of this run (its badge shows an older one): {e}", fg="yellow", err=True)
    raise typer.Exit(0 if same else 1)


@app.command("verify-log")
def verify_log(
    as_json: Annotated[bool, typer.Option("--json")] = False,
    anchor: Annotated[
        Path | None, typer.Option(help="A `verify-log --json` output saved earlier: its heads must still be in the log")
    ] = None,
) -> None:
    """Walk every blog's hash chain and check the signed checkpoints (and --anchor heads).

    Exit 1 on any altered, missing, forged or reordered event, and on a tail rewritten after a
    checkpoint or anchor, even when its hashes are valid.
    """
    settings = Settings()
    anchors = _read_anchor(anchor) if anchor is not None else []
    with log_progress("reading log") as progress:
        records = asyncio.run(read_log(settings, progress=progress))
    report = verify_chain(records)
    checked = check_log_anchors(settings, records, report, anchors)
    if as_json:
        typer.echo(_dump(report.to_json()))
    else:
        for blog, info in sorted(report.blogs.items()):
            typer.echo(f"{blog}: {info['events']} events, head {info['head']}")
        for p in report.problems:
            typer.echo(
                f"PROBLEM {p['kind']} at partition {p['partition']} offset {p['offset']} "
                f"(blog {p['blog_id']}): {p['detail']}"
            )
        typer.echo(checked)
        typer.echo(f"{report.records} records checked: {'OK' if report.ok else f'{len(report.problems)} problems'}")
    raise typer.Exit(0 if report.ok else 1)


def _read_anchor(path: Path) -> list[Anchor]:
    try:
        doc = orjson.loads(path.read_bytes())
    except OSError as e:
        raise ReplayError(f"--anchor {path}: cannot read it ({e.strerror})") from e
    except orjson.JSONDecodeError as e:
        raise ReplayError(f"--anchor {path}: not JSON ({e})") from e
    try:
        return anchors_from_report(doc, f"anchor file {path.name}")
    except ValueError as e:
        raise ReplayError(str(e)) from e


@app.command()
def keygen(
    out: Annotated[Path, typer.Option(help="Folder for signing.pem (keep it secret) and verify.pem")] = Path("keys"),
) -> None:
    """Make an Ed25519 key pair for signed checkpoints (LIVELEDGER_SIGNING_KEY_FILE / VERIFY_KEY_FILE)."""
    signing, verify = generate_keys(out)
    typer.echo(f"LIVELEDGER_SIGNING_KEY_FILE={signing}\nLIVELEDGER_VERIFY_KEY_FILE={verify}")


@app.command()
def rederive(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Which view values the current extractor would change, against the facts recorded at processing time.

    Entries the extractor fails on are left out (the worker would dead-letter them), listed
    (on stderr, or under ``extraction_failed`` with --json), and make the exit status 1.
    """
    extractor, version = default_extractor()
    report = asyncio.run(rederive_report(Settings(), extractor, version))
    failed = report["extraction_failed"]
    if as_json:
        typer.echo(_dump(report))
        raise typer.Exit(1 if failed else 0)
    for view, diff in report["views"].items():
        for line in render_diff(view, diff, "recorded", f"extractor {version}"):
            typer.echo(line)
    typer.echo(f"{report['changes']} view values would change")
    if failed:
        typer.secho(
            f"extractor {version} fails on {len(failed)} entry event(s); they are left out above:", fg="red", err=True
        )
        for f in failed:
            typer.secho(f"  {describe_failure(f)}", fg="red", err=True)
    raise typer.Exit(1 if failed else 0)


@app.command()
def export(
    what: Annotated[str, typer.Argument(help="incidents or claims")],
    fmt: Annotated[str, typer.Option("--format", help="csv or jsonl")] = "csv",
    out: Annotated[Path | None, typer.Option(help="Output file [default: stdout]")] = None,
    as_of: Annotated[str | None, typer.Option(help="A moment on liveledger's clock: the views as they stood")] = None,
) -> None:
    """Incidents or claims for researchers: event date, precision, region, place, bounds, claimant, source."""
    if what not in ("incidents", "claims") or fmt not in ("csv", "jsonl"):
        raise ReplayError("export takes incidents|claims and --format csv|jsonl")
    rebuilt = replay_log(Settings(), Cutoff(as_of=parse_as_of(as_of) if as_of else None))
    rows = incident_rows(rebuilt.views) if what == "incidents" else claim_rows(rebuilt.views)
    columns = INCIDENT_COLUMNS if what == "incidents" else CLAIM_COLUMNS
    text = to_csv(rows, columns) if fmt == "csv" else to_jsonl(rows)
    if out is None:
        typer.echo(text, nl=False)
    else:
        out.write_text(text)
        typer.echo(f"wrote {out}", err=True)
