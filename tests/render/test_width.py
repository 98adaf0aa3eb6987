"""Display width helpers: truncation and wrapping by terminal columns."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from c2q_repl.render.width import WidthCache, text_width, truncate, wrap


def test_widths():
    assert text_width("abc") == 3
    assert text_width("中文") == 4
    assert text_width("🍎") == 2
    assert text_width("e\u0301") == 1
    cache = WidthCache()
    assert cache("中文") == 4 and cache("中文") == 4 and cache("ab") == 2


def test_truncate_by_columns_and_graphemes():
    assert truncate("abcdefgh", 5) == "abcd…"
    assert truncate("short", 5) == "short"
    assert truncate("中文中文中文", 7) == "中文中…"
    assert truncate("👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧", 5) == "👨‍👩‍👧👨‍👩‍👧…"
    assert truncate("abcdefgh", 5, "...") == "ab..."


def test_wrap_keeps_every_character():
    assert wrap("中文ab中文中文", 5) == ["中文a", "b中文", "中文"]
    assert wrap("中中", 1) == ["中", "中"]
    assert wrap("", 5) == [""]


text = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=40)


@given(text, st.integers(1, 30))
def test_truncate_fits(value, width):
    out = truncate(value, width)
    assert text_width(out) <= max(width, 1) or text_width(value) <= width


@given(text, st.integers(1, 30))
def test_wrap_is_lossless(value, width):
    assert "".join(wrap(value, width)) == value


def test_word_lines_wrap_and_shorten_at_word_boundaries():
    from c2q_repl.render.width import word_lines

    text = "Average market capitalisation of companies per sector over five years"
    assert word_lines(text, 30) == [
        "Average market capitalisation",
        "of companies per sector over…",
    ]
    assert word_lines(text, 29, max_lines=1) == ["Average market…"]
    assert word_lines("Short", 30) == ["Short"]
    assert word_lines("Supercalifragilisticexpialidocious and more", 12) == [
        "Supercalifr…",
        "and more",
    ]
    assert word_lines("", 10) == []


def test_breakdown_headings_are_shortened_at_a_word_boundary():
    from c2q_repl.api.models import Answer
    from c2q_repl.render.answer import render_answer
    from c2q_repl.render.options import RenderOptions

    leaf = {
        "type": "data_retrieval",
        "task_id": "0-0",
        "status": "done",
        "task": "average market capitalisation of companies per sector over five years",
        "sql": "SELECT 1",
        "data": {"columns": [{"col": "x"}], "rows": [["a"], ["b"]]},
    }
    answer = Answer.from_json({"type": "breakdown", "task_id": "0", "sub_tasks": [leaf]})
    out = render_answer(answer, RenderOptions(color=False, width=40))
    heading = next(line for line in out if line.startswith("── 1/1"))
    assert heading.startswith("── 1/1 average market capitalisation…")
    assert len(heading) == 40
