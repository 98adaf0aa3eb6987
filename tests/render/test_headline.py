"""The headline above an answer (issue 14): stated only when the rows prove it."""

from __future__ import annotations

import pytest

from c2q_repl.api.models import Answer
from c2q_repl.render.answer import render_answer
from c2q_repl.render.headline import headline, question_noun
from c2q_repl.render.options import RenderOptions

TOP5 = (
    ["stock_symbol", "short_name", "market_cap"],
    [
        ["AAPL", "Apple Inc.", "2900000000000"],
        ["MSFT", "Microsoft Corporation", "2750000000000"],
        ["GOOGL", "Alphabet Inc.", "1750000000000"],
    ],
)
TOP5_SQL = (
    "SELECT stock_symbol, short_name, market_cap FROM companies "
    "WHERE NOT market_cap IS NULL ORDER BY market_cap DESC, stock_symbol ASC LIMIT 5"
)


# ---------------------------------------------------------------- a single value


@pytest.mark.parametrize(
    "column, question, value, shown",
    [
        ("number_of_companies", "", "500", "500 companies"),  # the column says what it counts
        ("COUNT(*)", "How many companies are in the S&P 500?", "500", "500 companies"),
        ("count", "how many tech companies are there", 71, "71 tech companies"),
        ("companies", "how many companies are listed?", "1234", "1,234 companies"),
        ("number_of_companies", "", "1", "1 company"),
        # a count whose noun is not certain: the column's own name
        ("COUNT(*)", "what is the size of the index?", "500", "COUNT(*): 500"),
        (
            "total_market_cap",
            "how many dollars is the market worth",
            "51318770999984",
            "total_market_cap: 51,318,770,999,984",
        ),
        ("avg_growth", "", "-0.029199999999999997", "avg_growth: -0.0292"),
        ("short_name", "", "Apple Inc.", "short_name: Apple Inc."),
        # "how many employees" and a column of that name: a stored number, said as such
        ("employees", "how many employees does Apple have", "161000", "161,000 employees"),
    ],
)
def test_single_value(column, question, value, shown):
    assert headline([column], [[value]], question=question) == shown


def test_single_value_follows_the_number_setting():
    assert headline(["m"], [["57930000"]], numbers="human") == "m: 57.9M"
    assert headline(["m"], [["0.0011428571428571453"]], numbers="raw") == "m: 0.0011428571428571453"


@pytest.mark.parametrize("value", [None, "", "   "])
def test_no_headline_for_an_empty_single_value(value):
    assert headline(["n"], [[value]]) == ""


def test_question_noun():
    assert question_noun("How many companies are there per sector?") == "companies"
    assert question_noun("how many S&P companies have revenue") == "s&p companies"
    assert question_noun("list the companies") == ""
    assert question_noun("how many companies and sectors are there?") == ""
    assert question_noun("how many more companies are in Tech than in Energy?") == ""


# ---------------------------------------------------------------- a leader


def test_top_n_names_the_leader_and_its_value_as_the_table_shows_it():
    assert headline(*TOP5, sql=TOP5_SQL) == "Highest market cap: Apple Inc. (2,900,000,000,000)"
    assert headline(*TOP5, sql=TOP5_SQL, numbers="human") == (
        "Highest market cap: Apple Inc. ($2.90T)"
    )


def test_ascending_order_names_the_lowest():
    rows = [["SR", "Sapphire Retail", "-0.148"], ["CRM", "Salesforce, Inc.", "-0.145"]]
    sql = "SELECT stock_symbol, short_name, revenue_growth FROM companies ORDER BY revenue_growth LIMIT 5"
    assert (
        headline(["stock_symbol", "short_name", "revenue_growth"], rows, sql=sql)
        == "Lowest revenue growth: Sapphire Retail (-0.148)"
    )


def test_counts_per_group_say_most():
    rows = [["Industrials", "75"], ["Financial Services", "70"], ["Energy", "23"]]
    sql = "SELECT sector, COUNT(*) AS number_of_companies FROM companies GROUP BY sector ORDER BY 2 DESC"
    assert (
        headline(["sector", "number_of_companies"], rows, sql=sql)
        == "Most companies: Industrials (75)"
    )


def test_the_chart_label_is_preferred_when_it_names_the_rows():
    assert headline(*TOP5, sql=TOP5_SQL, label_hint="stock_symbol").startswith(
        "Highest market cap: AAPL"
    )


def test_an_order_by_inside_a_subquery_is_not_the_answer_order():
    sql = "SELECT * FROM (SELECT short_name, market_cap FROM companies ORDER BY market_cap DESC) t"
    assert headline(["short_name", "market_cap"], [["A", "2"], ["B", "1"]], sql=sql) == ""


