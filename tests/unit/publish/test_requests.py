from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from liveledger.publish.batch import read_requests
from liveledger.publish.index import content_digest, event_id_for
from liveledger.publish.requests import (
    _CONTENT_FIELDS,
    Correction,
    InputError,
    NewEntry,
    Retraction,
    parse_line,
    parse_request,
)

GOOD = b'{"entry_id": "e1", "blog_id": "b", "title": "T", "body": "Two killed.", "occurred_at": "2024-11-20T06:00:00Z"}'


def test_good_lines_of_each_form() -> None:
    assert isinstance(parse_line(GOOD, 1, 1000), NewEntry)
    corr = b'{"type": "correction", "entry_id": "e1", "blog_id": "b", "body": "Three killed."}'
    assert isinstance(parse_line(corr, 2, 1000), Correction)
    retr = b'{"type": "retraction", "entry_id": "e1", "blog_id": "b", "reason": "unverified"}'
    assert isinstance(parse_line(retr, 3, 1000), Retraction)
    assert parse_line(b"   ", 4, 1000) is None


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (b"{not json", "not valid JSON"),
        (b'"a string"', "expected a JSON object"),
        (b'{"blog_id": "b", "body": "x"}', "entry_id: Field required"),
        (b'{"entry_id": 5, "blog_id": "b", "body": "x"}', "entry_id: Input should be a valid string"),
        (b'{"entry_id": "e", "blog_id": "b", "body": "x", "occurred_at": "yesterday"}', "occurred_at"),
        (b'{"entry_id": "e", "blog_id": "b", "body": "x", "occurred_at": "2024-11-20T06:00:00"}', "timezone"),
        (b'{"entry_id": "e", "blog_id": "b", "body": "a\\u001bb"}', "control character U+001B"),
        (b'{"entry_id": "e", "blog_id": "b", "body": "x", "colour": "red"}', "colour: Extra inputs"),
        (b'{"type": "edit", "entry_id": "e", "blog_id": "b", "body": "x"}', "type"),
        (b'{"type": "retraction", "entry_id": "e", "blog_id": "b"}', "reason: Field required"),
        (b'{"entry_id": "has space", "blog_id": "b", "body": "x"}', "entry_id"),
    ],
)
def test_bad_lines_name_the_line_and_the_field(raw: bytes, text: str) -> None:
    with pytest.raises(InputError) as info:
        parse_line(raw, 7, 1000)
    assert str(info.value).startswith("line 7: ")
    assert text in info.value.reason


def test_body_over_the_limit_is_rejected_with_its_size() -> None:
    raw = b'{"entry_id": "e", "blog_id": "b", "body": "' + b"x" * 101 + b'"}'
    with pytest.raises(InputError, match="101 bytes is over the limit of 100"):
        parse_line(raw, 1, 100)


def test_read_requests_keeps_good_lines_beside_bad_ones() -> None:
    good, rejected = read_requests([GOOD, b"oops", b"", GOOD.replace(b'"e1"', b'"e2"')], 1000)
    assert [n for n, _ in good] == [1, 4]
    assert [r["line"] for r in rejected] == [2]


def test_digest_ignores_acceptance_time_and_ids_but_not_content() -> None:
    from datetime import UTC, datetime

    from schemas.events import EntryContent, EntryPublished

    def ev(body: str, when: datetime, eid: str) -> EntryPublished:
        return EntryPublished(
            event_id=eid, blog_id="b", entry_id="e1", published_at=when, content=EntryContent(body=body)
        )

    a = ev("x", datetime(2024, 1, 1, tzinfo=UTC), "ev-a")
    b = ev("x", datetime(2025, 1, 1, tzinfo=UTC), "ev-b")
    c = ev("y", datetime(2024, 1, 1, tzinfo=UTC), "ev-a")
    assert content_digest(a) == content_digest(b) != content_digest(c)
    assert event_id_for("b", "e1", content_digest(a)) == event_id_for("b", "e1", content_digest(b))


def test_events_built_from_requests_are_valid_events() -> None:
    """The publisher builds events without validating again; they must pass full validation."""
    from datetime import UTC, datetime

    from liveledger.publish.publisher import Publisher
    from liveledger.settings import Settings

    pub = Publisher(Settings())
    fig = b'"figures": [{"metric": "killed", "best": 3, "region_code": "UA-63", "claimant": "governor"}]'
    lines = [
        GOOD[:-1] + b", " + fig + b', "source_url": "https://example.org/a", "author": "desk"}',
        b'{"type": "correction", "entry_id": "e1", "blog_id": "b", "title": "", "body": "Three killed."}',
        b'{"type": "retraction", "entry_id": "e1", "blog_id": "b", "reason": "unverified"}',
    ]
    for n, raw in enumerate(lines, 1):
        req = parse_line(raw, n, 1000)
        assert req is not None
        event = pub._to_event(req, datetime(2024, 11, 20, 10, 0, tzinfo=UTC))
        assert type(event).model_validate(event.model_dump()) == event


_SOME_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=20)


@settings(max_examples=200, deadline=None)
@given(
    doc=st.fixed_dictionaries(
        {"body": _SOME_TEXT},
        optional={
            "title": _SOME_TEXT,
            "source_url": st.none() | _SOME_TEXT,
            "author": st.none() | _SOME_TEXT,
            "figures": st.sampled_from([[], [{"metric": "killed", "best": 3}]]),
            "source_published_at": st.none() | st.just("2024-11-20T14:05:00+02:00"),
            "source_updated_at": st.none() | st.just("2024-11-20T14:05:00.5Z"),
            "type": st.just("correction"),
        },
    )
)
def test_payload_written_by_hand_is_pydantics_dump(doc: dict[str, object]) -> None:
    """Text alone is written out by hand; it must be the mapping ``model_dump(exclude_defaults)`` gives."""
    req = parse_request({**doc, "entry_id": "e1", "blog_id": "b1"}, 1, 100_000)
    assert not isinstance(req, Retraction)
    assert req.payload() == req.model_dump(mode="json", exclude_defaults=True, include=_CONTENT_FIELDS)
