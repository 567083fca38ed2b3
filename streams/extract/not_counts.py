"""Numbers that are not counts: ages, money, percentages, dates, times, ordinals, units, model numbers.

``numbers.py`` finds number phrases; this module says which of them are no
count at all, by the words around them ("$3", "12-year-old", "10am", "Su-34",
"in 2022"), so the later stages never see them.
"""

from __future__ import annotations

from streams.extract.tokens import Token, words

MONTHS = words(
    """
    january february march april may june july august september october november december jan
    feb mar apr jun jul aug sep sept oct nov dec
    """
)
_CURRENCY_SYMBOLS = frozenset("$£€₴₽¥")
_CURRENCY_WORDS = words(
    """
    us$ usd eur gbp uah rub rs dollars dollar euros euro pounds pound hryvnias hryvnia hryvnyas
    roubles rouble rubles ruble yuan yen francs bn cents pence
    """
)
_UNIT_WORDS = words(
    """
    km kms kilometres kilometers kilometre kilometer miles mile metres meters metre meter kg
    kilograms kilogrammes tonnes tons tonne ton hectares hectare acres degrees hours hour hrs
    minutes minute mins seconds second days day weeks week months month years year decades
    decade mph kmh litres liters barrels calibre caliber mm cm ft feet foot inches inch
    percent pc bps sq storey storeys floors kilowatts megawatts mw gw kw volts cent
    """
)
_NOT_COUNT_BEFORE = words(
    """
    aged no number article resolution unit brigade flight route highway page section chapter
    paragraph room gate platform level category grade covid ward channel apollo su mig tu kh
    mirage boeing airbus tupolev sukhoi antonov ilyushin embraer cessna
    """
)
#: Nouns that make a four-digit number a count rather than a year ("2000 troops").
_COUNT_NOUNS_AFTER_YEARLIKE = words(
    """
    people civilians troops soldiers drones missiles servicemen residents prisoners children
    fighters men women
    """
)
_ORDINAL_SUFFIX = frozenset({"st", "nd", "rd", "th"})
#: A result before or after a score: "lost 2-0", "won 3-1", "a 4-0 win" (a range "10-15 people" is a count).
_RESULT_VERBS = words("lost won beat beaten drew draw trail trailed trailing lead led leading")
_RESULT_NOUNS = words("win wins victory defeat defeats loss draw lead thrashing drubbing scoreline")
#: Parents by their children: "the mother of five who died" names one death, not five.
_PARENTS = words("mother father mum dad mom grandmother grandfather grandma grandpa parent parents")
#: Words after "which one" that show a pronoun, not a count: "which one was hit", "which one of them".
_NOT_NOUN = frozenset({"was", "is", "were", "are", "of", "had", "has", "will", "would", "could", "did", "does"})


def not_a_count(toks: list[Token], k: int, end: int, value: int, qualified: bool, vague: bool) -> bool:
    """Whether the number at ``toks[k:end]`` is an age, money, date, time, unit or model number."""
    n = len(toks)
    first = toks[k]
    prev = toks[k - 1] if k > 0 else None
    if _ages_listed(toks, k) or _age_bound(toks, k, value):
        return True
    if prev is not None and prev.low == "of" and k >= 2 and toks[k - 2].low in _PARENTS:
        return True  # "a father of two", "the mother of five children": how many children they have
    if prev is not None and first.low == "one" and prev.low in ("no", "the", "any", "every", "which", "this"):
        # "no one", "the one", "which one was hit"; but "in which one civilian was killed" counts
        return not (prev.low == "which" and end < n and toks[end].kind == "word" and toks[end].low not in _NOT_NOUN)
    if prev is not None and not qualified:
        if prev.text in _CURRENCY_SYMBOLS or prev.low in _CURRENCY_WORDS:
            return True
        if prev.low in MONTHS and first.kind == "num":
            return True
        if prev.low in _NOT_COUNT_BEFORE and first.kind == "num":
            return True
        if prev.text in ("-", "#", "/", ":", "№") and not first.space_before:
            return True  # "Su-34", "S-300", "#3", "24/7", "10:30"
        if first.kind == "num" and not first.space_before and prev.kind == "word":
            return True  # "T72", "A320"
    elif prev is not None and prev.text in _CURRENCY_SYMBOLS:
        return True
    if end < n:
        nxt = toks[end]
        nl = nxt.low
        if nl in _UNIT_WORDS or nl in _CURRENCY_WORDS or nl in MONTHS:
            return True
        if nxt.text in ("%", "/", ":") and not nxt.space_before:
            return True
        if nl == "per" and end + 1 < n and toks[end + 1].low in ("cent", "centage"):
            return True
        if nl in ("am", "pm", "gmt", "utc", "cet", "bst", "o'clock", "a.m", "p.m"):
            return True
        if nl in _ORDINAL_SUFFIX and not nxt.space_before:
            return True
        if nxt.text in ("-", "–") and not nxt.space_before and end + 1 < n:
            after = toks[end + 1]
            if _score(toks, k, end, prev):
                return True
            if after.kind == "word" and not after.space_before and after.low not in ("strong",):
                return True  # "12-year-old", "nine-storey", "24-hour"
        if nl in ("year", "years") or (nl == "old" and not vague):
            return True
    if _age_aside(toks, k, end, value):
        return True
    # A year ("in 2022"), unless a counted noun follows ("2000 troops").
    return (
        first.kind == "num"
        and not qualified
        and len(first.text) == 4
        and 1800 <= value <= 2100
        and end == k + 1
        and not (end < n and toks[end].low in _COUNT_NOUNS_AFTER_YEARLIKE)
    )


