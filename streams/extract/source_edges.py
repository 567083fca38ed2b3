"""Where a source's noun phrase ends and begins, around its speech verb.

Two things sit between a source and its verb, or run into the source, without
being part of it:

- a time adverbial: "Labor earlier this week said", "the Danish government on
  Friday announced", "officials quoted this week in a newspaper". The source is
  the phrase before the adverbial; the adverbial alone names no one.
- a correspondent's byline: "Ben Knight in Berlin reports: ..." is the blog's own
  reporter filing from Berlin, who speaks for the publisher, not a claimant.
- the passive verb of a sentence whose full stop was lost: "eight people have
  been arrested Paris prosecutor Jane Roe said", as live blogs flatten a heading
  into the next line. A participle after "been", "were" or "has" closes the
  clause before it, so it opens no source.

Pure functions over tokens; no state.

>>> from streams.extract.tokens import tokenize
>>> t = tokenize("the government on friday said", 0, 29)
>>> t[before_time(t, 3)].text
'government'
"""

from __future__ import annotations

from streams.extract.claimants import INSTITUTION_WORDS
from streams.extract.outlets import outlet
from streams.extract.sources import NOUN_ADJECTIVES, NOUN_TAKERS, NOUN_VERBS, ROLE_WORDS
from streams.extract.tokens import Token, words

#: Nouns that name a time, alone or after "this", "last", "on" ("on Friday", "this week", "last night").
TIME_NOUNS = words(
    """
    monday tuesday wednesday thursday friday saturday sunday week weekend month year morning afternoon
    evening night today yesterday tonight overnight
    """
)
#: Words that open or extend a time adverbial before its noun ("earlier this week", "late on Sunday").
_TIME_LEADS = words("on this last next earlier later early late")
#: The longest time adverbial skipped, in tokens ("earlier on Friday night").
_MAX_TIME = 4
#: Auxiliaries before a participle that ends a clause ("have been arrested", "were detained").
_AUXILIARIES = words("been were was is are be has have had")
#: Participles that are also adjectives of a source's name ("the armed forces", "the United Nations").
_ADJECTIVES = words("armed united unnamed retired elected associated combined allied concerned")


def before_time(toks: list[Token], p: int) -> int:
    """The index before a time adverbial that ends at ``toks[p]``; ``p`` itself when none does.

    "Labor earlier this week said": from "week", the index of "Labor". A phrase
    that is all time words gives the index before it, so nothing is collected
    from the adverbial itself.
    """
    if p >= 1 and toks[p].low == "far" and toks[p - 1].low == "so":
        return p - 2  # "have so far confirmed"
    if p < 0 or toks[p].low not in TIME_NOUNS:
        return p
    q = p
    while q >= 0 and p - q < _MAX_TIME and toks[q].low in TIME_NOUNS | _TIME_LEADS:
        q -= 1
    return q


def is_time(phrase: list[Token]) -> bool:
    """Whether a phrase is only a time adverbial ("this week", "Friday morning"): no source."""
    return (
        bool(phrase)
        and any(t.low in TIME_NOUNS for t in phrase)
        and all(t.low in TIME_NOUNS | _TIME_LEADS for t in phrase)
    )


def after_passive(toks: list[Token], s: int, e: int) -> int:
    """The start of a source phrase ``toks[s..e]`` less a passive participle run into it.

    "... have been arrested paris prosecutor jane roe said": the phrase collected
    from "arrested" starts at "paris". A participle that is also an adjective
    ("armed forces") stays.
    """
    if s < 1 or s >= e or toks[s - 1].low not in _AUXILIARIES:
        return s
    t = toks[s]
    if t.kind == "word" and len(t.low) > 4 and t.low.endswith("ed") and t.low not in _ADJECTIVES:
        return s + 1
    return s


#: Verbs of a correspondent's byline before a colon ("Jane Roe in Kabul reports:").
_BYLINE_VERBS = words("reports writes")
#: People who are where the news is, but file no reports for the blog.
_ON_SCENE = words("residents resident witnesses witness survivors survivor rescuers locals people")


