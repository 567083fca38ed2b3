"""The words of speech and the shapes around them: which words name a claim, and where a quote opens.

``attribution`` finds the sources of a sentence; this module holds its vocabulary
(speech verbs, the participles that are passives, what a source issues) and the
small tests on the tokens around a speech word:

- "a figure released by aid groups that 1.7 million ...": an agent with a count;
- "Rai News reports 21 dead": an outlet whose name ends in "news" reporting;
- "here is the statement from the police about the search: ...": the issuer speaks;
- "the minister said: ...": a colon quote that goes on into the next sentences
  (``trail.SourceTrail`` carries it), unless the source closes a clause of its own
  ("two were hurt, the paper reports: ...") or the quote names its own source.
"""

from __future__ import annotations

from streams.extract.outlets import DOCUMENT_MODIFIERS, DOCUMENT_NOUNS, outlet
from streams.extract.phrases import BOUNDARY, CITE_VERBS, np_left, np_right
from streams.extract.sources import ISSUE_VERBS, PUT_VERBS, ROLE_WORDS
from streams.extract.tokens import Token, words

SAY_VERBS = words(
    """
    said says say told tells reported reports announced announces claimed claims stated states
    added adds wrote writes confirmed confirms estimated estimates posted noted alleged
    acknowledged warned informed reporting saying estimate notes tweeted report tell speaking urges urged
    declared declares accused accuses warns warning responded responds replied replies confirming
    described describes addressing briefing giving holding
    continues continued insists insisted argues argued explains explained
    """
)
#: Speech verbs only as a tag closing a quote or a clause: "..., Netanyahu continues." ("as fighting continued": none).
TAG_ONLY = words("continues continued insists insisted argues argued explains explained")
_TAG_REACH = 4
#: Speech verbs that name a speaker only in the progressive: "the mayor is speaking now", "the agency is warning",
#: "the minister is addressing the crowd", "the police chief is giving a press conference".
PROGRESSIVE_ONLY = frozenset({"speaking", "warning", "addressing", "briefing", "giving", "holding"})
#: Of those, the verbs that name a speaker only before what a speaker gives: "is holding a news conference".
EVENT_VERBS = frozenset({"giving", "holding"})
EVENTS = words("conference briefing statement speech address")
#: How many tokens after such a verb its event may stand: "is giving a hastily arranged press conference".
EVENT_REACH = 5
#: Speech verbs that, followed by "as", are participles: "what police described as an attack".
AS_PARTICIPLES = frozenset({"described", "describes"})


def names_speaker(toks: list[Token], k: int) -> bool:
    """Whether the speech word at ``toks[k]`` names a speaker in its own use.

    "Described as" is a participle; "giving" and "holding" name a speaker only before
    a conference, a briefing or a statement.
    """
    low = toks[k].low
    if low in TAG_ONLY:
        return _tags(toks, k)
    if low in DECLARE and k + 1 < len(toks) and toks[k + 1].low in _DECLARED:
        return False  # "after the governor declared a state of emergency": a proclamation, no claim
    if k >= 2 and toks[k - 1].low.endswith("ly") and toks[k - 2].low in _BEFORE_ADJECTIVE:
        return False  # "several recently reported cases", "the widely reported toll": an adjective
    if low in AS_PARTICIPLES:
        return not (k + 1 < len(toks) and toks[k + 1].low == "as")
    if low in EVENT_VERBS:
        return any(t.low in EVENTS for t in toks[k + 1 : k + 1 + EVENT_REACH])
    return True


def _tags(toks: list[Token], k: int) -> bool:
    """Whether ``toks[k]`` closes a speech tag: ", the minister continues." after a comma and a short phrase."""
    if not (k + 1 == len(toks) or toks[k + 1].text in (".", "!", "?", ";")):
        return False
    s = k - 1
    while s > 0 and k - s < _TAG_REACH and toks[s - 1].text != "," and toks[s - 1].kind == "word":
        s -= 1
    return s >= 1 and toks[s - 1].text == "," and not any(t.low.endswith("ing") for t in toks[s:k])


