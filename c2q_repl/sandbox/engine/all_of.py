"""'which users have both aapl and msft', 'how many users picked both NVDA and AMD': the rows
linked to every one of several named values. Without 'both' ('users who picked AAPL and MSFT')
the engine declines, as 'and' may mean either; 'both' says which. The question is asked with
'or' (the rows linked to any of them), then that SQL keeps only the rows linked to as many
distinct values as were named: GROUP BY the rows shown, HAVING COUNT(DISTINCT …) = n.

Parsing and the SQL rewrite only; builtin.py asks the questions.
"""

from __future__ import annotations

import re

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

_BOTH = re.compile(r"\bboth\s+(?=\S+\s+(?:and|&)\s+\S)", re.IGNORECASE)
# the words of the engine's decline: "'AAPL and MSFT': users linked to all of them, or …"
_ALL_OR_ANY = re.compile(r"^'(?P<words>[^']+)': \w+ linked to all of them, or to any of them\?")


def without_both(question: str) -> str | None:
    """The question with its 'both' taken out, or None when it says none before 'X and Y'."""
    if _BOTH.search(question) is None:
        return None
    return _BOTH.sub("", question, count=1)


def any_of_instead(question: str, refusal: str) -> str | None:
    """The question with the 'X and Y' the decline quotes said 'X or Y', or None."""
    m = _ALL_OR_ANY.match(refusal)
    if m is None:
        return None
    # the decline quotes the words as read ('aapl and msft' for 'aapl & msft')
    parts = [re.escape(p) for p in re.split(r"\s+and\s+", m.group("words"))]
    found = re.search(r"\s+(?:and|&)\s+".join(parts), question, re.IGNORECASE)
    if found is None:
        return None
    either = re.sub(r"\s+(?:and|&)\s+", " or ", found.group(0), flags=re.I)
    return question[: found.start()] + either + question[found.end() :]


def linked_to_all(sql: str, dialect: str) -> str | None:
    """``sql`` (rows linked to any of n values, 'col IN (…)') keeping only the rows linked
    to all n; None when the SQL is not that shape."""
    try:
        tree = sqlglot.parse_one(sql, read=dialect)
    except SqlglotError:
        return None
    if not isinstance(tree, exp.Select) or tree.args.get("group") or tree.args.get("having"):
        return None
    where = tree.args.get("where")
    ins = [
        node
        for node in (where.find_all(exp.In) if where is not None else ())
        if isinstance(node.this, exp.Column)
        and len(node.expressions) >= 2
        and all(isinstance(v, exp.Literal) for v in node.expressions)
        and not node.args.get("query")
    ]
    if len(ins) != 1:
        return None
    col, count = ins[0].this.copy(), len(ins[0].expressions)
    every = exp.EQ(
        this=exp.Count(this=exp.Distinct(expressions=[col])), expression=exp.Literal.number(count)
    )
    shown = tree.expressions
    counted = [e for e in shown if isinstance(e.unalias(), exp.Count)]
    if counted:
        # 'how many users have both': the count of the rows that qualify
        if len(shown) != 1:
            return None
        inner_on = counted[0].unalias().this
        if isinstance(inner_on, exp.Distinct):
            inner_on = inner_on.expressions[0]
        if not isinstance(inner_on, exp.Column):
            return None
        inner = tree.copy()
        inner.set("expressions", [inner_on.copy()])
        inner = inner.group_by(inner_on.copy(), copy=False).having(every, copy=False)
        outer = exp.select(exp.alias_(exp.Count(this=exp.Star()), shown[0].alias_or_name))
        return outer.from_(inner.subquery("linked_to_all")).sql(dialect=dialect)
    if any(e.find(exp.AggFunc) for e in shown):
        return None
    grouped = tree.copy()
    grouped.set("distinct", None)
    grouped = grouped.group_by(*[e.unalias().copy() for e in shown], copy=False)
    return grouped.having(every, copy=False).sql(dialect=dialect)
