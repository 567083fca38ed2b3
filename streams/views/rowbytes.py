"""How a view row is framed as bytes in its table: JSON, deflated with a fixed dictionary.

A packed row (:func:`streams.views.rows.pack`) is a few hundred bytes of JSON in which most of the
bytes are structure: the field indexes, the layout fingerprint, ISO times, the fixed vocabularies
(metrics, qualifiers, subjects, event types). Deflate on one small record finds little to repeat
inside it, so each row is deflated against :data:`DICTIONARY_V1`, a preset dictionary of that
structure (zlib's ``zdict``): the row's first occurrence of ``"stamp":["`` or ``"qualifier"``'s
values is then a back-reference too. The dictionary holds only the format's own vocabulary, never
text of any blog, so it fits any deployment alike.

**Formats**, told apart by the first byte, so that every row ever stored stays readable:

- ``{`` (format 0): the JSON of the packed row as it is, as the worker stored it before rows were
  framed (its table's values were faust's JSON); read as it is, and never written any more;
- ``0x01`` (format 1): the JSON of the packed row, raw deflate (no zlib header, any window up to
  32 kB) against :data:`DICTIONARY_V1`.

:data:`DICTIONARY_V1` never changes: a row of format 1 is inflated with exactly these bytes (a unit
test pins its digest). A better dictionary is a new format byte beside it, with this one still read.
Any other first byte is an error naming it, never a guess.

>>> row = {"stamp": ["2024-11-20T10:00:00Z", 0, 1], "items": [{"best": 3}]}
>>> framed = encode(row)
>>> framed[:1], decode(framed) == row
(b'\\x01', True)
>>> decode(b'{"stamp":["t",0,1],"items":[]}')  # a row stored before framing
{'stamp': ['t', 0, 1], 'items': []}
"""

from __future__ import annotations

import zlib
from typing import Any

import orjson

from streams.views.limits import ViewError

#: the first byte of a framed row: deflated against :data:`DICTIONARY_V1`
DEFLATE_V1 = 0x01
_DEFLATE_V1 = bytes([DEFLATE_V1])
_JSON = ord("{")

#: The preset dictionary of format 1: the structure of packed view and timeline rows and the fixed
#: vocabularies of their values. Deflate refers back into the last 32 kB before a match, and codes
#: nearer strings shorter, so the commonest structure comes last. Never edit it (see the module
#: docstring): rows stored with it are inflated with it.
DICTIONARY_V1 = (
    b"entry.corrected entry.retracted "
    b"killed injured casualties missing captured displaced arrested strikes drones_launched "
    b"drones_downed missiles_launched missiles_downed troops "
    b"exact at_least more_than up_to nearly about vague "
    b"people civilians children soldiers troops fighters police drones missiles ballistic missiles "
    b"guided bomb artillery missile drone residential building oil depot "
    b"the ministry of defence regional governor official agency the air force "
    b'"h":1}'
    b'"f":"47adf3ba",'
    b'"9":[],'
    b'{"metric":"killed","low":null,"best":null,"high":null,"qualifier":"exact","place":null,'
    b'"region_code":null,"claimant":null,"span":[,'
    b'"l":"21ea4f71","t":1,"e":1,"c":{"2":"entry.published","4":"T00:00:00Z","7":"","8":"'
    b'"sf":1,'
    b'"p":[{"7":[,"8":1,"9":"killed","10":,"11":,"12":,"13":"exact","16":"people","20":"","23":"drone"},'
    b'"2":"","4":"T00:00:00Z","5":"","6":"liveledger.entries","7":[,"8":0,"9":"killed","10":,"11":,'
    b'"12":,"13":"exact","14":"day","15":false,"16":"people","17":"","18":"","19":"","20":"","21":"",'
    b'"22":"","23":"drone","24":"","25":"","26":"'
    b'{"stamp":["T00:00:00.000000Z",0,0],"l":"64310096","s":1,"e":1,"c":{'
    b'"p":[{}]}'
)


class RowFormatError(ViewError, ValueError):
    """A stored view row whose bytes are of no format this version reads: rebuild the table (new app id)
    from the log, or run the liveledger version that wrote it."""


def encode(stored: dict[str, Any]) -> bytes:
    """The bytes of a packed row in its table (format 1)."""
    # a 4 kB window and small hash tables: a row is a few hundred bytes, and setting up zlib's default
    # 32 kB window and 128 kB of tables for each took twice the time for the same output
    deflate = zlib.compressobj(6, zlib.DEFLATED, -12, 4, zlib.Z_DEFAULT_STRATEGY, DICTIONARY_V1)
    return _DEFLATE_V1 + deflate.compress(orjson.dumps(stored)) + deflate.flush()


def decode(raw: bytes | bytearray | memoryview | dict[str, Any]) -> dict[str, Any]:
    """The packed row of stored bytes, of any format (a row already decoded, a dict, comes back as it is)."""
    if isinstance(raw, dict):
        return raw
    data = bytes(raw)
    head = data[:1]
    if head == _DEFLATE_V1:
        inflate = zlib.decompressobj(-15, DICTIONARY_V1)  # any window a writer may have used
        try:
            text = inflate.decompress(data[1:]) + inflate.flush()
        except zlib.error as e:
            raise RowFormatError(f"a view row of format 1 that does not inflate: {e}") from e
        if not inflate.eof:
            raise RowFormatError("a view row of format 1 cut short")
        row = orjson.loads(text)
    elif head and head[0] == _JSON:
        row = orjson.loads(data)
    else:
        raise RowFormatError(
            f"a view row whose first byte {head!r} is no row format this version reads (0x7b JSON, 0x01 "
            "deflated): the table was written by another version of liveledger; rebuild it (new app id) from the log"
        )
    if not isinstance(row, dict):
        raise RowFormatError(f"a view row that is JSON but not an object: {type(row).__name__}")
    return row
