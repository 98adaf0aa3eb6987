"""Whole answers: direct, failed, sql_error, breakdown, and errors."""

from __future__ import annotations

import re

import pytest

from c2q_repl.api.errors import JobFailedError, QuotaExceededError, ServerError
from c2q_repl.api.models import Answer
from c2q_repl.render.answer import highlight_sql, render_answer, render_error, render_table
from c2q_repl.render.options import RenderOptions

ANSI = re.compile(r"\x1b\[[0-9;]*m")

DIRECT = {
    "type": "data_retrieval",
    "task_id": "0",
    "status": "done",
    "clarified_task": "Count companies per sector",
    "assumptions": [{"concept": "sector", "explanation": "the GICS sector column"}],
    "sql": "SELECT sector, COUNT(*) AS n\nFROM companies\nGROUP BY sector;",
    "data": {
        "columns": [{"col": "sector"}, {"col": "n"}],
        "rows": [["Information Technology", "75"], ["金融", "60"], [None, "3"]],
    },
    "chart_options": {
        "chart_name": "BarChart",
        "title": "Companies per sector",
        "option": {"x": "sector", "y": "n"},
    },
}
SQL_ERROR = {
    "type": "data_retrieval",
    "task_id": "0",
    "status": "failed",
    "sql": "SELECT x FROM nope",
    "sql_error": "Error 1146 (42S02): Table 'nope' doesn't exist\x1b]0;pwned\x07",
    "data": {"columns": None, "rows": None},
}
FAILED = {
    "type": "data_retrieval",
    "task_id": "0",
    "status": "failed",
    "reason": "the model could not write SQL for this",
}
BREAKDOWN = {
    "type": "breakdown",
    "task_id": "0",
    "status": "done",
    "clarified_task": "Compare sectors three ways",
    "sub_tasks": [
        {
            "task_id": "0-0",
            "status": "done",
            "task": "Count per sector",
            "sql": "SELECT 1",
            "data": {"columns": [{"col": "a"}], "rows": [["1"]]},
        },
        {
            "task_id": "0-1",
            "status": "failed",
            "task": "Average price",
            "sql": "SELECT b",
            "sql_error": "Unknown column 'b'",
        },
        {
            "task_id": "0-2",
            "status": "done",
            "task": "Largest company",
            "sql": "SELECT 'Apple'",
            "data": {"columns": [{"col": "name"}], "rows": [["Apple"]]},
        },
    ],
}


def plain(**kw):
    kw.setdefault("color", False)
    return RenderOptions(**kw)


def text(lines):
    return "\n".join(ANSI.sub("", line) for line in lines)


def test_direct_answer_has_every_part_in_order():
    out = render_answer(Answer.from_json(DIRECT), plain(), elapsed=1.5, job_id="job-42")
    joined = text(out)
    order = [
        "» Count companies per sector",
        "• sector: the GICS sector column",
        "SELECT sector, COUNT(*) AS n",
        "| sector",
        "| 金融",
        "Companies per sector",
        "3 rows · 1.50 s",
        "answer job-42 · task 0 · /feedback",
    ]
    positions = [joined.index(part) for part in order]
    assert positions == sorted(positions)
    assert "| NULL " in joined


def test_question_echo_and_switches():
    out = render_answer(
        Answer.from_json(DIRECT),
        plain(show_sql=False, charts=False, show_footer=False),
        question="how many?",
    )
    joined = text(out)
    assert out[0] == "❯ how many?"
    assert (
        "SELECT" not in joined
        and "Companies per sector" not in joined
        and "/feedback" not in joined
    )


def test_sql_error_is_an_error_not_an_empty_table():
    out = render_answer(Answer.from_json(SQL_ERROR), plain(), job_id="j")
    joined = text(out)
    assert "✗ SQL error: Error 1146 (42S02): Table 'nope' doesn't exist" in joined
    assert "+--" not in joined and "pwned" not in joined and "\x1b" not in joined
    assert "SELECT x FROM nope" in joined


