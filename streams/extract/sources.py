"""Source shapes of live-blog text: embedded tweets, colon sources, and the words no source is.

Embedded tweets: who wrote one, so its figures have a source.

A blog quoting a tweet renders it as "Name (@handle) text ...", in normal case
or lowercased and tokenised ("chris gunness ( @ chrisgunness ) 160,487 displaced").
The author is the words before the handle that the handle spells, plus one word
before them when it opens the sentence (or a retweet mark) or starts with the
handle's first letter ("anna ahronheim ( @ aahronheim )"). An author that is an
outlet ("Bangkok Post (@BangkokPostNews)") is a relay, not a claimant.
"""

from __future__ import annotations

from dataclasses import dataclass

from streams.extract.outlets import outlet
from streams.extract.tokens import Token, words

MAX_AUTHOR_WORDS = 4
#: Embedded tweets read per sentence; a sentence of more is cut into this many parts.
MAX_TWEETS = 8
#: Words of a role or a body: what a phrase needs to be a source by its wording alone.
ROLE_WORDS = words(
    """
    governor mayor minister ministry spokesperson spokesman spokeswoman official officials head
    chief commander president secretary general prosecutor ombudsman adviser advisor envoy
    ambassador director chairman representative authorities administration agency undersecretary
    source sources leader premier chancellor commissioner senator deputy officer coordinator administrator
    superintendent inspector ac dac mp doctor medic
    """
)
#: Words a source's name never opens with: verbs, counts ("reports are now coming", "said two men").
NOT_HEAD = words(
    """
    are is was were be been being has have had will would could can may might do does did to also
    now still there here two three four five six seven eight nine ten dozen dozens scores
    hundreds thousands several few many some more most all both each
    """
)
TRAILING_DROP = words("of for and or the a an to in by from with on at")
PREPOSITIONS = words("amid despite following about among against over under after before")
#: What may follow a trailing source and still close its clause ("..., said the ministry on Monday").
CLAUSE_END = words(
    """
    on in at late earlier yesterday today tonight this last after when while adding citing
    during and but
    """
)
ING_NOUNS = words("building housing shipping mining planning banking policing ring king wing acting presiding")
ISSUE_VERBS = words("released issued published posted put sent shared tweeted gave")
#: "The UN puts the number at ...": a source giving a figure without a speech verb.
PUT_VERBS = words("put puts putting placed places revised revises raised raises lowered updated gave gives")
TOLL_NOUNS = words("toll number figure tally count")
#: Words that make a tweet's author an outlet rather than a person or a body.
_OUTLET_WORDS = words("news post times tv radio herald tribune journal gazette telegraph daily press com channel")
_STOP = words("rt the a an of and in on at to by from for with said says update breaking")


@dataclass(frozen=True, slots=True)
class Tweet:
    """The author of one embedded tweet, where their name lies, and whether they are an outlet."""

    author: str
    start: int
    end: int  # end of the handle's closing parenthesis
    outlet: bool
    spelled: bool = True  # the handle spells the author's name: only then may the tweet run into the next sentence


def first_tweet(toks: list[Token]) -> Tweet | None:
    """The first embedded tweet of a sentence, if any."""
    got = tweets(toks, 1)
    return got[0] if got else None


def tweets(toks: list[Token], limit: int = MAX_TWEETS) -> list[Tweet]:
    """The embedded tweets of a sentence, in order (at most ``limit``)."""
    out: list[Tweet] = []
    n = len(toks)
    for k in range(1, n - 2):
        if toks[k].text != "@" or toks[k - 1].text != "(":
            continue
        close = k + 2 if toks[k + 2].text == ")" else k + 3  # tokenised "( @ geotv pk )": a split handle
        if close >= n or toks[close].text != ")" or any(t.kind != "word" for t in toks[k + 1 : close]):
            continue
        if close > k + 1:
            got = _author(toks, k - 1, "".join(t.low for t in toks[k + 1 : close]), close)
            if got is not None and (not out or got.start >= out[-1].end):
                out.append(got)
                if len(out) >= limit:
                    break
    return out


def _author(toks: list[Token], paren: int, handle: str, close: int) -> Tweet | None:
    p = paren - 1
    if p >= 1 and toks[p].low in _OUTLET_WORDS:
        p -= 1  # "Conflict News (@Conflicts)"
    while p >= 0 and paren - p <= MAX_AUTHOR_WORDS and _in_handle(toks[p], handle):
        p -= 1
    if p >= paren - 1 or not any(t.kind == "word" and t.low in handle for t in toks[p + 1 : paren]):
        return _opening_author(toks, paren, handle, close)
    if p >= 0 and toks[p].kind == "word" and toks[p].low not in _STOP and paren - p <= MAX_AUTHOR_WORDS:
        before = toks[p - 1] if p >= 1 else None
        opens = before is None or before.kind == "punct" or before.low == "rt"
        if opens or toks[p].low[:1] == handle[:1]:
            p -= 1  # "ahmad shakib (@shakibhafed)", "anna ahronheim (@aahronheim)"
    span = toks[p + 1 : paren]
    while len(span) > 1 and span[0].kind != "word":
        span = span[1:]  # "critically ill. danny shaw (@...)": the stop ends the sentence before the name
    # "haaretz.com": the dot and what follows belong to the name
    name = "".join((" " if k and t.space_before else "") + t.text for k, t in enumerate(span))
    outlet = any(t.low in _OUTLET_WORDS for t in span) or handle.endswith("news")
    return Tweet(name, span[0].start, toks[close].end, outlet)


