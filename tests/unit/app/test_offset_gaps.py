"""Committing over offsets that hold no record (transaction markers, aborted records)."""

from __future__ import annotations

from streams.app.offset_gaps import Gaps, advance, non_records


def gaps_of(*intervals: tuple[int, int]) -> Gaps:
    g = Gaps()
    for b, e in intervals:
        g.add(b, e)
    return g


def test_a_fetch_over_markers_gives_the_offsets_it_did_not_return() -> None:
    # records at 4, 6, 7; markers at 5 and 8; an aborted transaction's records at 9-11 and its marker at 12
    assert non_records(4, [4, 6, 7], 13) == [(5, 6), (8, 13)]


def test_a_fetch_that_returned_nothing_but_moved_gives_the_whole_range() -> None:
    assert non_records(20, [], 21) == [(20, 21)]  # only the trailing marker was left
    assert non_records(20, [], 20) == []


def test_an_unknown_position_infers_nothing() -> None:
    assert non_records(3, [3, 5], None) == []
    assert non_records(None, [3, 5], 6) == [(4, 5)]  # from the first record returned, never before it


def test_a_position_that_moved_back_starts_at_the_first_record_returned() -> None:
    # a seek back to 10 while the fetch waited: nothing below 10 is inferred, 10..13 is what was returned
    assert non_records(50, [10, 11, 13], 14) == [(12, 13)]


def test_gaps_merge_and_answer_where_a_gap_ends() -> None:
    g = gaps_of((10, 12), (20, 21), (11, 15))
    assert g.intervals == [(10, 15), (20, 21)]
    assert g.end_of_gap_at(10) == 15
    assert g.end_of_gap_at(14) == 15
    assert g.end_of_gap_at(15) is None
    assert g.end_of_gap_at(20) == 21
    assert g.end_of_gap_at(9) is None
    g.drop_below(12)
    assert g.intervals == [(12, 15), (20, 21)]
    g.drop_below(21)
    assert not g


def test_the_commit_runs_over_acked_offsets_and_markers_to_the_log_end() -> None:
    # one record and one marker per transaction: the case that crawled two offsets per commit in faust
    acked = list(range(0, 200, 2))
    gaps = gaps_of(*[(o, o + 1) for o in range(1, 200, 2)])
    assert advance(0, acked, gaps) == (200, 100)


def test_the_commit_stops_at_a_record_delivered_but_not_acked() -> None:
    gaps = gaps_of((11, 12), (14, 15))
    assert advance(10, [10, 13], gaps) == (12, 1)  # 12 is a record not acked yet: never skipped
    assert advance(12, [13], gaps) == (None, 0)  # still waiting for 12


def test_the_commit_stops_at_an_offset_not_fetched_yet() -> None:
    assert advance(5, [5, 6], Gaps()) == (7, 2)
    assert advance(7, [9], Gaps()) == (None, 0)  # 7 and 8 unknown: a marker is only a gap once fetched over


def test_a_commit_right_after_a_restart_passes_the_marker_it_points_at() -> None:
    # committed 30 (a marker), first record 31: the fetch from 30 returned 31, so 30 is a gap
    gaps = gaps_of(*non_records(30, [31, 32], 34))
    assert advance(30, [31, 32], gaps) == (34, 2)


def test_acked_offsets_below_the_committed_one_are_dropped_without_moving_it() -> None:
    assert advance(40, [38, 39], Gaps()) == (None, 2)


def test_nothing_known_commits_nothing() -> None:
    assert advance(0, [], Gaps()) == (None, 0)
    # records 0-2 fetched and not acked, markers at 3-4: the gaps alone never commit past the records
    assert advance(0, [], gaps_of(*non_records(0, [0, 1, 2], 5))) == (None, 0)
    assert advance(0, [0, 1, 2], gaps_of(*non_records(0, [0, 1, 2], 5))) == (5, 3)
