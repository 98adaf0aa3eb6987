from __future__ import annotations

import io

from c2q_repl.repl.status import ERASE_LINE, Progress, StatusLine, format_status
from c2q_repl.repl.toolbar import ToolbarView, toolbar_text


def test_status_text_shows_phase_job_and_subtasks():
    p = Progress(phase="running", job_id="j1", done_tasks=["count companies"], total_tasks=3)
    text = format_status(p, 2.34, 0, 200)
    assert "2.3s" in text and "running" in text and "job j1" in text
    assert "sub-tasks 1/3" in text and "count companies" in text and "Ctrl-C cancels" in text


def test_status_text_without_a_known_total():
    text = format_status(Progress(phase="running", done_tasks=["a", "b"]), 1.0, 0, 200)
    assert "2 sub-tasks done ✓ b" in text


def test_status_text_fits_width_and_ascii_fallback():
    p = Progress(phase="running", done_tasks=["漢字" * 40])
    text = format_status(p, 1.0, 3, 40, unicode=False)
    from c2q_repl.render.width import text_width

    assert text_width(text) <= 39
    assert " | " in text and "⠋" not in text


def test_status_line_erases_itself():
    out = io.StringIO()
    line = StatusLine(out, width=80, enabled=True)
    line.draw()
    line.erase()
    assert out.getvalue().endswith(ERASE_LINE)
    silent = io.StringIO()
    off = StatusLine(silent, width=80, enabled=False)
    off.draw()
    off.erase()
    assert silent.getvalue() == ""


def test_toolbar_shows_sandbox_label_session_mode_feedback_usage():
    view = ToolbarView(
        label="sandbox · sp500insight · offline",
        kind="sandbox",
        session_id="7",
        mode="auto_breakdown",
        feedback="job-1/0",
        requests_today=(9, 4),
    )
    text = toolbar_text(view)
    for part in (
        "sandbox · sp500insight · offline",
        "session 7",
        "mode auto_breakdown",
        "feedback → job-1/0",
        "today 4 AI / 9 requests",
    ):
        assert part in text
    assert "connecting" in toolbar_text(ToolbarView(label="cloud · db"))
    long = toolbar_text(ToolbarView(label="x", feedback="0172644ab50c49d5bad3f2d71b9f61ac/0-1"))
    assert "feedback → 0172644a…/0-1" in long
