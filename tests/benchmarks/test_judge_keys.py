"""The judge reads a period key said with its one year as the key alone (same groups), and two
values side by side as the same two values stacked."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.eval.judge import (  # noqa: E402
    _months_of_one_year,
    _quarters_of_one_year,
    _side_by_side,
    _stacked,
)


def test_quarters_of_one_year_as_numbers_and_labels():
    rows = [["2023-Q1", 5], ["2023-Q2", 7]]
    assert _quarters_of_one_year(rows) == [[1, 5], [2, 7]]
    assert _quarters_of_one_year(rows, labelled=True) == [["Q1", 5], ["Q2", 7]]


def test_quarters_of_two_years_are_left_as_they_are():
    rows = [["2022-Q4", 5], ["2023-Q1", 7]]
    assert _quarters_of_one_year(rows, labelled=True) == rows


def test_months_of_one_year():
    assert _months_of_one_year([["2023-07", 1]]) == [["07", 1]]


def test_two_values_side_by_side_match_the_same_values_stacked():
    gold = [["5128.94", "4769.83"]]
    stacked = [["2023-01-02", "SP500", "5128.94"], ["2023-12-29", "SP500", "4769.83"]]
    assert _stacked(gold, stacked)
    assert not _stacked(gold, list(reversed(stacked)))  # the order said is kept
    assert not _stacked(gold, stacked[:1])
    assert not _stacked([["1", "2"], ["3", "4"]], stacked)  # only a one-row gold


def test_labelled_rows_match_the_same_values_side_by_side():
    gold = [["down", 120], ["up", 130]]
    assert _side_by_side(gold, [["130", "120"]])
    assert not _side_by_side(gold, [["130", "121"]])
    assert not _side_by_side(gold, [["130"]])
    assert not _side_by_side(gold, [["130", "120"], ["1", "2"]])  # one row only
