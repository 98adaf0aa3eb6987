"""Taking SQL out of a model's reply and checking it against the schema first.

SQL is accepted only from a fenced block. It must be one read-only SELECT
whose tables and columns exist; otherwise the errors carry the closest real
names ("did you mean …"), which go back to the model once.
"""

from __future__ import annotations

import difflib
import re

import sqlglot
from sqlglot import exp

from c2q_repl.sandbox.contracts import Catalog

_FENCE = re.compile(r"```[ \t]*(?:sql|sqlite|mysql)?[ \t]*\n(.*?)```", re.DOTALL | re.IGNORECASE)


def extract_sql(reply: str) -> str | None:
    """The first fenced code block's text, or None (prose is never run as SQL)."""
    m = _FENCE.search(reply or "")
    if not m:
        return None
    sql = m.group(1).strip().rstrip(";").strip()
    return sql or None


def _closest(name: str, options: list[str]) -> str:
    found = difflib.get_close_matches(name.lower(), [o.lower() for o in options], n=3, cutoff=0.5)
    by_lower = {o.lower(): o for o in options}
    return ", ".join(by_lower[f] for f in found)


def validate(sql: str, catalog: Catalog) -> list[str]:
    """Problems with ``sql`` for this catalog; empty when it may run."""
    try:
        statements = [s for s in sqlglot.parse(sql, read=catalog.dialect) if s is not None]
    except sqlglot.errors.ParseError as exc:
        return [f"The SQL does not parse: {str(exc).splitlines()[0]}"]
    if len(statements) != 1:
        return ["Exactly one statement is allowed."]
    tree = statements[0]
    if not isinstance(tree, (exp.Select, exp.Union, exp.Intersect, exp.Except)):
        return [f"Only SELECT queries are allowed (got {tree.key.upper()})."]
    if tree.find(exp.Into) or tree.find(exp.Lock):
        return ["SELECT … INTO and locking clauses are not allowed."]
    errors: list[str] = []
    cte_names = {c.alias_or_name.lower() for c in tree.find_all(exp.CTE)}
    all_tables = [t.name for t in catalog.tables]
    used: dict[str, str] = {}  # alias or name (lower) -> real table
    for t in tree.find_all(exp.Table):
        name = t.name
        if name.lower() in cte_names:
            continue
        table = catalog.table(name)
        if table is None:
            hint = _closest(name, all_tables)
            errors.append(f"Unknown table '{name}'." + (f" Did you mean: {hint}?" if hint else ""))
            continue
        used[t.alias_or_name.lower()] = table.name
        used[name.lower()] = table.name
    aliases = {a.alias.lower() for a in tree.find_all(exp.Alias)}
    for col in tree.find_all(exp.Column):
        name = col.name
        if not name or name == "*" or name.lower() in aliases:
            continue
        qualifier = col.table.lower()
        if qualifier:
            if qualifier in cte_names or qualifier not in used:
                continue
            candidates = [used[qualifier]]
        else:
            candidates = sorted(set(used.values()))
        if not candidates or cte_names:
            continue
        known = [table for t in candidates if (table := catalog.table(t)) is not None]
        if not any(table.column(name) for table in known):
            options = [c.name for table in known for c in table.columns]
            hint = _closest(name, options)
            where = candidates[0] if len(candidates) == 1 else ", ".join(candidates)
            errors.append(
                f"Unknown column '{name}' in {where}." + (f" Did you mean: {hint}?" if hint else "")
            )
    return errors


def output_columns(sql: str, dialect: str) -> list[str]:
    try:
        tree = sqlglot.parse_one(sql, read=dialect)
    except sqlglot.errors.ParseError:
        return []
    select = tree if isinstance(tree, exp.Select) else tree.find(exp.Select)
    return [e.alias_or_name for e in select.expressions] if select is not None else []
