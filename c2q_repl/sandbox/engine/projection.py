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

import datetime as dt
import re
from dataclasses import replace

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

from c2q_repl.sandbox.contracts import Catalog, TaskPlan

from .asked import read_asked
from .charts import choose_chart
from .clarify import clarified_task, describe_result, filter_text
from .kept import Shown, keep, same
from .lexicon import column_kind
from .linking import Linked
from .spec import Col, Filter, QuerySpec, one_day
from .sqlbuild import metric_name
from .timeexpr import TimeSpec
from .unprojected import shown_sql

__all__ = ["asked_projection", "shown_sql"]


_ASKS_WHEN = re.compile(r"\b(?:what|which)\s+(?:day|date)\b|\bwhen\b|\bon\s+what\b", re.I)


def asked_projection(
    task: TaskPlan, question: str, linked: Linked, spec: QuerySpec, catalog: Catalog
) -> TaskPlan:
    """``task`` with its SQL showing only the columns the question asks for (unchanged when
    the question does not say which), its description and chart updated to match."""
    if task.refusal or not task.sql or not _plain(spec) or getattr(spec, "asked_columns", False):
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
    kept = keep(asked, spec, shown, catalog)
    compared = {f.col for f in spec.filters if f.op in (">", ">=", "<", "<=", "between")}
    if kept and spec.metric is None and all(shown[i].col in compared for i in kept):
        # 'rev growth > 20% and ebitda > 5bn': the conditions name the columns, not what is
        # asked; the rows they keep stay as built (whose values, with the values compared)
        return task
    if kept:
        # 'companies in Texas with their state': a column asked beside each row stays shown,
        # even when it is also the column a condition reads
        kept += [i for i in _said_beside(linked, shown) if i not in kept]
    if kept and _ASKS_WHEN.search(question):
        # '… and what day was it?': the date the answer's row holds stays shown
        kept += [
            i
            for i, s in enumerate(shown)
            if i not in kept
            and s.col is not None
            and (info := catalog.table(s.col.table)) is not None
            and (col := info.column(s.col.column)) is not None
            and column_kind(col.type) == "date"
        ]
    if kept and spec.limit and spec.order_by is not None and spec.metric is None:
        # 'what day did apple have the most shares traded': the volume that ranked the day
        # stays beside it (the answer says how many, not only when)
        kept += [i for i, s in enumerate(shown) if s.col == spec.order_by and i not in kept][:1]
    days = _dated_key(spec.table, catalog)
    if kept and all(shown[i].col in days for i in kept):
        # 'days spx closed above 5600': the days of a history, each with the value its
        # threshold compared (the reader checks it; a strict reading would hide why)
        compared = {f.col for f in spec.filters if f.op in (">", ">=", "<", "<=") and not f.time}
        kept += [i for i, s in enumerate(shown) if s.col in compared and i not in kept]
    kept = _names_beside_codes(kept, shown, catalog)
    labels = [i for i in _named_row_labels(spec, shown, catalog) if kept and i not in kept]
    if kept and labels:
        # 'closing price of AMZN on march 15 2023': AMZN beside its close, so the answer
        # says whose value it is (a pasted table, a chart, an export); 'Microsoft's weight in
        # the S&P 500': both codes of the one row named
        kept = [*labels, *kept]
    latest = {f.col for f in spec.filters if f.op == "latest"}
    if spec.order_by is not None and _is_date(spec.order_by, catalog) and spec.metric is None:
        # 'AAPL's last 5 closes', 'googl closes sorted by date': rows of a history in date
        # order say which day each value is of
        latest.add(spec.order_by)
    if spec.limit and spec.order_by is not None and spec.metric is None:
        # 'what stock had the highest trading volume ever': a ranked row of a history is a
        # day's row; its day says which (as its stock does)
        latest.update(_dated_key(spec.table, catalog))
    if any(_day_not_named(it.time) for it in linked.items if it.kind == "time"):
        # 'the S&P 500's price on the last day in the data', 'AAPL close Dec 29': which day
        # that is (of which year) is part of the answer, as for 'the latest close'
        latest.update(f.col for f in spec.filters if f.time and one_day(f))
    if kept and latest:
        # 'TSLA latest close': which day is the latest is part of the answer (the data's last
        # day, not today), so its date stays beside the value
        kept = [i for i, s in enumerate(shown) if i not in kept and s.col in latest] + kept
    if kept:
        kept += _own_dates_of_a_period(kept, shown, spec, catalog)
        kept = _series_key(kept, shown, spec, catalog) + kept
    if (
        not kept
        or kept == list(range(len(shown)))
        or _only_keys(kept, shown, spec, catalog, linked)
    ):
        return task
    trimmed = _trim(tree, kept, spec)
    if trimmed is None:
        return task
    names = tuple(shown[i].name for i in kept)
    return _retold(task, trimmed.sql(dialect=catalog.dialect), spec, shown, kept, names, catalog)


