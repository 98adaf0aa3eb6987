"""Our table formatter produces exactly tabulate's bytes (issue 7: identical output).

tabulate is the reference: same headers and cell texts, ``disable_numparse=True``
(we never reformat a number's text) and the column alignments we chose.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from tabulate import tabulate

from c2q_repl.render.options import RenderOptions
from c2q_repl.render.table import prepare_table, render_table
from c2q_repl.render.tablefmt import TABLE_FORMATS, format_table

REQUIRED = ("psql", "github", "simple", "grid", "plain", "pipe")
SAMPLES = [
    "Apple Inc.",
    "苹果公司",
    "東京都",
    "Микрософт",
    "🍎 fruit",
    "👨‍👩‍👧 family",
    "e\u0301",
    "",
    "  padded  ",
    "-2.25",
    "10",
    "1e5",
    "0.001",
    "-0",
    "1234567890123456789012",
    "-98765432109876543210.5",
    "NULL",
    "∅",
    "a|b",
    "x…",
    # wcswidth is not additive around these (spacing marks, joiners, variation selectors)
    "𖽑",
    "\u0903",
    "क\u0903",
    "\u200d",
    "a\u200d",
    "\u0301",
    "\ufe0f",
    "☺\ufe0f",
    "🇯🇵",
    "\u3000全角\u3000",
]
cell_text = st.one_of(
    st.sampled_from(SAMPLES),
    st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=12),
)
number = st.one_of(
    st.integers(min_value=-(10**22), max_value=10**22),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
)
raw_cell = st.one_of(st.none(), cell_text, number)


def reference(headers, columns, aligns, fmt):
    rows = [list(r) for r in zip(*columns)]
    return tabulate(rows, headers, tablefmt=fmt, disable_numparse=True, colalign=aligns)


def test_required_formats_are_supported():
    assert set(REQUIRED) <= set(TABLE_FORMATS)


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_engine_matches_tabulate_on_arbitrary_text(data):
    ncols = data.draw(st.integers(1, 5))
    nrows = data.draw(st.integers(0, 6))
    headers = data.draw(st.lists(cell_text, min_size=ncols, max_size=ncols))
    columns = [data.draw(st.lists(cell_text, min_size=nrows, max_size=nrows)) for _ in range(ncols)]
    aligns = data.draw(
        st.lists(st.sampled_from(["left", "right", "decimal"]), min_size=ncols, max_size=ncols)
    )
    fmt = data.draw(st.sampled_from(sorted(TABLE_FORMATS)))
    assert "\n".join(format_table(headers, columns, aligns, fmt)) == reference(
        headers, columns, aligns, fmt
    )


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_render_table_matches_tabulate_on_raw_cells(data):
    ncols = data.draw(st.integers(1, 5))
    columns = data.draw(st.lists(cell_text, min_size=ncols, max_size=ncols))
    rows = data.draw(st.lists(st.lists(raw_cell, min_size=ncols, max_size=ncols), max_size=8))
    fmt = data.draw(st.sampled_from(REQUIRED))
    opts = RenderOptions(
        width=10**6,
        color=False,
        table_format=fmt,
        vertical="off",
        expand=data.draw(st.booleans()),
        max_cell_width=data.draw(st.integers(4, 40)),
    )
    prepared = prepare_table(columns, rows, opts)
    ours = "\n".join(render_table(columns, rows, opts))
    assert ours == reference(prepared.headers, prepared.columns, prepared.aligns, fmt)


def test_numbers_decimal_aligned_like_tabulate_default():
    columns = ["name", "price", "id"]
    rows = [
        ["a", "1.5", 1234567890123456789012],
        ["中文", "10", -3],
        ["🍎", None, 7],
        ["x", "-2.25", None],
    ]
    opts = RenderOptions(color=False, vertical="off")
    out = render_table(columns, rows, opts)
    assert out == [
        "+--------+---------+------------------------+",
        "| name   |   price |                     id |",
        "|--------+---------+------------------------|",
        "| a      |    1.5  | 1234567890123456789012 |",
        "| 中文   |   10    |                     -3 |",
        "| 🍎     | NULL    |                      7 |",
        "| x      |   -2.25 |                   NULL |",
        "+--------+---------+------------------------+",
    ]
    # the same bytes as tabulate with its default numalign="decimal" on these cells
    texts = [
        ["a", "1.5", "1234567890123456789012"],
        ["中文", "10", "-3"],
        ["🍎", "NULL", "7"],
        ["x", "-2.25", "NULL"],
    ]
    assert "\n".join(out) == tabulate(
        texts,
        columns,
        tablefmt="psql",
        disable_numparse=True,
        colalign=["left", "decimal", "decimal"],
    )
