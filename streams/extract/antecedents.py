"""The person a sentence is about, for a later "he" or "she" to stand for.

A live blog often names a speaker in a sentence that gives no figure and uses no
speech verb ("Police chief Jo Marsh shows images of the scene.", "Cameron
welcomes the report."), then goes on with "he says ...". ``person_subject``
finds such a sentence's subject when it is a person: a phrase with a title
("police chief Jo Marsh", "Ana Ruiz, the foreign minister"), or a short name
without an article (capitalised in cased text). A body ("the ministry"), a
plural ("residents") or a phrase opening with an article and no title is never
one, so "The convoy was hit. He said ..." finds no one.

>>> from streams.extract.tokens import tokenize
>>> s = "Police chief Jo Marsh shows images of the scene."
>>> person_subject(s, tokenize(s))
'Police chief Jo Marsh'
>>> s = "The convoy was hit while unloading food."
>>> person_subject(s, tokenize(s)) is None
True
"""

from __future__ import annotations

from streams.extract.claimants import COUNTRY_WORDS, INSTITUTION_WORDS, is_person, is_title_word
from streams.extract.outlets import DOCUMENT_MODIFIERS, DOCUMENT_NOUNS
from streams.extract.phrases import DETERMINERS, np_left, np_right
from streams.extract.sources import ISSUE_VERBS
from streams.extract.tokens import Token, words

#: Verbs that follow a subject whatever it is: the first of them ends the subject.
_AUX = words("is are was were has have had will would can could may might must did does do")
#: How far into a sentence its verb may stand: a name with a title in apposition.
MAX_VERB_AT = 24
_MAX_UNTITLED = 3
_OPENERS = words("the a an this that these those some many several other its their his her our my")


def person_subject(text: str, toks: list[Token]) -> str | None:
    """The person the sentence ``toks`` opens with as its subject, as written; None when it opens otherwise."""
    v = _verb_at(toks)
    if v is None:
        return None
    got = np_left(text, toks, v)
    if got is None or (got[1] != toks[0].start and not _after_opener(toks, got[1])):
        return None  # the subject must open the sentence ("Earlier today, Jo Marsh ..." may)
    opener = next((t.low for t in toks if t.start == got[1]), "")
    return got[0] if _personlike(got[0], opener in _OPENERS) else None


def opening_subject(text: str, toks: list[Token], k: int) -> tuple[str, int, int] | None:
    """The subject the sentence opens with, for a second verb at ``toks[k]`` that shares it.

    "The minister, Jo Marsh, has finished speaking, and announced 1,500 soldiers will
    patrol": the minister announced. The phrase, its start and its end.
    """
    v = _verb_at(toks)
    if v is None or v >= k - 1:
        return None
    got = np_left(text, toks, v)
    if got is None or (got[1] != toks[0].start and not _after_opener(toks, got[1])):
        return None
    return got[0], got[1], toks[v - 1].end


def _verb_at(toks: list[Token]) -> int | None:
    """Where the sentence's first verb stands: an auxiliary, or a word ending "-s"/"-ed" after a word."""
    for v in range(1, min(len(toks), MAX_VERB_AT)):
        t = toks[v]
        if t.low in _AUX:
            return v
        wordlike = t.kind == "word" and len(t.low) > 3 and "'" not in t.low and toks[v - 1].kind == "word"
        if wordlike and t.low.endswith(("s", "ed")) and not t.low.endswith(("ss", "us")) and not _known(t.low):
            return v
    return None


def _after_opener(toks: list[Token], start: int) -> bool:
    """Whether the phrase at ``start`` follows an opening adverbial and its comma ("Earlier today, ...")."""
    k = next((q for q, t in enumerate(toks) if t.start == start), 0)
    return 0 < k <= 4 and toks[k - 1].text == ","


def _known(w: str) -> bool:
    return is_title_word(w) or w in INSTITUTION_WORDS or w in COUNTRY_WORDS


