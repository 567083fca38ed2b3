"""``bench/publish_compare.py``: the summary of alternating publish rounds (medians, round-by-round ratios)."""

from __future__ import annotations

from bench.publish_compare import summary


def _row(rate: float, raw_rate: float) -> dict[str, float]:
    return {"rate": rate, "raw_rate": raw_rate, "ratio": rate / raw_rate, "cpu_us": 1e6 / rate,
            "raw_cpu_us": 1e6 / raw_rate, "transactions": 2, "ratio_round_raw": rate / raw_rate}  # fmt: skip


def test_medians_per_tree_and_the_rate_ratio_round_by_round() -> None:
    runs = [
        {"new": _row(6000, 12000), "old": _row(4000, 20000)},
        {"new": _row(3000, 10000), "old": _row(3000, 10000)},  # a slow round for both
        {"new": _row(5000, 10000), "old": _row(2500, 12500)},
    ]
    s = summary(runs, ["new", "old"])
    assert s["rounds"] == 3
    assert s["new"]["rate"] == 5000 and s["new"]["raw_rate"] == 10000
    assert s["new"]["ratio"] == 0.5 and (s["new"]["ratio_min"], s["new"]["ratio_max"]) == (0.3, 0.5)
    assert s["old"]["ratio"] == 0.2
    # each round's rates side by side: 1.5, 1.0, 2.0 -> the median 1.5, not the ratio of the medians (5000/3000)
    assert s["new/old"] == {"median": 1.5, "per_round": [1.5, 1.0, 2.0]}