DECLARE = frozenset({"declared", "declares", "declare"})
#: What is declared without being claimed: "declared a state of emergency", "declared war", "declared victory".
_DECLARED = words("a an war victory independence martial")
_BEFORE_ADJECTIVE = words("the a an several many other some most few all these those its their")


#: Speech participles that, before a fate, are passives: "87 people reported missing".
FATE_AFTER = frozenset({"reported", "confirmed", "declared"})
FATES = words("missing dead killed injured wounded hurt detained arrested drowned")
#: Participles that, after a pronoun or a document, take the issuer as source ("a statement confirming").
ISSUING = frozenset({"saying", "confirming"})
ACCUSE = frozenset({"accused", "accuses"})
#: How far before a "given by" participle its count may stand: "70,000 opposition ground troops suggested by".
BY_REACH = 4
#: Speech verbs that are also nouns, and what follows them as verbs.
NOUN_TOO = frozenset({"estimate", "estimates", "report"})
CLAIM_VERBS = frozenset({"claimed", "claims"})
URGE = frozenset({"urges", "urged"})
DOMAINS = words("ly com org net io co uk tv fm info")
TELL = frozenset({"told", "tells", "tell"})
NEGATIONS = frozenset({"not", "never", "n't"})
VERB_NEXT = frozenset({"that", "some", "about", "around", "roughly", "nearly", "almost", "more", "over", "up"})
#: What a source issues that a colon then quotes: "here is the statement from the police:".
ISSUED = words("statement update briefing bulletin release notice summary message")
#: Participles whose agent ("by X") gives the figure: "the toll given by the ministry", "troops suggested by".
BY_VERBS = words(
    """
    reported confirmed announced estimated claimed stated released given provided published suggested
    issued compiled tallied counted recorded put
    """
)
#: Speech verbs that also end a name, and the words before them that make them the name's:
#: "the United States" states nothing.
NAME_HEADS = {"states": frozenset({"united"})}
#: Phrases that stand where a source would and name no one.
#: Adverbs before a verb are among them: "Kuwait has apparently declared" names no "apparently".
NOBODY = frozenset({"others", "some", "many", "some others", "others still"}) | words(
    "apparently reportedly allegedly also now later earlier previously separately officially publicly initially"
)
#: The blog's own people: "our reporter", "my colleague Ana Diaz" report for the publisher, not as a claimant.
_PUBLISHER_OWNERS = frozenset({"our", "my"})
_STAFF = words("reporter reporters correspondent correspondents colleague colleagues editor team producer")


def publisher(np: str) -> bool:
    """Whether a phrase is the blog's own reporter ("our correspondent"), who speaks for the publisher."""
    ws = np.lower().split()
    return len(ws) >= 2 and ws[0] in _PUBLISHER_OWNERS and ws[1] in _STAFF


#: A sentence without one of these words has no attribution.
ATTRIBUTION_WORDS = SAY_VERBS | CITE_VERBS | PUT_VERBS | BY_VERBS | ISSUED | {"according", "more"}
#: How many tokens after a clause's opening word its source may start ("though other sources put").
CLAUSE_HEAD = 4


def count_follows(toks: list[Token], end: int) -> bool:
    """Whether "that"/"of"/"at" and a count follow the phrase ending at offset ``end`` ("... that 1.7 million")."""
    j = next((q for q, t in enumerate(toks) if t.start >= end), len(toks))
    if j >= len(toks) or toks[j].low not in ("that", "of", "at"):
        return False
    return any(t.kind == "num" for t in toks[j + 1 : j + 1 + BY_REACH])


