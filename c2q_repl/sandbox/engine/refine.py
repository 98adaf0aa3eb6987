"""refineSql: apply a feedback sentence to any SELECT, by editing its syntax tree.

Understood edits: a row limit ("limit 5", "only the first 10", "no limit"),
an ordering ("sort by price descending"), value conditions ("only technology
companies"), numeric conditions ("market cap over 100 billion") and time
ranges ("in 2023"). Anything else leaves the SQL unchanged and says why.
"""

from __future__ import annotations

import re

import sqlglot
from sqlglot import exp

from .lexicon import Lexicon
from .linking import link
from .reading import columns_of
from .spec import Col, Filter
from .sqlbuild import _condition, _Names, _ordered
from .timeexpr import resolve

_NO_LIMIT = re.compile(
    r"\b(no|remove( the)?|without( a)?|drop( the)?)\s+limit\b|\ball rows\b", re.IGNORECASE
)


def _tables(select: exp.Select) -> dict[str, str]:
    """table name (lower) → the name or alias to qualify columns with."""
    out = {}
    for t in select.find_all(exp.Table):
        out[t.name.lower()] = t.alias_or_name
    return out


def _resolve_col(col: Col, tables: dict[str, str], lex: Lexicon) -> Col | None:
    if col.table.lower() in tables:
        return col
    for name in tables:
        info = lex.catalog.table(name)
        if info and info.column(col.column):
            return Col(name, col.column)
    return None


# words of an edit request that name no part of the query
_EDIT_WORDS = frozenset(
    {"instead", "rather", "limit", "only", "row", "rows", "result", "results", "change", "set"}
    | {"use", "just", "it", "to", "from", "again", "please", "ok", "okay", "put", "cap"}
)


def _limit_of(tree: exp.Select) -> int | None:
    limit = tree.args.get("limit")
    value = limit.expression if isinstance(limit, exp.Limit) else None
    if isinstance(value, exp.Literal) and value.is_int:
        return int(value.this)
    return None


def _renumber(
    tree: exp.Select, items: list, feedback: str, changes: list[str]
) -> tuple[exp.Select, set[int]]:
    """Whole numbers: '10 instead of 5' (also 'make it 10, not 5', 'from 5 to 10') replaces
    the 5 that is in the SQL — its LIMIT, or the one literal 5 of its conditions — by 10;
    otherwise a number not tied to a comparison sets the LIMIT ('limit 5', 'top 3').
    Returns the tree and the items used; raises ValueError when the numbers cannot be placed."""
    from .followups import is_old_number
    from .normalize import tokenize

    words = [t.lower for t in tokenize(feedback)]
    numbers = [k for k, it in enumerate(items) if it.kind == "number"]
    old = [k for k in numbers if is_old_number(words, items[k].start)]
    new = [k for k in numbers if k not in old]
    if old:
        if len(old) > 1 or len(new) != 1:
            raise ValueError("I could not tell which number replaces which")
        was, now = items[old[0]], items[new[0]]
        if now.number is None or was.number is None:
            raise ValueError(f"I could not read '{now.text}'")
        current = _limit_of(tree)
        if current is not None and was.number == current and not now.number.is_integer():
            raise ValueError(f"'{now.text}' is not a row count")
        if current is not None and was.number == current:
            changes.append(f"changed the LIMIT from {current} to {int(now.number)}")
            return tree.limit(int(now.number)), {old[0], new[0]}
        literals = [
            lit
            for lit in tree.find_all(exp.Literal)
            if not lit.is_string
            and lit.find_ancestor(exp.Where, exp.Having) is not None
            and float(lit.this) == was.number
        ]
        if len(literals) != 1:
            raise ValueError(f"I found no single {was.text} in this SQL to change")
        literals[0].replace(_number_literal(now.number))
        changes.append(f"changed {was.text} to {now.text} in the conditions")
        return tree, {old[0], new[0]}
    free = [k for k in new if not _after_comparison(items, k)]
    if not free:
        return tree, set()
    if len(free) > 1:
        raise ValueError("I could not tell which of the numbers to use")
    value = items[free[0]].number
    if value is None or not value.is_integer() or value < 0:
        raise ValueError(f"'{items[free[0]].text}' is not a row count")
    n = int(value)
    if _limit_of(tree) == n:
        changes.append(f"kept the LIMIT of {n}")
        return tree, set(free)
    changes.append(f"limited the result to {n} rows")
    return tree.limit(n), set(free)


def _after_comparison(items: list, k: int) -> bool:
    return any(
        j >= 0 and items[j].kind == "kw" and items[j].category == "cmp" for j in (k - 1, k - 2)
    )


def _number_literal(value: float) -> exp.Expr:
    return exp.Literal.number(int(value) if value.is_integer() else value)


