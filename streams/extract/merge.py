"""One fact per distinct figure: restatements of a figure in one entry are merged.

A headline abridges its body ("Strike kills 3" over "at least three people
were killed, the governor said"), and a body may restate a figure in a recap.
Each restatement is folded into its first mention, which the fuller one fills
in. Figures of different places, countries, claimants or subjects stay apart.
Work is bounded: a figure is compared with at most ``MAX_MERGE_CANDIDATES``
earlier figures of the same metric and number.
"""

from __future__ import annotations

from typing import Any

#: A figure is compared with at most this many earlier figures of the same metric and number.
MAX_MERGE_CANDIDATES = 16

_Row = dict[str, Any]


_GENERIC_SUBJECTS = frozenset({"people", "persons", "person"})


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.lower() == b.lower()


def _point(r: _Row) -> int | None:
    for name in ("best", "low", "high"):
        if r[name] is not None:
            return int(r[name])
    return None


def _same_figure(first: _Row, later: _Row, headline: bool, loose_subject: bool = False) -> bool:
    """Whether ``later`` restates ``first`` (headline then body, or a recap in the same entry)."""
    if first["metric"] != later["metric"] or _point(first) != _point(later):
        return False
    bounds_a = (first["low"], first["best"], first["high"])
    if bounds_a != (later["low"], later["best"], later["high"]) and first["qualifier"] != "exact":
        return False  # "3 killed" may be restated as "at least 3"; other differences are other figures
    ra, rb = first["region_code"], later["region_code"]
    if ra is not None and rb is not None and ra != rb and ra != later["country"] and rb != first["country"]:
        return False  # "Lebanon" and "Tyre" may name one incident; "Kharkiv" and "Odesa" do not
    if not headline and first["country"] and later["country"] and first["country"] != later["country"]:
        return False  # "one from Iran, one from China" in a body: two figures (a headline may misplace)
    ca, cb = first["claimant"], later["claimant"]
    if not headline and ca and cb and norm(ca) != norm(cb):
        return False  # claimants that each give the figure keep their own fact (a headline abridges)
    sa, sb = first["subject"], later["subject"]
    if sa and sb and not loose_subject and sa.lower() not in _GENERIC_SUBJECTS and sb.lower() not in _GENERIC_SUBJECTS:
        wa, wb = _subject_words(sa), _subject_words(sb)
        if not (wa <= wb or wb <= wa):
            return False  # "two soldiers" and "two children" are two figures; "drones" and "Ukrainian drones" one
    return _compatible(first["per"], later["per"])


#: Words that name the same counted thing, for comparing subjects.
_SAME_NOUN = {
    "soldiers": "troops", "servicemen": "troops", "personnel": "troops", "forces": "troops",
    "soldier": "troops", "troop": "troops", "uavs": "drones", "rockets": "missiles",
}  # fmt: skip


def _subject_words(s: str) -> set[str]:
    return {_SAME_NOUN.get(w, w) for w in s.lower().split()}


def norm(s: str) -> str:
    """Comparison form of a claimant: lowercase words without a leading article."""
    ws = s.lower().split()
    return " ".join(ws[1:] if ws and ws[0] == "the" else ws)


_FILLED_FROM_LATER = ("subject", "per", "claimant", "relay", "weapon", "target", "actor")


def merge_repeats(rows: list[_Row], heads: list[bool]) -> list[_Row]:
    """One fact per distinct figure: a restated figure keeps its first mention, filled in by the fuller one.

    A headline "Strike kills 3" over a body "at least three people were killed, the
    governor said" is one fact with the headline's span and the body's qualifier,
    subject, claimant and place (the first mention's values win where both have one).
    """
    out: list[_Row] = []
    out_heads: list[bool] = []
    by_key: dict[tuple[str, int | None], list[int]] = {}
    worded: set[int] = set()  # headline facts already given their body's wording
    sourced: set[int] = set()  # headline facts already given the body's attribution
    for f, head in zip(rows, heads, strict=True):
        single_strike = f["metric"] == "strikes" and f["best"] == 1 and f["low"] is None and f["high"] is None
        key = (str(f["metric"]), _point(f))
        # Single strikes are merged per region above; the first few mentions of a number are
        # enough to find a restatement, and the cap keeps pathological entries linear.
        cands = [] if single_strike else by_key.get(key, [])[:MAX_MERGE_CANDIDATES]
        k = next((i for i in cands if _same_figure(out[i], f, out_heads[i] and not head)), None)
        if k is None and not head:
            # A headline rewords its subject ("two saboteurs" for "two men"): a looser second pass.
            k = next((i for i in cands if out_heads[i] and _same_figure(out[i], f, True, loose_subject=True)), None)
        if k is None:
            by_key.setdefault(key, []).append(len(out))
            out.append(f)
            out_heads.append(head)
            continue
        g = out[k]
        if out_heads[k] and not head and k not in worded:
            # A headline abridges ("3 killed" over "at least three"): the body's first wording
            # gives the bounds, and a later restatement in the body changes them no more.
            worded.add(k)
            if g["qualifier"] == "exact" and f["qualifier"] != "exact":
                g.update(low=f["low"], best=f["best"], high=f["high"], qualifier=f["qualifier"])
        gs, fs = g["subject"], f["subject"]
        for name in _FILLED_FROM_LATER:
            if g[name] is None and f[name] is not None:
                g[name] = f[name]
        if fs and gs and (gs.lower() in _GENERIC_SUBJECTS or len(fs) > len(gs)):
            g["subject"] = fs
        finer = g["region_code"] is None and f["region_code"] is not None and g["country"] == f["country"]
        if (g["place"] is None or finer) and f["place"] is not None:  # "died in Tunisia" over "in Tunis"
            g.update(place=f["place"], region_code=f["region_code"], country=f["country"])
        if f["cumulative"]:  # "toll reaches 43,985" restated "since October 2023": a running total
            g["cumulative"] = True
        if g["per"] is None and f["per"] is not None:
            g["per"] = f["per"]
        if out_heads[k] and not head and f["claimant"] and k not in sourced:
            g.update(claimant=f["claimant"], relay=f["relay"] or g["relay"])  # the body's fuller attribution
            sourced.add(k)  # from its first restatement: a later tweet quoting it is not who said it
    return out