def _said_beside(linked: Linked, shown: list[Shown]) -> list[int]:
    """Shown columns the question asks for as 'with their X' / 'and its X'."""
    words = linked.words
    at: list[int] = []
    for it in linked.items:
        before = words[max(0, it.start - 2) : it.start]
        if it.kind != "column" or len(before) != 2:
            continue
        if before[0] not in ("with", "and", "plus") or before[1] not in ("their", "its"):
            continue
        named = {Col(t.table, t.column) for t in it.targets}
        at += [i for i, s in enumerate(shown) if s.col in named and i not in at]
    return at


def _own_dates_of_a_period(
    kept: list[int], shown: list[Shown], spec: QuerySpec, catalog: Catalog
) -> list[int]:
    """'who signed up in nov 2023', 'which stocks did user 90 add in june': the rows listed
    within a period, each with its own date in it (when in the month is part of the answer);
    [] when a date is shown already or the period is one day."""
    if not kept or spec.metric is not None:
        return []
    dated = {f.col for f in spec.filters if _within_a_month(f) and f.col.table == spec.table}
    if not dated or any(
        s.col is not None and _is_date(s.col, catalog) for i, s in enumerate(shown) if i in kept
    ):
        return []
    return [i for i, s in enumerate(shown) if i not in kept and s.col in dated][:1]


def _series_key(
    kept: list[int], shown: list[Shown], spec: QuerySpec, catalog: Catalog
) -> list[int]:
    """'latest closing price of the Bermuda-headquartered companies', 'closes of tech stocks
    on Dec 29': values of a history of several series (keyed by a date and a series key) each
    say whose they are; [] when the question named the one series ('AAPL close') or the key
    is shown already."""
    from .sqlbuild import name_columns

    if spec.metric is not None:
        return []
    for f in spec.filters:
        owner = catalog.table(f.col.table)
        if (
            f.op == "="
            and len(f.values) == 1
            and not f.time
            and owner is not None
            and (f.col.column in owner.primary_key or f.col.column in name_columns(owner))
        ):
            return []  # one series named
    added: list[int] = []
    kept_cols = [c for i in kept if (c := shown[i].col) is not None]
    for table in {c.table for c in kept_cols}:
        info = catalog.table(table)
        if info is None or len(info.primary_key) != 2:
            continue
        keys = [k for k in info.primary_key if not _is_date(Col(table, k), catalog)]
        if len(keys) != 1:
            continue
        key = keys[0]
        if any(c.column == key for c in kept_cols):
            continue
        added += [
            i
            for i, s in enumerate(shown)
            if s.col is not None and s.col.column == key and i not in kept
        ][:1]
    return added


def _within_a_month(f: Filter) -> bool:
    """A time condition of a few days up to a month ('in nov 2023'): which day in it is worth
    showing; not one day (every row has it) nor a year or an open side ('after 2000')."""
    if not f.time or f.op != "range" or len(f.values) != 2 or not all(f.values) or one_day(f):
        return False
    try:
        start, end = (dt.date.fromisoformat(str(v)[:10]) for v in f.values)
    except ValueError:
        return False
    return (end - start).days <= 31


def _day_not_named(said: TimeSpec | None) -> bool:
    """'on the last day', 'on Dec 29' (no year): one day the question does not fully name."""
    if said is None:
        return False
    return said.kind == "yearless" or (
        said.kind == "last" and said.unit == "day" and said.count == 1
    )


def _only_keys(
    kept: list[int], shown: list[Shown], spec: QuerySpec, catalog: Catalog, linked: Linked
) -> bool:
    """'AAPL daily prices for January 2023' (the table's rows asked for by its name): a cut
    to the stock and the day alone would show none of what the rows hold; they stay whole."""
    info = catalog.table(spec.table)
    if info is None or len(info.primary_key) < 2:
        return False
    if not any(
        it.kind == "table" and any(t.table == spec.table for t in it.targets) for it in linked.items
    ):
        return False  # 'on which days did AAPL close above 190': the days are what is asked
    return all(
        (col := shown[i].col) is not None
        and col.table == spec.table
        and col.column in info.primary_key
        for i in kept
    )


def _dated_key(table: str, catalog: Catalog) -> set[Col]:
    """The date columns of a table's composite key (a history's day)."""
    info = catalog.table(table)
    if info is None or len(info.primary_key) < 2:
        return set()
    return {Col(table, k) for k in info.primary_key if _is_date(Col(table, k), catalog)}


def _is_date(col: Col, catalog: Catalog) -> bool:
    info = catalog.table(col.table)
    found = info.column(col.column) if info is not None else None
    return found is not None and column_kind(found.type) == "date"