def test_failed_task_shows_the_reason():
    joined = text(render_answer(Answer.from_json(FAILED), plain()))
    assert "✗ The task failed: the model could not write SQL for this" in joined
    assert "+--" not in joined


def test_failed_without_reason_says_so():
    joined = text(render_answer(Answer.from_json({"status": "failed"}), plain()))
    assert "✗ The task failed: the service gave no reason" in joined


def test_error_uses_the_error_style(default_theme):
    out = render_answer(Answer.from_json(FAILED), RenderOptions(theme=default_theme))
    line = next(line for line in out if "task failed" in line)
    assert line.startswith("\x1b[1;91m")


def test_breakdown_renders_each_sub_task_under_its_heading():
    out = render_answer(Answer.from_json(BREAKDOWN), plain(width=60), elapsed=3.0, job_id="j9")
    joined = text(out)
    headings = [line for line in out if line.startswith("── ")]
    assert [h.split(" ")[1] for h in headings] == ["1/3", "2/3", "3/3"]
    assert all(len(h) == 60 for h in headings)
    assert "Count per sector" in headings[0] and "Largest company" in headings[2]
    assert "✗ SQL error: Unknown column 'b'" in joined
    assert "| Apple  |" in joined and "SELECT 'Apple'" in joined
    assert "3 sub-tasks · 1 failed · 3.00 s" in joined
    assert "tasks 0-0, 0-1, 0-2" in joined
    assert joined.index("1/3") < joined.index("Unknown column") < joined.index("3/3")


def test_nested_breakdown_numbers_like_tiinsight():
    nested = {
        "type": "breakdown",
        "task_id": "0",
        "status": "done",
        "sub_tasks": [
            {
                "task_id": "0-0",
                "status": "done",
                "task": "first",
                "sub_tasks": [
                    {
                        "task_id": "0-0-0",
                        "status": "done",
                        "task": "deep",
                        "data": {"columns": [{"col": "x"}], "rows": []},
                    }
                ],
            }
        ],
    }
    out = render_answer(Answer.from_json(nested), plain())
    assert any(line.startswith("── 1.1/1 deep") for line in out)


def test_running_sub_task_and_missing_data():
    partial = {
        "type": "breakdown",
        "task_id": "0",
        "status": "running",
        "sub_tasks": [
            {"task_id": "0-0", "status": "running", "task": "slow one"},
            {"task_id": "0-1", "status": "done", "task": "no data"},
        ],
    }
    joined = text(render_answer(Answer.from_json(partial), plain()))
    assert "(still running)" in joined and "(no result data)" in joined


def test_ascii_mode_has_only_ascii_outside_data():
    out = render_answer(Answer.from_json(BREAKDOWN), plain(unicode=False))
    assert all(line.isascii() for line in out)


def test_mono_theme_never_emits_escapes(mono_theme):
    for answer in (DIRECT, SQL_ERROR, FAILED, BREAKDOWN):
        out = render_answer(
            Answer.from_json(answer),
            RenderOptions(theme=mono_theme, color=True),
            elapsed=1,
            job_id="j",
        )
        assert not any("\x1b" in line for line in out)


def test_color_off_never_emits_escapes(default_theme):
    out = render_answer(
        Answer.from_json(DIRECT),
        RenderOptions(theme=default_theme, color=False),
        elapsed=1,
        job_id="j",
    )
    assert not any("\x1b" in line for line in out)


def test_server_text_is_sanitised_everywhere(default_theme):
    evil = dict(
        DIRECT,
        clarified_task="ok\x1b[2J",
        sql="SELECT 1 -- \x1b]0;t\x07\x9b2J",
        assumptions=[{"concept": "\x1bc", "explanation": "\u202eevil"}],
        data={"columns": [{"col": "c\x1b[31m"}], "rows": [["\x1b[?1049h"]]},
        chart_options={"chart_name": "BarChart", "title": "\x1b]0;x\x07T", "option": {}},
    )
    for theme_opts in (plain(), RenderOptions(theme=default_theme)):
        for line in render_answer(Answer.from_json(evil), theme_opts, job_id="\x1b[2J"):
            stripped = ANSI.sub("", line)
            assert "\x1b" not in stripped and "\x9b" not in stripped and "\u202e" not in stripped
            assert "[2J" not in line and "]0;" not in line


