"""Who asserts a figure (claimant) and which outlet carried it (relay).

Forms handled, each within one sentence: "X said", "according to X", "Y cited X", "Y, citing X",
"Y quoted X as saying", "..., says X" (headlines), "X told Reuters" (claimant X, relay Reuters), and appositions
("the regional governor, Oleh Syniehubov, said"), "X puts the toll at", a
document for its source ("a tweet by X"; "the report said" stands for the source
named before, like "it said"), embedded tweets and colon sources (``sources``).
A claimant is who asserts: never a fragment that opens with a verb or a count.
Claimants are the minimal noun phrase without a leading article ("an unnamed
South Korean official" -> "South Korean official"). Works on lowercased text.

Also: the progressive ("Reuters is now reporting that ..."), an outlet quoted by
another ("Reuters is reporting that the state news agency said": claimant the
agency, relay Reuters), "more from AFP", "said on VRT radio", "drawing on" and
"on the basis of" a source, and a byline (", writes Jane Doe") that names the
blog's own reporter, not a claimant. An outlet is known by the list or by its
wording (``outlets``). A sentence with several embedded tweets gives each
tweet's figures to its author (``Attribution.at``). What a pronoun stands for,
and a tweet running into the next sentence, is settled across sentences by
``trail.SourceTrail``; the noun phrases themselves are found by ``phrases``.
"""

from __future__ import annotations

import itertools

from streams.extract import sources as src
from streams.extract.antecedents import opening_subject
from streams.extract.found import Attribution as Attribution  # re-exported: trail and placing read it here
from streams.extract.found import Found
from streams.extract.numbers import UNITS
from streams.extract.outlets import outlet, staff_outlet
from streams.extract.phrases import (
    BOUNDARY,
    CITE_VERBS,
    DETERMINERS,
    PASSIVE,
    clean,
    closes,
    is_pronoun,
    issuer,
    np_right,
    progressive,
)
from streams.extract.source_edges import byline
from streams.extract.speech import (
    ACCUSE,
    ATTRIBUTION_WORDS,
    BY_REACH,
    BY_VERBS,
    CLAIM_VERBS,
    CLAUSE_HEAD,
    DOMAINS,
    FATE_AFTER,
    FATES,
    ISSUING,
    NAME_HEADS,
    NEGATIONS,
    NOUN_TOO,
    PROGRESSIVE_ONLY,
    SAY_VERBS,
    TELL,
    URGE,
    VERB_NEXT,
    count_follows,
    credit,
    left_source,
    more_on,
    names_speaker,
    opens_block,
    outlet_reports,
    quote_closes,
    reports_as,
    spaced,
    statement_from,
    statement_that,
    unnamed_head,
)
from streams.extract.tokens import Token, words

#: A sentence without one of these words has no attribution.
_ATTRIBUTION_WORDS = ATTRIBUTION_WORDS


def find_attribution(text: str, toks: list[Token]) -> Attribution | None:
    """The attribution of one sentence, if it has one.

    A sentence holding several embedded tweets gives each tweet's figures to its
    own author (``Attribution.at``); the sentence's attribution is its first part's.
    """
    lows = [t.low for t in toks]
    if _ATTRIBUTION_WORDS.isdisjoint(lows) and "@" not in lows and ":" not in lows:
        return None
    tweets = src.tweets(toks) if "@" in lows else []
    if len(tweets) < 2:
        if not tweets:
            cut = _clause_cut(toks)
            if cut:
                return _clauses(text, toks, cut)
        return _one_part(text, toks, tweets[0] if tweets else None)
    cuts = [0] + [next(k for k, t in enumerate(toks) if t.start == tw.start) for tw in tweets[1:]] + [len(toks)]
    parts = [_one_part(text, toks[a:b], tweets[q]) for q, (a, b) in enumerate(itertools.pairwise(cuts))]
    head = next((a for a in parts if a is not None), None)
    if head is None:
        return None
    top = Attribution(**{name: getattr(parts[0] or head, name) for name in _FIELDS})
    top.pieces = [piece for a in parts if a is not None for piece in a.pieces]
    top.start, top.end = min(a.start for a in parts if a), max(a.end for a in parts if a)
    top.segments = [(toks[c].start, a) for c, a in zip(cuts[1:-1], parts[1:], strict=True)]
    top.runs_on = parts[-1] is not None and parts[-1].runs_on
    return top


