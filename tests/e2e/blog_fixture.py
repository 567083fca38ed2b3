"""A small live blog for the page test, with editor figures so every number is fixed.

Spans are not counted by hand: each figure names the phrase it covers and
:func:`blog_lines` finds that phrase in ``title + "\\n\\n" + body`` (the text
spans index into, see ``schemas.facts.entry_text``).
"""

from __future__ import annotations

from typing import Any

import orjson

from schemas.facts import entry_text

BLOG = "page-test"

KHARKIV = {"place": "Kharkiv", "region_code": "UA-63", "country": "UA"}
ODESA = {"place": "Odesa", "region_code": "UA-51", "country": "UA"}
KURSK = {"place": "Kursk", "region_code": "RU-KRS", "country": "RU"}
NK_TROOPS = "North Korean troops in Kursk"

# (entry_id, occurred_at, title, body, [(phrase or None, figure fields)])
Entry = tuple[str, str, str, str, list[tuple[str | None, dict[str, Any]]]]

ENTRIES: list[Entry] = [
    (
        "p1",
        "2024-11-20T06:00:00Z",
        "Guided bomb hits Kharkiv street",
        "A guided bomb struck a residential street in Kharkiv before dawn, killing at least 3 people, "
        "the regional governor said.",
        [
            (
                "A guided bomb struck",
                {
                    "metric": "strikes",
                    "best": 1,
                    "weapon": "guided bomb",
                    **KHARKIV,
                    "claimant": "regional governor",
                    "actor": "Russia",
                },
            ),
            (
                "at least 3 people",
                {
                    "metric": "killed",
                    "best": 3,
                    "low": 3,
                    "qualifier": "at_least",
                    "weapon": "guided bomb",
                    **KHARKIV,
                    "claimant": "regional governor",
                },
            ),
        ],
    ),
    (
        "p2",
        "2024-11-20T09:30:00Z",
        "Kharkiv: more people hurt than first thought",
        "The number of people injured in the guided bomb attack on Kharkiv has risen to 12, "
        "the regional governor said.",
        [
            (
                "risen to 12",
                {"metric": "injured", "best": 12, "weapon": "guided bomb", **KHARKIV, "claimant": "regional governor"},
            ),
            (
                "the guided bomb attack",
                {
                    "metric": "strikes",
                    "best": 1,
                    "weapon": "guided bomb",
                    **KHARKIV,
                    "claimant": "regional governor",
                    "actor": "Russia",
                },
            ),
        ],
    ),
    (
        "p3",
        "2024-11-21T02:10:00Z",
        "Drone attack on Odesa port",
        "Russian drones hit port facilities in Odesa, injuring 4 people, the regional administration said.",
        [
            # deliberately overlapping spans: the strike phrase runs into the injury phrase
            (
                "Russian drones hit port facilities in Odesa, injuring 4",
                {
                    "metric": "strikes",
                    "best": 1,
                    "weapon": "drone",
                    **ODESA,
                    "actor": "Russia",
                    "target": "port",
                    "claimant": "regional administration",
                },
            ),
            (
                "injuring 4 people",
                {"metric": "injured", "best": 4, "weapon": "drone", **ODESA, "claimant": "regional administration"},
            ),
        ],
    ),
    (
        "p4",
        "2024-11-21T05:00:00Z",
        "Odesa mayor gives a higher figure",
        "The mayor of Odesa said 6 people were injured in the drone attack on the port.",
        [
            (
                "6 people were injured",
                {"metric": "injured", "best": 6, "weapon": "drone", **ODESA, "claimant": "city mayor"},
            ),
            (
                "the drone attack on the port",
                {
                    "metric": "strikes",
                    "best": 1,
                    "weapon": "drone",
                    **ODESA,
                    "claimant": "city mayor",
                    "actor": "Russia",
                },
            ),
        ],
    ),
    (
        "p5",
        "2024-11-21T07:45:00Z",
        "Drones hit Kharkiv energy site",
        "Two drones hit an energy facility in Kharkiv, the regional governor said. Repair crews are on site.",
        [
            # no span: an editor figure that is not tied to a phrase
            (
                None,
                {
                    "metric": "strikes",
                    "best": 2,
                    "weapon": "drone",
                    **KHARKIV,
                    "claimant": "regional governor",
                    "actor": "Russia",
                    "target": "energy facility",
                },
            ),
        ],
    ),
    (
        "p6",
        "2024-11-21T10:00:00Z",
        "Kyiv estimate of North Korean troops",
        "Ukrainian intelligence estimates that 11,000 North Korean troops are now deployed in Russia's Kursk region.",
        [
            (
                "11,000 North Korean troops",
                {
                    "metric": "troops",
                    "best": 11000,
                    "subject": NK_TROOPS,
                    **KURSK,
                    "claimant": "Ukrainian intelligence",
                },
            ),
        ],
    ),
    (
        "p7",
        "2024-11-21T12:00:00Z",
        "Seoul gives its own estimate",
        "South Korea's spy agency said about 10,000 North Korean soldiers had been sent to the Kursk region.",
        [
            (
                "about 10,000",
                {
                    "metric": "troops",
                    "best": 10000,
                    "low": 9000,
                    "high": 11000,
                    "qualifier": "about",
                    "subject": NK_TROOPS,
                    **KURSK,
                    "claimant": "South Korean intelligence",
                },
            ),
        ],
    ),
    (
        "p8",
        "2024-11-22T08:00:00Z",
        "Kyiv raises its estimate",
        "Ukrainian intelligence now says 12,000 North Korean troops are in the Kursk region.",
        [
            (
                "12,000 North Korean troops",
                {
                    "metric": "troops",
                    "best": 12000,
                    "subject": NK_TROOPS,
                    **KURSK,
                    "claimant": "Ukrainian intelligence",
                },
            ),
        ],
    ),
    (
        "p9",
        "2024-11-22T09:00:00Z",
        "Reader note <img src=x onerror=alert(document.domain)>",
        "Entries are untrusted: <b>markup</b> & <script>document.title='pwned'</script> must show as plain text.",
        [],
    ),
]

