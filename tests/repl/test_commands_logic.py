"""Pure parts of the slash commands: knowledge syntax, SQL diffs, progress folding."""

from __future__ import annotations

import pytest

from c2q_repl.api.models import Job
from c2q_repl.render.listings import describe_knowledge, sql_diff_lines
from c2q_repl.render.options import RenderOptions
from c2q_repl.render.theme import load_theme
from c2q_repl.repl.asking import apply_update
from c2q_repl.repl.commands.knowledge import parse_knowledge
from c2q_repl.repl.commands.registry import UsageError
from c2q_repl.repl.status import Progress


def test_knowledge_syntax():
    assert parse_knowledge("few-shot", " top firms => SELECT 1 ") == (
        "few-shot",
        {"question": "top firms", "answer": "SELECT 1"},
    )
    assert parse_knowledge("term", "mega cap, megacap = cap > 200bn") == (
        "term-sheet",
        {"term": ["mega cap", "megacap"], "description": "cap > 200bn"},
    )
    assert parse_knowledge("instruction", "use billions") == (
        "instruction",
        {"instruction": "use billions"},
    )
    for kind, text in (
        ("few-shot", "no arrow"),
        ("term", "= no terms"),
        ("instruction", ""),
        ("nope", "x"),
        ("instruction", "x" * 513),
    ):
        with pytest.raises(UsageError):
            parse_knowledge(kind, text)


def test_describe_knowledge_items():
    from c2q_repl.api.resources import KnowledgeData

    item = KnowledgeData.from_json(
        {
            "knowledge_data_id": 3,
            "type": "term-sheet",
            "raw_data": {"term": ["a", "b"], "description": "d"},
        }
    )
    assert describe_knowledge(item) == "term: a, b = d"


def test_sql_diff_marks_changes_and_identity():
    plain = RenderOptions(color=False)
    lines = sql_diff_lines("SELECT a\nFROM t", "SELECT a\nFROM t\nWHERE b = 1", plain)
    assert "+WHERE b = 1" in lines and lines[0].startswith("--- before")
    theme = load_theme("default")
    coloured = sql_diff_lines("SELECT a", "SELECT b", RenderOptions(theme=theme, color=True))
    from c2q_repl.render.style import sgr

    added, removed = sgr(theme.style("success")), sgr(theme.style("error"))
    assert f"{added}+SELECT b\x1b[0m" in coloured and f"{removed}-SELECT a\x1b[0m" in coloured
    assert sql_diff_lines("x", "x", plain) == ["(the rewrite is identical)"]


def test_progress_follows_job_status_and_finished_sub_tasks():
    progress = Progress()
    apply_update(progress, Job(job_id="j9", status="init"))
    assert (progress.job_id, progress.phase) == ("j9", "queued")
    partial = {
        "type": "breakdown",
        "task_id": "0",
        "status": "running",
        "sub_tasks": [
            {
                "task_id": "0-0",
                "status": "done",
                "task": "count by sector",
                "data": {"columns": ["n"], "rows": [[1]]},
            },
            {"task_id": "0-1", "status": "running", "task": "count by \x1b[31mcountry"},
            {"task_id": "0-2", "status": "", "task": "average cap"},
        ],
    }
    apply_update(progress, Job(job_id="j9", status="running", result=partial))
    assert progress.phase == "running" and progress.total_tasks == 3
    assert progress.done_tasks == ["count by sector"]
    partial["sub_tasks"][1]["status"] = "failed"
    partial["sub_tasks"].pop()  # the sandbox's stages list only the finished ones
    apply_update(progress, Job(job_id="j9", status="running", result=partial))
    assert progress.done_tasks == [
        "count by sector",
        "count by country",
    ]  # control sequences stripped
    assert progress.total_tasks == 0  # unknown
    apply_update(progress, Job(job_id="j9", status="weird\x1b]0;title\x07"))
    assert progress.phase == "weird"
