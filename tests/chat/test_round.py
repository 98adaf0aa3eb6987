"""Round: derived job/answer/failed state, and round_lines for every outcome."""

from __future__ import annotations

from c2q_repl.api.errors import QuotaExceededError
from c2q_repl.chat.round import Round, round_lines
from c2q_repl.render.options import RenderOptions

PLAIN = RenderOptions(width=100, color=False)


def answer_json(sql="SELECT sector, COUNT(*) AS n FROM companies GROUP BY sector", **extra):
    return {
        "type": "data_retrieval",
        "task_id": "0",
        "status": "done",
        "clarified_task": "Count companies per sector",
        "sql": sql,
        "data": {
            "columns": [{"col": "sector"}, {"col": "n"}],
            "rows": [["Energy", 21], ["Utilities", 30]],
        },
        **extra,
    }


def job(status="done", result=None, reason=""):
    return {
        "job_id": "ab" * 16,
        "status": status,
        "ended_at": 1,
        "reason": reason,
        "result": result,
    }


def test_answered_round_shows_sql_rows_and_ids():
    r = Round(
        1,
        "companies per sector?",
        "direct",
        job_id="ab" * 16,
        job_raw=job(result=answer_json()),
        elapsed=1.5,
    )
    assert not r.failed and r.job_error is None
    assert r.answer.sql.startswith("SELECT")
    text = "\n".join(round_lines(r, PLAIN))
    assert "GROUP BY sector" in text and "Utilities" in text and "30" in text
    assert "ab" * 16 in text  # the id /feedback needs
    assert "companies per sector?" not in text  # the prompt line shows it, not round_lines
    assert "\x1b" not in text


def test_echo_question_puts_the_question_first():
    r = Round(1, "companies per sector?", "direct", job_raw=job(result=answer_json()))
    assert "companies per sector?" in round_lines(r, PLAIN, echo_question=True)[0]
    failed = Round(2, "second?", "direct", error=QuotaExceededError("quota gone", status=429))
    lines = round_lines(failed, PLAIN, echo_question=True)
    assert "second?" in lines[0] and any("quota gone" in line for line in lines)


def test_failed_job_shows_reason_and_partial_answer():
    partial = {
        "type": "breakdown",
        "task_id": "0",
        "status": "running",
        "sub_tasks": [answer_json(task_id="0-1", sql="SELECT 1 AS partial_one")],
    }
    r = Round(1, "q", "auto_breakdown", job_raw=job("failed", partial, reason="the model gave up"))
    assert r.failed
    text = "\n".join(round_lines(r, PLAIN))
    assert "the model gave up" in text
    assert "partial_one" in text


def test_failed_job_without_result_or_reason():
    r = Round(1, "q", "direct", job_raw=job("failed", None))
    assert r.failed and r.answer is None
    assert "without a reason" in "\n".join(round_lines(r, PLAIN))


def test_error_round_shows_message_and_hint():
    err = QuotaExceededError(
        "The AI request exceeded the limit", status=429, hint="Try again tomorrow."
    )
    r = Round(3, "q", "direct", error=err)
    assert r.failed and r.job is None
    text = "\n".join(round_lines(r, PLAIN))
    assert "exceeded the limit" in text and "Try again tomorrow." in text


def test_sql_error_answer_is_a_failure_not_an_empty_table():
    r = Round(
        1, "q", "direct", job_raw=job(result=answer_json(sql_error="table not found", data=None))
    )
    assert r.failed
    assert "table not found" in "\n".join(round_lines(r, PLAIN))


def test_done_job_without_answer_says_so():
    r = Round(1, "q", "direct", job_id="j1", job_raw=job(result=None))
    assert r.failed
    assert "without an answer" in "\n".join(round_lines(r, PLAIN))


def test_malformed_job_json_is_reported_not_raised():
    r = Round(1, "q", "direct", job_raw={"job_id": "x", "result": "nonsense"})
    assert r.failed
    assert "no status" in "\n".join(round_lines(r, PLAIN))


def test_control_sequences_from_the_server_never_reach_the_lines():
    evil = job("failed", None, reason="bad\x1b[2J\x1b]0;pwned\x07 thing")
    text = "\n".join(round_lines(Round(1, "q", "direct", job_raw=evil), PLAIN))
    assert "\x1b" not in text and "\x07" not in text and "bad thing" in text