def _named_row_labels(spec: QuerySpec, shown: list[Shown], catalog: Catalog) -> list[int]:
    """The shown columns that name the one row the question named: one per row named
    ('AMZN'; 'SP500' and 'MSFT' for Microsoft in the S&P 500)."""
    named = [f for f in spec.filters if not f.time and f.op == "=" and len(f.values) == 1]
    if len(named) == 1:
        one = _named_row_label(named[0].col, shown, catalog)
        return [] if one is None else [one, *_name_beside_ticker(one, shown, catalog)]
    found = [
        _named_row_label(f.col, shown, catalog)
        for f in named
        if (info := catalog.table(f.col.table)) is not None and len(info.primary_key) == 1
    ]
    if len(named) == 2 and len(found) == 2 and None not in found and len(set(found)) == 2:
        return sorted(i for i in found if i is not None)
    return []


def _names_beside_codes(
    kept: list[int] | None, shown: list[Shown], catalog: Catalog
) -> list[int] | None:
    """'which company has the biggest weight': the company's name stays beside the ticker
    the weight's row references, when the builder showed it (a list of companies shows
    both)."""
    from .sqlbuild import name_columns, ticker_keyed

    if not kept:
        return kept
    out = list(kept)
    for i in kept:
        col = shown[i].col
        if col is None:
            continue
        for rel in catalog.relationships:
            if (rel.from_table, rel.from_column) != (col.table, col.column):
                continue
            info = catalog.table(rel.to_table)
            if info is None or not ticker_keyed(catalog, info.name):
                continue
            names = set(name_columns(info))
            beside = [
                j
                for j, s in enumerate(shown)
                if j not in out
                and s.col is not None
                and s.col.table == info.name
                and s.col.column in names
            ][:1]
            out[out.index(i) + 1 : out.index(i) + 1] = beside
    return out


def _name_beside_ticker(at: int, shown: list[Shown], catalog: Catalog) -> list[int]:
    """'what sector is KO in': the company's name beside its ticker, as a list shows both."""
    from .sqlbuild import name_columns, ticker_keyed

    col = shown[at].col
    info = catalog.table(col.table) if col is not None else None
    if col is None or info is None or not ticker_keyed(catalog, info.name):
        return []
    if list(info.primary_key) != [col.column]:
        return []
    names = set(name_columns(info))
    return [
        i
        for i, s in enumerate(shown)
        if s.col is not None and s.col.table == col.table and s.col.column in names
    ][:1]


def _named_row_label(col: Col, shown: list[Shown], catalog: Catalog) -> int | None:
    """The shown column that names the one row the question named ('AMZN', 'Tesla'): the
    filtered column itself, or the key of the table whose name was given; else None."""
    from .sqlbuild import name_columns

    info = catalog.table(col.table)
    if info is None or not (col.column in info.primary_key or col.column in name_columns(info)):
        return None
    # a name filter ('Apple Inc.') on a table keyed by a code people use (a ticker): the code
    key_info = info.column(info.primary_key[0]) if len(info.primary_key) == 1 else None
    coded = key_info is not None and col.column not in info.primary_key
    coded = coded and key_info is not None and column_kind(key_info.type) == "text"
    for i, s in enumerate(shown):
        if s.col == col and not coded:
            return i
    if len(info.primary_key) == 1:
        key = info.primary_key[0]
        for i, s in enumerate(shown):
            if s.col is not None and s.col.column == key:
                return i
    return None


def _plain(spec: QuerySpec) -> bool:
    """Shapes whose SELECT list this module understands (one query, no windows or buckets)."""
    if spec.change or spec.per_group is not None or spec.extra_metrics or spec.bucket:
        return False
    if spec.metric is None:
        return spec.shape == "list" and not spec.distinct
    return spec.group_by is not None and spec.metric.func != "PCT"


def _shown(tree: exp.Select, spec: QuerySpec) -> list[Shown]:
    out = []
    for item in tree.expressions:
        inner = item.this if isinstance(item, exp.Alias) else item
        if isinstance(inner, exp.Column):
            out.append(Shown(Col(inner.table or spec.table, inner.name), item.alias_or_name))
        else:
            out.append(Shown(None, item.alias_or_name))
    return out


def _trim(tree: exp.Select, at: list[int], spec: QuerySpec) -> exp.Select | None:
    """The SELECT with only the kept items; ORDER BY terms naming a dropped item's alias
    take its expression. A DISTINCT query cannot order by what it does not show: tie-break
    terms on dropped columns go (ordered by the shown ones instead); a real ordering column
    dropped leaves the SQL as it was."""
    new = tree.copy()
    items = list(new.expressions)
    dropped = [e for i, e in enumerate(items) if i not in at]
    aliases = {e.alias: e.this for e in dropped if isinstance(e, exp.Alias)}
    kept = [items[i] for i in at]
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
    return isinstance(node, exp.Column) and same(Col(node.table or spec.table, node.name), col)


def _retold(
    task: TaskPlan,
    sql: str,
    spec: QuerySpec,
    shown: list[Shown],
    at: list[int],
    names: tuple[str, ...],
    catalog: Catalog,
) -> TaskPlan:
    """The task with the trimmed SQL and words that say what it shows."""
    outside = ""
    if task.description and "The data covers" in task.description:
        outside = " " + task.description[task.description.index("The data covers") :]
    if spec.metric is None:
        kept_cols = [shown[i].col for i in at]
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
