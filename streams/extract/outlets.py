"""Outlets (relays) and the documents sources publish: the sources that are no claimant.

An outlet is named by a list of well-known ones, or by its wording: a kind word
before its name ("the Belgian news agency Belga", "state broadcaster Rai News",
"the Nepal news site My Republica" -> the name), or a name that ends in a word
only outlets end in ("the Orlando Sentinel", "Tolo News", "VRT radio"); a nationality
and such a word is no name ("Ukrainian television").
A descriptor after a known name is dropped ("Reuters news agency" -> "Reuters").

>>> outlet("the Belgian news agency Belga")
'Belga'
>>> outlet("Reuters news agency")
'Reuters'
>>> outlet("Japan Meteorological Agency") is None
True
"""

from __future__ import annotations

from streams.extract.claimants import COUNTRY_WORDS
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
    "Astra", "state media", "state news agency", "state television",
    "state TV", "Russian state media", "Russian state news agency", "Ukrainian media", "Russian media",
    "local media", "Bloomberg News", "NHK", "Sky", "ITV", "CBC", "state broadcaster",
    "state radio", "public broadcaster", "state-run media", "Belga", "Tolonews",
    "AAP", "Australian Associated Press", "Press Association", "PA", "PA Media", "ANSA", "EFE", "PTI", "Jiji", "KUNA",
    "SANA", "WAFA", "KCNA", "CCTV", "Sputnik", "Dogan", "Anadolu Agency", "Straits Times",
    # Well-known outlets of other countries, named without a kind word.
    "Süddeutsche Zeitung", "Frankfurter Allgemeine", "Die Welt", "Die Zeit", "Der Standard", "Le Figaro",
    "Libération", "Le Parisien", "El País", "El Mundo", "La Repubblica", "Corriere della Sera", "La Stampa",
    "Chilevisión", "Televisa", "Clarín", "Kathimerini", "Hürriyet", "Geo News", "NDTV", "Al-Ahram",
    "Asharq Al-Awsat", "Al Mayadeen", "Al Manar", "Ynet", "Premium Times", "Daily Nation", "News24",
    "Ekstra Bladet", "Aftonbladet", "Dagens Nyheter", "RTE", "RTÉ", "STV", "ITN", "Nikkei", "Asahi",
    "Yomiuri", "Mainichi", "Kyodo News", "ABS-CBN", "GMA News", "Rappler", "Antara", "Bernama",
    "VnExpress", "Lusa", "ATS", "CTK", "NTB", "DPA", "Telegraph", "Daily Telegraph", "Jeune Afrique",
]  # fmt: skip
OUTLETS: dict[str, str] = {normalize(o): o for o in _OUTLETS}
_OUTLET_FIRST = frozenset(k.split()[0] for k in OUTLETS)
#: Words that say what kind of outlet the name after them is ("news agency Belga", "broadcaster Rai").
_KIND_WORDS = words("broadcaster broadcasters newspaper daily site website channel outlet wire tabloid")
_KIND_AFTER_NEWS = words("agency site website channel")
#: Words only an outlet's own name ends in ("Orlando Sentinel", "Tolo News", "VRT radio").
_NAME_ENDS = words(
    "news times post sentinel herald tribune journal gazette telegraph radio tv television newspaper broadcaster"
    " shimbun zeitung"
)
#: Of those, the words that end only a paper's own name: "the China Times" is a paper, "Ukrainian television" is none.
_PROPER_ENDS = words("times post sentinel herald tribune journal gazette telegraph shimbun zeitung")
#: "Spanish media", "Kenyan media": a country's press as a whole, an outlet that carries claims.
_PRESS = words("media press")
#: Descriptors after a known outlet's name, dropped: "Reuters news agency", "Ukrainska Pravda newspaper".
_DESCRIPTORS = words("news agency newspaper site website channel service newswire")
_MAX_NAME = 4
#: Words that never open an outlet's name after its kind word: "news agency in Seoul".
_LINKS = words("in of on at for from by to with and or")
#: Generic outlets whose country, said before them, is part of the name: "Chinese state TV".
_GENERIC_FIRST = words("state local")
#: Words that begin no outlet's name: "the press", "reporters", "bad news".
_NOT_OUTLET_FIRST = words("bad good more latest any some no this that fake breaking")