# Published while the page is open, to see it update by itself.
LIVE: Entry = (
    "p11",
    "2024-11-21T06:00:00Z",
    "Odesa: two people killed",
    "The regional administration said 2 people were killed in the drone attack on the port.",
    [
        (
            "2 people were killed",
            {"metric": "killed", "best": 2, "weapon": "drone", **ODESA, "claimant": "regional administration"},
        ),
        (
            "the drone attack on the port",
            {
                "metric": "strikes",
                "best": 1,
                "weapon": "drone",
                **ODESA,
                "claimant": "regional administration",
                "actor": "Russia",
            },
        ),
    ],
)

RETRACTED = ("p10", "2024-11-22T10:00:00Z", "Unconfirmed report", "An unconfirmed report of an explosion in Odesa.")


def _spans(text: str, figures: list[tuple[str | None, dict[str, Any]]]) -> list[dict[str, Any]]:
    out = []
    for phrase, fields in figures:
        fig = dict(fields)
        if phrase is not None:
            start = text.index(phrase)
            assert text.count(phrase) == 1, phrase
            fig["span"] = [start, start + len(phrase)]
        out.append(fig)
    return out


def entry_docs(entries: list[Entry] = ENTRIES) -> list[dict[str, Any]]:
    """Entries as publish requests, oldest first."""
    docs = []
    for entry_id, occurred, title, body, figures in entries:
        text = entry_text(title, body)
        docs.append(
            {
                "entry_id": entry_id,
                "blog_id": BLOG,
                "title": title,
                "body": body,
                "occurred_at": occurred,
                "figures": _spans(text, figures),
            }
        )
    return docs


def retraction_docs() -> list[dict[str, Any]]:
    """An entry and its retraction: it must not show on the page."""
    entry_id, occurred, title, body = RETRACTED
    return [
        {"entry_id": entry_id, "blog_id": BLOG, "title": title, "body": body, "occurred_at": occurred},
        {"type": "retraction", "entry_id": entry_id, "blog_id": BLOG, "reason": "not confirmed"},
    ]


def lines(docs: list[dict[str, Any]]) -> list[bytes]:
    return [orjson.dumps(d) for d in docs]


if __name__ == "__main__":  # python -m tests.e2e.blog_fixture > page.jsonl
    import sys

    for raw in lines(entry_docs() + retraction_docs() + entry_docs([LIVE])):
        sys.stdout.buffer.write(raw + b"\n")
