"""The attribution of a sentence, and the sources of one sentence as they are found.

``Attribution`` is what ``attribution.find_attribution`` returns for a sentence: its
claimant and relay, where the attribution wording stands, and what a later
sentence may take from it (``trail``). ``Found`` collects a sentence's sources left
to right: an outlet is the relay, a pronoun or a word that stands for a source
named before ("it", "the report", "the agency") is kept as such, anything else is
the claimant.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from streams.extract import sources as src
from streams.extract.outlets import outlet, staff_outlet
from streams.extract.phrases import is_pronoun
from streams.extract.source_edges import speaker_of
from streams.extract.speech import NAME_HEADS, NOBODY, SAY_VERBS, publisher

#: Words that, as a source, stand for the outlet named before: "the agency said", "the paper reports".
OUTLET_ANAPHORS = frozenset(
    {"agency", "news agency", "newspaper", "paper", "broadcaster", "channel", "news channel", "wire", "daily"}
)


@dataclass(slots=True)
class Attribution:
    """The claimant and relay of a sentence; ``pronoun`` when the claimant is "he", "they"..."""

    claimant: str | None
    relay: str | None
    pronoun: bool
    start: int  # char span of the attribution wording, to keep places inside it apart
    end: int
    pieces: list[tuple[int, int]] = field(default_factory=list)  # the separate pieces of that wording
    anaphor: str | None = None  # the pronoun standing for the source ("it", "they", "the report")
    last: str | None = None  # the claimant named last in the sentence: what a following "they" means
    lead_outlet: bool = False  # the first source the sentence names is an outlet
    runs_on: bool = False  # the sentence ends inside an embedded tweet, which may go on
    block: bool = False  # the wording opens a quoted block with a colon ("X said:"), which goes on
    credit: bool = False  # the block is an outlet's report ("this from Reuters:"): only its relay goes on
    segments: list[tuple[int, Attribution | None]] = field(default_factory=list)  # one per embedded tweet
    outlet_ref: bool = False  # a word stands for the outlet named before ("the agency said", "it quotes X")
    author: str | None = None  # the embedded tweet's author, when no outlet ("Jo Roe (@joroe)")
    author_at: int = -1  # where the author's name starts

    def covers(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` lies inside one piece of the attribution wording."""
        if not self.pieces:
            return self.start <= start and end <= self.end
        return any(s <= start and end <= e for s, e in self.pieces)

    def at(self, offset: int) -> Attribution | None:
        """The attribution of the part of the sentence at ``offset``: each embedded tweet is its author's."""
        got: Attribution | None = self
        for s, a in self.segments:
            if s <= offset:
                got = a
        return got


class Found:
    """The sources of one sentence as they are found, left to right."""

    __slots__ = ("anaphor", "claimant", "last", "lead", "outlet_ref", "pronoun", "relay", "span")

    def __init__(self) -> None:
        self.claimant: str | None = None
        self.relay: str | None = None
        self.pronoun = False
        self.anaphor: str | None = None
        self.last: str | None = None
        self.lead: str | None = None  # "outlet" or "claimant": the kind of the first source named
        self.span: list[int] = []  # start, end, start, end, ...: the pieces of attribution wording
        self.outlet_ref = False  # "the agency said": the outlet named before carried it (``trail``)

    def add(self, np: str) -> None:
        """A source phrase: an outlet is the relay, a pronoun stands for an earlier source."""
        np = speaker_of(np, SAY_VERBS, NAME_HEADS)  # "X responds saying": X; "unconfirmed reports": no one
        np = np.removeprefix("# ").removeprefix("#")  # a tweet's hashtag: "#Egypt tourism min says"
        named = outlet(np) or staff_outlet(np)  # "BBC Afrique's Frederic Takang reports": BBC Afrique carries it
        if named is not None:
            if self.relay is not None and self.claimant is None and self.lead == "outlet":
                self.claimant = self.last = np  # "Reuters is reporting that state news agency X said"
            self.relay = self.relay or named
            self.lead = self.lead or "outlet"
            return
        anaphor = np.lower().removeprefix("the ") in OUTLET_ANAPHORS
        self.outlet_ref = self.outlet_ref or anaphor
        if not np or np.lower() in NOBODY or src.names_a_count(np):
            return  # "while others are reporting two deaths", "according to the latest toll": no one named
        if is_pronoun(np) or publisher(np):
            if self.claimant is None and not self.pronoun:
                self.pronoun, self.anaphor = True, "we" if publisher(np) else np.lower()
            return  # "the newspaper said": whatever source it stands for (``trail``)
        if anaphor:
            self.lead = (
                self.lead or "outlet"
            )  # "..., the agency said, citing the rescue centre": the outlet named before
            return
        self.claimant = self.claimant or np
        self.last = np
        self.lead = self.lead or "claimant"

    def cite(self, np: str) -> None:
        """A source that another cites ("Interfax, citing emergency services"): the claimant."""
        named = outlet(np)
        if named is None:
            if not is_pronoun(np):
                self.claimant = self.last = np
                self.lead = self.lead or "claimant"
        else:
            self.relay = self.relay or named
            head = np.split(" and ")[0] if " and " in np else ""
            if head and outlet(head) is None and not is_pronoun(head):
                self.claimant = self.last = head  # "citing officials and local media": the officials claim
                self.lead = self.lead or "claimant"

    def result(self) -> Attribution | None:
        if self.claimant is None and self.relay is None and not self.pronoun and not self.outlet_ref:
            return None
        span = self.span
        pieces = [(span[q], span[q + 1]) for q in range(0, len(span) - 1, 2)]
        return Attribution(
            self.claimant,
            self.relay,
            self.pronoun,
            min(span),
            max(span),
            pieces,
            self.anaphor,
            self.last,
            self.lead == "outlet",
            outlet_ref=self.outlet_ref,
        )
