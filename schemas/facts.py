"""The fact: one figure taken from an entry, in the shape of shared/guide/domain.md.

A fact is pure data. It is produced by the extractor (``streams.extract``) or
supplied by an editor inside an event, and consumed by the view reducers.
The flat JSON form (``Fact.to_flat``) is an external contract: the field
names and their order are fixed by ``FLAT_FIELDS``.
"""

from __future__ import annotations

from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

#: The fixed metric names. Add new ones at the end; never rename.
Metric = Literal[
    "killed",
    "injured",
    "casualties",
    "missing",
    "captured",
    "displaced",
    "arrested",
    "strikes",
    "drones_launched",
    "drones_downed",
    "missiles_launched",
    "missiles_downed",
    "troops",
]
METRICS: tuple[str, ...] = get_args(Metric)

#: People counted in casualty tallies.
CASUALTY_METRICS: frozenset[str] = frozenset(
    {"killed", "injured", "casualties", "missing", "captured", "displaced", "arrested"}
)
#: Air-defence figures: never counted as strikes.
INTERCEPTION_METRICS: frozenset[str] = frozenset(
    {"drones_launched", "drones_downed", "missiles_launched", "missiles_downed"}
)

Qualifier = Literal["exact", "at_least", "more_than", "up_to", "nearly", "about", "vague"]
QUALIFIERS: tuple[str, ...] = get_args(Qualifier)

Per = Literal["hour", "day", "week", "month", "year"]

#: Source of facts typed in by an editor rather than extracted.
EDITOR_VERSION = "editor"

#: The external flat contract of ``liveledger extract``, in this order.
FLAT_FIELDS: tuple[str, ...] = (
    "entry_id",
    "metric",
    "low",
    "best",
    "high",
    "qualifier",
    "per",
    "cumulative",
    "subject",
    "place",
    "region_code",
    "country",
    "claimant",
    "relay",
    "weapon",
    "target",
    "actor",
    "span",
    "extractor_version",
)


class Fact(BaseModel):
    """One figure with its bounds, place, attribution and provenance.

    ``span`` is a half-open ``[start, end)`` pair of character offsets into
    the entry text as given by :func:`entry_text`.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    metric: Metric
    low: int | None = Field(default=None, ge=0)
    best: int | None = Field(default=None, ge=0)
    high: int | None = Field(default=None, ge=0)
    qualifier: Qualifier = "exact"
    per: Per | None = None
    cumulative: bool = False
    subject: str | None = Field(default=None, max_length=200)
    place: str | None = Field(default=None, max_length=200)
    region_code: str | None = Field(default=None, pattern=r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    claimant: str | None = Field(default=None, max_length=200)
    #: One id per claimant across its wordings ("Fedorov", "governor Ivan Fedorov"); views key on it.
    claimant_id: str | None = Field(default=None, max_length=200, pattern=r"^[^/|]*\S[^/|]*$")
    relay: str | None = Field(default=None, max_length=200)
    weapon: str | None = Field(default=None, max_length=100)
    target: str | None = Field(default=None, max_length=200)
    actor: str | None = Field(default=None, max_length=200)
    span: tuple[int, int] | None = None
    extractor_version: str = EDITOR_VERSION

    @field_validator("span")
    @classmethod
    def _span_ordered(cls, v: tuple[int, int] | None) -> tuple[int, int] | None:
        if v is not None and not (0 <= v[0] <= v[1]):
            raise ValueError(f"span must satisfy 0 <= start <= end, got {list(v)}")
        return v

    @model_validator(mode="after")
    def _has_a_value(self) -> Fact:
        if self.low is None and self.best is None and self.high is None:
            raise ValueError("a fact needs at least one of low, best, high")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"low ({self.low}) is greater than high ({self.high})")
        return self

    @property
    def point(self) -> int:
        """A single number for sorting and sums: best, else low, else high."""
        for v in (self.best, self.low, self.high):
            if v is not None:
                return v
        raise AssertionError("unreachable: validated to have a value")

    def to_flat(self, entry_id: str) -> dict[str, Any]:
        """The flat contract of ``liveledger extract``: ``FLAT_FIELDS`` in order."""
        d = self.model_dump()
        d["entry_id"] = entry_id
        d["span"] = list(self.span) if self.span is not None else None
        return {k: d[k] for k in FLAT_FIELDS}


def entry_text(title: str | None, body: str) -> str:
    """The text that fact spans index into: title, a blank line, then body."""
    if title:
        return f"{title}\n\n{body}"
    return body