#: The most words an author the handle does not spell may have ("Disaster Operations (@ndoc)").
_MAX_UNSPELLED = 3


def _name_piece(toks: list[Token], p: int) -> bool:
    """A word of a name, or a hyphen inside one ("earthquake-desk")."""
    t = toks[p]
    if t.text == "-" and not t.space_before and p + 1 < len(toks) and not toks[p + 1].space_before:
        return True
    return t.kind == "word" and t.low not in _STOP


def _opening_author(toks: list[Token], paren: int, handle: str, close: int) -> Tweet | None:
    """An author whose handle spells none of their words, when the name opens its sentence or follows a mark."""
    p = paren - 1
    seen = 0  # words of the name so far; "el-ghobashy" and "france-presse" are one word each
    while p >= 0 and _name_piece(toks, p):
        joined = toks[p + 1].text == "-" and not toks[p + 1].space_before
        if toks[p].kind == "word" and not joined:
            if seen == _MAX_UNSPELLED:
                break
            seen += 1
        p -= 1
    if p == paren - 1 or not (p < 0 or toks[p].kind == "punct" or toks[p].low == "rt"):
        return None
    if p >= 0 and not toks[p + 1].space_before:
        return None  # "doctors w/o borders (@...)": a mark inside a word opens no name
    span = toks[p + 1 : paren]
    name = "".join((" " if k and t.space_before else "") + t.text for k, t in enumerate(span))
    outlet = any(t.low in _OUTLET_WORDS for t in span) or handle.endswith("news")
    return Tweet(name, span[0].start, toks[close].end, outlet, spelled=False)


def _in_handle(t: Token, handle: str) -> bool:
    if t.text == ".":
        return not t.space_before  # "haaretz.com"
    known = len(t.low) >= 3 or t.low in _OUTLET_WORDS  # "citizen tv kenya (@citizentvkenya)"
    return t.kind == "word" and t.low not in _STOP and ((known and t.low in handle) or t.low == "com")


def puts_toll(toks: list[Token], k: int) -> bool:
    """Whether ``toks[k]`` gives a figure as a speech verb would ("puts the number at", "revised the death toll")."""
    if toks[k].low not in PUT_VERBS or k + 2 >= len(toks):
        return False
    if toks[k + 1].low in TOLL_NOUNS or toks[k + 2].low in TOLL_NOUNS:
        return True
    return k + 3 < len(toks) and toks[k + 1].low in _OWNERS and toks[k + 3].low in TOLL_NOUNS


_OWNERS = words("the its their his her")
#: Nouns a toll may be of: "the death toll", "the casualty figure".
_TOLL_OF = words("death casualty fatality injury")


def before_toll(toks: list[Token], k: int) -> bool:
    """Whether ``toks[k:]`` opens with a toll noun ("toll", "death toll", "casualty figure")."""
    if k >= len(toks):
        return False
    nxt = toks[k + 1].low if k + 1 < len(toks) else ""
    return toks[k].low in TOLL_NOUNS or (toks[k].low in _TOLL_OF and nxt in TOLL_NOUNS)


#: Speech verbs that are also nouns: after an adjective they are the noun ("detailed reports").
NOUN_VERBS = words("reports report claims posts updates estimates")
#: Adjectives that make such a word the noun: "detailed reports from elsewhere", "unconfirmed claims".
NOUN_ADJECTIVES = words(
    "detailed unconfirmed unverified conflicting further initial early media news latest new first"
    " differing varying contradictory multiple several other"
)


#: What may stand between "more" and "from": "more now from", "more here from the minister".
_MORE_ADVERBS = words("now here")
#: Words after which a speech noun stays a noun: "no reports of deaths", "any claims".
_NOUN_DETERMINERS = words("no any such these those")
#: Verbs and prepositions that take such a word as their object: "has denied reports that", "tracking down reports".
NOUN_TAKERS = words(
    "denied denies dismissed dismisses rejected rejects received heard following checking down amid get got getting"
)


