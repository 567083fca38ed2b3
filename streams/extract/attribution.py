"""Who asserts a figure (claimant) and which outlet carried it (relay).

Forms handled, each within one sentence: "X said", "according to X",
"Y cited X", "Y, citing X", "Y quoted X as saying", "..., says X"
(headlines), "X told Reuters" (claimant X, relay Reuters), and appositions
("the regional governor, Oleh Syniehubov, said"), "X puts the toll at", a
document for its source ("a tweet by X"; "the report said" stands for the source
named before, like "it said"), embedded tweets and colon sources (``sources``).
A claimant is who asserts: never a fragment that opens with a verb or a count.
Claimants are the minimal noun phrase without a leading article ("an unnamed
South Korean official" -> "South Korean official"). Works on lowercased text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from streams.extract import sources as src
from streams.extract.claimants import DOCUMENT_MODIFIERS, DOCUMENT_NOUNS, INSTITUTION_WORDS, document_owner, outlet
from streams.extract.tokens import Token, words

SAY_VERBS = words(
    """
    said says say told tells reported reports announced announces claimed claims stated states
    added adds wrote writes confirmed confirms estimated estimates posted noted alleged
    acknowledged warned informed reporting saying estimate
    """
)
_CITE_VERBS = frozenset({"cited", "citing", "quoted", "quoting", "cites", "quotes"})
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you"})
_LEFT_STOP = words(
    """
    were was is are has have had been be being that which who whom when while after as but
    because so if then where than or also later earlier previously separately reportedly since
    before until to by with from at on into over killed injured wounded dead died missing said
    says told claimed reported there here this these those
    """
)
_ADVERBS_BEFORE_VERB = words(
    """
    also later earlier previously separately reportedly had has have has had initially then now again
    further subsequently
    """
)
_RIGHT_STOP = words(
    """
    that as in on at who which when while after because if on, was were is are had has have said
    says told on the to by with from
    """
)
_LEADING_DROP = frozenset({"the", "a", "an", "unnamed", "anonymous", "one"})
_RIGHT_SKIP_LEADING = frozenset({"the", "a", "an"})
_PASSIVE = frozenset({"were", "was", "been", "be", "are", "is", "being"})
_BOUNDARY = frozenset({".", ",", ";", ":", "(", ")", "!", "?", '"', "“", "”", "—", "–", "•", "·", "*", "►", "▪"})
MAX_NP = 9
MAX_RIGHT_NP = 12
#: Right-hand phrases stop here: a participle or verb follows the source ("quoted by AFP").
_RIGHT_BREAK = _CITE_VERBS | {"as", "saying", "giving", "putting", "reported", "said", "says"}
_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those"})
_NOT_NAME = frozenset({"who", "which", "that", "the", "a", "an", "and", "said", "says", "told"})
#: Speech verbs that are also nouns, and what follows them as verbs.
_NOUN_TOO = frozenset({"estimate", "estimates"})
_VERB_NEXT = frozenset({"that", "some", "about", "around", "roughly", "nearly", "almost", "more", "over", "up"})
#: A sentence without one of these words has no attribution.
_ATTRIBUTION_WORDS = SAY_VERBS | _CITE_VERBS | src.PUT_VERBS | {"according"}


@dataclass(slots=True)
class Attribution:
    """The claimant and relay of a sentence; ``pronoun`` when the claimant is "he", "they"..."""

    claimant: str | None
    relay: str | None
    pronoun: bool
    start: int  # char span of the attribution wording, to keep places inside it apart
    end: int
    pieces: list[tuple[int, int]] = field(default_factory=list)  # the separate pieces of that wording

    def covers(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` lies inside one piece of the attribution wording."""
        if not self.pieces:
            return self.start <= start and end <= self.end
        return any(s <= start and end <= e for s, e in self.pieces)


