"""Whether a figure is a running total over a war or period (``cumulative``)."""

from __future__ import annotations

from collections.abc import Callable

from streams.extract import lexicon as lx
from streams.extract.tokens import Token, words

_INCIDENT = words(
    """
    strike strikes attack attacks shelling blast explosion bombing raid collapse overnight
    yesterday today
    """
)
_PERIOD_PHRASES: tuple[tuple[str, ...], ...] = (
    ("so", "far", "this", "year"),
    ("this", "year"),
    ("to", "date"),
    ("throughout", "the", "war"),
    ("during", "the", "war"),
    ("over", "the", "course", "of", "the", "war"),
    ("in", "the", "war", "so", "far"),
    ("since", "it", "began"),
    ("since", "the", "war", "began"),
    ("overall",),
    ("altogether",),
    ("cumulative",),
    ("in", "total", "since"),
)

_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _p in _PERIOD_PHRASES:
    _BY_FIRST.setdefault(_p[0], []).append(_p)
_MARKERS = frozenset(_BY_FIRST) | {"since", "ago", "past", "last"}


#: What a running total is counted since, besides the words of the lexicon: an uprising, the protests.
_SINCE_EVENTS = words(
    """
    uprising unrest protests demonstrations revolt rebellion crackdown insurgency revolution
    elections election independence hostilities
    """
)


_SUPERLATIVES = words(
    "first biggest largest worst deadliest bloodiest heaviest highest fiercest most strongest longest"
)


def _year(t: Token) -> bool:
    return t.kind == "num" and len(t.text) == 4 and t.text[:2] in ("19", "20")


def _background(toks: list[Token]) -> bool:
    """A sentence about an earlier year: "In 1994, militias killed ...".

    Its figures belong to another, past event or period (a reminder of history), never
    to the incident being reported.
    """
    n = len(toks)
    start = 1 if n > 1 and toks[0].text in ('"', "“", "'") else 0
    return start + 1 < n and toks[start].low == "in" and _year(toks[start + 1])


#: Words of a clause that updates a toll after the incident's own figure: ", bringing the toll to 35".
_UPDATE_CLAUSE = words("bringing taking raising pushing brought took raised pushed")


def _earlier_event(toks: list[Token], k: int) -> bool:
    """ "29 years ago", "decades ago": a figure of an earlier event, recalled.

    A span of days or weeks ("in four days of protests", "over the past week") is no running total:
    PITF and ACLED code such an episode as one event.
    """
    return toks[k].low == "ago" and k >= 1 and toks[k - 1].low in ("years", "decades")


def update_clause_at(toks: list[Token]) -> int | None:
    """Where a clause that updates a toll begins: "15 died in clashes, bringing the total to 170 since May"."""
    n = len(toks)
    return next(
        (
            k
            for k in range(1, n - 1)
            if toks[k].low in _UPDATE_CLAUSE and (toks[k - 1].text == "," or toks[k + 1].low in ("the", "to"))
        ),
        None,
    )


def figure_is_cumulative(toks: list[Token], i: int, sentence: bool) -> bool:
    """Whether the figure at ``toks[i]`` is a running total, given the sentence-wide answer ``sentence``.

    A figure before an updating clause takes only its own clause's markers: in "15 died in clashes,
    bringing the total dead to 170 since May 12" the 15 is the incident's and the 170 the total.
    """
    if earlier_cause(toks, i) or war_toll(toks, i):
        return True
    if not sentence:
        return False
    s = update_clause_at(toks)
    if s is None or i >= s:
        return True
    return sentence_is_cumulative(toks[:s])


#: Words that name a killing as the cause of what is reported: "in revenge for the deaths of eight soldiers".
_REVENGE = words("revenge retaliation reprisal reprisals retribution response")
#: Nouns of a killing as an event: "the massacre of 80", "the killings of two guards".
_KILLING_EVENTS = words("killing killings death deaths massacre murder murders slaughter execution executions")
_SPANS = words("hours days weeks months years")
#: How many words may stand between "of" and the number: "of more than 80", "of at least 12".
_CAUSE_QUALIFIER = 3


