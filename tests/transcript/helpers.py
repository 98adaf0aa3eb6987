"""Build transcripts for tests from realistic job JSON (the shape the sandbox sends)."""

from __future__ import annotations

from pathlib import Path

from c2q_repl.api.errors import C2QError
from c2q_repl.chat.round import Round
from c2q_repl.transcript.writer import TranscriptWriter


def job(
    job_id: str,
    sql: str,
    columns: list[str],
    rows: list[list],
    *,
    chart: str = "Table",
    task_id: str = "0",
    sql_error: str = "",
    clarified: str = "",
) -> dict:
    """A finished v3 chat2data job as the server returns it."""
    chart_options = (
        {"chart_name": chart, "title": "chart", "option": {"x": columns[0], "y": columns[-1]}}
        if chart
        else None
    )
    return {
        "job_id": job_id,
        "status": "done",
        "ended_at": 1700000000,
        "reason": "",
        "result": {
            "type": "data_retrieval",
            "task_id": task_id,
            "status": "done",
            "clarified_task": clarified or "clarified",
            "assumptions": [],
            "sql": sql,
            "sql_error": sql_error or None,
            "data": {"columns": [{"col": c} for c in columns], "rows": rows},
            "chart_options": chart_options,
        },
    }


def make_round(
    number: int,
    question: str,
    job_raw: dict | None = None,
    *,
    error: C2QError | None = None,
    mode: str = "direct",
    feedback: tuple[str, str] = ("", ""),
) -> Round:
    return Round(
        number=number,
        question=question,
        mode=mode,
        feedback_answer_id=feedback[0],
        feedback_task_id=feedback[1],
        job_id=(job_raw or {}).get("job_id", "") or getattr(error, "job_id", ""),
        job_raw=job_raw,
        error=error,
        elapsed=1.25,
        requests=3,
        started_at=1700000000.0 + number,
    )


def write_transcript(path: Path, rounds: list[Round], header: dict | None = None) -> Path:
    base = {
        "endpoint_kind": "sandbox",
        "label": "127.0.0.1",
        "cluster_id": "sandbox",
        "database": "sp500insight",
        "session_id": "s-1",
        "mode": "direct",
    }
    with TranscriptWriter.create(path, {**base, **(header or {})}) as w:
        for r in rounds:
            w.question(r)
            if r.error is not None:
                w.error(r)
            else:
                w.result(r)
    return path


SECTORS_SQL = (
    "SELECT sector, COUNT(*) AS companies FROM companies GROUP BY sector ORDER BY companies DESC"
)
SECTOR_ROWS = [["Technology", 80], ["Industrials", 70], ["Financials", 65]]


def sample_rounds() -> list[Round]:
    from c2q_repl.api.errors import QuotaExceededError

    return [
        make_round(
            1,
            "how many companies per sector?",
            job("job-1", SECTORS_SQL, ["sector", "companies"], SECTOR_ROWS, chart="BarChart"),
        ),
        make_round(
            2,
            "and the largest one?",
            job(
                "job-2",
                "SELECT name FROM companies ORDER BY market_cap DESC LIMIT 1",
                ["name"],
                [["Apple Inc."]],
            ),
            feedback=("job-1", "0"),
        ),
        make_round(
            3,
            "show everything",
            error=QuotaExceededError(
                "daily quota used up", status=429, code=429, hint="try tomorrow"
            ),
        ),
    ]
