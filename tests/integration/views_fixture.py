"""A small live blog whose figures are supplied by the editor, so the counting rules can be
checked exactly, whatever the extractor does with the text. Texts are our own.

What each line exercises, and the views it must give, is written next to it.
"""

from __future__ import annotations

from typing import Any

import orjson

BLOG = "rules-test"
DAY = "2024-11-20"


def _fig(metric: str, **kw: Any) -> dict[str, Any]:
    return {"metric": metric, **kw}


KHARKIV = {"place": "Kharkiv", "region_code": "UA-63", "country": "UA", "weapon": "guided bomb"}
GOV = {"claimant": "regional governor"}


def entry(entry_id: str, body: str, figures: list[dict[str, Any]], **kw: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "entry_id": entry_id,
        "blog_id": BLOG,
        "title": f"Update {entry_id}",
        "body": body,
        "occurred_at": f"{DAY}T08:00:00Z",
        "figures": figures,
    }
    doc.update(kw)
    return doc


LINES: list[dict[str, Any]] = [
    # r1: the first report of a guided-bomb strike on Kharkiv: at least 3 killed, 36 injured, one strike.
    entry(
        "r1",
        "A guided bomb hit a block of flats in Kharkiv; at least three died and 36 were hurt, the governor said.",
        [
            _fig("killed", low=3, best=3, qualifier="at_least", **KHARKIV, **GOV),
            _fig("injured", best=36, **KHARKIV, **GOV),
            _fig("strikes", best=1, target="residential building", actor="Russia", **KHARKIV),
        ],
    ),
    # r2: a teaser repeating r1's figure: the same incident, never added (killed stays 3, not 6).
    entry("r2", "Breaking: three dead in Kharkiv, the governor says.", [_fig("killed", best=3, **KHARKIV, **GOV)]),
    # r3: the toll rises: the governor's latest figure replaces his earlier one (5, not 3 + 5).
    entry("r3", "The toll in Kharkiv rose to five, the governor said.", [_fig("killed", best=5, **KHARKIV, **GOV)]),
    # r4: police give 4: claimants disagree, so the incident is disputed with low 4 and high 5.
    entry(
        "r4",
        "Police in Kharkiv put the number of dead at four.",
        [_fig("killed", best=4, **KHARKIV, claimant="police")],
    ),
    # r5: interceptions are not strikes: 83 drones downed, claimed by the defence ministry, relayed by TASS.
    entry(
        "r5",
        "Air defences downed 83 drones overnight, TASS cited the defence ministry as saying.",
        [_fig("drones_downed", best=83, claimant="Russian defence ministry", relay="TASS")],
    ),
    # r6: a drone raid on Belgorod hitting two targets: one strike incident listing both. Corrected below.
    entry(
        "r6",
        "Drones struck an oil depot and a substation in the Belgorod region.",
        [
            _fig(
                "strikes",
                best=1,
                place="Belgorod",
                region_code="RU-BEL",
                country="RU",
                weapon="drone",
                target="oil depot",
                actor="Ukraine",
            ),
            _fig(
                "strikes",
                best=1,
                place="Belgorod",
                region_code="RU-BEL",
                country="RU",
                weapon="drone",
                target="substation",
                actor="Ukraine",
            ),
        ],
    ),
    # r7, r8: troop figures from two claimants: two figure histories.
    entry(
        "r7",
        "The Pentagon said about 10,000 North Korean troops were in Russia.",
        [_fig("troops", best=10000, qualifier="about", subject="North Korean troops", claimant="Pentagon")],
    ),
    entry(
        "r8",
        "A South Korean official told Reuters the number was 12,000.",
        [_fig("troops", best=12000, subject="North Korean troops", claimant="South Korean official", relay="Reuters")],
    ),
    # r9: a running total: it goes to the figure histories only, never to the casualty tallies.
    entry(
        "r9",
        "The regional death toll since February 2022 has reached 1,364, officials said.",
        [
            _fig(
                "killed",
                best=1364,
                cumulative=True,
                place="Kharkiv",
                region_code="UA-63",
                country="UA",
                claimant="regional officials",
            )
        ],
    ),
    # r6 corrected: the raid was on Kursk, not Belgorod: the Belgorod incident disappears.
    {
        "type": "correction",
        "entry_id": "r6",
        "blog_id": BLOG,
        "title": "Update r6 (corrected)",
        "body": "Drones struck an oil depot and a substation in the Kursk region.",
        "occurred_at": f"{DAY}T08:00:00Z",
        "figures": [
            _fig(
                "strikes",
                best=1,
                place="Kursk",
                region_code="RU-KRS",
                country="RU",
                weapon="drone",
                target="oil depot",
                actor="Ukraine",
            ),
            _fig(
                "strikes",
                best=1,
                place="Kursk",
                region_code="RU-KRS",
                country="RU",
                weapon="drone",
                target="substation",
                actor="Ukraine",
            ),
        ],
    },
    # r8 retracted: the South Korean figure leaves every view.
    {"type": "retraction", "entry_id": "r8", "blog_id": BLOG, "reason": "The official's figure was misquoted."},
]

#: The correction is the 10th event, the retraction the 11th.
CORRECTION_INDEX = 9


def lines() -> list[bytes]:
    return [orjson.dumps(doc) for doc in LINES]
