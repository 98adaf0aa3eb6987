"""'Max peak-to-trough drawdown for the S&P 500 over the full history: peak date, trough date,
% decline', 'What was AAPL's max drawdown in 2022 on daily closes?': one series' deepest fall
from its running high.

Each day's value is compared with the highest value on or before it in the period (a running
MAX over the dates); the day furthest below it is the trough, and the last day before it on
which the series stood at that high is the peak. One series only (a stock, the index): a
ranking of many series by their drawdowns is declined, as is a question that asks something
beside it. Written once in MySQL syntax and transpiled, so SQLite, MySQL and TiDB run the
same query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sqlglot

from c2q_repl.sandbox.contracts import Database

from .day_moves import Series, series_and_period
from .lexicon import Lexicon
from .preprocess import shorthand_words

_DRAWDOWN = re.compile(
    r"\b(?:max(?:imum)?\s+|biggest\s+|largest\s+|deepest\s+|worst\s+)?"
    r"(?:peak[- ]to[- ]trough\s+(?:drawdown|decline|fall|drop)?|draw[- ]?downs?)\b",
    re.I,
)
# words that only say what a drawdown answer shows, or ask for it
_SHOWN = re.compile(
    r"\b(?:peak|trough)\s+(?:dates?|days?|values?|levels?|closes?|prices?|px)\b|\+"
    r"|%\s*(?:fall|decline|drop|loss|move)?|\bin\s+(?:%|percent(?:age)?)"
    r"|\b(?:percent(?:age)?|pct)\s+(?:fall|decline|drop|loss)\b"
    r"|\bpeak[- ]to[- ]trough\b|\b(?:period|span)\b|[()]"
    r"|\bon\s+(?:daily\s+)?clos(?:es|ing\s+prices?|ing\s+levels?)\b"
    r"|\b(?:what|was|is|the|of|for|over|during|show|me|give|find|need|and|with|on|in|its"
    r"|their|had|has|did|data|dataset|history|full|whole|entire|all|you|have|daily|closes?"
    r"|level|price|prices|max(?:imum)?|biggest|largest|deepest|worst)\b",
    re.I,
)


@dataclass(frozen=True)
class Drawdown:
    series: Series
    start: str = ""  # the period, [start, end); "" = open
    end: str = ""
    period_text: str = ""


@dataclass(frozen=True)
class WrittenQuery:
    """SQL a module wrote whole, what it answers, and the notes that say how it reads."""

    sql: str
    task: str
    notes: tuple[tuple[str, str], ...]


def read_drawdown(question: str, lex: Lexicon, database: Database) -> Drawdown | None:
    """The one series' drawdown a question asks for, or None."""
    said = _DRAWDOWN.search(question)
    if said is None:
        return None
    if re.search(
        r"\b(?:which|what)\s+(?:\d+\s+)?(?:stocks|companies|names|tickers)\b", question, re.I
    ):
        return None  # a ranking of series by their drawdowns: not read here
    rest = question[: said.start()] + " " + question[said.end() :]
    # ', i.e. the biggest % fall from a running peak close to a later close': said again
    rest = re.sub(r"[,;(]?\s*\b(?:i\.?e\.?|that\s+is|meaning)\b.*$", "", rest, flags=re.I)
    rest = _SHOWN.sub(" ", rest)
    rest = re.sub(r"['’]s\b", " ", rest)
    found = series_and_period(shorthand_words(rest), lex, database)  # ('idx', 'px')
    if found is None:
        return None
    series, period = found
    if series is None or len(series.values) != 1:
        return None
    start, end, text = period or ("", "", "")
    return Drawdown(series, start, end, text)


@dataclass(frozen=True)
class SeriesSql:
    """One named series' names quoted for MySQL, and the conditions that keep its rows of a
    period (drawdown.py and period_returns.py write their SQL from them)."""

    date: str
    measure: str
    key: str
    table: str
    value: str  # the series' key value, quoted as a string literal's body
    where: tuple[str, ...]