def byline(toks: list[Token], k: int, np: str) -> bool:
    """Whether ``np`` before ``toks[k]`` is a correspondent's byline, the blog's own reporter.

    A name, "in", a place, then "reports:" ("Jane Roe in Kabul reports: ..."), or a
    name closing a sentence with "reports" ("..., Jane Roe reports.").

    >>> from streams.extract.tokens import tokenize
    >>> t = tokenize("jane roe in kabul reports : 12 died", 0, 35)
    >>> byline(t, 4, "jane roe in kabul"), byline(t, 4, "officials in kabul")
    (True, False)
    """
    if toks[k].low not in _BYLINE_VERBS:
        return False
    ws = np.lower().split()
    closing = k + 1 >= len(toks) or toks[k + 1].text in _CLOSERS  # "..., Jane Roe reports."
    if closing and 2 <= len(ws) <= 3 and all(w.isalpha() for w in ws) and outlet(np) is None:
        return not any(w in ROLE_WORDS or w in INSTITUTION_WORDS or w in _ON_SCENE or w in _NOT_NAMES for w in ws)
    if k + 1 >= len(toks) or toks[k + 1].low not in (":", "that") or "in" not in ws[1:]:
        return False
    name = ws[: ws.index("in")]
    return len(name) <= 3 and not any(w in ROLE_WORDS or w in INSTITUTION_WORDS or w in _ON_SCENE for w in name)


#: Marks that close the clause of a byline ("..., Jane Roe reports.").
_CLOSERS = frozenset({".", ",", ";", "!", "?", ")"})
#: Words of a source's description that are no part of a person's name ("local media", "the group").
_NOT_NAMES = words("media press group groups activists officials sources the a an his her their its") | words(
    "watch rights international borders amnesty crescent cross commission foundation federation society monitor"
)  # a body's name: "..., Human Rights Watch reports." keeps its claimant


#: Verbs that receive reports rather than make them: "we are getting reports that ...".
_RECEIVE = words("get gets got getting receive receiving")


def speaker_of(np: str, say_verbs: frozenset[str], names: dict[str, frozenset[str]] | None = None) -> str:
    """A source phrase less a speech verb it ends with; empty when what is left names no one.

    "the minister responds saying" is the minister; "unconfirmed reports" and
    "we are getting reports" name no source, only that there are reports. A name
    in ``names`` (speech word -> the words before it that make a name) stays whole.

    >>> speaker_of("minister responds saying", frozenset({"saying", "reports"}))
    'minister responds'
    >>> speaker_of("unconfirmed reports", frozenset({"saying", "reports"}))
    ''
    """
    head, _, tail = np.rpartition(" ")
    if not head or tail.lower() not in say_verbs:
        return np
    last = head.rsplit(" ", 1)[-1].lower()
    if names is not None and last in names.get(tail.lower(), ()):
        return np  # "the United States": a name that ends in a speech verb's spelling
    if tail.lower() in NOUN_VERBS and (last in NOUN_ADJECTIVES or last in NOUN_TAKERS or last in _RECEIVE):
        return ""
    return head


#: The ends of contracted words, tokenised apart from them ("you 're saying", "they ' ve said").
_CONTRACTED = words("re ve ll d m 're 've 'll 'd 'm ’re ’ve ’ll n't")


def contraction(toks: list[Token]) -> bool:
    """Whether a phrase opens with the end of a contracted word: it names no one ("'re saying")."""
    if toks[0].low in _CONTRACTED and toks[0].low[:1] in "'’n":
        return True
    return len(toks) > 1 and toks[0].text in ("'", "’") and toks[1].low in _CONTRACTED and not toks[1].space_before


#: Speech words that, alone, are the verb after a noun and not a source ("reports say").
_SPEECH = words("say says said saying reported tell told")


#: Counts a phrase may open with, alone or joined ("twenty-one have been hospitalised"): it counts, no one speaks.
_COUNTS = words(
    """
    two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen
    eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand
    thousands million millions dozen dozens scores
    """
)


def no_source(phrase: list[Token]) -> bool:
    """Whether a phrase names no one: a time, the end of a contraction, a speech word alone, a count."""
    if is_time(phrase) or contraction(phrase) or (len(phrase) == 1 and phrase[0].low in _SPEECH):
        return True
    return phrase[0].low.split("-")[0] in _COUNTS


def owns(phrase: list[Token]) -> bool:
    """Whether a role phrase holds a possessive ("chief of the province's rescue crews").

    Such a role names where its holder works; a bare role in apposition is taken
    as the source's description only without one, and the phrase is otherwise
    left to the other readings of the sentence.
    """
    for q, t in enumerate(phrase):
        if t.low.endswith(("'s", "’s")) or (t.low == "s" and q and phrase[q - 1].text in ("'", "’")):
            return True
    return False


#: Nouns of what a figure counts: after a number they are the count's noun, never a source.
_COUNTED = words("fatalities deaths dead casualties victims bodies injuries injured wounded people")


def counted(toks: list[Token], s: int, e: int) -> bool:
    """Whether ``toks[s..e]`` is the noun of a count before it ("147 fatalities confirmed")."""
    return s >= 1 and toks[s - 1].kind == "num" and all(t.low in _COUNTED for t in toks[s : e + 1])