def find_attribution(text: str, toks: list[Token]) -> Attribution | None:
    """The attribution of one sentence, if it has one."""
    claimant: str | None = None
    relay: str | None = None
    pronoun = False
    span: list[int] = []  # start, end, start, end, ...: the pieces of attribution wording
    n = len(toks)
    lows = [t.low for t in toks]
    if _ATTRIBUTION_WORDS.isdisjoint(lows) and "@" not in lows and ":" not in lows:
        return None
    for k, t in enumerate(toks):
        low = t.low
        if low == "according" and k + 1 < n and toks[k + 1].low == "to":
            np = _np_right(text, toks, k + 2)
            if np is not None:
                claimant, relay, pronoun = _assign(np[0], claimant, relay, pronoun)
                span += [t.start, np[1]]
            continue
        if low in _CITE_VERBS:
            np = _np_right(text, toks, k + 1)
            if np is not None:
                left = _np_left(text, toks, k)
                if left is not None and outlet(left[0]) is not None:
                    relay = relay or outlet(left[0])
                    span += [left[1], t.end]
                if outlet(np[0]) is None:
                    claimant = np[0] if not _is_pronoun(np[0]) else claimant
                else:
                    relay = relay or outlet(np[0])
                span += [t.start, np[1]]
            continue
        if src.puts_toll(toks, k):
            low = "says"  # "the UN puts the number at", "the ministry revised the death toll"
        if low not in SAY_VERBS:
            continue
        if low in _NOUN_TOO and not (k + 1 < n and (toks[k + 1].low in _VERB_NEXT or toks[k + 1].kind == "num")):
            continue  # "the troop estimate" is a noun; "allies estimate that" a verb
        if k >= 1 and toks[k - 1].low in _PASSIVE | _DETERMINERS:
            continue  # "were reported killed", "is said to", "the estimated total"
        if k + 1 < n and toks[k + 1].low == "to" and low not in ("told", "tells"):
            continue  # "reported to be injured", ", said to be near"
        left = _np_left(text, toks, k)
        if left is not None and low == "saying" and _is_pronoun(left[0]):
            left = _issuer(toks, k) or left  # "the military has released a statement saying"
        if left is not None:
            claimant, relay, pronoun = _assign(left[0], claimant, relay, pronoun)
            span += [left[1], t.end]
        else:
            right = _np_right(text, toks, k + 1)
            if right is not None and (k == 0 or toks[k - 1].text in _BOUNDARY) and _closes(toks, right[1]):
                claimant, relay, pronoun = _assign(right[0], claimant, relay, pronoun)
                span += [t.start, right[1]]
        if low in ("told", "tells") and k + 1 < n:
            right = _np_right(text, toks, k + 1)
            if right is not None and outlet(right[0]) is not None:
                relay = relay or outlet(right[0])
                span += [t.start, right[1]]
    if "@" in lows or ":" in lows:
        claimant, relay = _social(toks, claimant, relay, pronoun, span)
    if claimant is None and relay is None and not pronoun:
        return None
    pieces = [(span[q], span[q + 1]) for q in range(0, len(span) - 1, 2)]
    return Attribution(claimant, relay, pronoun, min(span), max(span), pieces)


def _social(
    toks: list[Token], claimant: str | None, relay: str | None, pronoun: bool, span: list[int]
) -> tuple[str | None, str | None]:
    """A source around a colon ("Health ministry: ...") and an embedded tweet's author."""
    if claimant is None and not pronoun:
        got = src.colon_source(toks)
        if got is not None and (words := _clean(toks[got[0] : got[1] + 1])):
            if outlet(words) is None:
                claimant = words
            else:
                relay = relay or words
            span += [toks[got[0]].start, toks[got[1]].end]
    tweet = src.first_tweet(toks)
    if tweet is not None:
        if tweet.outlet:
            relay = relay or tweet.author
        elif claimant is None and not pronoun:
            claimant = tweet.author
        span += [tweet.start, tweet.end]
    return claimant, relay


def _assign(np: str, claimant: str | None, relay: str | None, pronoun: bool) -> tuple[str | None, str | None, bool]:
    named = outlet(np)
    if named is not None:
        return claimant, relay or named, pronoun
    if _is_pronoun(np):
        return claimant, relay, pronoun or claimant is None
    return claimant or np, relay, pronoun


def _is_pronoun(np: str) -> bool:
    """ "it", and what stands for a source named before: "the report", "its Twitter account"."""
    ws = np.lower().split()
    if not ws or np.lower() in _PRONOUNS or (ws[0] in _POSSESSIVES and ws[-1] in DOCUMENT_NOUNS):
        return True
    return ws[-1] in DOCUMENT_NOUNS and all(w in DOCUMENT_MODIFIERS for w in ws[:-1])


_POSSESSIVES = frozenset({"its", "their", "his", "her"})


