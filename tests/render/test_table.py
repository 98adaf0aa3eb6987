"""Table behaviour: NULLs, numbers, CJK, truncation, vertical records, colour."""

from __future__ import annotations

from c2q_repl.render.options import RenderOptions
from c2q_repl.render.table import render_table
from c2q_repl.render.width import text_width


def plain(**kw):
    kw.setdefault("color", False)
    return RenderOptions(**kw)


def test_null_is_distinct_from_the_string_null(default_theme):
    opts = RenderOptions(theme=default_theme, color=False, vertical="off")
    out = render_table(["v"], [[None], [""], ["NULL"]], opts)
    assert out[3] == "| ∅    |" and out[4] == "|      |" and out[5] == "| NULL |"


def test_null_is_dimmed_when_coloured(default_theme):
    out = render_table(["v"], [[None], ["x"]], RenderOptions(theme=default_theme))
    assert "\x1b[2m∅\x1b[0m" in out[3]
    assert out[4] == "| x   |"  # plain text is not styled


def test_cjk_and_emoji_columns_line_up():
    out = render_table(
        ["name", "n"], [["東京", 1], ["Paris", 22], ["🍎🍎", 333]], plain(vertical="off")
    )
    widths = {text_width(line) for line in out}
    assert len(widths) == 1  # every line has the same display width
    positions = {
        text_width(line.split("|")[1])
        for line in out[1:-1]
        if line.startswith("|") and "-" not in line
    }
    assert len(positions) == 1


def test_numbers_right_aligned_text_left_aligned():
    out = render_table(["word", "num"], [["a", "5"], ["bbbb", "-123"]], plain(vertical="off"))
    assert out[3] == "| a      |     5 |"
    assert out[4] == "| bbbb   |  -123 |"


def test_mixed_column_is_text():
    out = render_table(["v"], [["5"], ["five"]], plain(vertical="off"))
    assert out[3] == "| 5    |"


def test_long_cells_truncated_with_marker_and_expand_shows_them():
    long = "x" * 100
    cut = render_table(["t"], [[long]], plain(max_cell_width=20, vertical="off"))
    assert any(line.endswith("x…   |") or "…" in line for line in cut)
    assert max(text_width(line) for line in cut) < 30
    whole = render_table(
        ["t"], [[long]], plain(max_cell_width=20, expand=True, vertical="off", width=500)
    )
    assert any(long in line for line in whole)


def test_truncation_respects_double_width_characters():
    out = render_table(["t"], [["中" * 50]], plain(max_cell_width=11, vertical="off"))
    row = out[3]
    assert "…" in row and text_width(row) <= 11 + 4


def test_ascii_marker_without_unicode():
    out = render_table(["t"], [["y" * 50]], plain(max_cell_width=10, unicode=False, vertical="off"))
    assert "yyyyyyy..." in out[3]


def test_wide_table_goes_vertical_automatically():
    columns = [f"column_{i}" for i in range(12)]
    rows = [[f"value {i} {j}" for i in range(12)] for j in range(2)]
    out = render_table(columns, rows, plain(width=80))
    assert out[0].startswith("─[ RECORD 1 ]")
    assert "column_0  │ value 0 0" in out
    assert any(line.startswith("─[ RECORD 2 ]") for line in out)
    assert all(text_width(line) <= 80 for line in out)


def test_vertical_off_keeps_the_wide_table_and_on_forces_records():
    columns = [f"column_{i}" for i in range(12)]
    rows = [[f"value {i}" for i in range(12)]]
    assert render_table(columns, rows, plain(width=80, vertical="off"))[0].startswith("+")
    assert render_table(["a"], [[1]], plain(vertical="on"))[0].startswith("─[ RECORD 1 ]")


def test_vertical_shows_long_values_whole_wrapped():
    value = "word " * 60
    out = render_table(["a", "b"], [[value, None]], plain(width=40, vertical="on", unicode=False))
    joined = "".join(line.split(" | ", 1)[1] for line in out[1:] if " | " in line)
    assert joined.replace(" ", "").count("word") == 60
    assert "b | NULL" in out
    assert all(text_width(line) <= 40 for line in out)


def test_newlines_and_escapes_in_cells_cannot_break_the_table():
    out = render_table(
        ["c"], [["a\nb"], ["\x1b[2Jclear"], ["\x1b]0;pwned\x07t"]], plain(vertical="off")
    )
    assert "| a↵b   |" in out and "| clear |" in out and "| t     |" in out
    assert not any("\x1b" in line for line in out)


def test_ragged_rows_and_extra_columns():
    out = render_table(["a"], [["1", "2"], []], plain(vertical="off"))
    assert len({text_width(line) for line in out}) == 1


def test_empty_result_shows_headers():
    out = render_table(["a", "b"], [], plain(vertical="off"))
    assert out == ["+-----+-----+", "| a   | b   |", "|-----+-----|", "+-----+-----+"]


def test_mono_theme_emits_no_escape_bytes(mono_theme):
    out = render_table(
        ["n", "t"], [[1, None], [2.5, "中"]], RenderOptions(theme=mono_theme, color=True)
    )
    assert not any("\x1b" in line for line in out)


def test_box_formats_fall_back_to_ascii_without_unicode():
    out = render_table(
        ["a"], [["b"]], plain(table_format="heavy_outline", unicode=False, vertical="off")
    )
    assert out[0] == "+-----+"
