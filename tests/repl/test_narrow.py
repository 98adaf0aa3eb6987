"""80-column terminals (issue 14): the banner wraps at word boundaries, the toolbar
drops its least useful parts first."""

from __future__ import annotations

from c2q_repl.render.width import text_width
from c2q_repl.repl.banner import banner_lines
from c2q_repl.repl.toolbar import ToolbarView, toolbar_text

LABEL = "local · 127.0.0.1:35803 · sp500insight"


def test_banner_wraps_whole_words_to_the_width():
    lines = banner_lines("sandbox · sp500insight · offline", "sandbox", False, width=60)
    assert all(text_width(line) < 60 for line in lines)
    sentence = "Using the local sandbox (sandbox · sp500insight · offline): sample data, not your database."
    wrapped = [line for line in lines if line.split()[0] in sentence.split()]
    assert " ".join(" ".join(wrapped).split()).endswith(sentence)
    assert len(lines) > 3  # it did wrap
    assert banner_lines("x", "cloud", False, width=200) == [
        line for line in banner_lines("x", "cloud", False, width=200) if "\n" not in line
    ]


def test_toolbar_keeps_endpoint_session_and_feedback_at_80_columns():
    view = ToolbarView(
        label=LABEL,
        session_id="304825",
        feedback="0172644ab50c49d5bad3f2d71b9f61ac/0",
        requests_today=(5, 1),
    )
    full = toolbar_text(view)
    assert text_width(full) > 80 and "/help" in full
    narrow = toolbar_text(view, 80)
    assert text_width(narrow) <= 80
    assert LABEL in narrow and "feedback → 0172644a…/0" in narrow
    assert "/help" not in narrow and "today" not in narrow
    plain = toolbar_text(view._replace(feedback=""), 80)
    assert LABEL in plain and "session 304825" in plain and "mode direct" in plain


def test_toolbar_cuts_the_label_last():
    narrow = toolbar_text(ToolbarView(label=LABEL, session_id="1"), 20)
    assert text_width(narrow) <= 20 and narrow.startswith(" local")
    assert toolbar_text(ToolbarView(label="x", session_id="1"), 200).endswith(
        "/help · Ctrl-D quits"
    )