def _np_left(text: str, toks: list[Token], k: int) -> tuple[str, int] | None:
    """The noun phrase before ``toks[k]`` (a speech verb) and its start offset."""
    p = k - 1
    while p >= 0 and toks[p].low in _ADVERBS_BEFORE_VERB and k - p <= 2:
        p -= 1
    if p < 0:
        return None
    if toks[p].text == ",":
        # "the regional governor, Oleh Syniehubov, said"
        name = _collect_left(toks, p - 1)
        if name is None:
            return None
        ns, ne = name
        aside = _aside_start(toks, p)
        if aside is not None:
            # "the official, confirming a report by ..., said": the source is before the aside
            role = _collect_left(toks, aside - 1)
            if role is not None and _has_role_word(toks, role[0], role[1]):
                words = _clean(toks[role[0] : role[1] + 1])
                return (words, toks[role[0]].start) if words else None
        if ns >= 1 and toks[ns - 1].text == ",":
            role = _collect_left(toks, ns - 2)
            if role is not None and _role_length(toks, role) <= 5 and _has_role_word(toks, role[0], role[1]):
                rs, re_ = role
                if _is_name(toks, ns, ne):
                    words = _clean(toks[rs : re_ + 1] + toks[ns : ne + 1])
                else:
                    words = _clean(toks[rs : re_ + 1])  # "the ministry, for its part, said": no name
                return (words, toks[rs].start) if words else None
        return None
    got = _collect_left(toks, p)
    if got is None:
        return None
    s, e = got
    if toks[e].low in src.TRAILING_DROP or toks[e].low in src.PREPOSITIONS:
        return None  # "recovered amid reports": a preposition, so "reports" is a noun
    words = _clean(toks[s : e + 1])
    return (words, toks[s].start) if words else None


def _aside_start(toks: list[Token], p: int) -> int | None:
    """The comma opening a participle aside that closes at ``toks[p]`` (", confirming a report,")."""
    q = p - 1
    while q > 0 and p - q <= MAX_NP and toks[q].text not in _BOUNDARY:
        q -= 1
    if q > 0 and toks[q].text == "," and toks[q + 1].low.endswith("ing") and len(toks[q + 1].low) > 4:
        return q
    return None


def _is_name(toks: list[Token], s: int, e: int) -> bool:
    """Whether ``toks[s..e]`` reads as a person's name (capitalised, or in lowercase text no known word)."""
    span = toks[s : e + 1]
    if _cased(toks):
        return all(t.is_cap or t.text in ("-", ".") for t in span)
    return len(span) <= 4 and all(
        t.kind == "word" and t.low not in src.ROLE_WORDS | INSTITUTION_WORDS | _NOT_NAME | _LEFT_STOP for t in span
    )


def _issuer(toks: list[Token], k: int) -> tuple[str, int] | None:
    """X of "X has issued a statement saying" (``toks[k]`` is "saying")."""
    p = k - 1
    while p >= 0 and (toks[p].low in DOCUMENT_NOUNS | DOCUMENT_MODIFIERS | _DETERMINERS):
        p -= 1
    if p < 1 or toks[p].low not in src.ISSUE_VERBS:
        return None
    p -= 1
    while p >= 0 and toks[p].low in _ADVERBS_BEFORE_VERB:
        p -= 1
    got = _collect_left(toks, p)
    if got is None:
        return None
    words = _clean(toks[got[0] : got[1] + 1])
    return (words, toks[got[0]].start) if words else None


def _role_length(toks: list[Token], role: tuple[int, int]) -> int:
    """Token count of a role phrase less its leading article ("the head of the regional administration")."""
    s, e = role
    return e - s - (1 if toks[s].low in _LEADING_DROP else 0)


def _collect_left(toks: list[Token], p: int) -> tuple[int, int] | None:
    if p < 0:
        return None
    e = p
    s = p + 1
    while p >= 0 and e - p < MAX_NP:
        t = toks[p]
        if t.text in _BOUNDARY or t.kind == "num" or t.low in _LEFT_STOP:
            break
        if t.low == "and" and not (p + 1 <= e and toks[p + 1].low in ("its", "their", "his", "her")):
            break
        if t.text == "-" and p == e:
            break
        s = p
        if t.low in ("the", "a", "an") and p < e:
            role_of = p >= 2 and toks[p - 1].low in ("of", "in", "for") and _has_role_word(toks, p - 2, p - 2)
            if role_of and e - p < MAX_NP - 3:
                p -= 2  # "the governor of the Kharkiv region", "officials in the Krasnodar region"
                continue
            break
        p -= 1
    if s > e:
        return None
    return s, e