def earlier_cause(toks: list[Token], i: int) -> bool:
    """Whether the figure at ``toks[i]`` counts an earlier killing the report names as a cause or a
    time mark: "in revenge for the deaths of eight soldiers", "three days after the massacre of 80
    villagers". Such a figure belongs to another, past event (like "In 1994, ..."), never to the
    incident being reported. A bare "after the killing of 12" is left alone: a headline often
    reports its own incident so ("curfew after the killing of 12").
    """
    p = i - 1
    while p >= 0 and i - p <= _CAUSE_QUALIFIER and toks[p].low != "of":
        if toks[p].kind != "word":
            return False
        p -= 1
    if p < 3 or toks[p].low != "of" or toks[p - 1].low not in _KILLING_EVENTS:
        return False
    q = p - 2
    if toks[q].low != "the":
        q -= 1  # "the earlier killing of", "the recent deaths of"
    if q < 1 or toks[q].low != "the":
        return False
    link, before = toks[q - 1].low, toks[q - 2].low if q >= 2 else ""
    if link in ("for", "to"):
        return before in _REVENGE  # "in retaliation for the killing of two policemen"
    return link in ("after", "following") and before in _SPANS  # "three days after the massacre of"


#: What runs over months or years and is counted by what it has killed: "a drive that killed
#: hundreds", "unrest that has cost about 40,000 lives". A day's "fighting" or "clashes" is
#: left out: "fighting that killed 29 civilians" is most often the incident being reported.
_LONG_RUNNING = words(
    """
    war wars conflict conflicts campaign feud insurgency rebellion violence uprising unrest crisis
    strife genocide revolt insurrection bloodshed
    """
)
_TOLL_VERBS = words("killed claimed left cost")
_PERFECT = words("has have had")
_RELATIVE = words("which that")
#: Words between a long-running thing and its relative clause: "the war in Darfur, which ...".
_WAR_TO_CLAUSE = 4


def war_toll(toks: list[Token], i: int) -> bool:
    """Whether the figure at ``toks[i]`` is the toll of a war or campaign told in passing.

    "part of a drive that killed hundreds", "unrest that has cost about 40,000
    lives", "where ethnic violence has killed scores": the verb's subject is a long-running
    thing, not an attack, so the figure is a running total (like "since the war began").
    Without "which" or "that" the verb must be perfect ("violence has killed scores"):
    "Violence in the province killed 12 on Monday" may well be the incident itself.
    """
    v = i - 1
    if v < 1 or toks[v].low not in _TOLL_VERBS:
        return False
    p = v - 1
    perfect = False
    while p >= 0 and (toks[p].low in _PERFECT or toks[p].low in ("already", "now")):
        perfect = perfect or toks[p].low in _PERFECT
        p -= 1
    relative = p >= 0 and toks[p].low in _RELATIVE
    if relative:
        p -= 1
        if p >= 0 and toks[p].text == ",":
            p -= 1
    elif not perfect:
        return False
    for q in range(p, max(-1, p - _WAR_TO_CLAUSE), -1):
        if toks[q].low in _LONG_RUNNING:
            return True
        if toks[q].kind != "word" or (not relative and q < p):
            return False  # without "which", the long-running thing is the verb's own subject
    return False


#: Spans long enough that what was killed in them is a running total, not one episode.
_LONG_SPANS = words("months years decades")
#: Words that may count the span: "the past five months", "the last few years", "the past 18 months".
_SPAN_COUNTS = words("few several many two three four five six seven eight nine ten eleven twelve")


def _long_span(toks: list[Token], k: int) -> bool:
    """ "over the past five months", "in the last few years", "during the past decade": a span of
    months or years ending now, after "the" (so "last year" alone, an earlier year, is left alone).

    Days and weeks are left out: PITF and ACLED code "in three days of fighting" as one episode.
    """
    if k < 1 or toks[k - 1].low != "the":
        return False
    q = k + 1
    if q < len(toks) and (toks[q].kind == "num" or toks[q].low in _SPAN_COUNTS):
        q += 1
    return q < len(toks) and (toks[q].low in _LONG_SPANS or (q == k + 1 and toks[q].low in ("decade", "year")))


def _compares(toks: list[Token], k: int) -> bool:
    """ "the deadliest attack there in the last few years", "the first deaths in the past five months":
    a superlative before the span compares the incident with it; it counts nothing over it."""
    return any(toks[q].low in _SUPERLATIVES for q in range(max(0, k - 8), k))


