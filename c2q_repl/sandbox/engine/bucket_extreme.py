"""'which month had the most signups', 'what year had the highest average close for AAPL':
a period ranked by a measure of its rows. Read as the measure per period, top 1 ('number of
signups per month, top 1'), which the grouping already answers; the measure named by the
question (an average, a total) is kept, 'most' rows are counted and 'most' of a number is
its total."""

from __future__ import annotations

import re

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

from .lexicon import Lexicon
from .linking import link

_BUCKETS = r"month|quarter|year|week|day|date|trading\s+day|session"
# a day's own row is already one value: a day is ranked here only by a total, an average or a
# count over its rows ('which day had the highest total volume'), never by its max
_DAYS = frozenset({"day", "date", "trading day", "session"})
_UP = {"most", "highest", "biggest", "largest", "greatest", "max", "maximum"}
_DOWN = {"fewest", "least", "lowest", "smallest", "min", "minimum"}
_SUPERLATIVE = "|".join(sorted(_UP | _DOWN, key=len, reverse=True))
_WHICH_PERIOD = re.compile(
    rf"^\s*(?:(?:in|during)\s+)?(?:which|what)\s+(?P<bucket>{_BUCKETS})\s+"
    rf"(?:(?:had|has|have|saw|sees|was|were|did|got)\s+)?(?:the\s+)?"
    rf"(?P<sup>{_SUPERLATIVE})\s+(?P<rest>[^?]+?)\s*\??\s*$",
    re.I,
)
_PERIOD_WITH = re.compile(
    rf"^\s*(?:the\s+)?(?P<bucket>{_BUCKETS})\s+with\s+the\s+(?P<sup>{_SUPERLATIVE})\s+"
    rf"(?P<rest>[^?]+?)\s*\??\s*$",
    re.I,
)
_MEASURED = re.compile(
    r"^(?:average|avg|mean|total|sum\s+of|number\s+of|count\s+of|max|maximum|min|minimum)\b",
    re.I,
)
_OVER_EVERY_ROW = re.compile(
    r"\s+(?:across|over|for)\s+all\s+(?:the\s+)?(?:stocks|companies|tickers|names)"
    r"(?=$|\s+(?:in|during|of)\s+(?:19|20)\d\d$)",
    re.I,
)
_TRAILING_VERB = re.compile(r"\s+(?:sign(?:ed)?\s+up|join(?:ed)?|register(?:ed)?)$", re.I)


def ranked_period(
    question: str, lex: Lexicon, in_session: bool = False
) -> tuple[str, tuple[str, str]] | None:
    """(the question as 'measure per period, top 1', (as said, as read)) or None. In a
    session, 'which month had the most volume' may be about the rows just shown: read here
    only when it names its own rows (a table or a value such as a ticker)."""
    said = _WHICH_PERIOD.match(question) or _PERIOD_WITH.match(question)
    if said is None:
        return None
    bucket, sup = " ".join(said.group("bucket").lower().split()), said.group("sup").lower()
    rest = _TRAILING_VERB.sub("", said.group("rest").strip())
    rest = _OVER_EVERY_ROW.sub("", rest)  # 'the highest total volume across all stocks'
    linked = link(rest, lex).items
    if not any(it.kind in ("table", "column") for it in linked):
        return None
    if in_session and not any(it.kind in ("table", "value") for it in linked):
        return None
    measure = _measure(rest, sup, lex)
    if measure is None:
        return None
    if bucket in _DAYS:
        if measure.split()[0].lower() in ("max", "maximum", "min", "minimum"):
            return None
        bucket = "day"
    end = "top 1" if sup in _UP else "bottom 1"
    rewritten = f"{measure} per {bucket}, {end}"
    return rewritten, (said.group(0).strip(), rewritten)


def _measure(rest: str, sup: str, lex: Lexicon) -> str | None:
    if _MEASURED.match(rest):
        return rest  # 'the highest average close for AAPL in 2023'
    items = [it for it in link(rest, lex).items if it.kind in ("table", "column")]
    if not items:
        return None
    first = items[0]
    if first.kind == "table" and sup in ("most", "fewest", "least"):
        return f"number of {rest}"  # 'the most signups': rows counted
    if first.kind == "column" and all(
        lex.kind_of(t.table, t.column) == "number" for t in first.targets
    ):
        if sup in ("most", "least"):
            return f"total {rest}"  # 'the most volume'
        return f"{'max' if sup in _UP else 'min'} {rest}"  # 'the highest close': its best day
    return None


def tied_at_the_top(sql: str, dialect: str) -> str | None:
    """The SQL of 'count per period, top 1' keeping every period tied at the top (a count
    ties often: 'which month had the fewest signups' may be two months), or None when the SQL
    is not one ranked grouping by a count cut to one row."""
    try:
        tree = sqlglot.parse_one(sql, read=dialect)
    except SqlglotError:
        return None
    if not isinstance(tree, exp.Select) or not tree.args.get("group") or tree.args.get("having"):
        return None
    limit = tree.args.get("limit")
    order = tree.args.get("order")
    if limit is None or limit.expression.sql() != "1" or order is None or not order.expressions:
        return None
    first = order.expressions[0]
    if not isinstance(first.this, exp.Column) or first.this.table:
        return None
    counted = next(
        (
            e
            for e in tree.expressions
            if isinstance(e, exp.Alias)
            and e.alias == first.this.name
            and isinstance(e.this, exp.Count)
        ),
        None,
    )
    if counted is None:
        return None
    inner = tree.copy()
    inner.set("order", None)
    inner.set("limit", None)
    best_of = exp.Max if first.args.get("desc") else exp.Min
    best = exp.select(best_of(this=exp.column(counted.alias, table="grouped"))).from_(
        exp.alias_(exp.Subquery(this=inner), "grouped", table=True)
    )
    tied = tree.copy()
    tied.set("limit", None)
    tied = tied.having(exp.EQ(this=counted.this.copy(), expression=exp.Subquery(this=best)))
    return tied.sql(dialect=dialect)