def outlet_reports(text: str, toks: list[Token], k: int) -> bool:
    """ "Rai News reports 21 dead", "local media reports that ...": an outlet named "... news" reporting."""
    if toks[k - 1].low not in ("news", "media") or k + 1 >= len(toks):
        return False
    if toks[k + 1].kind != "num" and toks[k + 1].low != "that":
        return False
    left = np_left(text, toks, k)
    return left is not None and outlet(left[0]) is not None


#: Words that end the source of "the statement from X about ...".
_ABOUT = words("about regarding concerning into over on after")
#: How many tokens may stand between a source's wording and the colon that opens its quote.
_BEFORE_COLON = 3


def statement_from(text: str, toks: list[Token]) -> tuple[str, int, int] | None:
    """ "Here is the statement from the city police about the search: ...": the police speak.

    The source, and the span of the wording up to the colon.
    """
    for k in range(len(toks) - 3):
        if toks[k].low in ISSUED and toks[k + 1].low in ("from", "by"):
            colon = next((q for q in range(k + 2, len(toks)) if toks[q].text == ":"), None)
            if colon is None or colon + 1 >= len(toks):
                return None
            stop = next((q for q in range(k + 2, colon) if toks[q].low in _ABOUT), colon)
            np = np_right(text, toks[:stop], k + 2)
            return (np[0], toks[k].start, toks[colon - 1].end) if np is not None else None
    return None


def opens_block(toks: list[Token], pieces: list[tuple[int, int]]) -> bool:
    """Whether a speech verb's wording ends just before a colon that quotes what follows ("the minister said: ...").

    A source named around a colon alone ("Health ministry: 12 dead") quotes only its own sentence.
    """
    q = next((q for q, t in enumerate(toks) if t.text == ":"), len(toks))
    after = q + 1
    while after < len(toks) and toks[after].text in _QUOTES:
        after += 1  # 'the spokeswoman said: "Police arrested seven men ...'
    if not pieces or after >= len(toks) or toks[after].text in BOUNDARY:
        return False
    if not any(t.low in BLOCK_WORDS for t in toks[:q]):
        return False
    if any(st >= toks[q].end for st, _ in pieces):
        return False  # "X writes: the embassy said ...": the quote names its own source
    head = toks[min(q, CLAUSE_HEAD)].start
    if min(st for st, _ in pieces) > head:
        return False  # "two were hurt, the paper reports: ...": the source closes a clause of its own
    first = toks[max(0, q - _BEFORE_COLON)].start
    return any(first <= e <= toks[q].start for _, e in pieces)


#: The mark that closes each quote mark, as text ("``" is tokenised as two "`").
_CLOSER = {"“": "”", "‘": "’", '"': '"', "`": "''"}


def quote_closes(text: str, toks: list[Token]) -> bool:
    """Whether the quote a colon opens closes where its sentence ends, so it goes on no further.

    'the judge said: "This was planned."' closes in its sentence (tokenised text puts
    the closing mark at the start of the next one: ``said : `` this was planned . ''``).
    A quote whose sentence ends inside it ('the mayor said: "We have 12 dead. More are missing."')
    goes on.
    """
    q = next((q for q, t in enumerate(toks) if t.text == ":"), len(toks))
    closer = _CLOSER.get(toks[q + 1].text) if q + 1 < len(toks) else None
    if closer is None:
        return False
    end = toks[-1].end
    inside = text[toks[q + 1].end : end]
    if toks[q + 1].text == "`":
        inside = inside.lstrip("`")
    after = text[end : end + 4].lstrip()
    return closer in inside or after.startswith(closer)


BLOCK_WORDS = SAY_VERBS | ISSUED | {"according"}
_QUOTES = frozenset({'"', "“", "``", "`", "'", "''"})


#: What an outlet has that a colon then gives: "AP has the latest from the scene:", "Reuters has more:".
_HAS_WHAT = words("this more the latest details further")
#: How far into a sentence an outlet's credit may stand, and how far its colon.
_CREDIT_HEAD = 5
_CREDIT_COLON = 16


