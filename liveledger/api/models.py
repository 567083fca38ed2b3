"""The pydantic models of the API's responses: the OpenAPI document (``openapi.py``) is built from them."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class ProblemBody(BaseModel):
    status: int
    message: str


class Problem(BaseModel):
    error: ProblemBody


class Health(BaseModel):
    status: str
    ready: bool
    broker_reachable: bool
    app_id: str
    entries_processed: int
    contributions_applied: int
    dead_letters: int
    last_published_at: str | None
    visible_ms: dict[str, float | int | None]


class ExplainFact(_Open):
    metric: str
    low: int | None
    best: int | None
    high: int | None
    qualifier: str
    claimant: str | None
    relay: str | None
    span: list[int] | None
    quote: str | None
    sentence: str | None


class Contribution(_Open):
    entry_id: str
    blog_id: str
    event_id: str
    event_type: str
    title: str
    published_at: str
    source_published_at: str | None
    occurred_at: str | None
    position: dict[str, str | int]
    status: str
    changed_by_event: str | None
    #: when it counted, on the accepted clock: ``{"from": T, "until": T or None}``
    valid: dict[str, str | None]
    facts: list[ExplainFact]


class Explanation(BaseModel):
    view: str
    key: str
    value: dict[str, Any] | None
    contributions: list[Contribution]


class AuditState(BaseModel):
    chain: dict[str, Any]
    verify: dict[str, Any] | None


class Rejection(BaseModel):
    line: int
    error: str


class PublishSummary(BaseModel):
    published: int
    duplicates: int
    rejected: list[Rejection]


class Claim(_Open):
    claimant: str | None
    low: int | None
    best: int | None
    high: int | None
    qualifier: str
    entry_id: str
    published_at: str


class CasualtyMetric(_Open):
    low: int | None
    best: int | None
    high: int | None
    disputed: bool
    claims: list[Claim]


class Incident(_Open):
    key: str
    incident_id: str
    area: str
    region_code: str | None
    country: str | None
    places: list[str]
    day: str
    kind: str
    metrics: dict[str, CasualtyMetric]
    entries: list[str]


class StrikeIncident(_Open):
    key: str
    incident_id: str
    area: str
    day: str
    weapon: str
    actors: list[str]
    targets: list[str]
    entries: list[str]


class Interception(_Open):
    key: str
    claimant: str | None
    claimant_key: str
    day: str
    metrics: dict[str, dict[str, Any]]
    entries: list[str]


class FigurePoint(_Open):
    published_at: str
    entry_id: str
    low: int | None
    best: int | None
    high: int | None
    qualifier: str


class FigureHistory(_Open):
    key: str
    claimant: str | None
    claimant_key: str
    metric: str
    subject: str | None
    subject_key: str
    series: list[FigurePoint]


class CasualtiesDocument(BaseModel):
    view: str
    filters: dict[str, str]
    items: list[Incident]
    rollup: dict[str, Any]


class StrikesDocument(BaseModel):
    view: str
    filters: dict[str, str]
    items: list[StrikeIncident]
    counts: dict[str, Any]


class InterceptionsDocument(BaseModel):
    view: str
    filters: dict[str, str]
    items: list[Interception]


class FiguresDocument(BaseModel):
    view: str
    filters: dict[str, str]
    items: list[FigureHistory]


class TimelineFact(_Open):
    metric: str
    low: int | None
    best: int | None
    high: int | None
    qualifier: str
    place: str | None
    region_code: str | None
    claimant: str | None
    span: list[int] | None


class TimelineItem(_Open):
    blog_id: str
    entry_id: str
    event_type: str
    published_at: str
    occurred_at: str | None
    source_published_at: str | None
    source_updated_at: str | None
    title: str
    text: str
    facts: list[TimelineFact]


class TimelineDocument(BaseModel):
    view: str
    items: list[TimelineItem]
    #: with ``limit``: how many live entries there are in all
    total: int | None = None


class MomentChange(BaseModel):
    at: str
    entry: str
    type: str


class Moments(BaseModel):
    times: list[str]
    changes: list[MomentChange]
    events: int
    floor: str | None


DOCUMENT_MODELS: dict[str, type[BaseModel]] = {
    "casualties": CasualtiesDocument,
    "strikes": StrikesDocument,
    "interceptions": InterceptionsDocument,
    "figures": FiguresDocument,
}
