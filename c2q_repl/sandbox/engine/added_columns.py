"""'add their sector and current share price to that' after the five most picked stocks with
their pick counts, 'what sectors are they in?' after a ranking: the same rows, values and
order, with those columns of each row beside them.

A follow-up about the rows alone would list the five stocks with their sectors and drop the
counts the question asked to add to. The previous SQL is kept as it was (its joins,
conditions, order and limit); each added column is a column of the table whose key the
answer is grouped by, so one group has one value of it, and it joins the GROUP BY. Anything
else (a grouping by a category, a column of another table) is left to the follow-up reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

from .lexicon import Lexicon
from .linking import link
from .reading import columns_of
from .rounds import names_rows_by_key
from .spec import Col, QuerySpec

_ADD = re.compile(
    r"^\s*(?:(?:can|could|would)\s+(?:you|u)\s+(?:please\s+|pls\s+)?|(?:kindly|please|pls|now|"
    r"ok(?:ay)?|and|also|then)[\s,]+)*(?:add|include|also\s+show|tack\s+on|with|plus)\s+"
    r"(?P<what>.+?)"
    r"(?:\s+(?:to\s+(?:that|this|it|the\s+(?:list|table|answer|results?))|for\s+(?:each(?:\s+of"
    r"\s+(?:those|them|these))?|those|them|these|all\s+of\s+them)|beside\s+(?:them|each)|"
    r"too|as\s+well|(?:pls|please)))*\s*[?.!]*\s*$",
    re.IGNORECASE,
)
# 'what sectors are they in?', 'their sectors?' after a ranking: the ranking, with the
# column beside each row (the values it was ranked by stay in view)
_ATTRIBUTE_OF_THEM = re.compile(
    r"^\s*(?:(?:thanks|thank\s+you|great|nice|perfect)[.!,]*\s+)?(?:(?:and|so|ok(?:ay)?)[\s,]+)?"
    r"(?:(?:what|which)\s+(?P<what>[a-z ]+?)\s+(?:are|is)\s+"
    r"(?:they|those|these|each(?:\s+one|\s+of\s+(?:them|those|these))?)\s+in|(?:what\s+(?:are|is)\s+)?their\s+"
    r"(?P<theirs>[a-z ]+?))\s*[?.!]*\s*$",
    re.IGNORECASE,
)
# 'Only the top 3, with their sector, please.': fewer rows of the ranking, with a column
_ONLY_TOP = re.compile(
    r"^\s*(?:(?:ok(?:ay)?|now|and|so)[\s,]+)*(?:only|just)\s+(?:the\s+)?top\s+(?P<n>\d+)\s*[,;:-]?\s*"
    r"(?=(?:and\s+)?(?:with|add|plus|include)\b)",
    re.IGNORECASE,
)
# 'add what industry each of those is in': the column asked, without the question around it
_ASKED_OF_EACH = re.compile(
    r"^(?:what|which)\s+|\s+(?:(?:that\s+)?each(?:\s+one)?(?:\s+of\s+(?:those|them|these))?|they|"
    r"those|these|it)\s+(?:is|are|belongs?\s+to)(?:\s+in)?$",
    re.IGNORECASE,
)
_PARTS = re.compile(r"\s*(?:,\s*(?:and\s+)?|\band\b|&|\+)\s*", re.IGNORECASE)
_LEAD = re.compile(r"^(?:their|the|its|each\s+one's|each|a|an)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Added:
    sql: str
    columns: tuple[Col, ...]
    table: str
    limit: int | None = None  # 'only the top 3, with …': fewer rows of the same ranking
    # 'what sectors are they in?': asked about the rows (a follow-up then narrows them),
    # not an 'add' to the ranking (a follow-up then edits the ranking)
    about_rows: bool = False
    key: Col | None = None  # the column of ``table`` the rows are keyed by
    group: Col | None = None  # the column of the answer's own table that names its rows


def columns_added(
    question: str, prev: QuerySpec, prev_sql: str, lex: Lexicon, dialect: str
) -> Added | None:
    """The previous answer with the asked columns of its rows (of its groups' rows when it is
    grouped), or None."""
    top = _ONLY_TOP.match(question)
    fewer = int(top.group("n")) if top is not None else None
    if top is not None and fewer is not None:
        if not prev.limit or fewer >= prev.limit or prev.order_by is None and not prev.order_metric:
            return None
        question = question[top.end() :]
    m = _ADD.match(question)
    asked = _ASKED_OF_EACH.sub("", m.group("what")).strip() if m is not None else None
    named_groups = prev.group_by is not None and any(
        f.op == "in" and f.col == prev.group_by and len(f.values) > 1 for f in prev.filters
    )  # 'the average close of each of XOM, CVX and COP': one row per stock named
    if asked is None and ((prev.limit and prev.limit > 1) or named_groups):
        # (after one row of two named, 'their …' is both of them: not read here)
        said = _ATTRIBUTE_OF_THEM.match(question)
        asked = (said.group("what") or said.group("theirs")) if said is not None else None
    if asked is None or prev.bucket or not prev_sql:
        return None
    groups = [prev.group_by] if prev.group_by else _ranked_keys(prev, lex, said_add=m is not None)
    for group in groups:
        if not names_rows_by_key(group, lex):
            continue
        owner = _owner_of(group, lex)
        wanted = _columns_of(asked, owner, lex) if owner is not None else None
        if owner is not None and wanted:
            break
    else:
        return None
    if m is None and prev.shape == "list" and owner.table == prev.table:
        # 'what are their sectors' after the 5 largest companies: the rows' own columns, which
        # the follow-up reading lists beside the ranking already (and can build on)
        return None
    sql = _with_columns(prev_sql, group, owner, wanted, dialect, fewer)
    if sql is None:
        return None
    return Added(
        sql, tuple(wanted), owner.table, fewer, about_rows=m is None, key=owner, group=group
    )


def columns_kept(
    sql: str, spec: QuerySpec, table: str, columns: tuple[str, ...], lex: Lexicon, dialect: str
) -> str | None:
    """'and for 2023?' after 'what sectors are they in?' (added to a ranking): the edited
    ranking's SQL with the same columns of ``table`` beside each row, or None."""
    groups = [spec.group_by] if spec.group_by else _ranked_keys(spec, lex)
    for group in groups:
        owner = _owner_of(group, lex)
        if owner is not None and owner.table == table:
            return _with_columns(sql, group, owner, [Col(table, c) for c in columns], dialect)
    return None