_FIELDS = ("claimant", "relay", "pronoun", "start", "end", "pieces", "anaphor", "last", "lead_outlet")


#: Conjunctions that open a clause with a source of its own: "A said 5, while B said 7".
_CONTRAST = words("while whereas though although but")
#: How many tokens after the conjunction the clause's source may start ("though other sources put").
_CLAUSE_HEAD = CLAUSE_HEAD


def _clause_cut(toks: list[Token]) -> int:
    """Where a contrastive clause opens (", while ..."), or 0; the last such clause of the sentence."""
    for k in range(len(toks) - 2, 0, -1):
        if toks[k].text == "," and toks[k + 1].low in _CONTRAST:
            return k + 1
    return 0


def _clauses(text: str, toks: list[Token], cut: int) -> Attribution | None:
    """ "A said 5 were killed, while B put the toll at 7": each clause's figures are its own source's.

    The split holds when the later clause opens with its source (its subject), or
    when the first clause has a source of its own ("Kyodo reports 15 killed, but
    that figure includes four who firefighters said ..."); otherwise a source
    closing the sentence (", while 3 were hurt, police said") speaks for all of it.
    """
    later = _one_part(text, toks[cut:], None)
    head_end = toks[min(len(toks) - 1, cut + _CLAUSE_HEAD)].end
    if later is None and unnamed_head(toks, cut):
        first = _one_part(text, toks[:cut], None)  # "sky said three died, while others report two": no one's two
        if first is not None:
            first.segments = [(toks[cut].start, None)]
        return first
    if later is None or later.pronoun or not later.pieces:
        return _one_part(text, toks, None)
    first = _one_part(text, toks[:cut], None)
    if later.pieces[0][0] > head_end and (first is None or first.pronoun or not (first.claimant or first.relay)):
        return _one_part(text, toks, None)  # the later clause's source closes the sentence: it speaks for all
    top = first or Attribution(None, None, False, later.start, later.end, [])
    top.pieces = [*(first.pieces if first else []), *later.pieces]
    top.start, top.end = min(s for s, _ in top.pieces), max(e for _, e in top.pieces)
    top.last = later.last or top.last
    top.segments = [(toks[cut].start, later)]
    return top


