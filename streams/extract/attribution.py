"""Who asserts a figure (claimant) and which outlet carried it (relay).

Forms handled, each within one sentence: "X said", "according to X",
"Y cited X", "Y, citing X", "Y quoted X as saying", "..., says X"
(headlines), "X told Reuters" (claimant X, relay Reuters), and appositions
("the regional governor, Oleh Syniehubov, said"). Claimants are normalised
to the minimal noun phrase without a leading article ("an unnamed South
Korean official" -> "South Korean official").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from streams.extract.gazetteer import normalize
from streams.extract.tokens import Token, words

_OUTLETS = [
    "TASS", "Reuters", "AP", "Associated Press", "AFP", "Agence France-Presse", "RIA Novosti", "RIA",
    "Interfax", "Interfax-Ukraine", "Ukrinform", "BBC", "CNN", "Al Jazeera", "Kyiv Independent",
    "Kyiv Post", "Guardian", "New York Times", "Washington Post", "Wall Street Journal",
    "Financial Times", "Bloomberg", "Suspilne", "Ukrainska Pravda", "Yonhap", "Kyodo", "Xinhua",
    "Sky News", "NBC", "CBS", "ABC", "Fox News", "NPR", "Meduza", "Mediazona", "RBC", "Kommersant",
    "Izvestia", "RT", "UNIAN", "Hromadske", "Radio Free Europe", "RFE/RL", "Radio Liberty",
    "Times of Israel", "Haaretz", "Axios", "Politico", "Bild", "Der Spiegel", "Le Monde", "Anadolu",
    "IRNA", "Tasnim", "Al Arabiya", "Deutsche Welle", "DW", "Euronews", "Novaya Gazeta", "Baza",
    "Astra", "Reuters news agency", "state media", "state news agency", "state television",
    "state TV", "Russian state media", "Russian state news agency", "Ukrainian media", "Russian media",
    "local media", "Bloomberg News", "Ukrainska Pravda newspaper", "NHK", "Sky", "ITV", "CBC",
]  # fmt: skip
OUTLETS: dict[str, str] = {normalize(o): o for o in _OUTLETS}
_OUTLET_FIRST = frozenset(k.split()[0] for k in OUTLETS)

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
#: Speech verbs that are also nouns, and what follows them as verbs.
_NOUN_TOO = frozenset({"estimate", "estimates"})
_VERB_NEXT = frozenset({"that", "some", "about", "around", "roughly", "nearly", "almost", "more", "over", "up"})
#: A sentence without one of these words has no attribution.
_ATTRIBUTION_WORDS = SAY_VERBS | _CITE_VERBS | {"according"}


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
    if _ATTRIBUTION_WORDS.isdisjoint([t.low for t in toks]):
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
                if left is not None and _outlet(left[0]) is not None:
                    relay = relay or _outlet(left[0])
                    span += [left[1], t.end]
                if _outlet(np[0]) is None:
                    claimant = np[0] if not _is_pronoun(np[0]) else claimant
                else:
                    relay = relay or _outlet(np[0])
                span += [t.start, np[1]]
            continue
        if low not in SAY_VERBS:
            continue
        if low in _NOUN_TOO and not (k + 1 < n and (toks[k + 1].low in _VERB_NEXT or toks[k + 1].kind == "num")):
            continue  # "the troop estimate" is a noun; "allies estimate that" a verb
        if k >= 1 and toks[k - 1].low in _PASSIVE:
            continue  # "were reported killed", "is said to"
        left = _np_left(text, toks, k)
        if left is not None:
            claimant, relay, pronoun = _assign(left[0], claimant, relay, pronoun)
            span += [left[1], t.end]
        else:
            right = _np_right(text, toks, k + 1)
            if right is not None and (k == 0 or toks[k - 1].text in _BOUNDARY):
                claimant, relay, pronoun = _assign(right[0], claimant, relay, pronoun)
                span += [t.start, right[1]]
        if low in ("told", "tells") and k + 1 < n:
            right = _np_right(text, toks, k + 1)
            if right is not None and _outlet(right[0]) is not None:
                relay = relay or _outlet(right[0])
                span += [t.start, right[1]]
    if claimant is None and relay is None and not pronoun:
        return None
    pieces = [(span[q], span[q + 1]) for q in range(0, len(span) - 1, 2)]
    return Attribution(claimant, relay, pronoun, min(span), max(span), pieces)


def _assign(np: str, claimant: str | None, relay: str | None, pronoun: bool) -> tuple[str | None, str | None, bool]:
    outlet = _outlet(np)
    if outlet is not None:
        return claimant, relay or outlet, pronoun
    if _is_pronoun(np):
        return claimant, relay, pronoun or claimant is None
    return claimant or np, relay, pronoun


def _is_pronoun(np: str) -> bool:
    return np.lower() in _PRONOUNS


def _outlet(np: str) -> str | None:
    key = normalize(np)
    if key in OUTLETS:
        return np
    words = key.split()
    # "Russian state news agency TASS": the outlet is the last name
    for s in range(1, len(words)):
        tail = " ".join(words[s:])
        if tail in OUTLETS and words[s] in _OUTLET_FIRST:
            return " ".join(np.split()[-(len(words) - s) :])
    return None


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
        if ns >= 1 and toks[ns - 1].text == ",":
            role = _collect_left(toks, ns - 2)
            if role is not None and _role_length(toks, role) <= 5 and _has_role_word(toks, role[0], role[1]):
                rs, re_ = role
                if all(t.is_cap or t.text in ("-", ".") for t in toks[ns : ne + 1]):
                    words = _clean(toks[rs : re_ + 1] + toks[ns : ne + 1])
                else:
                    words = _clean(toks[rs : re_ + 1])  # "the ministry, for its part, said": no name
                return (words, toks[rs].start) if words else None
        return None
    got = _collect_left(toks, p)
    if got is None:
        return None
    s, e = got
    words = _clean(toks[s : e + 1])
    return (words, toks[s].start) if words else None


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
            if p >= 2 and toks[p - 1].low in ("of", "in") and _has_role_word(toks, p - 2, p - 2) and e - p < MAX_NP - 3:
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
    while e < n and e - s < MAX_NP:
        t = toks[e]
        if t.text in _BOUNDARY or t.kind == "num" or (t.low in _RIGHT_STOP and e > s):
            break
        if t.low == "as" or t.low == "saying":
            break
        e += 1
    if e <= s:
        return None
    np = toks[s:e]
    if e + 1 < n and toks[e].text == "," and _has_role_word(toks, s, e - 1):
        # "according to the regional head, Oleh Kiper": a role, then the name in apposition
        q = e + 1
        while q < n and q - e <= 4 and toks[q].kind == "word" and toks[q].is_cap:
            q += 1
        if q > e + 1 and (q == n or toks[q].text in _BOUNDARY or toks[q].low in ("said", "says", "told")):
            np = np + toks[e + 1 : q]
            e = q
    words = _clean(np)
    return (words, toks[e - 1].end) if words else None


def _has_role_word(toks: list[Token], s: int, e: int) -> bool:
    return any(t.low in _ROLE_WORDS for t in toks[s : e + 1])


_ROLE_WORDS = words(
    """
    governor mayor minister ministry spokesperson spokesman spokeswoman official officials head
    chief commander president secretary general prosecutor ombudsman adviser advisor envoy
    ambassador director chairman representative authorities administration agency
    """
)


def _clean(toks: list[Token]) -> str:
    """The phrase as written (tokens rejoined with their own spacing), minus leading articles."""
    while toks and toks[0].low in _LEADING_DROP:
        toks = toks[1:]
    while toks and toks[-1].text == "-":
        toks = toks[:-1]
    owner = _document_owner(toks)
    if owner:
        toks = toks[:owner]
    parts: list[str] = []
    for k, t in enumerate(toks):
        if k and t.space_before and not (t.text == "-" or toks[k - 1].text == "-"):
            parts.append(" ")
        parts.append(t.text)
    out = "".join(parts)
    if owner:
        out = out[:-2]  # "the ministry's latest update" -> "ministry"
    return out[:200]


#: What a source publishes: "the ministry's daily update", "the UK's latest intelligence assessment".
_DOCUMENT_NOUNS = words(
    """
    update updates report reports statement statements assessment assessments briefing bulletin
    figures data tally count estimate estimates post posts summary analysis
    """
)
_DOCUMENT_MODIFIERS = words(
    """
    latest daily weekly monthly nightly morning evening new most recent regular official intelligence
    preliminary final updated own online
    """
)


def _document_owner(toks: list[Token]) -> int:
    """The end of "X's" when the phrase is "X's [latest ...] update/report", else 0."""
    n = len(toks)
    if n < 2 or toks[-1].low not in _DOCUMENT_NOUNS:
        return 0
    k = n - 2
    while k > 0 and toks[k].low in _DOCUMENT_MODIFIERS:
        k -= 1
    if k >= 1 and toks[k].low.endswith("'s"):
        return k + 1
    return 0
