"""A body and its initials are one claimant id within an entry (s8), in our own words."""

from __future__ import annotations

from streams.extract.claimants import claimant_ids


def test_initials_share_the_long_form_id() -> None:
    ids = claimant_ids(["International Rescue Committee", "IRC"], [])
    assert ids["International Rescue Committee"] == ids["IRC"]


def test_a_long_form_ending_in_the_initials_shares_their_id() -> None:
    ids = claimant_ids(["the UN migration agency IOM", "IOM"], [])
    assert ids["the UN migration agency IOM"] == ids["IOM"]


def test_a_common_noun_is_no_initials() -> None:
    ids = claimant_ids(["Greek police", "Turkish police", "police"], [])
    assert ids["Greek police"] != ids["Turkish police"]


def test_unrelated_bodies_keep_their_own_ids() -> None:
    ids = claimant_ids(["World Food Programme", "IRC"], [])
    assert ids["World Food Programme"] != ids["IRC"]
