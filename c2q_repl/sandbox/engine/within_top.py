"""'which of the 50 biggest companies by market cap are in Texas?': a condition inside a ranking.

Read as one question, the condition and the ranking share a WHERE: the engine listed the 50
biggest companies *in Texas*, a confidently wrong answer. Here the question is answered in two
steps: the ranking alone ('the 50 biggest companies by market cap'), and the rest as a question
of its own about the same rows ('which companies are in Texas'); the second then keeps only rows
whose key is among the first's. Pure: text in, text out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

_RANK = r"(?:biggest|largest|highest|smallest|lowest|top|best|worst|heaviest|richest)"
_NUMBER = r"\d{1,4}"
# 'which of the', 'any of the', 'how many of our', 'among the', 'of the' (at the start)
_WITHIN = re.compile(
    r"(?P<ask>\b(?:which|what|any|how\s+many|who)\s+)?"
    r"(?P<lead>\b(?:among(?:st)?|of|from|out\s+of|within)\s+)(?:the\s+|our\s+|those\s+)?"
    r"(?:top\s+(?P<n1>" + _NUMBER + r")(?:\s+(?P<adj>" + _RANK + r"))?"
    r"|(?P<n2>" + _NUMBER + r")\s+(?P<rank>" + _RANK + r"))\s+"
    r"(?P<noun>[a-z][\w&'-]*(?:\s+[a-z][\w&'-]*){0,2}?)"
    r"(?P<by>\s+(?:by|in\s+terms\s+of)\s+[a-z][\w'-]*(?:\s+[a-z][\w'-]*){0,2}?)?"
    r"(?=\s*,|\s+(?:which|that|who|are|is|were|was|have|has|had|with|where|do|does|did)\b"
    r"|\s*[?.!]*\s*$)",
    re.IGNORECASE,
)
_ASKS_AFTER = re.compile(r"^\s*,?\s*(?P<ask>which|what|who|how\s+many|any)\b\s*", re.IGNORECASE)


@dataclass(frozen=True)
class WithinTop:
    """The ranking on its own, and the rest of the question about the same rows."""

    ranking: str  # 'the 50 biggest companies by market cap'
    rest: str  # 'which companies are in Texas'
    rows: int


def within_top(question: str) -> WithinTop | None:
    """The question as a condition inside a top N, or None when it is not one."""
    found = _WITHIN.search(question)
    if found is None:
        return None
    rows = int(found.group("n1") or found.group("n2"))
    noun, by = found.group("noun"), found.group("by") or ""
    if found.group("n1"):
        ranking = f"top {rows} {found.group('adj') or ''} {noun}{by}"
    else:
        ranking = f"the {rows} {found.group('rank')} {noun}{by}"
    after = question[found.end() :]
    if found.group("ask"):
        # 'which of the 50 biggest … are in Texas': 'which companies are in Texas'
        rest = question[: found.start("lead")] + noun + after
    elif question[: found.start()].strip(" ,"):
        return None  # 'the close of the top 5 by weight': a ranking, nothing inside it
    else:
        # 'among the top 50 companies by market cap, which are in Texas'
        asked = _ASKS_AFTER.match(after)
        if asked is None:
            return None
        rest = f"{asked.group('ask')} {noun} {after[asked.end() :]}"
    rest = " ".join(rest.split())
    if not re.search(r"[a-z]", rest[len(noun) :] if rest.startswith(noun) else rest, re.I):
        return None
    return WithinTop(" ".join(ranking.split()), rest, rows)


def within_sql(ranking_sql: str, rest_sql: str, table: str, key: str, dialect: str) -> str | None:
    """The rest's query kept to rows whose ``key`` is among the ranking's; None when the two
    are not queries of ``table`` rows."""
    try:
        ranking = sqlglot.parse_one(ranking_sql, read=dialect)
        rest = sqlglot.parse_one(rest_sql, read=dialect)
    except SqlglotError:
        return None
    if not isinstance(ranking, exp.Select) or not isinstance(rest, exp.Select):
        return None
    own = _base(ranking)
    base = _base(rest)
    if own is None or base is None or own.name != table or base.name != table:
        return None
    if ranking.args.get("limit") is None or ranking.args.get("group") is not None:
        return None
    keys = exp.select(exp.column(key, "top_rows")).from_(ranking.subquery("top_rows"))
    inside = exp.In(this=exp.column(key, base.alias_or_name), query=exp.Subquery(this=keys))
    kept = rest.where(inside, copy=True)
    ranked = _ranked_by(ranking)
    if ranked is not None and not _aggregates(rest):
        # 'any of the 50 biggest … that nobody picked': each row's market cap, biggest first
        column = exp.column(ranked.name, base.alias_or_name)
        if ranked.name not in {e.alias_or_name for e in rest.expressions}:
            kept = kept.select(column, copy=False)
        order = ranking.args["order"].expressions[0]
        kept.set(
            "order", exp.Order(expressions=[exp.Ordered(this=column, desc=order.args.get("desc"))])
        )
    return kept.sql(dialect=dialect)


def _ranked_by(ranking: exp.Select) -> exp.Column | None:
    """The plain column the ranking's first ORDER BY key is, if it is one."""
    order = ranking.args.get("order")
    first = order.expressions[0].this if order is not None and order.expressions else None
    return first if isinstance(first, exp.Column) else None


def _aggregates(select: exp.Select) -> bool:
    return select.args.get("group") is not None or any(
        e.find(exp.AggFunc) is not None for e in select.expressions
    )


def _base(select: exp.Select) -> exp.Table | None:
    source = select.args.get("from_") or select.args.get("from")
    table = source.this if source is not None else None
    return table if isinstance(table, exp.Table) else None