#: What may stand between "has" and "more": "Reuters has a bit more", "AP has some more".
_MORE_HEAD = words("a bit little some now")
#: The most tokens a credit sentence may have: "Reuters has a bit more on the rising toll across the region."
_MORE_MAX = 14


def more_on(text: str, toks: list[Token]) -> tuple[str, int, int] | None:
    """An outlet credited for what follows, in a sentence of its own: "Reuters has more on the search.".

    The sentence holds no count (else it is a report, not a credit) and names the
    outlet before "has"; the outlet, and the span of the credit.
    """
    if len(toks) > _MORE_MAX or any(t.kind == "num" for t in toks):
        return None
    k = next((q for q, t in enumerate(toks[:_CREDIT_HEAD]) if t.low in ("has", "have")), None)
    if k is None or k == 0:
        return None
    q = k + 1
    while q < len(toks) and toks[q].low in _MORE_HEAD:
        q += 1
    if q >= len(toks) or toks[q].low != "more" or (q + 1 < len(toks) and toks[q + 1].low not in _MORE_NEXT):
        return None
    named = outlet(" ".join(t.text for t in toks[:k]))
    return (named, toks[0].start, toks[q].end) if named else None


_MORE_NEXT = words("on about details . from")


def credit(text: str, toks: list[Token]) -> tuple[str, int, int] | None:
    """An outlet credited for the quote a colon opens: "this from Reuters:", "AP has the latest from X:".

    The outlet as named, and the span of the credit up to the colon.
    """
    colon = next((q for q, t in enumerate(toks[:_CREDIT_COLON]) if t.text == ":"), None)
    if colon is None or colon + 1 >= len(toks):
        return None
    for k in range(min(colon - 1, _CREDIT_HEAD)):
        low = toks[k].low
        if low in ("this", "more", "latest") and toks[k + 1].low == "from":
            np = np_right(text, toks[:colon], k + 2)
            named = outlet(np[0]) if np is not None else None
            return (named, toks[k].start, toks[colon - 1].end) if named else None
        if low in ("has", "have") and k >= 1 and toks[k + 1].low in _HAS_WHAT:
            named = outlet(" ".join(t.text for t in toks[:k]))
            return (named, toks[0].start, toks[colon - 1].end) if named else None
    return None


#: What may stand between the parenthesis and the verb: "the LCC (a network), has accused", "(KUNA) has reported".
_BEFORE_VERB = words("has have had is are was were , just also now")


def left_source(text: str, toks: list[Token], k: int) -> tuple[str, int] | None:
    """The source before the speech verb at ``toks[k]``, a short parenthesis after its name left out.

    "the Kuwait news agency (KUNA) has reported" is the Kuwait news agency; without
    a parenthesis this is ``phrases.np_left``.
    """
    got = np_left(text, toks, k)
    if got is not None:
        return _named_before(text, toks, got)
    p = k - 1
    while p >= 0 and toks[p].low in _BEFORE_VERB and k - p <= 3:
        p -= 1
    if p < 2 or toks[p].text != ")":
        return None
    o = p - 2
    if o < 1 or toks[o].text != "(" or not _acronym(toks[o + 1]):
        return None  # only a short name in the parenthesis: "(KUNA)", not "(the town of X)"
    after = p + 2 if p + 1 < k and toks[p + 1].text == "," else p + 1  # "the Local Committees (LCC), has accused"
    kept = [*toks[:o], *toks[after:]]
    got = np_left(text, kept, k - (after - o))
    s = next((q for q, t in enumerate(kept) if got is not None and t.start >= got[1]), 0)
    if got is None or (s >= 1 and kept[s - 1].low in _OBJECT_OF):
        return None  # "a militia active in the Central African Republic (CAR) accused": a place, not the source
    return got


#: Words before a phrase that make it an object, not the subject that speaks.
_OBJECT_OF = words("in of at from on near into across to by for with")