def test_highlight_sql_uses_the_theme_style(default_theme):
    lines = highlight_sql("SELECT 1\nFROM t", RenderOptions(theme=default_theme))
    assert len(lines) == 2 and "\x1b[38;5;" in lines[0] and lines[0].endswith("\x1b[0m")
    assert ANSI.sub("", lines[0]) == "SELECT 1"
    assert highlight_sql("SELECT 1\nFROM t", plain()) == ["SELECT 1", "FROM t"]
    assert highlight_sql("   \n", plain()) == []


def test_render_table_is_exported_here():
    assert render_table(["a"], [[1]], plain(vertical="off"))[1] == "|   a |"


@pytest.mark.parametrize(
    "err,first,hint",
    [
        (
            QuotaExceededError("daily AI quota used up", status=429, hint="it resets at 00:00 UTC"),
            "✗ daily AI quota used up (HTTP 429)",
            "  it resets at 00:00 UTC",
        ),
        (ServerError("HTTP 502 from the gateway", status=502), "✗ HTTP 502 from the gateway", None),
        (JobFailedError("job failed: \x1b[2Jtimeout\nsecond line"), "✗ job failed: timeout", None),
    ],
)
def test_render_error(err, first, hint):
    out = render_error(err, plain())
    assert out[0] == first
    if hint:
        assert out[-1] == hint
    assert not any("\x1b" in line for line in out)


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

scalar = st.one_of(st.none(), st.text(max_size=8), st.integers(), st.floats(), st.booleans())
leaf = st.fixed_dictionaries(
    {},
    optional={
        "task_id": st.text(max_size=4),
        "status": st.sampled_from(["done", "failed", "running", ""]),
        "clarified_task": st.text(max_size=20),
        "task": st.text(max_size=10),
        "sql": st.text(max_size=30),
        "sql_error": st.one_of(st.none(), st.text(max_size=10)),
        "reason": st.text(max_size=10),
        "assumptions": st.lists(
            st.fixed_dictionaries(
                {"concept": st.text(max_size=5), "explanation": st.text(max_size=5)}
            ),
            max_size=2,
        ),
        "data": st.fixed_dictionaries(
            {
                "columns": st.lists(
                    st.fixed_dictionaries({"col": st.text(max_size=5)}), max_size=3
                ),
                "rows": st.lists(st.lists(scalar, max_size=4), max_size=4),
            }
        ),
        "chart_options": st.fixed_dictionaries(
            {
                "chart_name": st.sampled_from(["BarChart", "LineChart", "PieChart", "Table", "x"]),
                "title": st.text(max_size=5),
                "option": st.dictionaries(
                    st.sampled_from(["x", "y", "label", "value"]), st.text(max_size=5)
                ),
            }
        ),
    },
)
answer_json = st.one_of(
    leaf,
    st.builds(
        lambda root, subs: {**root, "type": "breakdown", "sub_tasks": subs},
        leaf,
        st.lists(leaf, max_size=3),
    ),
)


@settings(max_examples=150, deadline=None)
@given(answer_json, st.integers(1, 120), st.booleans())
def test_any_answer_renders_without_escapes_in_mono(raw, width, unicode):
    from c2q_repl.render.theme import load_theme

    opts = RenderOptions(theme=load_theme("mono"), width=width, unicode=unicode)
    out = render_answer(Answer.from_json(raw), opts, elapsed=0.1, job_id="j", question="q")
    assert all(isinstance(line, str) and "\n" not in line and "\x1b" not in line for line in out)
