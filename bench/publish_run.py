"""One publish run of one source tree, for ``bench/publish_compare.py``; prints one JSON object.

    python bench/publish_run.py --tree DIR --bootstrap HOST:PORT --tag TAG --data-dir DIR --lines FILE

Imports ``liveledger`` from ``--tree`` (this tree, or an export of another commit), publishes the
JSON lines of ``--lines`` with that tree's ``Publisher`` in one ``publish_many`` to a new entries
topic ``b<TAG>.entries``, and prints the seconds and the CPU seconds that ``publish_many`` took.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path
from typing import Any


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tree", type=Path, required=True)
    ap.add_argument("--bootstrap", required=True)
    ap.add_argument("--tag", required=True)
    ap.add_argument("--data-dir", type=Path, required=True)
    ap.add_argument("--lines", type=Path, required=True)
    args = ap.parse_args()
    tree = args.tree.resolve()
    sys.path.insert(0, str(tree))
    from liveledger.publish import publisher as module
    from liveledger.publish.batch import read_requests
    from liveledger.settings import Settings

    if not Path(module.__file__ or "").resolve().is_relative_to(tree):
        raise SystemExit(f"the publisher came from {module.__file__}, not from the tree {tree}")
    settings = Settings(
        kafka_bootstrap=args.bootstrap,
        entries_topic=f"b{args.tag}.entries",
        facts_topic=f"b{args.tag}.facts",
        deadletter_topic=f"b{args.tag}.dl",
        app_id=f"b{args.tag}",
        data_dir=args.data_dir,
    )
    good, rejected = read_requests(args.lines.read_bytes().splitlines(), settings.max_body_bytes)
    if rejected:
        raise SystemExit(f"{len(rejected)} lines rejected, the first: {rejected[0]}")

    async def run() -> dict[str, Any]:
        async with module.Publisher(settings) as pub:
            cpu, t0 = time.process_time(), time.perf_counter()
            results = await pub.publish_many(good)
            seconds, cpu = time.perf_counter() - t0, time.process_time() - cpu
            published = sum(1 for _, r in results if getattr(r, "status", None) == "published")
            return {"n": len(good), "published": published, "publish_s": seconds, "cpu_s": cpu,
                    "transactions": pub.chunks_done, "topic": settings.entries_topic}  # fmt: skip

    print(json.dumps(asyncio.run(run())), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
