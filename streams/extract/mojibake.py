"""UTF-8 text that was read as Latin-1 and then lowercased, put back: "mã¼nch" is "münch".

Scraped live-blog archives often carry names whose accented letters were
decoded twice ("Ã¼" for "ü"); lowercasing then turns the lead byte "Ã" into
"ã". A claimant written "gã©rard collomb" and one written "gérard collomb" are
one person, so claimant ids read both the same way. Only a lead letter of a
two-byte UTF-8 sequence followed by a continuation byte is repaired; a real
"ã" ("São Paulo", "não") is followed by a letter and stays.

>>> repair("mã¼nch")
'münch'
>>> repair("Gã©rard Collomb")
'Gérard Collomb'
>>> repair("são paulo")
'são paulo'
"""

from __future__ import annotations

import re

#: A lowercased (or not) two-byte lead letter, then a Latin-1 character in the continuation range.
_PAIR_RE = re.compile("([\u00c2-\u00df\u00e2-\u00fe])([\u0080-\u00bf])")


def _fix(m: re.Match[str]) -> str:
    lead, cont = m.group(1), m.group(2)
    code = ord(lead) - 0x20 if ord(lead) >= 0xE2 else ord(lead)
    try:
        return bytes([code, ord(cont)]).decode("utf-8")
    except UnicodeDecodeError:
        return m.group(0)


def repair(s: str) -> str:
    """``s`` with doubly decoded two-byte letters put back; unchanged when there are none."""
    if not any("\u0080" <= ch <= "\u00bf" for ch in s):
        return s
    return _PAIR_RE.sub(_fix, s)
