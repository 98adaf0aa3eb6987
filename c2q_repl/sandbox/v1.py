"""The deprecated synchronous ``/v1/chat2data`` answer, in the gateway envelope.

Rows are objects keyed by column name with string values; columns carry a
``data_type`` (from the catalog when the column is a table column, else
guessed from the values) and ``nullable``.
"""

from __future__ import annotations

from c2q_repl.sandbox.contracts import Catalog, Plan
from c2q_repl.sandbox.results import TaskRun


def _guess_type(name: str, values: list[str | None], catalog: Catalog) -> str:
    for t in catalog.tables:
        col = t.column(name)
        if col is not None:
            return col.type.split("(")[0].upper()
    present = [v for v in values if v is not None]
    if present and all(v.lstrip("-").isdigit() for v in present):
        return "BIGINT"
    try:
        if present:
            [float(v) for v in present]
            return "DECIMAL"
    except ValueError:
        pass
    return "VARCHAR"


def _latency(seconds: float) -> str:
    return f"{seconds:.1f}s" if seconds >= 1 else f"{int(seconds * 1000)}ms"


def v1_data(
    plan: Plan, runs: list[TaskRun], catalog: Catalog, started: float, ai_done: float, limit: int
) -> dict:
    import time

    end = time.time()
    run = runs[0] if runs else None
    base = {
        "start_ms": int(started * 1000),
        "end_ms": int(end * 1000),
        "latency": _latency(end - started),
        "limit": limit,
        "ai_latency": _latency(ai_done - started),
        "row_affect": 0,
    }
    if run is None or run.task.refusal:
        reason = run.task.refusal if run else "the engine produced no answer"
        return {
            "columns": [],
            "rows": [],
            "result": {**base, "code": 400, "message": reason, "row_count": 0, "sql": ""},
        }
    if run.error:
        return {
            "columns": [],
            "rows": [],
            "result": {
                **base,
                "code": 500,
                "message": f"internal error! {run.error}",
                "row_count": 0,
                "sql": run.task.sql,
            },
        }
    res = run.result
    if res is None:  # a run without refusal or error always has a result
        raise ValueError("a task run has neither a result nor an error")
    columns = [
        {
            "col": c,
            "data_type": _guess_type(c, [r[i] for r in res.rows], catalog),
            "nullable": any(r[i] is None for r in res.rows),
        }
        for i, c in enumerate(res.columns)
    ]
    rows = [dict(zip(res.columns, r)) for r in res.rows]
    return {
        "columns": columns,
        "rows": rows,
        "result": {
            **base,
            "code": 200,
            "message": "Query OK!",
            "row_count": len(rows),
            "sql": run.task.sql,
        },
    }