#: The most words a name before its role may have: "Khelifa Chibani, a spokesman for the ministry said".
_MAX_NAME = 3
_NOT_NAME = words("the a an of and in on at to by for from with he she they it we i this that there")


def _acronym(t: Token) -> bool:
    """A short name's letters: "KUNA", "MSF" (in lowercase text, one short word that is no common one)."""
    if t.kind != "word" or not 2 <= len(t.text) <= _MAX_ACRONYM:
        return False
    return t.text.isupper() or (t.text.islower() and t.low not in _NOT_NAME)


_MAX_ACRONYM = 7


def _named_before(text: str, toks: list[Token], got: tuple[str, int]) -> tuple[str, int]:
    """ "Jane Roe, a spokeswoman for the police said" (no comma after the role): Jane Roe, with her role."""
    s = next((q for q, t in enumerate(toks) if t.start >= got[1]), 0)
    if s >= 1 and toks[s - 1].low in ("a", "an"):
        s -= 1
    if s < 2 or toks[s].low not in ("a", "an") or toks[s - 1].text != ",":
        return got
    b = s - 1
    while b > 0 and s - 1 - b < _MAX_NAME and toks[b - 1].kind == "word" and toks[b - 1].low not in _NOT_NAME:
        b -= 1
    name = toks[b : s - 1]
    cased = any(ch.isupper() for ch in text[toks[0].start : toks[-1].end])
    opens = b == 0 or toks[b - 1].text in BOUNDARY
    if not name or not opens or (cased and not all(t.is_cap for t in name)):
        return got
    from streams.extract.claimants import is_person  # claimants sits above this vocabulary module

    person = text[name[0].start : name[-1].end]
    if len(name) < 2 or not is_person(person) or not any(w in ROLE_WORDS for w in got[0].lower().split()):
        return got
    if _is_place(person):
        return got  # "North Kivu, a spokesman for the governor said": the place, then the source
    return f"{person}, {got[0]}", name[0].start


def _is_place(name: str) -> bool:
    """Whether the gazetteer knows ``name`` as a town or a region."""
    from streams.extract.gazetteer import gazetteer, name_key  # loaded only when a name before a role is met

    key = name_key(name)
    g = gazetteer()
    return g.lookup_city(key, False) is not None or g.lookup_region(key) is not None


def spaced(toks: list[Token], k: int) -> bool:
    """Whether a space stands on either side of ``toks[k]``."""
    return toks[k].space_before or toks[k + 1].space_before


def reports_as(text: str, toks: list[Token], k: int) -> tuple[str, int] | None:
    """The source of "<outlet> reports <source> as saying/declaring" after the verb at ``toks[k]``."""
    right = np_right(text, toks, k + 1)
    if right is None:
        return None
    after = next((q for q in range(k + 1, len(toks)) if toks[q].start >= right[1]), len(toks))
    if after + 1 < len(toks) and toks[after].low == "as" and toks[after + 1].low.endswith("ing"):
        return right
    return None


def statement_that(text: str, toks: list[Token], k: int) -> tuple[str, int] | None:
    """X of "X released a statement that 230 adults ..." (``toks[k]`` is "that"), and where X starts."""
    p = k - 1
    while p >= 0 and toks[p].low in DOCUMENT_NOUNS | DOCUMENT_MODIFIERS | _ARTICLES:
        p -= 1
    if p < 1 or p == k - 1 or toks[k - 1].low not in DOCUMENT_NOUNS or toks[p].low not in ISSUE_VERBS:
        return None
    return np_left(text, toks, p)


_ARTICLES = words("a an the its their his her")


def unnamed_head(toks: list[Token], cut: int) -> bool:
    """Whether the clause at ``cut`` opens with an unnamed source and its verb ("while others are reporting")."""
    head = [t.low for t in toks[cut + 1 : cut + 1 + CLAUSE_HEAD]]
    return bool(head) and head[0] in NOBODY and any(w in SAY_VERBS for w in head[1:])