def _personlike(np: str, opened: bool) -> bool:
    """Whether a subject phrase names a person; ``opened`` when an article or determiner opened it."""
    ws = np.lower().split()
    if not ws or not is_person(np):
        return False
    if any(is_title_word(w.strip(",")) for w in ws):
        return True
    if opened or ws[0] in _OPENERS or len(ws) > _MAX_UNTITLED:
        return False
    if any(w in INSTITUTION_WORDS or w in COUNTRY_WORDS for w in ws):
        return False
    # "residents", "Rescuers": a plural is never "he"; "Tony Jones" is a name
    return not ws[-1].endswith("s") or (len(ws) >= 2 and not np.islower())


#: Verbs by which a body puts out what a later "it says" reads from ("has issued a statement").
_ISSUES = ISSUE_VERBS | words("given issues releases publishes")
#: What it puts out: a statement, an update, figures.
_ISSUED = DOCUMENT_NOUNS | words("figures numbers details")


def issuing_subject(text: str, toks: list[Token]) -> str | None:
    """The body a sentence opens with as putting something out, for a later "it says" or "the statement says".

    "The ferry line has issued a statement." and "The UN has released
    figures." name no figure and use no speech verb, yet they are what "it says",
    "they say" or "the statement says" in the next sentences stands for.

    >>> from streams.extract.tokens import tokenize
    >>> s = "The port authority has issued a statement this morning."
    >>> issuing_subject(s, tokenize(s))
    'port authority'
    """
    n = len(toks)
    for q in range(1, min(n, MAX_VERB_AT)):
        if toks[q].low not in _ISSUES:
            continue
        r = q + 1
        while r < n and r - q <= _MAX_BETWEEN and (toks[r].low in DETERMINERS or toks[r].low in DOCUMENT_MODIFIERS):
            r += 1
        if r >= n or toks[r].low not in _ISSUED:
            continue
        got = np_left(text, toks, q)
        if got is not None and got[1] == toks[0].start:
            return got[0]
        return None
    return _briefing_subject(text, toks) or _document_from(text, toks)


#: Verbs by which a body holds a briefing: "the police held a press conference".
_HOLDS = words("held holds holding hold gave give gives giving")
#: What it holds: a press conference, a news briefing.
_BRIEFINGS = words("conference briefing")
_BRIEFING_KINDS = words("press news media")
_THE = words("the a an")


def _briefing_subject(text: str, toks: list[Token]) -> str | None:
    """Who held the briefing a later "they confirmed" reports from.

    "The police held a press conference." names the police; so does "... news from
    a media conference that the police held an hour ago".
    """
    n = len(toks)
    for q in range(1, n - 1):
        if toks[q].low not in _BRIEFINGS or toks[q - 1].low not in _BRIEFING_KINDS:
            continue
        r = q - 2
        while r >= 0 and toks[r].low in _THE:
            r -= 1
        if r >= 1 and toks[r].low in _HOLDS:
            got = np_left(text, toks, r)
            if got is not None and got[1] == toks[0].start:
                return got[0]  # "the police held a press conference"
        e = q + 1  # "a media conference the police held": the holder after the briefing
        while e < n and e - q <= _MAX_BETWEEN + 2 and toks[e].low not in _HOLDS:
            e += 1
        if e < n and toks[e].low in _HOLDS and e > q + 1 and toks[q + 1].low in _THE:
            got = np_left(text, toks, e)
            if got is not None and got[1] == toks[q + 1].start:
                return got[0]
    return None


def _document_from(text: str, toks: list[Token]) -> str | None:
    """ "Here is the official statement from the city police about the raid.": the police, for a later "it reads"."""
    for k in range(len(toks) - 2):
        if toks[k].low in DOCUMENT_NOUNS and toks[k + 1].low in ("from", "by"):
            stop = next((q for q in range(k + 2, len(toks)) if toks[q].low in _ABOUT or toks[q].text in ".,;:"), None)
            got = np_right(text, toks[:stop], k + 2)
            return got[0] if got is not None else None
    return None


_ABOUT = words("about on over regarding concerning after")


#: The most words between the verb and what is put out ("has released its latest daily figures").
_MAX_BETWEEN = 4