def _np_right(text: str, toks: list[Token], k: int) -> tuple[str, int] | None:
    n = len(toks)
    s = k
    while s < n and toks[s].low in _RIGHT_SKIP_LEADING:
        s += 1
    if s < n and toks[s].low in ("that", "it", "there"):
        return None  # "X, Y, estimates that ...": a clause follows, not the speaker
    e = s
    while e < n and e - s < MAX_RIGHT_NP:
        t = toks[e]
        if t.text in _BOUNDARY or t.kind == "num" or t.low in _RIGHT_BREAK:
            break
        if e > s and t.low in _RIGHT_STOP:
            prev = toks[e - 1].low
            if not (t.low == "the" and prev in ("of", "for")):
                break  # "office of the presidency", "spokesman for the police" go on
        if e > s and t.low == "for" and toks[e - 1].low not in src.ROLE_WORDS | INSTITUTION_WORDS:
            break  # "cited firefighters for the death toll"
        if e > s and len(t.low) > 4 and t.low.endswith("ing") and t.low not in src.ING_NOUNS:
            break  # "an official giving a figure of 19"
        e += 1
    if e <= s:
        return None
    if toks[e - 1].low in DOCUMENT_NOUNS and e + 1 < n and toks[e].low in ("by", "from", "of"):
        # "an unconfirmed tweet by X", "figures from the UN's office ...": the source is X
        later = _np_right(text, toks, e + 1)
        if later is not None:
            return later
    np = toks[s:e]
    if e + 1 < n and toks[e].text == "," and _has_role_word(toks, s, e - 1):
        # "according to the regional head, Oleh Kiper": a role, then the name in apposition
        q = e + 1
        while q < n and q - e <= 4 and toks[q].kind == "word" and (toks[q].is_cap or not _cased(toks)):
            if toks[q].low in _NOT_NAME:
                break
            q += 1
        if q > e + 1 and (q == n or toks[q].text in _BOUNDARY or toks[q].low in ("said", "says", "told")):
            np = np + toks[e + 1 : q]
            e = q
    words = _clean(np)
    return (words, toks[e - 1].end) if words else None


def _closes(toks: list[Token], end: int) -> bool:
    """Whether the phrase ending at offset ``end`` ends its clause ("..., said the ministry.")."""
    for t in toks:
        if t.start >= end:
            return t.text in _BOUNDARY or t.low in src.CLAUSE_END
    return True


def _cased(toks: list[Token]) -> bool:
    return any(t.is_cap for t in toks)


def _has_role_word(toks: list[Token], s: int, e: int) -> bool:
    return any(t.low in src.ROLE_WORDS for t in toks[s : e + 1])


def _clean(toks: list[Token]) -> str:
    """The phrase as written (tokens rejoined with their own spacing), minus leading articles.

    Empty when the phrase cannot name who asserts: it opens with a verb or a count
    ("are now coming", "two other men"). A tweet handle or a photo credit before
    the source is dropped ("Peter Spiegel (@x) senior military officer" keeps the officer).
    """
    for k in range(len(toks) - 1, -1, -1):
        if toks[k].text == "@" or (toks[k].text == "/" and outlet(_join(toks)) is None):
            toks = toks[k + 2 :]  # "@ handle", "x/rex/shutterstock": both words go
            break
    while toks and toks[0].low in _LEADING_DROP:
        toks = toks[1:]
    while toks and (toks[-1].text == "-" or toks[-1].low in src.TRAILING_DROP):
        toks = toks[:-1]
    if not toks or toks[0].low in src.NOT_HEAD or (toks[0].kind != "word" and toks[0].text not in "#'\""):
        return ""
    if all(t.low in DOCUMENT_MODIFIERS and t.low not in src.ROLE_WORDS for t in toks):
        return ""  # "unconfirmed reports that ...": no source named
    owner = document_owner(toks)
    if owner:
        toks = toks[:owner]
    out = _join(toks)
    if owner:
        out = out[:-2]  # "the ministry's latest update" -> "ministry"
    return out[:200]


def _join(toks: list[Token]) -> str:
    parts: list[str] = []
    for k, t in enumerate(toks):
        if k and t.space_before and not (t.text == "-" or toks[k - 1].text == "-"):
            parts.append(" ")
        parts.append(t.text)
    return "".join(parts)
