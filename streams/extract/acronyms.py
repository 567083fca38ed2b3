"""One claimant id for a body and its initials within an entry.

"the World Health Organization" and "WHO", "the UN refugee agency UNHCR" and
"UNHCR" are one source: a claimant whose words' initials spell another
mention of the entry, or whose last word is that mention, takes the short
form's id, so figure histories key on one source whichever way it was named.
Words that are common nouns ("police", "army") are never initials.

>>> share_acronyms({"world health organization": "world health organization", "who": "who"}, frozenset())
{'world health organization': 'who', 'who': 'who'}
"""

from __future__ import annotations

import re

#: Link words skipped in a name's initials ("Doctors Without Borders" aside, "Office for the ...").
_LINKS = frozenset({"of", "the", "for", "and", "on", "in"})
_SHORT_RE = re.compile(r"[a-z]{2,6}")


def share_acronyms(ids: dict[str, str], common: frozenset[str]) -> dict[str, str]:
    """``ids`` (mention -> id) with every long form of a short mention given the short form's id."""
    shorts = {m.lower(): i for m, i in ids.items() if _SHORT_RE.fullmatch(m.lower()) and m.lower() not in common}
    if not shorts:
        return ids
    out = dict(ids)
    for m in ids:
        ws = [w for w in m.lower().split() if w not in _LINKS]
        if len(ws) < 2:
            continue
        initials = "".join(w[0] for w in ws)
        key = ws[-1] if ws[-1] in shorts else initials
        if key in shorts:
            out[m] = shorts[key]
    return out