def _columns_of(asked: str, owner: Col, lex: Lexicon) -> list[Col] | None:
    """Each part of 'sector and current share price' as one column of the owner's table."""
    wanted: list[Col] = []
    for part in _PARTS.split(asked):
        words = _LEAD.sub("", part.strip(" ,;:.!?"))
        if not words:
            continue
        col = _one_column(words, owner, lex)
        if col is None:
            return None
        wanted.append(col)
    return wanted or None


def _ranked_keys(prev: QuerySpec, lex: Lexicon, said_add: bool = False) -> list[Col]:
    """The keys of the rows a ranked list shows ('the 5 largest companies'; with 'add …'
    said, any sorted list): its table's one-column key, else each column that references
    another table's key (a holding 'SP500, AAPL' names one company, so no row repeats)."""
    if prev.shape != "list" or not (prev.limit or (said_add and prev.order_by is not None)):
        return []
    info = lex.catalog.table(prev.table)
    if info is None:
        return []
    if len(info.primary_key) == 1:
        return [Col(prev.table, info.primary_key[0])]
    return [
        Col(prev.table, c.name)
        for c in info.columns
        if names_rows_by_key(Col(prev.table, c.name), lex)
    ]


def _owner_of(group: Col, lex: Lexicon) -> Col | None:
    """The key column of the table whose rows the groups are: the group column itself when it
    is its table's key, else the key it references."""
    info = lex.catalog.table(group.table)
    if info is not None and list(info.primary_key) == [group.column]:
        return group
    for rel in lex.catalog.relationships:
        if (
            rel.from_table.lower() == group.table.lower()
            and rel.from_column.lower() == group.column.lower()
        ):
            return Col(rel.to_table, rel.to_column)
    return None


def _one_column(words: str, owner: Col, lex: Lexicon) -> Col | None:
    items = link(words, lex).items
    if len(items) != 1 or items[0].kind != "column":
        return None
    found = {c for c in columns_of(items[0]) if c.table == owner.table}
    return found.pop() if len(found) == 1 else None


def _with_columns(
    sql: str, group: Col, owner: Col, wanted: list[Col], dialect: str, limit: int | None = None
) -> str | None:
    try:
        tree = sqlglot.parse_one(sql, read=dialect)
    except SqlglotError:
        return None
    if not isinstance(tree, exp.Select):
        return None
    alias = _alias_of(tree, owner.table)
    if alias is None:
        group_ref = _alias_of(tree, group.table)
        if group_ref is None:
            return None
        alias = owner.table
        tree = tree.join(
            exp.to_identifier(owner.table),
            on=exp.column(owner.column, table=alias).eq(exp.column(group.column, table=group_ref)),
        )
    shown = {c.name.lower() for e in tree.selects for c in e.find_all(exp.Column)}
    keyed = [e for e in tree.selects if e.find(exp.AggFunc) is None]
    at = len(keyed)
    selects = list(tree.selects)
    grouped = tree.args.get("group")
    groups = list(grouped.expressions) if grouped is not None else []
    for col in wanted:
        if col.column.lower() in shown:
            continue
        ref = exp.column(col.column, table=alias)
        selects.insert(at, ref)
        at += 1
        groups.append(ref.copy())
    tree.set("expressions", selects)
    if grouped is not None:
        grouped.set("expressions", groups)
    if limit is not None:
        tree = tree.limit(limit)  # 'only the top 3, with their sector'
    return tree.sql(dialect=dialect)