@pytest.mark.parametrize(
    "columns, rows, sql",
    [
        # no ORDER BY: the first row is nobody's leader
        (["sector", "n"], [["Energy", "23"], ["Tech", "65"]], "SELECT sector, n FROM t"),
        # ordered by the label, not by a number
        (
            ["sector", "n"],
            [["Energy", "23"], ["Tech", "65"]],
            "SELECT sector, n FROM t ORDER BY sector",
        ),
        # ordered by an expression that is not a result column
        (["name", "n"], [["A", "3"], ["B", "2"]], "SELECT name, n FROM t ORDER BY n * price DESC"),
        # the rows contradict the SQL: never trust the claim over the data
        (["name", "n"], [["A", "1"], ["B", "5"]], "SELECT name, n FROM t ORDER BY n DESC"),
        # a tie at the top: no single leader
        (
            ["name", "n"],
            [["A", "5"], ["B", "5"], ["C", "1"]],
            "SELECT name, n FROM t ORDER BY n DESC",
        ),
        # NULLs in the ordered column
        (["name", "n"], [["A", None], ["B", "5"]], "SELECT name, n FROM t ORDER BY n DESC"),
        # no column names the rows (the label repeats)
        (
            ["sector", "n"],
            [["Tech", "5"], ["Tech", "3"]],
            "SELECT sector, n FROM t ORDER BY n DESC",
        ),
        # only numbers: nothing to name a leader by
        (["year", "n"], [["2023", "5"], ["2022", "3"]], "SELECT year, n FROM t ORDER BY n DESC"),
        # ordered by a year: "highest year" is not a finding
        (
            ["name", "founded_year"],
            [["A", "2020"], ["B", "2019"]],
            "SELECT name, founded_year FROM t ORDER BY founded_year DESC",
        ),
        # several columns and rows but nothing else to go on
        (["a", "b"], [["x", "1"]], ""),
    ],
)
def test_no_headline_when_the_rows_do_not_prove_one(columns, rows, sql):
    assert headline(columns, rows, sql=sql) == ""


def test_no_headline_without_rows():
    assert headline(["n"], []) == ""
    assert headline([], [[]]) == ""


# ---------------------------------------------------------------- in the answer


def _answer(columns, rows, sql, *, failed=False):
    return Answer.from_json(
        {
            "type": "data_retrieval",
            "task_id": "0",
            "status": "failed" if failed else "done",
            "clarified_task": "List the companies",
            "sql": sql,
            "sql_error": "boom" if failed else None,
            "data": {"columns": [{"col": c} for c in columns], "rows": rows},
        }
    )


def test_the_headline_is_the_first_line_of_an_answer():
    opts = RenderOptions(color=False, width=80, show_footer=False)
    out = render_answer(_answer(*TOP5, TOP5_SQL), opts, question="which companies are biggest?")
    assert out[0].startswith("❯ which companies")
    assert out[1] == "Highest market cap: Apple Inc. (2,900,000,000,000)"
    assert out[2].startswith("» List the companies")


def test_no_headline_line_when_none_applies_or_turned_off():
    opts = RenderOptions(color=False, width=80, show_footer=False)
    plain = render_answer(
        _answer(["sector", "n"], [["Energy", "23"], ["Tech", "65"]], "SELECT 1"), opts
    )
    assert plain[0].startswith("» List the companies")
    off = RenderOptions(color=False, width=80, show_headline=False)
    assert render_answer(_answer(*TOP5, TOP5_SQL), off)[0].startswith("» List")


def test_a_failed_answer_has_no_headline():
    opts = RenderOptions(color=False, width=80)
    out = render_answer(_answer(*TOP5, TOP5_SQL, failed=True), opts)
    assert not any(line.startswith("Highest") for line in out)


def test_breakdown_sub_tasks_get_their_own_headline():
    leaf = {
        "type": "data_retrieval",
        "task_id": "0-0",
        "status": "done",
        "task": "how many companies are there",
        "sql": "SELECT COUNT(*) FROM companies",
        "data": {"columns": [{"col": "COUNT(*)"}], "rows": [["500"]]},
    }
    answer = Answer.from_json(
        {"type": "breakdown", "task_id": "0", "status": "done", "sub_tasks": [leaf]}
    )
    out = render_answer(answer, RenderOptions(color=False, width=80))
    heading = next(i for i, line in enumerate(out) if line.startswith("── 1/1"))
    assert out[heading + 1] == "500 companies"


def test_the_typed_question_names_the_count_even_when_not_echoed():
    from c2q_repl.chat.round import Round, round_lines

    result = {
        "type": "data_retrieval",
        "task_id": "0",
        "status": "done",
        "task": "Count rows",
        "sql": "SELECT COUNT(*) FROM companies",
        "data": {"columns": [{"col": "COUNT(*)"}], "rows": [["500"]]},
    }
    round_ = Round(
        1, "how many companies are there?", "direct", job_raw={"status": "done", "result": result}
    )
    lines = round_lines(round_, RenderOptions(color=False, width=80))
    assert lines[0] == "500 companies"
