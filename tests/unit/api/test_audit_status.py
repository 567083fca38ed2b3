"""The verify report the CLI sends, and the badge's data."""

from __future__ import annotations

import pytest

from liveledger.api.audit_status import AuditStatus, BadVerifyRun, parse_verify_run
from liveledger.api.export import GatheredStates, export_text
from streams.core.chain_watch import ChainWatch


def test_a_verify_report_is_checked_and_kept() -> None:
    status = AuditStatus(ChainWatch())
    assert status.to_json() == {"chain": ChainWatch().status(), "verify": None}
    run = parse_verify_run({"ran_at": "2026-12-01T14:00:00.000000Z", "equal": False, "views": {"strikes": False}})
    status.reported(run)
    assert status.to_json()["verify"] == {
        "ran_at": "2026-12-01T14:00:00.000000Z",
        "equal": False,
        "views": {"strikes": False},
    }
    assert status.runs == 1


@pytest.mark.parametrize(
    ("doc", "where"),
    [
        ({"ran_at": "t", "views": {}}, "equal"),
        ({"ran_at": "t", "equal": "maybe", "views": {}}, "equal"),
        ({"ran_at": "t", "equal": True, "views": {}, "extra": 1}, "extra"),
        ([1, 2], "body"),
    ],
)
def test_a_bad_verify_report_names_the_field(doc: object, where: str) -> None:
    with pytest.raises(BadVerifyRun, match=f"verify report: {where}"):
        parse_verify_run(doc)


def test_export_of_no_states_is_the_header_only() -> None:
    assert export_text("incidents", "csv", {}).startswith("incident_id,event_date,date_precision,")
    assert export_text("claims", "jsonl", {}) == ""
    assert GatheredStates("casualties", {}).states("figures") == {}
