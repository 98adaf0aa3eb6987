"""'S&P 500 first close, last close and % change for each calendar year', 'AAPL's monthly
returns in 2023': one series' change within each year, quarter or month.

Each period's change is read the way a one-period change is (change.py): the value on the
last day of that period with data minus the value on its first day, as a percentage of the
first. The first and last values are shown beside it so the reader can check. One series only
(a stock, the index); a ranking of many series per period is declined, as is a question that
asks something beside it. Written once in MySQL syntax and transpiled, so SQLite, MySQL and
TiDB run the same query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sqlglot

from c2q_repl.sandbox.contracts import Database

from .day_moves import Series, series_and_period
from .drawdown import AGAIN, WrittenQuery, period_words, series_sql
from .lexicon import Lexicon

_UNITS = {"year": "%Y", "quarter": "", "month": "%Y-%m"}
_EACH = re.compile(
    r"\b(?:(?:in|for|of)\s+)?(?:each|every|per|by)\s+(?:calendar\s+)?(?P<unit>year|quarter|month)"
    r"\b|\b(?P<adjective>yearly|annual|annually|quarterly|monthly)\b"
    r"|\b(?P<repeat>year|quarter|month)[- ](?:by|on)[- ](?:year|quarter|month)\b"
    r"|\b(?:(?:in|for)\s+)?(?:each|every)\s+of\s+the\s+(?P<plural>years|quarters|months)\b",
    re.I,
)
_ADJECTIVE_UNIT = {
    "yearly": "year",
    "annual": "year",
    "annually": "year",
    "quarterly": "quarter",
    "monthly": "month",
}
_CHANGE = re.compile(
    r"(?:%|\bpercent(?:age)?|\bpct)\s*(?:change|chg|move|return|gain|performance)s?\b"
    r"|\b(?:change|return|performance|perf|gain\s+or\s+loss|move)s?\s+(?:in\s+)?(?:%|percent)"
    r"|\b(?:returns?|performance|perf|change|changes|chg)\b"
    r"|\bhow\s+(?:did|has|have)\b.+?\b(?:do|done|perform(?:ed)?|fare|fared)\b"
    r"|\bup\s+or\s+down\b",
    re.I,
)
# words that only say what the answer shows, or ask for it
_SHOWN = re.compile(
    r"\b(?:first|opening|starting|start)\s+(?:and\s+(?:last|closing|ending|end)\s+)?"
    r"(?:close|closing\s+price|price|level|value)s?\b"
    r"|\b(?:last|closing|ending|end)\s+(?:close|closing\s+price|price|level|value)s?\b"
    r"|\b(?:start|end)\s+of\s+(?:the\s+)?(?:year|quarter|month)\b"
    r"|\b(?:what|was|were|is|the|of|for|over|during|show|me|give|find|need|and|with|on|in|its"
    r"|their|had|has|did|data|dataset|history|full|whole|entire|all|you|have|close|closes"
    r"|level|price|prices|calendar|each|every|per|by|as|a|an|%|percent|percentage|list|please"
    r"|can|could|i|want|see|table|breakdown|how|much|it|went|go|stock|shares?|index)\b|[,:;]",
    re.I,
)
_MEASURES = ("close", "adj_close", "price")


@dataclass(frozen=True)
class PeriodReturns:
    series: Series
    unit: str  # "year" | "quarter" | "month"
    start: str = ""  # the period the changes are read within, [start, end); "" = open
    end: str = ""
    period_text: str = ""


def read_period_returns(question: str, lex: Lexicon, database: Database) -> PeriodReturns | None:
    """The one series' change per year, quarter or month a question asks for, or None."""
    each = _EACH.search(question)
    change = _CHANGE.search(question)
    if each is None or change is None:
        return None
    if re.search(
        r"\b(?:which|what)\s+(?:\d+\s+)?(?:stocks|companies|names|tickers|sectors)\b"
        r"|\b(?:best|worst|top|bottom|highest|lowest|biggest|largest|most)\b",
        question,
        re.I,
    ):
        return None  # a ranking of periods or of series: not read here
    unit = _unit(each)
    rest = question
    for said in sorted((each, change), key=lambda m: m.start(), reverse=True):
        rest = rest[: said.start()] + " " + rest[said.end() :]
    return _read(rest, unit, lex, database)


