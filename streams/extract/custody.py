"""Prisoners of a jail are no captives of war.

"223 prisoners were held in the wing where the riot began" counts a prison's population: no
`captured` figure. A sentence about a prison (its jail words) that says nothing of war or capture
(no "captured", "prisoners of war", soldiers or a swap) makes its prisoner counts no figures.
"""

from __future__ import annotations

from streams.extract.cues import Figure
from streams.extract.tokens import Token, words

_PRISONERS = words("prisoner prisoners inmate inmates convicts")
_JAIL = words("prison prisons jail jails gaol inmate inmates wing cell cells riot riots parole hmp penitentiary")
_WAR = words("war pows pow captured capture soldiers troops servicemen swap exchange exchanged militants fighters")


def jail_counts(toks: list[Token], figures: list[Figure]) -> list[Figure]:
    """``figures`` without the prisoner counts of a sentence about a jail."""
    if not any(f.metric == "captured" for f in figures):
        return figures
    lows = {t.low for t in toks}
    if lows.isdisjoint(_JAIL) or not lows.isdisjoint(_WAR):
        return figures
    return [
        f
        for f in figures
        if not (f.metric == "captured" and any(t.low in _PRISONERS for t in toks[f.tok_i : f.tok_j + 3]))
    ]