def _score(toks: list[Token], k: int, end: int, prev: Token | None) -> bool:
    """ "lost 2-0", "a 3-1 win": a number, a dash and a number, after or before a result word."""
    n = len(toks)
    after = toks[end + 1]
    if after.kind != "num" or after.space_before:
        return False
    if prev is not None and prev.low in _RESULT_VERBS:
        return True
    return end + 2 < n and toks[end + 2].low in _RESULT_NOUNS


def _age_aside(toks: list[Token], k: int, end: int, value: int) -> bool:
    """A bare number set off by commas right after a name is the person's age: "Ali Khan, 55, was shot".

    Only digits, only after a word that may end a name (not a verb, number or function word; in
    cased text a capitalised one), and only with a comma on each side: "killed 12, police said" and
    "killed 14, 12 of them children" are counts.
    """
    if toks[k].kind != "num" or end != k + 1 or not 1 <= value <= 110 or k < 2:
        return False
    if toks[k - 1].text != "," or end >= len(toks) or toks[end].text != ",":
        return False
    name = toks[k - 2]
    if name.kind != "word" or name.low in _NOT_NAMES or name.text.isupper():
        return False
    if name.text[:1].isupper():
        return True
    # Lowercased text: no verb form ("killed 12 , ...") and no count after the aside.
    return name.low not in _VERB_FORMS and (end + 1 >= len(toks) or toks[end + 1].kind != "num")


#: Verbs a count may follow in lowercased text ("killed , 12 , ..."): a name is none of them.
_VERB_FORMS = words(
    """
    killed killing kills dead died injured injuring wounded wounding hurt arrested detained captured
    said says were was are is reached rose stood totalled
    """
)
#: Words that end no name: "killing 12, ...", "including 14, ...", "them, 5, ...".
_NOT_NAMES = words("and or of them those these including among to in at on from by with than killed dead died")


#: Words before "under 16" that make it an age limit: "five children, all under 16", "aged under 12".
_AGE_BOUND_BEFORE = words("all aged age children child boys girls kids minors")


def _age_bound(toks: list[Token], k: int, value: int) -> bool:
    """ "all under 16", "children under five", "aged below 12": an age limit of the people counted,
    never a count of its own (the count is the number before: "five children, all under 16")."""
    return (
        value <= _MAX_AGE_BOUND
        and k >= 2
        and toks[k - 1].low in ("under", "below")
        and toks[k - 2].low in _AGE_BOUND_BEFORE
    )


#: The oldest age limit so written ("under 18", "under 21"); "all under 100 metres" is no age.
_MAX_AGE_BOUND = 21


def _ages_listed(toks: list[Token], k: int) -> bool:
    """ "aged 40 and 36", "aged between 28 and 55", "ages 19 to 60": every number after "aged" is an age."""
    for p in range(k - 1, max(-1, k - 5), -1):
        low = toks[p].low
        if low in ("aged", "ages"):
            return True
        if not (toks[p].kind == "num" or low in ("and", "or", "to", "between", "from", ",", "-")):
            return False
    return False
