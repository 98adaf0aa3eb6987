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
