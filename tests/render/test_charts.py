"""Text charts: bar, line and pie, Unicode and ASCII, and odd data that must not crash."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from c2q_repl.api.models import ChartOptions, ResultData
from c2q_repl.render.chart_data import resolve_column, to_number
from c2q_repl.render.charts import render_chart
from c2q_repl.render.options import RenderOptions
from c2q_repl.render.width import text_width

DATA = ResultData(
    columns=["Sector", "company_count"], rows=[["Tech", "80"], ["Energy", "40"], ["金融", "20"]]
)


def opts(**kw):
    kw.setdefault("color", False)
    kw.setdefault("width", 60)
    return RenderOptions(**kw)


def test_bar_chart_lengths_are_proportional_in_eighths():
    out = render_chart(
        ChartOptions("BarChart", "Per sector", {"x": "sector", "y": "Company Count"}), DATA, opts()
    )
    assert out[0] == "Per sector"
    tech, energy, fin = out[1:4]
    assert tech.startswith("Tech ") and tech.endswith(" 80") and energy.endswith(" 40")
    assert (
        tech.count("█") == 2 * energy.count("█")
        or abs(tech.count("█") - 2 * energy.count("█")) <= 1
    )
    assert fin.startswith("金融 ")
    assert all(text_width(line) <= 60 for line in out)


def test_bar_chart_ascii():
    out = render_chart(
        ChartOptions("BarChart", "", {"x": "Sector", "y": "company_count"}),
        DATA,
        opts(unicode=False),
    )
    assert out[0] == "BarChart"
    assert "#" in out[1] and all(ord(c) < 128 for line in out[1:3] for c in line)


def test_line_chart_braille_with_axis_labels():
    out = render_chart(
        ChartOptions("LineChart", "Trend", {"x": "Sector", "y": ["company_count"]}),
        DATA,
        opts(chart_height=5),
    )
    plot = out[1:6]
    assert plot[0].startswith("80 ┤") and plot[4].startswith("20 ┤")
    assert any(0x2800 <= ord(c) <= 0x28FF for line in plot for c in line)
    assert "└" in out[6] and "Tech" in out[7] and "金融" in out[7]


def test_line_chart_ascii():
    out = render_chart(
        ChartOptions("LineChart", "Trend", {"x": "Sector", "y": "company_count"}),
        DATA,
        opts(unicode=False, chart_height=4),
    )
    assert any("*" in line for line in out[1:5])
    assert all(c.isascii() for line in out[1:] for c in line if c not in "金融")


def test_pie_chart_percentages():
    out = render_chart(
        ChartOptions("PieChart", "Share", {"label": "sector", "value": "company_count"}),
        DATA,
        opts(),
    )
    assert "57.1%" in out[1] and out[1].startswith("Tech") and "14.3%" in out[3]


def test_multi_series_has_legend_and_colours(default_theme):
    data = ResultData(columns=["m", "a", "b"], rows=[["jan", 1, 2], ["feb", 3, 4]])
    out = render_chart(
        ChartOptions("BarChart", "t", {"x": "m", "y": ["a", "b"]}),
        data,
        RenderOptions(theme=default_theme, width=50),
    )
    assert "■" in out[1] and "a" in out[1] and "b" in out[1]
    assert "\x1b[38;2;" in "".join(out)


def test_pivot_column_makes_one_series_per_value():
    data = ResultData(
        columns=["year", "sector", "n"],
        rows=[["2022", "Tech", 1], ["2022", "Energy", 2], ["2023", "Tech", 3]],
    )
    out = render_chart(
        ChartOptions("BarChart", "t", {"x": "year", "y": "n", "pivot_column": "sector"}),
        data,
        opts(),
    )
    assert "Tech" in out[1] and "Energy" in out[1]


def test_non_numeric_values_are_skipped_with_a_note():
    data = ResultData(columns=["k", "v"], rows=[["a", "1"], ["b", "n/a"], ["c", None], ["d", "3"]])
    out = render_chart(ChartOptions("BarChart", "t", {"x": "k", "y": "v"}), data, opts())
    assert "(1 non-numeric value skipped)" in out


def test_nothing_numeric_is_a_note_not_a_crash():
    data = ResultData(columns=["k", "v"], rows=[["a", "x"], ["b", "y"]])
    out = render_chart(ChartOptions("PieChart", "t", {"label": "k", "value": "v"}), data, opts())
    assert out[-1].startswith("(no numeric")


@pytest.mark.parametrize("name", ["Table", "ScatterChart", ""])
def test_other_chart_kinds_draw_nothing(name):
    assert render_chart(ChartOptions(name, "t", {}), DATA, opts()) == []


def test_no_rows_draws_nothing():
    assert render_chart(ChartOptions("BarChart", "t", {}), ResultData(["a"], []), opts()) == []


def test_column_resolution_is_case_and_format_insensitive():
    cols = ["total_sales", "Region Name"]
    assert resolve_column("Total Sales", cols) == 0
    assert resolve_column("region_name", cols) == 1
    assert resolve_column("REGION NAME", cols) == 1
    assert resolve_column("nothing", cols) is None
    assert resolve_column(5, cols) is None


@pytest.mark.parametrize(
    "value,expected",
    [
        ("1,234.5", 1234.5),
        ("12%", 12.0),
        (" 7 ", 7.0),
        ("nan", None),
        ("inf", None),
        (True, None),
        (None, None),
        (10**400, None),
        ("1e400", None),
        ({"a": 1}, None),
    ],
)
def test_to_number(value, expected):
    assert to_number(value) == expected


odd_cell = st.one_of(
    st.none(),
    st.text(max_size=6),
    st.integers(),
    st.floats(),
    st.booleans(),
    st.sampled_from(["1e308", "-1e308", "1.7e308", "-0", "5%"]),
)


@settings(max_examples=150, deadline=None)
@given(
    name=st.sampled_from(["BarChart", "LineChart", "PieChart"]),
    columns=st.lists(st.text(max_size=5), min_size=1, max_size=4),
    rows=st.lists(st.lists(odd_cell, max_size=5), min_size=1, max_size=12),
    option=st.dictionaries(
        st.sampled_from(["x", "y", "label", "value", "pivot_column"]),
        st.one_of(
            st.none(), st.text(max_size=5), st.lists(st.text(max_size=5), max_size=3), st.integers()
        ),
    ),
    unicode=st.booleans(),
    width=st.integers(1, 120),
    height=st.integers(0, 12),
)
def test_odd_data_never_crashes(name, columns, rows, option, unicode, width, height):
    out = render_chart(
        ChartOptions(name, "t", option),
        ResultData(columns, rows),
        opts(unicode=unicode, width=width, chart_height=height),
    )
    assert all(isinstance(line, str) and "\n" not in line for line in out)


@pytest.mark.parametrize("name", ["BarChart", "LineChart", "PieChart"])
def test_values_near_the_float_limit(name):
    data = ResultData(["k", "v"], [["a", "1e308"], ["b", "-1e308"], ["c", 1.7e308], ["c", 1.7e308]])
    out = render_chart(
        ChartOptions(name, "t", {"x": "k", "y": "v", "label": "k", "value": "v"}),
        data,
        opts(chart_height=3),
    )
    assert len(out) > 2


def test_flat_line_sits_in_the_middle():
    data = ResultData(["k", "v"], [["a", "9007199254740996"], ["b", "9007199254740996"]])
    out = render_chart(
        ChartOptions("LineChart", "t", {}), data, opts(chart_height=5, unicode=False)
    )
    assert out[3].startswith("9.01e+15 +") and "*" in out[3]
    assert "*" not in "".join(out[1:3] + out[4:6])


# ------------------------------------------------------------- issue 14: honest charts

CHANGES = ResultData(
    columns=["sector", "avg_change"],
    rows=[
        ["Tech", "0.0011428571428571453"],
        ["Energy", "-0.029199999999999997"],
        ["Utilities", "0.01"],
    ],
)
THEMES = ["default", "light", "mono", "presentation", "solarized-dark"]


def _zero_column(line: str) -> int:
    return next(i for i, c in enumerate(line) if c in "│|")


def _strip(line: str) -> str:
    import re

    return re.sub(r"\x1b\[[0-9;]*m", "", line)


@pytest.mark.parametrize("theme_name", THEMES)
def test_negative_bars_diverge_from_a_zero_line_in_every_theme(theme_name):
    from c2q_repl.render.style import sgr
    from c2q_repl.render.theme import load_theme

    theme = load_theme(theme_name)
    out = render_chart(
        ChartOptions("BarChart", "Change", {"x": "sector", "y": "avg_change"}),
        CHANGES,
        RenderOptions(theme=theme, width=60),
    )
    tech, energy, utilities = (_strip(line) for line in out[1:4])
    zero = _zero_column(tech)
    assert _zero_column(energy) == zero == _zero_column(utilities)  # one zero line
    assert "█" in energy[:zero] and "█" not in energy[zero:]  # the loss grows left
    assert "█" in tech[zero:] and "█" not in tech[:zero]
    assert energy.endswith("-0.0292") and tech.endswith("0.00114")
    # one scale both sides: -0.0292 is about three times 0.01
    assert 2.5 <= energy[:zero].count("█") / utilities[zero:].count("█") <= 3.5
    if theme.color:
        negative = sgr(theme.chart_negative)
        assert negative and negative in out[2]
        # a colour a reader sees as "below zero": not white, not a background-only style
        assert "38;2;255;255;255" not in negative and "48;" not in negative


def test_negative_bars_in_ascii():
    out = render_chart(
        ChartOptions("BarChart", "", {"x": "sector", "y": "avg_change"}),
        CHANGES,
        opts(unicode=False),
    )
    energy = out[2]
    zero = energy.index("|")
    assert "#" in energy[:zero] and energy.isascii()


def test_label_axis_is_the_column_that_tells_rows_apart():
    data = ResultData(
        columns=["sector", "name", "market_cap"],
        rows=[["Tech", "Apple", "2896100000000"], ["Tech", "Microsoft", "2500000000000"]],
    )
    # the service suggested the constant column as the axis
    out = render_chart(
        ChartOptions("BarChart", "t", {"x": "sector", "y": "market_cap"}), data, opts()
    )
    assert out[1].startswith("Apple ") and out[2].startswith("Microsoft ")
    assert out[1].endswith("2.90T") and out[2].endswith("2.50T")  # readable labels


def test_a_year_can_be_the_label_when_no_text_column_varies():
    data = ResultData(
        columns=["sector", "year", "revenue"],
        rows=[["Tech", "2022", "10"], ["Tech", "2023", "12"]],
    )
    out = render_chart(ChartOptions("BarChart", "t", {"x": "sector", "y": "revenue"}), data, opts())
    assert out[1].startswith("2022 ") and out[2].startswith("2023 ")


def test_no_label_varies_says_so_instead_of_repeating_one_label():
    data = ResultData(columns=["sector", "v"], rows=[["Tech", "1"], ["Tech", "2"]])
    out = render_chart(ChartOptions("BarChart", "t", {"x": "sector", "y": "v"}), data, opts())
    assert out[-1] == "(no column tells the rows apart)"


@pytest.mark.parametrize(
    "data",
    [
        ResultData(columns=["n"], rows=[["500"]]),
        ResultData(columns=["sector", "n"], rows=[["Tech", "65"]]),
    ],
)
@pytest.mark.parametrize("name", ["BarChart", "LineChart", "PieChart"])
def test_no_chart_for_a_single_row_or_value(data, name):
    assert render_chart(ChartOptions(name, "One", {}), data, opts()) == []


def test_long_titles_wrap_at_word_boundaries():
    title = (
        "Average market capitalisation of companies per sector in the S&P 500 index over five years"
    )
    out = render_chart(ChartOptions("BarChart", title, {"x": "Sector"}), DATA, opts(width=40))
    heading = [line for line in out if not line.startswith(("Tech", "Energy", "金融"))]
    assert heading == ["Average market capitalisation of", "companies per sector in the S&P 500…"]
    words = set(title.split())
    for line in heading:
        assert all(w.rstrip("…") in words for w in line.split())  # never cut mid-word


def test_line_chart_across_zero_draws_a_labelled_zero_line():
    data = ResultData(
        columns=["day", "pnl"],
        rows=[["mon", "-3"], ["tue", "5"], ["wed", "2"], ["thu", "-7"], ["fri", "9"]],
    )
    out = render_chart(
        ChartOptions("LineChart", "PnL", {"x": "day", "y": "pnl"}), data, opts(chart_height=8)
    )
    [zero] = [line for line in out if line.lstrip().startswith("0 ┤")]
    assert zero.count("┄") > 20
    rows = out[1:9]
    assert rows.index(zero) not in (0, len(rows) - 1)
    # no zero line when every value is on one side
    flat = render_chart(
        ChartOptions("LineChart", "t", {"x": "Sector", "y": "company_count"}),
        DATA,
        opts(chart_height=5),
    )
    assert not any("┄" in line for line in flat)
