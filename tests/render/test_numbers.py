"""Readable numbers in tables (issue 14): separators, significant digits, the
abbreviated form, identifiers left alone, decimal points lined up, raw exact."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tabulate import tabulate

from c2q_repl.render.numbers import (
    compact,
    format_column,
    human_decimal,
    readable,
    readable_decimal,
    readable_text,
)
from c2q_repl.render.options import RenderOptions
from c2q_repl.render.table import prepare_table, render_table


@pytest.mark.parametrize(
    "text, shown",
    [
        ("0.0011428571428571453", "0.00114"),
        ("-0.029199999999999997", "-0.0292"),
        ("1234567", "1,234,567"),
        ("-1234", "-1,234"),
        ("2896100000000", "2,896,100,000,000"),
        ("2900000000000.5", "2,900,000,000,001"),  # half up, like people round
        ("1234.5", "1,234.5"),
        ("1.50", "1.50"),  # a DECIMAL(…,2) keeps its cents
        ("123.456", "123.46"),
        ("1.0000000000002", "1"),
        ("0.30000000000000004", "0.3"),
        ("0.5", "0.5"),
        ("-0", "0"),
        ("0.000", "0"),
        ("1e5", "100,000"),
        ("+7", "7"),
        ("-.5", "-0.5"),
        ("1e300", "1e+300"),
    ],
)
def test_readable_form_of_one_value(text, shown):
    assert readable_text(text) == shown
    assert readable_decimal(Decimal(text)) == shown


@pytest.mark.parametrize(
    "text, money, shown",
    [
        ("2896100000000", True, "$2.90T"),
        ("57930000", False, "57.9M"),
        ("310200000000", False, "310B"),
        ("999999999", False, "1.00B"),  # rounding up moves to the next suffix
        ("-57930000", True, "-$57.9M"),
        ("950", False, "950"),
        ("12.345", True, "$12.35"),
    ],
)
def test_human_form(text, money, shown):
    assert human_decimal(Decimal(text), money) == shown


def test_the_text_and_decimal_paths_agree():
    import random

    rnd = random.Random(3)
    for _ in range(3000):
        value = rnd.uniform(-1, 1) * 10 ** rnd.randint(-8, 17)
        text = f"{value:.{rnd.randint(0, 12)}f}"
        assert readable_text(text) == readable_decimal(Decimal(text)), text


def test_compact_chart_labels():
    assert compact(2.8961e12) == "2.90T"
    assert compact(-0.029199999999999997) == "-0.0292"
    assert compact(12345.0) == "12,345"
    assert compact(-57_930_000.0) == "-57.9M"


def test_readable_passes_text_through():
    assert readable("Apple") == "Apple"
    assert readable(None) == ""
    assert readable(1234) == "1,234"


def _table(columns, rows, **kw):
    kw.setdefault("color", False)
    kw.setdefault("vertical", "off")
    return render_table(columns, rows, RenderOptions(**kw))


ROWS = [
    ["Apple", "2896100000000", "0.0011428571428571453", 164000, "2023"],
    ["Exxon", "457900000000", "-0.029199999999999997", 62000, "2022"],
    ["Tiny", "57900000", "12.5", None, "2021"],
]
COLUMNS = ["name", "market_cap", "change", "employees", "fiscal_year"]


def test_tables_are_readable_by_default_with_points_lined_up():
    assert _table(COLUMNS, ROWS) == [
        "+--------+-------------------+----------+-------------+---------------+",
        "| name   |        market_cap |   change |   employees |   fiscal_year |",
        "|--------+-------------------+----------+-------------+---------------|",
        "| Apple  | 2,896,100,000,000 |  0.00114 |     164,000 |          2023 |",
        "| Exxon  |   457,900,000,000 | -0.0292  |      62,000 |          2022 |",
        "| Tiny   |        57,900,000 | 12.5     |        NULL |          2021 |",
        "+--------+-------------------+----------+-------------+---------------+",
    ]


def test_raw_shows_exactly_what_was_sent():
    out = "\n".join(_table(COLUMNS, ROWS, numbers="raw"))
    assert "2896100000000" in out and "0.0011428571428571453" in out
    assert "-0.029199999999999997" in out and "164000" in out


def test_human_abbreviates_large_money_columns_and_keeps_points_aligned():
    out = _table(COLUMNS, ROWS, numbers="human")
    caps = [line.split("|")[2] for line in out[3:6]]
    assert [c.strip() for c in caps] == ["$2.90T", "$458B", "$57.9M"]
    # the decimal points (or their place) share one column
    points = {c.index(".") for c in caps if "." in c}
    assert len(points) == 1
    assert caps[1].index("B") == next(iter(points))
    # small numbers in the same table stay in the readable form
    assert "164,000" in out[3] and "0.00114" in out[3]


@pytest.mark.parametrize(
    "name, cells",
    [
        ("id", ["1001", "1002"]),
        ("company_id", ["123456", "7"]),
        ("year", ["2023", "2024"]),
        ("zip", ["02134", "10001"]),
        ("whatever", ["007", "1234"]),  # a leading zero: a code, not a quantity
        ("CompanyID", ["12345", "67890"]),
        ("fiscalyear", ["2023", "2024"]),
        ("account_number", ["1234567890"]),
    ],
)
def test_identifier_columns_keep_their_digits(name, cells):
    assert format_column(name, list(cells), "readable", "NULL") is None
    out = "\n".join(_table([name], [[c] for c in cells]))
    for c in cells:
        assert c in out


def test_column_type_is_decided_per_column_not_per_cell():
    # one text cell makes the whole column text: no cell of it is reformatted
    out = "\n".join(_table(["v"], [["1234567"], ["n/a"]]))
    assert "1234567" in out and "1,234,567" not in out
    # a numeric column formats every cell, NULLs included as NULL
    out = "\n".join(_table(["v"], [["1234567"], [None], ["2.5"]]))
    assert "1,234,567" in out and "NULL" in out


def test_nan_and_infinity_are_shown_as_sent():
    out = "\n".join(_table(["v"], [[float("nan")], [1234.0]]))
    assert "nan" in out


def test_vertical_records_use_the_readable_form():
    out = _table(["name", "market_cap"], [["Apple", "2896100000000"]], vertical="on")
    assert any(line.endswith("2,896,100,000,000") for line in out)


number_text = st.one_of(
    st.integers(min_value=-(10**22), max_value=10**22).map(str),
    st.decimals(allow_nan=False, allow_infinity=False, places=4).map(str),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(number_text, min_size=2, max_size=2), min_size=1, max_size=8))
def test_readable_tables_stay_tabulate_identical(rows):
    """The readable cells are numbers to tabulate too: our fast path and
    tabulate's decimal alignment agree byte for byte."""
    opts = RenderOptions(color=False, vertical="off", width=10**6)
    prepared = prepare_table(["a", "b"], rows, opts)
    assert prepared.aligns == ["decimal", "decimal"]
    cells = [list(r) for r in zip(*prepared.columns)]
    assert "\n".join(render_table(["a", "b"], rows, opts)) == tabulate(
        cells, prepared.headers, tablefmt="psql", disable_numparse=True, colalign=prepared.aligns
    )


@pytest.mark.parametrize("name", ["amount_paid", "number_of_companies", "employees", "marketCap"])
def test_quantities_are_not_mistaken_for_identifiers(name):
    assert format_column(name, ["1234567"], "readable", "NULL") == (["1,234,567"], False)


def test_money_is_said_only_for_money_columns():
    out = format_column("capacity", ["57930000"], "human", "NULL")
    assert out is not None and out[0] == ["57.9M"]
    out = format_column("marketCap", ["57930000"], "human", "NULL")
    assert out is not None and out[0] == ["$57.9M"]
