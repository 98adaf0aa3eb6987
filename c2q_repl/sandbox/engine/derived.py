"""A measure the data holds as two columns: a day's high-low range ('AAPL's biggest intraday
range in 2023', 'NVDA avg daily range (high - low) by month for 2023', 'hi-lo range on
12/29/23').

The range phrase is read as a stand-in for the ``high`` column (the question is answered as
if it named it), then every use of that column in the SQL becomes ``high - low``. Read only
when one table has both columns and the question names neither elsewhere; an answer built
this way keeps no spec, so a follow-up cannot silently go back to the plain high.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

from c2q_repl.sandbox.contracts import Catalog

from .lexicon import column_kind

_HIGH_LOW = r"(?:high|hi)\s*(?:-|–|minus|to)\s*(?:low|lo)"
_RANGE = re.compile(
    r"(?:\b(?:daily|intraday|intra-day|trading|day'?s?|price)\s+)?"
    r"(?:\b" + _HIGH_LOW + r"\b(?:\s+(?:range|spread|gap|difference))?"
    r"(?:\s*\(\s*" + _HIGH_LOW + r"\s*\))?"
    r"|\b(?:range|spread)\s*\(\s*" + _HIGH_LOW + r"\s*\)"
    r"|\b(?:gap|difference|spread)\s+between\s+(?:the\s+|its\s+)?(?:daily\s+)?high\s+and\s+"
    r"(?:the\s+)?low\b"
    r"|\b(?:intraday|intra-day|daily|trading)\s+(?:price\s+)?ranges?\b"
    r"(?:\s*\(\s*" + _HIGH_LOW + r"\s*\))?"
    # 'TSLA days in 2023 with a range over $20': a day's range, said bare (never a range of
    # dates, nor 'in the range of')
    r"|(?<!date\s)(?<!time\s)(?<!the\s)\branges?\b(?!\s+(?:of|between|from)\b))",
    re.I,
)
# 'NVDA avg high-low range by month': an average of ranges is of the days' ranges
_AVERAGED = re.compile(r"\b(?:avg|average|mean|typical)\s*$", re.I)
_NAMES_EITHER = re.compile(r"\b(?:high|low|hi|lo|highs|lows)\b", re.I)
# 'range = (high-low)/low', 'measured as (high-low)/low': the range as a percent of the
# day's own low, open or close, said outright (never assumed: 'range' alone is high - low)
_PERCENT_OF = re.compile(
    r"[\s,;:]*(?:\(\s*)?(?:(?:range|it)\s*=\s*|(?:measured|defined|computed)\s+as\s+|as\s+)?"
    r"(?:\(\s*(?:high|hi)\s*(?:-|−|–)\s*(?:low|lo)\s*\)\s*/\s*(?P<by>low|open|close)\b"
    r"(?P<hundred>\s*\*\s*100)?"
    # 'high minus low as a % of the open'
    r"|\(?\s*(?:high|hi)\s*(?:-|−|–|minus)\s*(?:low|lo)\s*\)?\s*,?\s*as\s+(?:a\s+)?(?P<pct>%|percent(?:age)?|pct)"
    r"\s+of\s+(?:the\s+)?(?:day'?s\s+)?(?P<by2>low|open|close)\b)(?:\s*\))?",
    re.I,
)
_DAY_WORD = re.compile(
    r"\b(?:daily|intraday|intra-day|day'?s?|single[- ]day|one[- ]day|per\s+day|each\s+day"
    r"|sessions?|days)\b",
    re.I,
)
# one day said: an ISO date, a month and its day, 'the last day'
_ONE_DAY = re.compile(
    r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"[a-z]*\.?\s+\d{1,2}\b|\blast\s+(?:trading\s+)?day\b",
    re.I,
)
_RANGE_UNIT = re.compile(
    r"\s*,?\s*\b(?:in|as\s+a)\s+(?:%|percent(?:age)?\b|pct\b)(?:\s+terms\b)?|(?<=range)\s*%", re.I
)
_PERCENT_WORD = re.compile(r"%|\bpercent(?:age)?\b|\bpct\b", re.I)


@dataclass(frozen=True)
class Derived:
    table: str
    stand_in: str  # the column the question is read with ('high')
    other: str  # the column subtracted ('low'); "" for a plain ratio of stand_in to per
    name: str  # the output name of the measure
    per: str = ""  # the column the range is divided by ('low'), or "" for the points
    hundred: bool = False  # that ratio in percent ('range %', '* 100')
    # a ranking said apart from the ratio ('… per employee for the 5 largest companies'): it
    # must not rank by the stand-in column, which would become the ratio
    ranked_apart: bool = False

    @property
    def note(self) -> tuple[str, str]:
        if not self.other:
            times = " * 100" if self.hundred else ""
            return (
                "ratio",
                f"a ratio of two columns: {self.table}.{self.stand_in}{times} / {self.per}",
            )
        if self.per:
            times = " * 100" if self.hundred else ""
            return (
                "range",
                f"a day's range {'in percent' if self.hundred else 'as a ratio'}: "
                f"({self.table}.{self.stand_in} - {self.other}){times} / {self.per}",
            )
        return ("range", f"a day's range: {self.table}.{self.stand_in} - {self.other}")


def read_range(question: str, catalog: Catalog) -> tuple[str, Derived] | None:
    """(the question with its range phrase read as the high, the measure) or None."""
    percent = list(_PERCENT_OF.finditer(question))
    if len(percent) > 1:
        return None
    said_percent = False
    if percent:
        question = question[: percent[0].start()] + question[percent[0].end() :]
        # 'in %', 'range %': the unit of that range, read with it
        question, said = _RANGE_UNIT.subn("", question)
        said_percent = bool(said)
    found = list(_RANGE.finditer(question))
    if len(found) != 1:
        return None
    averaged = _AVERAGED.search(question[: found[0].start()]) if found else None
    if not (_DAY_WORD.search(question) or _ONE_DAY.search(question) or averaged):
        # 'which one had the widest range (high minus low)' after the year's highs and lows:
        # the year's high minus its low, or the widest single day? Not guessed.
        return None
    tables = [
        t.name
        for t in catalog.tables
        if {"high", "low"} <= {c.name.lower() for c in t.columns if column_kind(c.type) == "number"}
    ]
    if len(tables) != 1:
        return None
    match = found[0]
    rest = question[: match.start()] + " " + question[match.end() :]
    if _NAMES_EITHER.search(rest):
        return None  # 'the range and the high': the high is asked for itself too
    info = catalog.table(tables[0])
    assert info is not None
    high = next(c.name for c in info.columns if c.name.lower() == "high")
    low = next(c.name for c in info.columns if c.name.lower() == "low")
    # 'high price': the column's own synonym, never the superlative 'high' ('NVDA high for
    # 2023' is the year's highest high)
    rewritten = question[: match.start()] + f"{high} price" + question[match.end() :]
    if percent:
        divisor = (percent[0].group("by") or percent[0].group("by2")).lower()
        per = next((c.name for c in info.columns if c.name.lower() == divisor), None)
        if per is None:
            return None
        hundred = bool(
            percent[0].group("hundred")
            or percent[0].group("pct")
            or said_percent
            or _PERCENT_WORD.search(question)
        )
        name = "range_percent" if hundred else "range_ratio"
        return rewritten, Derived(tables[0], high, low, name, per, hundred)
    return rewritten, Derived(tables[0], high, low, "high_low_range")


def with_range(sql: str, derived: Derived, dialect: str) -> str | None:
    """``sql`` with every use of the stand-in column as ``high - low`` (None: not used)."""
    try:
        tree = sqlglot.parse_one(sql, read=dialect)
    except SqlglotError:
        return None
    used = False
    renamed: dict[str, str] = {}

    def swap(node: exp.Expression) -> exp.Expression:
        nonlocal used
        if isinstance(node, exp.Column) and node.name == derived.stand_in:
            used = True
            table = node.table
            spread: exp.Expression = node.copy()
            if derived.other:
                low = exp.column(derived.other, table) if table else exp.column(derived.other)
                spread = exp.Paren(this=exp.Sub(this=spread, expression=low))
            if not derived.per:
                return spread
            per: exp.Expression = (
                exp.column(derived.per, table) if table else exp.column(derived.per)
            )
            if not derived.other:
                # a ratio of two columns: a zero divisor gives no value, never an error
                per = exp.Nullif(this=per, expression=exp.Literal.number(0))
            # '* 1.0' keeps an integer high and low from a whole-number division
            scale = exp.Literal.number("100.0" if derived.hundred else "1.0")
            ratio = exp.Div(this=exp.Mul(this=spread, expression=scale), expression=per)
            return exp.Paren(this=ratio)
        if isinstance(node, exp.Alias) and derived.stand_in in node.alias:
            new = node.alias.replace(derived.stand_in, derived.name)
            renamed[node.alias] = new
            node.set("alias", exp.to_identifier(new))
        return node

    def follow(node: exp.Expression) -> exp.Expression:
        # 'grouped.max_high' outside the subquery that named it: its new name
        if isinstance(node, exp.Column) and node.name in renamed:
            node.set("this", exp.to_identifier(renamed[node.name]))
        return node

    changed = tree.transform(swap)
    if not used:
        return None
    changed = changed.transform(follow)
    if isinstance(changed, exp.Select):
        # an unnamed range column still says what it is
        changed.set(
            "expressions",
            [
                exp.alias_(e, derived.name)
                if isinstance(e, exp.Paren) and derived.stand_in in e.sql()
                else e
                for e in changed.expressions
            ],
        )
        changed = _with_operands(changed, derived)
    return changed.sql(dialect=dialect)


def _with_operands(select: exp.Select, derived: Derived) -> exp.Select:
    """'MSFT widest range day in 2022': the day's high and low beside its range, so the
    reader sees what was subtracted; only in a plain list of rows (no grouping, no
    aggregate, no DISTINCT), where each row is one day."""
    if not derived.other or select.args.get("group") or select.args.get("distinct"):
        return select
    if any(e.find(exp.AggFunc) for e in select.expressions):
        return select
    shown = {e.alias_or_name for e in select.expressions}
    at = next(
        (
            k
            for k, e in enumerate(select.expressions)
            if e.alias_or_name == derived.name and e.find(exp.Sub) is not None
        ),
        None,
    )
    if at is None or derived.stand_in in shown or derived.other in shown:
        return select
    sub = select.expressions[at].find(exp.Sub)
    table = sub.this.table if isinstance(sub.this, exp.Column) else ""
    operands = [
        exp.column(derived.stand_in, table) if table else exp.column(derived.stand_in),
        exp.column(derived.other, table) if table else exp.column(derived.other),
    ]
    expressions = list(select.expressions)
    select.set("expressions", [*expressions[:at], *operands, *expressions[at:]])
    return select