def _unit(each: re.Match[str]) -> str:
    if each.group("unit"):
        return each.group("unit").lower()
    if each.group("adjective"):
        return _ADJECTIVE_UNIT[each.group("adjective").lower()]
    if each.group("repeat"):
        return each.group("repeat").lower()
    return each.group("plural").lower().rstrip("s")


def _read(rest: str, unit: str, lex: Lexicon, database: Database) -> PeriodReturns | None:
    rest = re.sub(r"['’]s\b", " ", rest)
    rest = _SHOWN.sub(" ", rest)
    found = series_and_period(rest, lex, database)
    if found is None:
        return None
    series, period = found
    if series is None or len(series.values) != 1 or series.measure not in _MEASURES:
        return None
    start, end, text = period or ("", "", "")
    return PeriodReturns(series, unit, start, end, text)


def period_returns_again(
    question: str, prior: PeriodReturns, lex: Lexicon, database: Database
) -> PeriodReturns | None:
    """'Same for MSFT.', 'and monthly?', 'now for 2023' after the changes per period."""
    m = AGAIN.match(question)
    if m is None:
        return None
    rest = m.group("rest")
    unit = prior.unit
    each = _EACH.search(rest)
    if each is not None:
        unit = _unit(each)
        rest = rest[: each.start()] + " " + rest[each.end() :]
    rest = _SHOWN.sub(" ", _CHANGE.sub(" ", re.sub(r"['’]s\b", " ", rest)))
    found = series_and_period(rest, lex, database)
    if found is None:
        return None
    series, period = found
    if series is None and period is None and unit == prior.unit:
        return None
    if series is not None and (len(series.values) != 1 or series.measure not in _MEASURES):
        return None  # the index after a stock (or back) is another series of the same kind
    start, end, text = period or (prior.start, prior.end, prior.period_text)
    return PeriodReturns(series or prior.series, unit, start, end, text)


def period_returns_of(data: dict) -> PeriodReturns:
    return PeriodReturns(**{**data, "series": Series(**data["series"])})


def period_returns_query(asked: PeriodReturns, dialect: str) -> WrittenQuery:
    s = asked.series
    q = series_sql(s, asked.start, asked.end)
    date, measure, key, table, value, where = q.date, q.measure, q.key, q.table, q.value, q.where
    if asked.unit == "quarter":
        month = f"DATE_FORMAT({date}, '%m')"
        label = (
            f"CONCAT(DATE_FORMAT({date}, '%Y'), '-Q', CASE WHEN {month} <= '03' THEN '1' "
            f"WHEN {month} <= '06' THEN '2' WHEN {month} <= '09' THEN '3' ELSE '4' END)"
        )
    else:
        label = f"DATE_FORMAT({date}, '{_UNITS[asked.unit]}')"
    periods = (
        f"SELECT {label} AS `{asked.unit}`, MIN({date}) AS `first_day`, MAX({date}) AS "
        f"`last_day` FROM {table} WHERE {' AND '.join(where)} GROUP BY {label}"
    )
    first, last = f"`first_{s.measure}`", f"`last_{s.measure}`"
    sql = (
        f"SELECT `p`.`{asked.unit}`, `f`.{measure} AS {first}, `l`.{measure} AS {last}, "
        f"(`l`.{measure} - `f`.{measure}) * 100.0 / `f`.{measure} AS `percent_change` "
        f"FROM ({periods}) AS `p` "
        f"JOIN {table} AS `f` ON `f`.{key} = '{value}' AND `f`.{date} = `p`.`first_day` "
        f"JOIN {table} AS `l` ON `l`.{key} = '{value}' AND `l`.{date} = `p`.`last_day` "
        f"ORDER BY `p`.`{asked.unit}`"
    )
    sql = sqlglot.transpile(sql, read="mysql", write=dialect)[0]
    who = s.label or s.values[0]
    period = period_words(asked.period_text)
    task = f"The % change of {who}'s {s.measure} in each {asked.unit}{period}"
    notes = (
        (
            f"change in each {asked.unit}",
            f"{s.measure} on the last day of each {asked.unit} with data minus on its first "
            f"day, as a percentage of the first; a {asked.unit} the data covers only in part "
            "is read over the days it has",
        ),
    )
    return WrittenQuery(sql, task, notes)