#: What a source publishes: "the ministry's daily update", "the UK's latest intelligence assessment".
DOCUMENT_NOUNS = words(
    """
    update updates report reports statement statements assessment assessments briefing bulletin
    figures data tally count estimate estimates post posts summary analysis tweet tweets release
    roundup account accounts paper newspaper notification notice translation testimony testimonies
    """
)
DOCUMENT_MODIFIERS = words(
    """
    latest daily weekly monthly nightly morning evening new most recent regular official intelligence
    preliminary final updated own online unconfirmed unverified local twitter facebook telegram press new
    initial early first conflicting detailed further
    """
)


def outlet(np: str) -> str | None:
    """The outlet a phrase names ("Reuters", "Russian state news agency TASS" -> "TASS"), if any."""
    key = normalize(np)
    if key in OUTLETS:
        return np
    ws = np.split()
    for k in range(2, len(ws)):
        if (ws[k].lower() == "in" and k + 1 < len(ws)) or ws[k].startswith("("):
            # "Yonhap news agency in Seoul", "the Kuwait news agency (KUNA)": the outlet is the head
            return outlet(" ".join(ws[:k]))
    head = ws[1:-1] if ws and ws[0].lower() in ("a", "an", "the") else ws[:-1]
    if len(ws) >= 2 and ws[-1].lower() in DOCUMENT_NOUNS and head and normalize(" ".join(head)) in OUTLETS:
        return " ".join(head)  # "a Le Monde report", "a BBC translation"
    low = key.split()
    # "Russian state news agency TASS": the outlet is the last name
    for s in range(1, len(low)):
        tail = " ".join(low[s:])
        if tail in OUTLETS and low[s] in _OUTLET_FIRST:
            if low[s] in _GENERIC_FIRST and low[s - 1] in COUNTRY_WORDS:
                s -= 1  # "Chinese state TV": whose state media it is belongs to its name
            return " ".join(ws[-(len(low) - s) :]) if len(ws) == len(low) else tail
    if len(ws) != len(low):
        return None  # punctuation inside: the word positions below would not line up
    return _by_wording(ws, low)


def _by_wording(ws: list[str], low: list[str]) -> str | None:
    """An outlet named by its wording rather than by the list."""
    n = len(low)
    if n == 0:
        return None
    e = n
    while e > 1 and low[e - 1] in _DESCRIPTORS:
        e -= 1
    if e < n and " ".join(low[:e]) in OUTLETS:
        return " ".join(ws[:e])  # "Reuters news agency"
    start = 1 if low[0] in ("the", "a", "an") else 0
    if start >= n:
        return None  # "the" alone
    end = n - 1 if low[-1] == "newspaper" else n
    daily = low[start] == "daily" and 1 <= end - start - 1 <= 2
    if daily and low[start + 1] not in _NOT_OUTLET_FIRST | _LINKS | DOCUMENT_NOUNS | DOCUMENT_MODIFIERS:
        return " ".join(ws[start:end])  # "the Daily Trust": a paper's own name opens with its kind
    for k in range(n - 2, -1, -1):
        agency = low[k] in _KIND_AFTER_NEWS and k >= 1 and low[k - 1] == "news"
        kind = low[k] in _KIND_WORDS or agency
        state = agency and "state" in low[max(0, k - 2) : k]  # "Lebanon's state news agency NNA": the state speaks
        first = low[k + 1] if k + 1 < n else ""
        named = first not in _NOT_OUTLET_FIRST | _LINKS | DOCUMENT_NOUNS  # "the daily update" names no outlet
        if kind and not state and 1 <= n - k - 1 <= _MAX_NAME and named:
            return " ".join(ws[k + 1 :])  # "the Belgian news agency Belga", "state broadcaster Rai News"
    name = low[start:e]
    if e < n and low[e] == "newspaper" and name and _paper_name(name):
        return " ".join(ws[start:e])  # "the Miami Herald newspaper", "Ekstra Bladet newspaper" name the paper
    if n - start >= 3 and low[-2:] == ["news", "agency"] and "state" not in low and low[start] not in _LINKS:
        return " ".join(ws[start:])  # "the Kuwait news agency": a news agency by its own name
    if 2 <= n <= _MAX_NAME + 1 and low[-1] in _NAME_ENDS and low[0] not in _NOT_OUTLET_FIRST:
        start = 1 if low[0] in ("the", "a", "an") else 0
        national = n - start == 2 and low[start] in COUNTRY_WORDS and low[-1] not in _PROPER_ENDS
        national = national or all(w in DOCUMENT_MODIFIERS for w in low[start:-1])  # "the local newspaper"
        if n - start >= 2 and not national:
            return " ".join(ws[start:])  # "the Orlando Sentinel", "Tolo News", "VRT radio", "China Times"
    if n == 2 and low[1] in _PRESS and _demonym(low[0]):
        return " ".join(ws)  # "Spanish media"
    return None


