"""The finished SQL of a direct question, cut to the columns the question asks for.

The SQL builder shows a row's key and name, the columns its conditions and ordering used,
and the count that ranks or filters groups, which is what an analyst browsing wants, but
not what 'Which stations are in the University district?' asks: Spider's execution match
(and a plain reading) wants the stations' names only. Read the question (asked.py), then
drop the other SELECT items; the conditions, grouping and ordering are unchanged, so the
same rows come back. When the question does not say, or a drop would change the rows or
their order (a DISTINCT ordered by a dropped column), the SQL is left as it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from datetime import date

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

from c2q_repl.sandbox.contracts import Catalog, TaskPlan

from .asked import Asked, read_asked
from .charts import choose_chart
from .clarify import clarified_task, describe_result, filter_text
from .lexicon import column_kind
from .linking import Linked
from .spec import Col, Filter, QuerySpec
from .sqlbuild import PlanError, build, metric_name, name_columns


@dataclass(frozen=True)
class Shown:
    """One SELECT item: the schema column behind it (None for an aggregate) and its name."""

    col: Col | None
    name: str


def asked_projection(
    task: TaskPlan, question: str, linked: Linked, spec: QuerySpec, catalog: Catalog
) -> TaskPlan:
    """``task`` with its SQL showing only the columns the question asks for (unchanged when
    the question does not say which), its description and chart updated to match."""
    if task.refusal or not task.sql or not _plain(spec) or spec.asked_columns:
        # asked_columns: the builder already shows exactly the columns named (two 'Name'
        # columns of two tables included); trimming again dropped one of them
        return task
    try:
        tree = sqlglot.parse_one(task.sql, read=catalog.dialect)
    except SqlglotError:
        return task
    if not isinstance(tree, exp.Select):
        return task
    shown = _shown(tree, spec)
    asked = read_asked(question, linked)
    keep = _keep(asked, spec, shown, catalog)
    if keep is None or not keep or keep == list(range(len(shown))):
        return task
    trimmed = _trim(tree, keep, spec)
    if trimmed is None:
        return task
    names = tuple(shown[i].name for i in keep)
    return _retold(task, trimmed.sql(dialect=catalog.dialect), spec, shown, keep, names, catalog)


def _plain(spec: QuerySpec) -> bool:
    """Shapes whose SELECT list this module understands (one query, no windows or buckets)."""
    if spec.change or spec.per_group is not None or spec.extra_metrics or spec.bucket:
        return False
    if spec.metric is None:
        return spec.shape == "list" and not spec.distinct
    return spec.group_by is not None and spec.metric.func != "PCT"


def _same(a: Col | None, b: Col | None) -> bool:
    return (
        a is not None
        and b is not None
        and a.table.lower() == b.table.lower()
        and a.column.lower() == b.column.lower()
    )


def _shown(tree: exp.Select, spec: QuerySpec) -> list[Shown]:
    out = []
    for item in tree.expressions:
        inner = item.this if isinstance(item, exp.Alias) else item
        if isinstance(inner, exp.Column):
            out.append(Shown(Col(inner.table or spec.table, inner.name), item.alias_or_name))
        else:
            out.append(Shown(None, item.alias_or_name))
    return out


def _index(shown: list[Shown], col: Col) -> int | None:
    return next((i for i, s in enumerate(shown) if _same(s.col, col)), None)


def _all_at(shown: list[Shown], cols: list[Col]) -> list[int] | None:
    found = [_index(shown, c) for c in cols]
    if not cols or any(i is None for i in found):
        return None
    return list(dict.fromkeys(i for i in found if i is not None))


def _row_names(
    shown: list[Shown], table: str, catalog: Catalog, noun: str = ""
) -> list[int] | None:
    """The SELECT items that name rows of ``table``: its one name column; its key beside
    first and last names (which of them is meant is not clear); else its key, or a column
    referencing that key. The key first when the rows were called by its name ('stocks'
    for companies keyed by stock_symbol)."""
    info = catalog.table(table)
    if info is None:
        return None
    names = [Col(info.name, c) for c in name_columns(info)]
    keys = [Col(info.name, c) for c in info.primary_key]
    if _names_key(noun, info.name, keys, names):
        names = []
    elif names and _natural_key(info):
        names = keys + names  # 'AAPL' names a company as well as 'Apple Inc.': both, as built
    if len(names) == 1:
        found = _all_at(shown, names)
        if found is not None:
            return found
    elif names:
        found = _all_at(shown, keys + names)
        if found is not None:
            return found
    found = _all_at(shown, keys)
    if found is not None:
        return found
    if len(keys) != 1:
        return None
    for r in catalog.relationships:
        if r.to_table.lower() == info.name.lower() and r.to_column == keys[0].column:
            at = _index(shown, Col(r.from_table, r.from_column))
            if at is not None:
                return [at]
    return None


def _words(name: str) -> set[str]:
    return {w.lower() for w in re.split(r"_|\s|(?<=[a-z])(?=[A-Z])", name) if w}


def _names_key(noun: str, table: str, keys: list[Col], names: list[Col]) -> bool:
    """'stocks' for companies keyed by stock_symbol: the noun names the key, not the table."""
    stem = noun.lower().removesuffix("s")
    if len(keys) != 1 or len(stem) < 3 or any(w.startswith(stem) for w in _words(table)):
        return False
    return stem in _words(keys[0].column) and not any(stem in _words(c.column) for c in names)


def _one_day(f: Filter) -> bool:
    """A time condition that keeps one day ('on Dec 29, 2023'): one value, not a series."""
    if f.op != "range" or len(f.values) != 2 or not all(f.values):
        return False
    try:
        start, end = (date.fromisoformat(str(v)[:10]) for v in f.values)
    except ValueError:
        return False
    return (end - start).days <= 1


def _picks_named_rows(f: Filter, catalog: Catalog) -> bool:
    """A condition naming several rows by their name or key ('Apple and Microsoft')."""
    if f.op not in ("in", "any"):
        return False
    info = catalog.table(f.col.table)
    return info is not None and (
        f.op == "any" or f.col.column in info.primary_key or f.col.column in name_columns(info)
    )


def _natural_key(info) -> bool:
    """A ticker key ('AAPL' in stock_symbol) names a row as well as its name does: which of
    the two is meant is not clear, so both stay, as built."""
    if len(info.primary_key) != 1:
        return False
    column = info.column(info.primary_key[0])
    if column is None or column_kind(column.type) != "text":
        return False
    return bool(_words(column.name) & {"symbol", "ticker"})


def _key_named(noun: str, group: Col, catalog: Catalog) -> bool:
    """'per stock' grouping by a stock_symbol key: the key is what the noun names."""
    target = group
    for r in catalog.relationships:
        if r.from_table.lower() == group.table.lower() and r.from_column == group.column:
            target = Col(r.to_table, r.to_column)
    info = catalog.table(target.table)
    if info is None or list(info.primary_key) != [target.column]:
        return False
    names = [Col(info.name, c) for c in name_columns(info)]
    return _names_key(noun, info.name, [Col(info.name, target.column)], names)


def _asked_columns(asked: Asked, shown: list[Shown], catalog: Catalog) -> list[int] | None:
    """'the names and cities of …': every asked column shown, in the order asked."""
    out: list[int] = []
    for table, column in asked.columns:
        if column:
            found = _all_at(shown, [Col(table, column)])
        else:
            info = catalog.table(table)
            names = [Col(info.name, c) for c in name_columns(info)] if info else []
            found = _all_at(shown, names)
        if found is None:
            return None
        out += [i for i in found if i not in out]
    return out


def _keep(asked: Asked, spec: QuerySpec, shown: list[Shown], catalog: Catalog) -> list[int] | None:
    if spec.metric is None:
        return _keep_list(asked, spec, shown, catalog)
    return _keep_grouped(asked, spec, shown, catalog)


def _keep_list(
    asked: Asked, spec: QuerySpec, shown: list[Shown], catalog: Catalog
) -> list[int] | None:
    if asked.kind == "columns":
        if any(f.time and not _one_day(f) for f in spec.filters):
            return None  # 'AAPL closing prices in 2023': a series, shown with its dates
        if any(_picks_named_rows(f, catalog) for f in spec.filters):
            return None  # 'revenue growth of Nvidia or AMD': which value is whose
        return _asked_columns(asked, shown, catalog)
    if asked.kind == "value":
        # 'What was the highest attendance at a game?': the value, not the row holding it
        col = Col(*asked.columns[0])
        at = _index(shown, col)
        if at is not None and _same(spec.order_by, col) and spec.limit:
            return [at]
        latest = any(f.op == "latest" for f in spec.filters)
        if at is not None and latest and not asked.per and any(f.op == "=" for f in spec.filters):
            return [at]  # 'the latest close of MSFT': one row, its value
        return None
    if asked.kind != "rows":
        return None
    if asked.opener in ("verb", "bare") and spec.order_by is not None:
        if spec.limit:
            return None  # 'top 5 stations by passengers': as built (its keys serve a follow-up)
        return _sorted_rows(spec, shown, catalog)  # 'members sorted by join date'
    table = asked.table or spec.table
    found = _row_names(shown, table, catalog, asked.noun)
    if found is None:
        return None
    used = {f.col for f in spec.filters} | ({spec.order_by} if spec.order_by else set())
    for col in spec.columns:
        # columns asked beside the rows ('… with their market cap'), not merely filtered on
        at = _index(shown, col)
        if at is not None and at not in found and col not in used:
            found.append(at)
    return found


def _sorted_rows(spec: QuerySpec, shown: list[Shown], catalog: Catalog) -> list[int] | None:
    """'Show all members sorted by join date': each row's name and the date it is sorted by,
    without its key (when one column names the rows)."""
    info = catalog.table(spec.table)
    names = [Col(info.name, c) for c in name_columns(info)] if info else []
    if info is None or len(names) != 1 or _natural_key(info) or spec.order_by is None:
        return None
    found = _all_at(shown, names + [spec.order_by])
    if found is None:
        return None
    return found + [i for i, s in enumerate(shown) if s.col in spec.columns and i not in found]


def _keep_grouped(
    asked: Asked, spec: QuerySpec, shown: list[Shown], catalog: Catalog
) -> list[int] | None:
    assert spec.metric is not None and spec.group_by is not None
    value = next(
        (
            i
            for i, s in enumerate(shown)
            if s.col is None and s.name == metric_name(spec.metric, spec)
        ),
        None,
    )
    key = _index(shown, spec.group_by)
    label = _index(shown, spec.group_label) if spec.group_label else None
    group = [label] if label is not None else [key] if key is not None else []
    if not group:
        return None
    plain = not spec.having and not spec.order_metric and not spec.ties
    if asked.per and (asked.measure or plain) and value is not None:
        if spec.limit and spec.order_metric:
            return None  # 'top 5 artists by number of albums': as built
        if key is not None and _key_named(asked.per_noun, spec.group_by, catalog):
            return [key, value]  # 'average close per stock': the symbol grouped by
        # 'How many albums does each artist have?', 'headcount per department': name and value
        return group + [value]
    if asked.kind == "rows":
        if asked.table and not _groups_rows_of(spec, asked.table, catalog):
            return None
        info = catalog.table(asked.table) if asked.table else None
        if info is not None and key is not None:
            keys = [Col(info.name, c) for c in info.primary_key]
            names = [Col(info.name, c) for c in name_columns(info)]
            if _names_key(asked.noun, info.name, keys, names):
                group = [key]  # 'Which stock …': its symbol, the key grouped by
            elif _natural_key(info) and label is not None:
                group = [key, label]
        return group + ([value] if asked.measure and value is not None else [])
    if asked.kind == "value" and _same(Col(*asked.columns[0]), spec.group_by) and key is not None:
        return [key]  # 'the most common order type': the type, not how often it occurs
    if asked.kind == "columns":
        found = _asked_columns(asked, shown, catalog)
        if found is None or not set(found) <= {key, label}:
            return None
        return found + ([value] if asked.measure and value is not None else [])
    return None


def _groups_rows_of(spec: QuerySpec, table: str, catalog: Catalog) -> bool:
    """The grouping is by the rows of ``table`` (its key, its name, or a key referencing it)."""
    assert spec.group_by is not None
    info = catalog.table(table)
    if info is None:
        return False
    if spec.group_label is not None and spec.group_label.table.lower() == table.lower():
        return True
    if spec.group_by.table.lower() == table.lower():
        return spec.group_by.column in info.primary_key
    return any(
        r.from_table.lower() == spec.group_by.table.lower()
        and r.from_column == spec.group_by.column
        and r.to_table.lower() == table.lower()
        for r in catalog.relationships
    )


def _trim(tree: exp.Select, keep: list[int], spec: QuerySpec) -> exp.Select | None:
    """The SELECT with only the kept items; ORDER BY terms naming a dropped item's alias
    take its expression. A DISTINCT query cannot order by what it does not show: tie-break
    terms on dropped columns go (ordered by the shown ones instead); a real ordering column
    dropped leaves the SQL as it was."""
    new = tree.copy()
    items = list(new.expressions)
    dropped = [e for i, e in enumerate(items) if i not in keep]
    aliases = {e.alias: e.this for e in dropped if isinstance(e, exp.Alias)}
    kept = [items[i] for i in keep]
    new.set("expressions", kept)
    order = new.args.get("order")
    if order is None:
        return new
    for term in order.expressions:
        key = term.this
        if isinstance(key, exp.Column) and not key.table and key.name in aliases:
            term.set("this", aliases[key.name].copy())
    if not new.args.get("distinct"):
        return new
    shown = {(e.this if isinstance(e, exp.Alias) else e).sql() for e in kept}
    shown |= {e.alias for e in kept if isinstance(e, exp.Alias)}
    terms = []
    for term in order.expressions:
        if term.this.sql() in shown:
            terms.append(term)
        elif spec.order_by is not None and _names_column(term.this, spec.order_by, spec):
            return None
    if not terms:
        terms = [
            exp.Ordered(
                this=(e.this if isinstance(e, exp.Alias) else e).copy(),
                desc=False,
                nulls_first=True,
            )
            for e in kept
        ]
    order.set("expressions", terms)
    return new


def _names_column(node: exp.Expr, col: Col, spec: QuerySpec) -> bool:
    return isinstance(node, exp.Column) and _same(Col(node.table or spec.table, node.name), col)


def _retold(
    task: TaskPlan,
    sql: str,
    spec: QuerySpec,
    shown: list[Shown],
    keep: list[int],
    names: tuple[str, ...],
    catalog: Catalog,
) -> TaskPlan:
    """The task with the trimmed SQL and words that say what it shows."""
    outside = ""
    if task.description and "The data covers" in task.description:
        outside = " " + task.description[task.description.index("The data covers") :]
    if spec.metric is None:
        kept_cols = [shown[i].col for i in keep]
        told = spec.with_(columns=tuple(c for c in spec.columns if c in kept_cols))
        cols = [c for c in kept_cols if c is not None]
        return replace(
            task,
            sql=sql,
            clarified_task=clarified_task(told),
            description=describe_result(told, names) + outside,
            chart=choose_chart(told, names, catalog, cols),
        )
    value = metric_name(spec.metric, spec) if spec.metric else ""
    if value in names:
        # the grouped key dropped for the name beside it: the same groups, told the same way
        return replace(task, sql=sql, chart=choose_chart(spec, names, catalog, []))
    assert spec.group_by is not None
    purpose = "rank the groups" if spec.order_metric or spec.ties else "choose the groups"
    where = (" where " + " and ".join(filter_text(f) for f in spec.filters)) if spec.filters else ""
    having = (
        " (kept where it is " + " and ".join(f"{op} {v:g}" for op, v in spec.having) + ")"
        if spec.having
        else ""
    )
    description = (
        f"One row per {spec.group_by.column} showing {', '.join(names)}{where}; "
        f"the {value.replace('_', ' ')} is used only to {purpose}{having}; it is not shown."
    )
    chart = (
        replace(task.chart, name="Table", option={"columns": list(names)}) if task.chart else None
    )
    return replace(task, sql=sql, description=description + outside, chart=chart)


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
