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

    if _NO_LIMIT.search(feedback) and tree.args.get("limit"):
        tree.set("limit", None)
        changes.append("removed the LIMIT")
    for k, it in enumerate(items):
        nxt = items[k + 1] if k + 1 < len(items) else None
        prev = items[k - 1] if k else None
        if (
            it.kind == "number"
            and it.number
            and it.number.is_integer()
            and not (prev and prev.kind == "kw" and prev.category == "cmp")
        ):
            if (
                nxt is not None
                and nxt.kind == "column"
                and prev
                and prev.kind == "kw"
                and prev.category == "cmp"
            ):
                continue
            tree = tree.limit(int(it.number))
            changes.append(f"limited the result to {int(it.number)} rows")
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
        changes.append("reversed the ordering" if descending is not None else "")
    if conditions:
        tree = tree.where(exp.and_(*conditions))
    if not changes:
        hint = f" (I could not map '{linked.unknown[0]}')" if linked.unknown else ""
        return (
            sql,
            f"I could not turn '{feedback}' into a change of this SQL{hint}; it is unchanged.",
        )
    return tree.sql(dialect=dialect), "Applied the feedback: " + "; ".join(changes) + "."