def _paper_name(name: list[str]) -> bool:
    """Whether the words before "newspaper" are a paper's name, not "the local" or "a British" one."""
    if len(name) > _MAX_NAME or not _LINKS.isdisjoint(name) or name[0] in _NOT_OUTLET_FIRST:
        return False
    return not all(w in COUNTRY_WORDS or w in DOCUMENT_MODIFIERS or _demonym(w) for w in name)


def _demonym(w: str) -> bool:
    """A nationality adjective ("Spanish", "Kenyan", "Japanese", "Iraqi"); a known country word counts too."""
    return w in COUNTRY_WORDS or (len(w) > 4 and w.endswith(_DEMONYM_ENDS) and w != "multi" and w.isalpha())


_DEMONYM_ENDS = ("ish", "ian", "ese", "ean", "yan", "can", "i")


def document_owner(toks: list[Token]) -> int:
    """The end of "X's" when the phrase is "X's [latest ...] update/report", else 0."""
    n = len(toks)
    if n < 2 or toks[-1].low not in DOCUMENT_NOUNS:
        return 0
    k = n - 2
    while k > 0 and toks[k].low in DOCUMENT_MODIFIERS:
        k -= 1
    if toks[k].low.endswith("'s") or (toks[k].low == "s" and k >= 1 and toks[k - 1].text == "'"):
        return k + 1  # "the ministry's latest update", tokenised "the ministry 's latest update"
    if toks[k].text == "'" and k >= 1 and toks[k - 1].low.endswith("s"):
        return k + 1  # "survivors' accounts"
    return 0


#: Words an outlet's name may carry or drop and stay the same outlet: "Kyodo News" is Kyodo.
_ID_DROP = words("news agency newspaper site website channel service newswire")


#: Full names and their short forms, one outlet each: "Agence France-Presse" is AFP.
_SAME_OUTLET = {
    "agence france-presse": "afp", "agence france presse": "afp", "associated press": "ap",
    "radio free europe/radio liberty": "rfe/rl", "radio free europe": "rfe/rl", "radio liberty": "rfe/rl",
    "deutsche welle": "dw", "ria novosti": "ria", "press association": "pa", "australian associated press": "aap",
}  # fmt: skip


def outlet_id(name: str | None) -> str | None:
    """One form for the wordings of one outlet: "the Kyodo news agency" and "Kyodo" are ``"kyodo"``.

    The leading article and trailing descriptors are dropped, nothing else: "Chinese
    state TV" and "state TV" stay two ids, as the first names whose state it is.

    >>> outlet_id("Yonhap news agency") == outlet_id("Yonhap")
    True
    >>> outlet_id("news agency AFP") == outlet_id("Agence France-Presse")
    True
    >>> outlet_id("Ukrainska Pravda") == outlet_id("Ukrinform")
    False
    """
    if name is None:
        return None
    low = normalize(outlet(name) or name).split()  # "news agency AFP" is AFP
    if low[:1] in (["the"], ["a"], ["an"]):
        low = low[1:]
    if low[:1] == ["official"] and len(low) > 1:
        low = low[1:]  # "the official Petra news agency" is Petra
    e = len(low)
    while e > 1 and low[e - 1] in _ID_DROP:
        e -= 1
    key = " ".join(low[:e])
    return _SAME_OUTLET.get(key, key) or None


#: Words after "X's" that name a body or an office of the outlet's story, not one of its journalists.
_NOT_STAFF = words("minister ministry official officials spokesman spokeswoman police army government office")


def staff_outlet(np: str) -> str | None:
    """The outlet whose journalist a phrase names ("BBC Afrique's Frederic Takang" -> "BBC Afrique").

    A reporter of an outlet carries a claim; the outlet is its relay, and the
    reporter is no claimant. "Reuters' defence ministry" names no journalist.

    >>> staff_outlet("bbc afrique 's frederic takang")
    'bbc afrique'
    >>> staff_outlet("France's defence ministry") is None
    True
    """
    for mark in (" 's ", "'s ", "’s "):
        head, found, rest = np.partition(mark)
        if found:
            break
    else:
        return None
    head = head.strip()
    first = head.split(" ", 1)[0]
    named = outlet(head) or (head if first != head and outlet(first) is not None else None)  # "BBC Afrique"
    ws = rest.lower().split()
    if named is None or not 1 <= len(ws) <= 4 or not _NOT_STAFF.isdisjoint(ws):
        return None
    return named
