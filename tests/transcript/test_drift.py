"""Drift comparison between a recorded round and a new one (pure logic)."""

from __future__ import annotations

from c2q_repl.api.errors import QuotaExceededError
from c2q_repl.transcript.drift import compare_rounds, compare_rows, orders_rows, sql_diff
from c2q_repl.transcript.live import mapped_feedback
from c2q_repl.transcript.reader import RecordedRound

from .helpers import SECTOR_ROWS, SECTORS_SQL, job, make_round

UNORDERED = "SELECT sector, COUNT(*) FROM companies GROUP BY sector"


def _r(sql=SECTORS_SQL, rows=SECTOR_ROWS, cols=("sector", "companies"), **kw):
    return make_round(1, "q", job("j", sql, list(cols), [list(r) for r in rows], **kw))


def test_identical_rounds_do_not_drift():
    d = compare_rounds(_r(), _r())
    assert not d.drifted and d.verdict == "same"


def test_rows_order_matters_only_when_sql_orders():
    shuffled = list(reversed(SECTOR_ROWS))
    assert not compare_rounds(_r(UNORDERED), _r(UNORDERED, shuffled)).drifted
    d = compare_rounds(_r(), _r(rows=shuffled))
    assert d.drifted and "different order" in d.tasks[0].rows_note
    assert orders_rows("select a from t Order  By a") and not orders_rows(UNORDERED)


def test_cells_compare_across_harmless_type_changes():
    assert not compare_rows(UNORDERED, ["a"], [["42"], ["1.50"]], ["a"], [[42], [1.5]])[0]
    changed, note = compare_rows(UNORDERED, ["a"], [["1"], ["2"]], ["a"], [["1"], ["3"], ["4"]])
    assert changed and note == "2 rows → 3 rows (1 no longer returned, 2 new)"
    assert compare_rows(UNORDERED, ["a"], [], ["b"], [])[0]


def test_sql_change_with_a_unified_diff():
    new_sql = SECTORS_SQL.replace("DESC", "ASC")
    d = compare_rounds(_r(), _r(sql=new_sql))
    assert d.drifted and d.verdict == "SQL changed"
    diff = d.tasks[0].sql_diff
    assert diff[0].startswith("--- recorded") and diff[1].startswith("+++ now")
    assert any(line.startswith("-") and "DESC" in line for line in diff[2:])
    assert any(line.startswith("+") and "ASC" in line for line in diff[2:])
    # whitespace and a trailing semicolon are not a change
    assert not compare_rounds(_r(), _r(sql="  " + SECTORS_SQL.replace(" ", "\n ") + ";")).drifted
    assert sql_diff("SELECT 1", "SELECT 1") == []


def test_failures_are_drift_but_consistent_failures_are_not():
    ok = _r()
    quota = make_round(1, "q", error=QuotaExceededError("quota used up", status=429))
    failed_sql = _r(sql_error="no such column")
    d = compare_rounds(ok, quota)
    assert d.drifted and d.verdict == "FAILED" and "quota used up" in d.failure
    assert compare_rounds(quota, ok).verdict == "CHANGED"
    assert compare_rounds(ok, failed_sql).tasks[0].failure.startswith("failed now: no such column")
    same = compare_rounds(quota, quota)
    assert not same.drifted and same.verdict == "same (failed both times)"


def test_feedback_ids_are_mapped_to_the_new_run():
    rr = RecordedRound(number=2, question="q", feedback_answer_id="old-1", feedback_task_id="0")
    assert mapped_feedback(rr, {"old-1": "new-9"}) == ("new-9", "0")
    assert mapped_feedback(rr, {}) is None
    assert mapped_feedback(RecordedRound(number=1, question="q"), {"old-1": "x"}) is None