def refine(sql: str, feedback: str, lex: Lexicon) -> tuple[str, str]:
    dialect = lex.catalog.dialect
    try:
        tree = sqlglot.parse_one(sql, read=dialect)
    except sqlglot.errors.ParseError as exc:
        return sql, f"The SQL could not be parsed, so nothing was changed: {exc}"
    if not isinstance(tree, exp.Select):
        return sql, "Only a single SELECT statement can be refined; nothing was changed."
    tables = _tables(tree)
    qualify = len(tables) > 1
    names = _Names(qualify)
    linked = link(feedback, lex)
    items = list(linked.items)
    changes: list[str] = []
    conditions: list[exp.Expr] = []
    descending = next(
        (it.arg == "DESC" for it in items if it.kind == "kw" and it.category == "dir"), None
    )

    ignored = [w for w in linked.unknown if w.lower() not in _EDIT_WORDS]
    if ignored:
        return sql, f"I could not map '{ignored[0]}' to this SQL; it is unchanged."
    if _NO_LIMIT.search(feedback) and tree.args.get("limit"):
        tree.set("limit", None)
        changes.append("removed the LIMIT")
    try:
        tree, used = _renumber(tree, items, feedback, changes)
    except ValueError as exc:
        return sql, f"{exc}; it is unchanged."
    for k, it in enumerate(items):
        nxt = items[k + 1] if k + 1 < len(items) else None
        prev = items[k - 1] if k else None
        if it.kind == "number":
            continue  # read by _renumber (limits) or with its comparison below
        elif it.kind == "kw" and it.category == "cmp" and k + 1 in used:
            continue  # '… over 100 billion instead of 50 billion': a replaced literal
        elif (
            it.kind == "kw"
            and it.category in ("order", "group")
            and nxt is not None
            and nxt.kind == "column"
        ):
            col = next(
                (c for c in (_resolve_col(c, tables, lex) for c in columns_of(nxt)) if c), None
            )
            if col is None:
                return (
                    sql,
                    f"'{nxt.text}' is not a column of the tables in this query; nothing was changed.",
                )
            desc = True if descending is None else descending
            tree.set("order", None)
            tree = tree.order_by(_ordered(names.col(col), desc))
            changes.append(f"ordered by {col.column} {'descending' if desc else 'ascending'}")
        elif it.kind == "value":
            target = it.targets[0]
            col = _resolve_col(Col(target.table, target.column), tables, lex)
            if col is None:
                return (
                    sql,
                    f"'{it.text}' ({target.column}) is not in the tables of this query; nothing was changed.",
                )
            negate = prev is not None and prev.kind == "kw" and prev.category == "not"
            conditions.append(
                _condition(names, Filter(col, "!=" if negate else "=", (target.value,)))
            )
            changes.append(
                f"kept only rows where {col.column} {'!=' if negate else '='} '{target.value}'"
            )
        elif it.kind == "kw" and it.category == "cmp" and nxt is not None and nxt.kind == "number":
            around = [
                x
                for x in (prev, items[k + 2] if k + 2 < len(items) else None)
                if x and x.kind == "column"
            ]
            col = next(
                (
                    c
                    for x in around
                    for c in (_resolve_col(c, tables, lex) for c in columns_of(x))
                    if c
                ),
                None,
            )
            if col is None:
                return (
                    sql,
                    f"I could not tell which column '{it.text} {nxt.text}' applies to; nothing was changed.",
                )
            value = (nxt.number or 0) / 100 if nxt.percent else nxt.number
            conditions.append(_condition(names, Filter(col, it.arg, (value,))))
            changes.append(f"kept only rows where {col.column} {it.arg} {value:g}")
        elif it.kind == "time":
            col = next((Col(t, d) for t in tables for d in lex.date_columns(t)), None)
            if col is None:
                return (
                    sql,
                    f"'{it.text}' is a time range but no table in this query has a date column.",
                )
            rng = resolve(it.time, lex.date_anchor.get((col.table, col.column)))
            conditions.append(_condition(names, Filter(col, "range", (rng.start, rng.end), True)))
            changes.append(f"restricted {col.column} to {it.text} ({rng.explanation})")
    if (
        descending is not None
        and not any("ordered by" in c for c in changes)
        and tree.args.get("order")
    ):
        for o in tree.args["order"].expressions:
            o.set("desc", descending)
            o.set("nulls_first", not descending)  # MySQL's own NULL order: no emulation clause
        changes.append("sorted " + ("descending" if descending else "ascending"))
    if conditions:
        tree = tree.where(exp.and_(*conditions))
    if changes and tree.sql(dialect=dialect) == sqlglot.parse_one(sql, read=dialect).sql(
        dialect=dialect
    ):
        return sql, f"The SQL already does what '{feedback}' asks; it is unchanged."
    if not changes:
        hint = f" (I could not map '{linked.unknown[0]}')" if linked.unknown else ""
        return (
            sql,
            f"I could not turn '{feedback}' into a change of this SQL{hint}; it is unchanged.",
        )
    return tree.sql(dialect=dialect), "Applied the feedback: " + "; ".join(changes) + "."