def _one_part(text: str, toks: list[Token], tweet: src.Tweet | None) -> Attribution | None:
    """The attribution of a sentence, or of the part of one that holds at most one embedded tweet."""
    found = Found()
    span = found.span
    n = len(toks)
    for k, t in enumerate(toks):
        low = t.low
        more = src.more_from(toks, k) if low == "more" else 0
        if (low == "according" and k + 1 < n and toks[k + 1].low == "to") or more:
            np = np_right(text, toks, more or k + 2)
            if np is not None:
                found.add(np[0])
                span += [t.start, np[1]]
            continue
        cite_at = src.cite_phrase(toks, k) if low in src.CITE_OPENERS else 0
        if low in CITE_VERBS or cite_at:
            np = np_right(text, toks, k + (cite_at or 1)) or _counted_source(text, toks, k + (cite_at or 1))
            if np is not None:
                left = left_source(text, toks, k) if not cite_at else None
                if left is None and not cite_at and k >= 2 and toks[k - 1].text == ",":
                    left = left_source(text, toks, k - 1)  # "the WSJ's Jo Roe, quoting sources, reports"
                if left is not None and (outlet(left[0]) or staff_outlet(left[0])) is not None:
                    found.add(left[0])  # "the WSJ's Jo Roe, quoting security sources, reports": the WSJ carries it
                    span += [left[1], t.end]
                elif left is not None and left[0].lower() == "it":
                    found.outlet_ref = True  # "the AFP is reporting ... . It quotes officials saying": AFP
                found.cite(np[0])
                span += [t.start, np[1]]
            continue
        if low == "that" and (issued := statement_that(text, toks, k)):
            found.add(issued[0])  # "X released a statement that 230 adults were arrested"
            span += [issued[1], t.end]
            continue
        puts = src.puts_toll(toks, k)
        if puts:
            low = "says"  # "the UN puts the number at", "the ministry revised the death toll"
        if low in BY_VERBS and k + 2 < n and toks[k + 1].low == "by" and k >= 1:
            np = np_right(text, toks, k + 2)  # "the 70,000 troops suggested by the prime minister"
            counted = any(q.kind == "num" for q in toks[max(0, k - BY_REACH) : k]) or (
                np is not None and count_follows(toks, np[1])
            )  # "a figure released by X that 1.7 million ...", but "a figure given by X": no count
            if np is not None and found.claimant is None and not found.pronoun and counted:
                found.add(np[0])
                span += [t.start, np[1]]
            continue
        if low == "reads" and k >= 1 and is_pronoun(toks[k - 1].low):
            low = "says"  # "it reads: ...": the statement named before speaks
        if low not in SAY_VERBS:
            continue
        if k >= 1 and toks[k - 1].low in NAME_HEADS.get(low, ()):
            continue  # "the United States": a name, not a verb
        if k + 2 < n and toks[k + 1].text == "." and toks[k + 2].low in DOMAINS and not spaced(toks, k + 1):
            continue  # "reported.ly": a web address, not a verb ("said.An exchange" is a verb)
        if low in NOUN_TOO and not (k + 1 < n and (toks[k + 1].low in VERB_NEXT or toks[k + 1].kind == "num")):
            continue  # "the troop estimate" is a noun; "allies estimate that" a verb
        if k >= 1 and toks[k - 1].low in PASSIVE | DETERMINERS and not progressive(toks, k):
            continue  # "were reported killed", "is said to", "the estimated total"
        if low in URGE and not (k + 1 == n or toks[k + 1].text in BOUNDARY):
            continue  # "..., the president urges." tags a quote; "urged foes to call a truce" is a request
        if not names_speaker(toks, k) or (low in PROGRESSIVE_ONLY and not (k >= 1 and progressive(toks, k))):
            continue  # "X is speaking now at the Pentagon: ..." names a speaker; "speaking to" alone does not
        if low in ACCUSE and k + 1 < n and toks[k + 1].low == "of":
            continue  # "13 men accused of the bombings": a passive, not an accuser
        if low.endswith("ed") and src.before_toll(toks, k + 1) and k >= 1 and toks[k - 1].low not in _HAVE:
            continue  # "the overall confirmed death toll", "the reported number": an adjective, not a speaker
        if low in FATE_AFTER and k + 1 < n and toks[k + 1].low in FATES:
            continue  # "87 people reported missing", "the toll confirmed dead": a participle, not a speaker
        if k >= 1 and toks[k - 1].low in NEGATIONS:
            continue  # "the minister did not say why": no claim is made
        if low in CLAIM_VERBS and k + 1 < n and toks[k + 1].low == "responsibility":
            continue  # "the group claimed responsibility for the attack": no figure is claimed
        if k >= 1 and src.noun_use(toks, k) and not outlet_reports(text, toks, k):
            continue  # "detailed reports from elsewhere", "no reports of deaths": a noun
        if k + 1 < n and toks[k + 1].low == "to" and low not in TELL:
            continue  # "reported to be injured", ", said to be near"
        left = left_source(text, toks, k)
        if left is None and k >= 2 and toks[k - 1].low == "and" and (shared := opening_subject(text, toks, k)):
            found.add(shared[0])  # "X has finished speaking, and announced 1,500 soldiers will patrol"
            span += [shared[1], shared[2], t.start, t.end]
            continue
        if left is not None and low in ISSUING and is_pronoun(left[0]):
            left = issuer(toks, k) or left  # "the military has released a statement saying"
        elif low == "confirming":
            continue  # "the official, confirming a report by X, said": only "a statement confirming" names a source
        if left is not None and byline(toks, k, left[0]):
            span += [left[1], t.end]  # "Jane Roe in Kabul reports:": the blog's own correspondent, no claimant
        elif left is not None:
            found.add(left[0])
            span += [left[1], t.end]
            quoted = (reports_as(text, toks, k) or src.figure_from(text, toks, k)) if outlet(left[0]) else None
            if quoted is not None:
                found.cite(quoted[0])  # "the AP reports Kenyan officials as saying": the officials claim
                span += [t.start, quoted[1]]
        elif not puts and (low != "writes" or src.has_role(toks[k + 1 :])):  # ", writes Jane Doe": a byline
            right = np_right(text, toks, k + 1)
            if right is not None and (k == 0 or toks[k - 1].text in BOUNDARY) and closes(toks, right[1]):
                found.add(right[0])
                span += [t.start, right[1]]
        if low == "said" and k + 2 < n and toks[k + 1].low == "on":
            on = src.outlet_at(toks, k + 2)  # "the minister said on VRT radio this morning"
            if on is not None:
                found.relay = found.relay or on[0]
                span += [t.start, on[1]]
        if low in TELL and k + 1 < n:
            right = np_right(text, toks, k + 1)
            if right is not None and outlet(right[0]) is not None:
                found.relay = found.relay or outlet(right[0])
                span += [t.start, right[1]]
    credited = None
    if any(t.text == "@" or t.text == ":" for t in toks):
        _social(toks, found, tweet)
        unnamed = found.claimant is None and found.relay is None and not found.pronoun
        got = statement_from(text, toks) if unnamed else None
        if got is not None:
            found.add(got[0])
            found.span += [got[1], got[2]]
        credited = credit(text, toks) if tweet is None else None
    elif found.relay is None and found.claimant is None:
        credited = more_on(text, toks)  # "Reuters has a bit more on the search."
    if credited is not None:  # "this from Reuters: ...", "AP has the latest from the scene: ..."
        found.relay = found.relay or credited[0]
        found.span += [credited[1], credited[2]]
    a = found.result()
    if a is not None and tweet is None:
        a.block = credited is not None or (opens_block(toks, a.pieces) and not quote_closes(text, toks))
        a.credit = credited is not None
    if a is not None and tweet is not None:
        if not tweet.outlet:
            a.author, a.author_at = tweet.author, tweet.start  # a journalist named before? (``trail``)
        a.runs_on = tweet.spelled and all(s < tweet.end for s, _ in a.pieces)  # no source after the handle
    return a