def sentence_is_cumulative(toks: list[Token]) -> bool:
    """Markers of a running total anywhere in the sentence ("since the start of the war"), or of an
    earlier year ("In 1994, ...", "29 years ago")."""
    n = len(toks)
    if _background(toks):
        return True
    if _MARKERS.isdisjoint([t.low for t in toks]):
        return False
    for k, t in enumerate(toks):
        low = t.low
        if low == "ago" and _earlier_event(toks, k):
            return True
        if low == "since" and not any(toks[q].low in _SUPERLATIVES for q in range(max(0, k - 5), k)):
            # "the worst fighting since the uprising began" compares; it counts nothing since then
            for q in range(k + 1, min(n, k + 4)):
                w = toks[q].low
                last = w == "last" and toks[q - 1].low == "the"  # "since the last talks", not "since last night"
                if (w in lx.CUMULATIVE_AFTER_SINCE and w != "the") or w in _SINCE_EVENTS or last or _year(toks[q]):
                    return True
        if low in ("past", "last") and _long_span(toks, k) and not _compares(toks, k):
            return True
        for phrase in _BY_FIRST.get(low, ()):
            if all(k + q < n and toks[k + q].low == w for q, w in enumerate(phrase)):
                return True
    return False


def toll_is_regional(toks: list[Token], num_i: int) -> bool:
    """ "the death toll in the region has reached 1,364": a toll scoped to a place, not an incident."""
    if any(t.low in _INCIDENT for t in toks):
        return False
    for p in range(num_i - 1, max(-1, num_i - 20), -1):  # as far back as a toll with an aside reaches
        if toks[p].low == "toll":
            return p + 1 < n_of(toks) and toks[p + 1].low in ("in", "across", "for")
    return False


def n_of(toks: list[Token]) -> int:
    """Length helper kept separate for readability."""
    return len(toks)


#: Words that make a casualty figure a country's total over many incidents: "killed across the country".
_NATIONWIDE_ONE = frozenset({"nationwide", "countrywide"})
_NATIONWIDE_AFTER = frozenset({"country", "nation"})
#: How far from its figure the marker may stand: "24 were killed in violence across the country".
_NATIONWIDE_WINDOW = 10


def is_nationwide(toks: list[Token], i: int, j: int, is_country: Callable[[str], bool]) -> bool:
    """Whether the figure at ``toks[i:j]`` is a total over a whole country ("killed nationwide",
    "across the country", "across Syria", "throughout the country"): many incidents in many places,
    not one incident, so it never feeds the incident sums.

    The marker must lie in the figure's own clause: after it, up to the next comma or count
    ("15 were killed across the country, 12 of them in Homs": the 12 is Homs's own), or open the
    sentence just before it ("Across Syria, 24 were killed").
    """
    n = len(toks)
    p, end, aside = j, min(n, j + _NATIONWIDE_WINDOW), False
    while p < end:
        if toks[p].text == "," and not aside and p == j:
            # "58 people, most of them farmers, were killed across the province": one aside is skipped
            close = next((q for q in range(p + 1, min(n, p + 10)) if toks[q].text in (",", ";", ".")), None)
            if close is not None and toks[close].text == "," and all(t.kind != "num" for t in toks[p:close]):
                p, end, aside = close + 1, min(n, close + 1 + _NATIONWIDE_WINDOW), True
                continue
        if toks[p].text in (",", ";", ".") or toks[p].kind == "num":
            break
        if _nationwide_at(toks, p, is_country):
            return True
        p += 1
    # "Across Syria, 24 were killed", also after a quote or a colon: 'AFP reported: "Across Syria, ...'
    return any(
        _nationwide_at(toks, p, is_country) for p in range(max(0, i - 4), i) if p == 0 or toks[p - 1].text in _OPENERS
    )


_OPENERS = frozenset({'"', "“", ":", "'"})


def _nationwide_at(toks: list[Token], p: int, is_country: Callable[[str], bool]) -> bool:
    low = toks[p].low
    if low in _NATIONWIDE_ONE:
        return True
    if low not in ("across", "throughout") or p + 1 >= len(toks):
        return False
    nxt = toks[p + 1].low
    if nxt == "the":
        # "across the country", "across the whole country", "across the strife-torn country"
        for q in range(p + 2, min(len(toks), p + 2 + _NATIONWIDE_ADJECTIVES)):
            if toks[q].low in _NATIONWIDE_AFTER:
                return True
            if toks[q].kind != "word" and toks[q].text != "-":  # "strife-torn", tokenised "strife - torn"
                return False
        return False
    return is_country(toks[p + 1].text)


#: How many tokens may describe the country: "the war-torn country" is three ("war", "-", "torn").
_NATIONWIDE_ADJECTIVES = 4
