"""Write one JSON Schema file per event type (and the envelope) into ``schemas/jsonschema/``.

Run ``python -m schemas.generate`` after changing a model; a test fails while the files are stale.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import orjson

from schemas.envelope import Envelope
from schemas.events import CURRENT_VERSIONS, EVENT_MODELS
from schemas.facts import Fact

OUT_DIR = Path(__file__).resolve().parent / "jsonschema"


def documents() -> dict[str, dict[str, Any]]:
    """File name -> JSON Schema document."""
    docs: dict[str, dict[str, Any]] = {}
    for name, model in EVENT_MODELS.items():
        schema = model.model_json_schema()
        schema["$id"] = f"https://liveledger.dev/schemas/{name}.v{CURRENT_VERSIONS[name]}.json"
        schema["x-event-type"] = name
        schema["x-event-version"] = CURRENT_VERSIONS[name]
        docs[f"{name}.v{CURRENT_VERSIONS[name]}.json"] = schema
    docs["envelope.json"] = Envelope.model_json_schema()
    docs["fact.json"] = Fact.model_json_schema()
    return docs


def render(doc: dict[str, Any]) -> bytes:
    return orjson.dumps(doc, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n"


def main() -> int:
    OUT_DIR.mkdir(exist_ok=True)
    for name, doc in documents().items():
        (OUT_DIR / name).write_bytes(render(doc))
        print(f"wrote {OUT_DIR / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
