"""'most picked stock in each sector', 'the 2 most-watched names per industry': a ranking of
things by a figure, kept to its top rows within every value of a column ('each sector').

The words 'in each sector' (and a note on ties) are taken out, the rest is answered as usual
('most picked stock'), and only a ranking of groups by one aggregate (the top one with its
ties, or ORDER BY the aggregate LIMIT n) is rewritten: the column said is added to the
grouping and RANK() OVER (PARTITION BY it ORDER BY the aggregate) keeps the top n of each
value, ties included. The column must be on a table of that answer or one join away from it.
Anything else keeps the question declined. Window functions run on SQLite 3.25+, MySQL 8 and
TiDB alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlglot import exp

from ..contracts import Catalog
from .everyday import TIES_SAID
from .parsed import select_of

_EACH = re.compile(
    r"\s*,?\s*\b(?:(?:in|for|within|across)\s+(?:each|every)(?:\s+one\s+of\s+the)?|per)\s+"
    r"(?P<group>[a-z][a-z_-]*?)s?\b",
    re.I,
)
RANK = "rank_in_group"


@dataclass(frozen=True)
class LeadersAsked:
    rest: str  # the question without 'in each sector' and its note on ties
    group: str  # the word said for the column: 'sector'
    said: str  # 'in each sector'


def leaders_asked(question: str) -> LeadersAsked | None:
    """The 'in each X' of a question that ranks things, or None."""
    found = list(_EACH.finditer(question))
    if len(found) != 1:
        return None
    m = found[0]
    rest = question[: m.start()] + " " + question[m.end() :]
    rest = TIES_SAID.sub(" ", rest)
    rest = re.sub(r"\s+", " ", rest).strip()
    rest = re.sub(r"\s+([?.!,])", r"\1", rest).strip(" ,;")
    if not re.search(
        r"\b(?:most|least|top|bottom|highest|lowest|biggest|largest|smallest|favou?rite)\b",
        rest,
        re.I,
    ):
        return None
    return LeadersAsked(rest, m.group("group").lower(), m.group(0).strip(" ,"))


@dataclass(frozen=True)
class _Ranking:
    direction: str  # "DESC" | "ASC"
    keep: int
    figure: exp.Expr  # the aggregate, unaliased
    name: str  # its column in the answer


def _ranking(tree: exp.Select) -> _Ranking | None:
    """How the answer ranks its groups: the top (or bottom) one with ties, or the first n."""
    figures = [s for s in tree.selects if s.find(exp.AggFunc) is not None]
    if len(figures) != 1:
        return None
    figure: exp.Expr = figures[0].this if isinstance(figures[0], exp.Alias) else figures[0]
    name = figures[0].alias_or_name
    having = tree.args.get("having")
    limit = tree.args.get("limit")
    if having is not None:
        cond = having.this
        if not isinstance(cond, exp.EQ) or limit is not None:
            return None
        top = cond.expression.find(exp.Max, exp.Min)
        if not isinstance(cond.expression, exp.Subquery) or top is None:
            return None
        return _Ranking("DESC" if isinstance(top, exp.Max) else "ASC", 1, figure, name)
    order = tree.args.get("order")
    if limit is None or order is None or not order.expressions:
        return None
    first = order.expressions[0]
    key = first.this.sql()
    if key not in (name, figure.sql()):
        return None
    try:
        keep = int(limit.expression.name)
    except (AttributeError, ValueError):
        return None
    return _Ranking("DESC" if first.args.get("desc") else "ASC", keep, figure, name)


def _tables(tree: exp.Select) -> dict[str, str]:
    """Table name (lowercase) → how the query names it (its alias or its name)."""
    found = {}
    for table in tree.find_all(exp.Table):
        if table.find_ancestor(exp.Subquery) is not None:
            continue
        found[table.name.lower()] = table.alias_or_name
    return found


def leaders_sql(sql: str, group: tuple[str, str], catalog: Catalog, dialect: str) -> str | None:
    """The ranking ``sql`` kept to its top rows within each value of ``group`` (table,
    column), or None when ``sql`` is not a ranking of groups by one aggregate or the column
    cannot be reached."""
    tree = select_of(sql, dialect)
    if tree is None or tree.find(exp.Window) is not None or tree.args.get("group") is None:
        return None
    ranking = _ranking(tree)
    if ranking is None:
        return None
    names = [s.alias_or_name for s in tree.selects]
    if any(not n for n in names) or len(set(names)) != len(names):
        return None
    table, column = group
    if column.lower() in (n.lower() for n in names):
        return None  # already grouped by that column: nothing to rank within it
    tables = _tables(tree)
    if not _describes_the_ranked(tree, table, tables, catalog):
        return None
    inner = tree.copy()
    for part in ("having", "order", "limit"):
        inner.set(part, None)
    if table.lower() not in tables:
        joined = _join_to(table, tables, catalog)
        aliases = {n.lower() for n in names}
        bare = [
            c for c in tree.find_all(exp.Column) if not c.table and c.name.lower() not in aliases
        ]
        if joined is None or bare:
            return None  # (a column named bare could become ambiguous once joined)
        inner = inner.join(joined[0], on=joined[1])
        tables[table.lower()] = table
    where = exp.column(column, table=tables[table.lower()])
    if any(g.sql() == where.sql() for g in tree.args["group"].expressions):
        return None
    if _one_row_each(tree, column, table, tables, catalog):
        return None
    inner.set("expressions", [exp.alias_(where.copy(), column), *inner.expressions])
    inner.set("group", exp.Group(expressions=[where.copy(), *tree.args["group"].expressions]))
    window = exp.Window(
        this=exp.Anonymous(this="RANK"),
        partition_by=[where.copy()],
        order=exp.Order(
            expressions=[exp.Ordered(this=ranking.figure.copy(), desc=ranking.direction == "DESC")]
        ),
    )
    inner = inner.select(exp.alias_(window, RANK))
    shown = [exp.column(column), *(exp.column(n) for n in names)]
    outer = (
        exp.select(*shown)
        .from_(exp.alias_(exp.Subquery(this=inner), "ranked", table=True))
        .where(exp.LTE(this=exp.column(RANK), expression=exp.Literal.number(ranking.keep)))
        # (a group whose figures are all empty has no top: never every row tied at NULL)
        .where(exp.Not(this=exp.Is(this=exp.column(ranking.name), expression=exp.Null())))
        .order_by(exp.column(column), exp.column(RANK), exp.column(names[0]))
    )
    return outer.sql(dialect=dialect)


def _describes_the_ranked(
    tree: exp.Select, table: str, tables: dict[str, str], catalog: Catalog
) -> bool:
    """The column ranked within is a property of what is ranked: on the same table as the
    grouped columns ('which state has the most companies in each sector'), or on the table
    whose key they are ('most picked stock in each sector': a stock's sector). 'which user
    picked the most stocks in each state' would rank users within the states of their
    stocks, which no user has."""
    info = catalog.table(table)
    if info is None:
        return False
    aliases = {alias.lower(): name for name, alias in tables.items()}
    grouped = []
    for g in tree.args["group"].expressions:
        if not isinstance(g, exp.Column):
            return False
        owner = aliases.get(g.table.lower(), g.table.lower()) if g.table else ""
        if not owner and len(tables) == 1:
            owner = next(iter(tables))
        grouped.append((owner, g.name.lower()))
    if any(owner == table.lower() for owner, _ in grouped):
        return True
    keys = {k.lower() for k in info.primary_key}
    return len(keys) == 1 and any(column in keys for _, column in grouped)


def _one_row_each(
    tree: exp.Select, column: str, table: str, tables: dict[str, str], catalog: Catalog
) -> bool:
    """The grouping with the column added covers the key of the rows counted ('the most
    picked stock per user': each user picks a stock once), so every group holds one row and
    every row ties at the top: a ranking that ranks nothing."""
    source = tree.args.get("from_") or tree.args.get("from")
    first = source.this if source is not None else None
    if not isinstance(first, exp.Table):
        return False
    info = catalog.table(first.name)
    if info is None or not info.primary_key:
        return False
    grouped = {g.name.lower() for g in tree.args["group"].expressions if isinstance(g, exp.Column)}
    grouped.add(column.lower())
    return all(k.lower() in grouped for k in info.primary_key)


def _join_to(table: str, tables: dict[str, str], catalog: Catalog) -> tuple[str, str] | None:
    """(table, ON condition) joining ``table`` to one of ``tables`` by a declared or
    inferred reference, or None."""
    for rel in catalog.relationships:
        for near, near_col, far, far_col in (
            (rel.from_table, rel.from_column, rel.to_table, rel.to_column),
            (rel.to_table, rel.to_column, rel.from_table, rel.from_column),
        ):
            if far.lower() == table.lower() and near.lower() in tables:
                on = f"{tables[near.lower()]}.{near_col} = {far}.{far_col}"
                return far, on
    return None