def series_sql(s: Series, start: str, end: str) -> SeriesSql:
    date, measure, key, table = f"`{s.date}`", f"`{s.measure}`", f"`{s.key}`", f"`{s.table}`"
    value = s.values[0].replace("'", "''")
    where = [f"{key} = '{value}'"]
    if start:
        where.append(f"{date} >= '{start}'")
    if end:
        where.append(f"{date} < '{end}'")
    return SeriesSql(date, measure, key, table, value, tuple(where))


def period_words(text: str, default: str = "") -> str:
    """The period as it reads after a noun (' in 2022', ' from March 2022 to June 2023'): the
    reading keeps '2022' without the 'in' said before it."""
    if not text:
        return default
    if re.match(
        r"(?:in|on|from|between|during|since|over|for|after|before|until|through)\b", text, re.I
    ):
        return f" {text}"
    return f" in {text}"


def drawdown_query(drawdown: Drawdown, dialect: str) -> WrittenQuery:
    s = drawdown.series
    q = series_sql(s, drawdown.start, drawdown.end)
    date, measure, table, where = q.date, q.measure, q.table, q.where
    running = (
        f"SELECT {date} AS `day`, {measure} AS `value`, MAX({measure}) OVER (ORDER BY {date} "
        f"ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `peak` FROM {table} "
        f"WHERE {' AND '.join(where)}"
    )
    trough = (
        "SELECT `day`, `value`, `peak`, (`value` - `peak`) * 100.0 / `peak` AS `fall` "
        f"FROM ({running}) AS `r` ORDER BY `fall` ASC, `day` LIMIT 1"
    )
    peak_day = (
        f"(SELECT MAX(`r2`.`day`) FROM ({running}) AS `r2` WHERE `r2`.`value` = `t`.`peak` "
        "AND `r2`.`day` <= `t`.`day`)"
    )
    sql = (
        f"SELECT {peak_day} AS `peak_date`, `t`.`peak` AS `peak_{s.measure}`, `t`.`day` AS "
        f"`trough_date`, `t`.`value` AS `trough_{s.measure}`, `t`.`fall` AS `drawdown_percent` "
        f"FROM ({trough}) AS `t`"
    )
    sql = sqlglot.transpile(sql, read="mysql", write=dialect)[0]
    who = s.label or s.values[0]
    period = period_words(drawdown.period_text, " over all its data")
    task = f"The largest fall of {who}'s {s.measure} from its running high{period}"
    notes = (
        (
            "drawdown",
            f"each day's {s.measure} against the highest {s.measure} on or before it"
            f"{period}; the trough is the day furthest below it, in percent, and the peak "
            "the last day before it at that high",
        ),
    )
    return WrittenQuery(sql, task, notes)


AGAIN = re.compile(
    r"^\s*(?:(?:ok(?:ay)?|so)[\s,]+)?(?:same(?:\s+thing)?(?:\s+for)?|and(?:\s+for)?|now|"
    r"what\s+about|how\s+about|do\s+the\s+same\s+for|then)\b(?P<rest>[^?]*)[?.!]*\s*$",
    re.I,
)


def drawdown_again(
    question: str, prior: Drawdown, lex: Lexicon, database: Database
) -> Drawdown | None:
    """'Same for MSFT.', 'and in 2023?' after a drawdown: the same measure of another series
    or period."""
    found = asked_again(question, prior.series, lex, database)
    if found is None:
        return None
    series, period = found
    start, end, text = period or (prior.start, prior.end, prior.period_text)
    return Drawdown(series, start, end, text)


def asked_again(
    question: str, prior: Series, lex: Lexicon, database: Database
) -> tuple[Series, tuple[str, str, str] | None] | None:
    """(the series, the period said or None) of 'Same for MSFT.', 'and in 2023?' after an
    answer about ``prior``: another series of the same history, or another period."""
    m = AGAIN.match(question)
    if m is None:
        return None
    found = series_and_period(_SHOWN.sub(" ", m.group("rest")), lex, database)
    if found is None:
        return None
    series, period = found
    if series is None and period is None:
        return None
    if series is not None and (len(series.values) != 1 or series.table != prior.table):
        return None
    return series or prior, period


def drawdown_of(data: dict) -> Drawdown:
    return Drawdown(**{**data, "series": Series(**data["series"])})