def more_from(toks: list[Token], k: int) -> int:
    """Where the source of "more (now) from <source>" starts, a live blog's credit for what follows; 0 if none."""
    if toks[k].low != "more":
        return 0
    q = k + 1
    if q < len(toks) and toks[q].low in _MORE_ADVERBS:
        q += 1
    return q + 1 if q + 1 < len(toks) and toks[q].low == "from" else 0


def noun_use(toks: list[Token], k: int) -> bool:
    """Whether the speech verb at ``toks[k]`` is the noun: "detailed reports", "no reports of deaths"."""
    if toks[k].low not in NOUN_VERBS:
        return False
    before = toks[k - 1].low if k >= 1 else ""
    after = toks[k + 1].low if k + 1 < len(toks) else ""
    return before in NOUN_ADJECTIVES or before in _NOUN_DETERMINERS or before in NOUN_TAKERS or after == "of"


#: The words a ``cite_phrase`` opens with.
CITE_OPENERS = words("drawing relying based on")


def cite_phrase(toks: list[Token], k: int) -> int:
    """How many tokens from ``toks[k]`` to the cited source: "drawing on", "on the basis of"; 0 if none."""
    n = len(toks)
    low = toks[k].low
    if low in ("drawing", "relying", "based") and k + 1 < n and toks[k + 1].low == "on":
        return 2
    if low == "on" and k + 3 < n and toks[k + 1].low == "the" and toks[k + 2].low == "basis":
        return 4 if toks[k + 3].low == "of" else 0
    return 0


def outlet_at(toks: list[Token], k: int) -> tuple[str, int] | None:
    """The outlet named by the words from ``toks[k]`` (the longest of up to four), and where it ends."""
    best: tuple[str, int] | None = None
    for e in range(k + 1, min(len(toks), k + MAX_AUTHOR_WORDS) + 1):
        if toks[e - 1].kind != "word":
            break
        got = outlet(" ".join(t.text for t in toks[k:e]))
        if got is not None:
            best = (got, toks[e - 1].end)
    return best


def has_role(toks: list[Token]) -> bool:
    """Whether a phrase holds a word of a role or a body (not only a person's name)."""
    return any(t.low in ROLE_WORDS for t in toks[: MAX_AUTHOR_WORDS + 2])


_COLON_BODIES = ROLE_WORDS | words("police army military officials observatory")


def colon_source(toks: list[Token]) -> tuple[int, int] | None:
    """The token range of a source given around a colon, as tweets and headlines do.

    "# Gaza health ministry: # Palestinian death toll reaches 1,364" (before) and
    "21 civilians injured in attack: health officials" (closing the sentence). The
    phrase must hold a role or institution word; "Update:" and "Breaking:" do not.
    """
    n = len(toks)
    for c in range(1, n):
        if toks[c].text != ":":
            continue
        s = c
        while s > 0 and c - s < MAX_AUTHOR_WORDS + 1 and toks[s - 1].kind == "word" and toks[s - 1].low not in _STOP:
            s -= 1
        body = any(t.low in _COLON_BODIES for t in toks[s:c]) or outlet(" ".join(t.text for t in toks[s:c]))
        if s < c and body and (s == 0 or toks[s - 1].kind == "punct"):
            return s, c - 1
        e = n - 1 if toks[-1].text not in ".!" else n - 2
        tail = toks[c + 1 : e + 1]
        ok = e > c and e - c <= MAX_AUTHOR_WORDS and all(t.kind == "word" for t in tail)
        if ok and any(t.low in _COLON_BODIES for t in tail):
            return c + 1, e
    return None


#: How far after an outlet's verb the figure it passes on may stand: "reported a revised death toll from X".
_FIGURE_REACH = 5
_FIGURE_NOUNS = TOLL_NOUNS | words("figures tallies numbers")


def figure_from(text: str, toks: list[Token], k: int) -> tuple[str, int] | None:
    """The source of "<outlet> reported a (revised) death toll from <source>" after the verb at ``toks[k]``."""
    from streams.extract.phrases import np_right  # phrases imports this module's vocabulary

    for j in range(k + 1, min(len(toks) - 2, k + 1 + _FIGURE_REACH)):
        if toks[j].low in _FIGURE_NOUNS and toks[j + 1].low == "from":
            stop = next((q for q in range(j + 2, len(toks)) if toks[q].low in _FIGURE_ENDS), len(toks))
            return np_right(text, toks[:stop], j + 2)  # "from the ministry for Friday's blast": the ministry
    return None


_FIGURE_ENDS = words("for on about over after in")


#: A count that "according to" names in place of a source: "according to the provisional death toll".
_COUNT_WORDS = TOLL_NOUNS | words("figures tallies numbers estimates data statistics")


def names_a_count(np: str) -> bool:
    """Whether a phrase is a count, not who gave it ("the provisional death toll", "the latest figures")."""
    ws = np.lower().split()
    return bool(ws) and ws[-1] in _COUNT_WORDS and len(ws) <= 4
