"""'combined market cap of the top 5 companies': one total over the rows a ranking keeps.

Without this the aggregate word and the ranking fight: the engine either declined ('top' ranks
nothing under a single total) or, worse, grouped the total by each row and listed the top N
totals. Here the question is answered in two steps: the ranking without the aggregate word
('market cap of the top 5 companies', read by the engine as any other question), then its
measure column added up in an outer query over those rows. Pure: text in, text out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

_FUNCS = {
    "combined": "SUM",
    "total": "SUM",
    "aggregate": "SUM",
    "cumulative": "SUM",
    "sum of": "SUM",
    "sum of the": "SUM",
    "average": "AVG",
    "avg": "AVG",
    "mean": "AVG",
}
_RANK_WORDS = r"(?:largest|biggest|top|highest|smallest|lowest|bottom|heaviest|richest|most\s+\w+)"
_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "ten": 10, "twenty": 20}
_NUMBER = r"(?:\d{1,3}|two|three|four|five|ten|twenty)"
_TOTAL_OF_TOP = re.compile(
    r"\b(?P<word>combined|total|aggregate|cumulative|sum\s+of(?:\s+the)?|average|avg|mean)\s+"
    r"(?P<measure>[a-z][\w&.'-]*(?:\s+[a-z][\w&.'-]*){0,3}?)\s+(?:of|for|across)\s+"
    r"(?:the\s+)?(?:(?:top|bottom)\s+(?P<n1>"
    + _NUMBER
    + r")|(?P<n2>"
    + _NUMBER
    + r")\s+"
    + _RANK_WORDS
    + r")\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class TopTotal:
    """The ranking question without its aggregate word, and what to do with its rows."""

    inner_question: str  # 'market cap of the top 5 companies'
    word: str  # the user's aggregate word ('combined')
    func: str  # SUM | AVG
    measure: str  # the user's words for the column added up ('market cap')
    rows: int  # how many rows the ranking keeps


def total_of_top(question: str) -> TopTotal | None:
    """The question as a total over a top N, or None when it is not one."""
    found = _TOTAL_OF_TOP.search(question)
    if found is None:
        return None
    said = found.group("n1") or found.group("n2")
    rows = _NUMBER_WORDS.get(said.lower()) if not said.isdigit() else int(said)
    if not rows or rows < 2:
        return None  # the total of one row is that row's value: an ordinary question
    word = found.group("word")
    func = _FUNCS[" ".join(word.lower().split())]
    inner = (question[: found.start("word")] + question[found.end("word") :].lstrip()).strip()
    return TopTotal(inner, word, func, found.group("measure"), rows)


def inner_showing(inner_sql: str, column: str, dialect: str) -> exp.Select | None:
    """The ranking's SELECT when it shows ``column`` (to total it in an outer query); else None."""
    try:
        inner = sqlglot.parse_one(inner_sql, read=dialect)
    except SqlglotError:
        return None
    if not isinstance(inner, exp.Select):
        return None
    return inner if column in [e.alias_or_name for e in inner.expressions] else None


def totalled_sql(inner_sql: str, column: str, func: str, dialect: str) -> str | None:
    """SELECT func(column) over the inner query's rows; None when it does not show the column."""
    inner = inner_showing(inner_sql, column, dialect)
    if inner is None:
        return None
    alias = ("combined_" if func == "SUM" else "average_") + column
    outer = exp.select(exp.alias_(exp.func(func, exp.column(column, "top_rows")), alias)).from_(
        inner.subquery("top_rows")
    )
    return outer.sql(dialect=dialect)