def _alias_of(tree: exp.Select, table: str) -> str | None:
    """The name ``table`` goes by in the statement's own FROM and JOINs."""
    for t in [tree.args.get("from_") or tree.args.get("from"), *(tree.args.get("joins") or ())]:
        node = t.this if t is not None else None
        if isinstance(node, exp.Table) and node.name.lower() == table.lower():
            return node.alias_or_name
    return None


def columns_shown(sql: str, table: str, dialect: str) -> tuple[Col, ...]:
    """The plain columns a statement shows, as columns of ``table`` (its one table)."""
    try:
        tree = sqlglot.parse_one(sql, read=dialect)
    except SqlglotError:
        return ()
    if not isinstance(tree, exp.Select):
        return ()
    return tuple(
        Col(table, e.name)
        for e in tree.selects
        if isinstance(e, exp.Column) and (not e.table or e.table.lower() == table.lower())
    )


# 'Add their total market cap and sort by that instead.' after the 5 states with the most
# companies: the total beside each count, the same five, sorted by the total
_AGGREGATE_ADDED = re.compile(
    r"^\s*(?:(?:can|could|would)\s+(?:you|u)\s+(?:please\s+)?|(?:kindly|please|pls|now|ok(?:ay)?|"
    r"and|also|then)[\s,]+)*(?:add|include|also\s+show|plus|with)\s+(?:their|the|its|each\s+"
    r"one's)?\s*(?P<agg>total|combined|sum\s+of(?:\s+the)?|average|avg|mean|max(?:imum)?|"
    r"min(?:imum)?|highest|lowest)\s+(?P<what>[a-z][a-z _-]*?)"
    r"(?P<sort>\s*,?\s*(?:and\s+)?(?:then\s+)?(?:sort|order|rank|re-?sort)\s+(?:them\s+|it\s+)?"
    r"by\s+(?:that|it|this|the\s+(?:total|average|new\s+(?:column|one)))(?:\s+instead)?"
    r"(?:,?\s*(?:biggest|largest|highest)\s+first)?)?"
    r"(?:\s+(?:too|as\s+well|please|pls))?\s*[?.!]*\s*$",
    re.IGNORECASE,
)
_AGGREGATES = {
    "total": "SUM",
    "combined": "SUM",
    "sum of": "SUM",
    "sum of the": "SUM",
    "average": "AVG",
    "avg": "AVG",
    "mean": "AVG",
    "max": "MAX",
    "maximum": "MAX",
    "highest": "MAX",
    "min": "MIN",
    "minimum": "MIN",
    "lowest": "MIN",
}
_LABELS = {"SUM": "total", "AVG": "average", "MAX": "highest", "MIN": "lowest"}


def aggregate_added(
    question: str, prev: QuerySpec, prev_sql: str, lex: Lexicon, dialect: str
) -> tuple[str, str] | None:
    """(the SQL, the column it adds) for 'add their total X' after groups, or None."""
    m = _AGGREGATE_ADDED.match(question)
    if m is None or prev.group_by is None or prev.metric is None or not prev_sql:
        return None
    func = _AGGREGATES[re.sub(r"\s+", " ", m.group("agg").lower())]
    items = link(m.group("what"), lex).items
    if len(items) != 1 or items[0].kind != "column":
        return None
    found = set(columns_of(items[0]))
    try:
        tree = sqlglot.parse_one(prev_sql, read=dialect)
    except SqlglotError:
        return None
    if not isinstance(tree, exp.Select) or tree.args.get("group") is None:
        return None
    tables = {t.name.lower(): t.alias_or_name for t in tree.find_all(exp.Table)}
    usable = [c for c in found if c.table.lower() in tables]
    if len(usable) != 1 or lex.kind_of(usable[0].table, usable[0].column) != "number":
        return None
    col = usable[0]
    label = f"{_LABELS[func]}_{col.column}"
    added = exp.alias_(
        exp.func(func, exp.column(col.column, table=tables[col.table.lower()])), label
    )
    tree.set("expressions", [*tree.selects, added])
    sql = tree.sql(dialect=dialect)
    if m.group("sort"):
        ranked = tree.subquery("ranked")
        sql = (
            exp.select("*")
            .from_(ranked)
            .order_by(exp.Ordered(this=exp.column(label), desc=True))
            .sql(dialect=dialect)
        )
    return sql, label
