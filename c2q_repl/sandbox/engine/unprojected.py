"""A previous answer's SQL with the columns projection.py cut put back, so a follow-up's
'it' / 'they' can read the keys of the rows that answer showed."""

from __future__ import annotations

from dataclasses import fields

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

from c2q_repl.sandbox.contracts import Catalog

from .spec import QuerySpec
from .sqlbuild import PlanError, build


def shown_sql(sql: str, spec: QuerySpec, catalog: Catalog) -> str:
    """The SQL as built from ``spec`` when ``sql`` is that SQL cut by this module (the same
    query showing fewer columns), else ``sql``: 'how many teachers does it have?' reads the
    previous answer's keys, which the cut answer may no longer show."""
    # a spec that already asks the builder to hide its key ('the name of the team with the
    # most players') is built with the key shown: the rows are the same
    hiding = {f.name: False for f in fields(spec) if f.name in ("asked_columns", "rank_only")}
    try:
        built = build(spec.with_(**hiding), catalog).sql
        if built == sql:
            return sql
        full = sqlglot.parse_one(built, read=catalog.dialect)
        cut = sqlglot.parse_one(sql, read=catalog.dialect)
    except (PlanError, SqlglotError):
        return sql
    if not isinstance(full, exp.Select) or not isinstance(cut, exp.Select):
        return sql
    items = {e.sql() for e in full.expressions}
    if not {e.sql() for e in cut.expressions} <= items:
        return sql
    same = all(
        _clause(full, name) == _clause(cut, name)
        for name in ("from", "joins", "where", "group", "having", "limit", "distinct")
    )
    return built if same else sql


def _clause(tree: exp.Select, name: str) -> str:
    value = tree.args.get(name)
    if isinstance(value, list):
        return ";".join(v.sql() for v in value)
    return value.sql() if value is not None else ""