_HAVE = words("has have had")
#: Who, counted, is cited as the source: "quotes two Libyan officials as saying", "citing three sources".
_COUNTED_SOURCES = words("officials sources witnesses diplomats doctors officers residents medics commanders survivors")


def _counted_source(text: str, toks: list[Token], k: int) -> tuple[str, int] | None:
    """A cited source that opens with its count ("citing two sources"), kept with the count."""
    if k >= len(toks) - 1 or not (toks[k].kind == "num" or toks[k].low in UNITS or toks[k].low == "several"):
        return None
    np = np_right(text, toks, k + 1)
    if np is None or np[0].lower().split()[-1] not in _COUNTED_SOURCES:
        return None
    return f"{toks[k].text} {np[0]}", np[1]


def _social(toks: list[Token], found: Found, tweet: src.Tweet | None) -> None:
    """A source around a colon ("Health ministry: ...", "Update - Reuters: ...") and a tweet's author."""
    got = src.colon_source(toks)
    if got is not None and (words := clean(toks[got[0] : got[1] + 1])):
        if outlet(words) is not None:
            found.relay = found.relay or outlet(words)
            found.span += [toks[got[0]].start, toks[got[1]].end]
        elif found.claimant is None and not found.pronoun:
            found.claimant = found.last = words
            found.span += [toks[got[0]].start, toks[got[1]].end]
    if tweet is not None:
        if tweet.outlet or outlet(tweet.author) is not None:
            found.relay = found.relay or outlet(tweet.author) or tweet.author
        elif found.claimant is None and not found.pronoun:
            found.claimant = found.last = tweet.author
        found.span += [tweet.start, tweet.end]
