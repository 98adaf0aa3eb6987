"""How numbers read (issue 14): ``/format raw|readable|human`` and the config's ``numbers``."""

from __future__ import annotations

import io

from c2q_repl.chat.round import Round
from c2q_repl.repl.commands import dispatch
from c2q_repl.repl.printing import Printer
from c2q_repl.repl.session import apply_display_settings
from c2q_repl.repl.state import ViewState
from tests.repl.support import headless_context, settings_for


def _round() -> Round:
    result = {
        "type": "data_retrieval",
        "task_id": "0",
        "status": "done",
        "sql": "SELECT short_name, market_cap, growth FROM companies",
        "data": {
            "columns": [{"col": c} for c in ("short_name", "market_cap", "growth")],
            "rows": [
                ["Apple Inc.", "2896100000000", "-0.029199999999999997"],
                ["Exxon", "457900000000", "0.0011428571428571453"],
            ],
        },
    }
    return Round(1, "caps", "direct", job_id="j", job_raw={"status": "done", "result": result})


def test_format_switches_the_number_form_and_reshows_the_answer():
    ctx, stream = headless_context(settings_for("http://127.0.0.1:9", "pk", "sk"))
    ctx.answers.answered(_round())
    assert "2,896,100,000,000" in "\n".join(line for line in _lines(ctx))  # readable by default
    dispatch(ctx.registry, ctx, "/format raw")
    out = stream.getvalue()
    assert "numbers: raw" in out
    assert "2896100000000" in out and "-0.029199999999999997" in out
    dispatch(ctx.registry, ctx, "/format human")
    assert "$2.90T" in stream.getvalue()[len(out) :]
    dispatch(ctx.registry, ctx, "/format")
    assert stream.getvalue().rstrip().endswith("numbers: human")


def _lines(ctx) -> list[str]:
    from c2q_repl.chat.round import round_lines

    return round_lines(ctx.answers.last_round, ctx.render_options())


def test_config_sets_the_number_form_and_rejects_others():
    view, notes = ViewState("default"), []
    out = Printer(stream=io.StringIO(), color=False, is_tty=True)
    apply_display_settings(view, out, {"numbers": "raw"}, notes)
    assert view.numbers == "raw" and notes == []
    view = ViewState("default")
    apply_display_settings(view, out, {"numbers": "pretty"}, notes)
    assert view.numbers == "readable" and "pretty" in notes[0]
