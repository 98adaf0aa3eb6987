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
    r"ok(?:ay)?|and|also|then)[\s,]+)*(?:add|include|also\s+show|tack\s+on)\s+(?P<what>.+?)"
    r"(?:\s+(?:to\s+(?:that|this|it|the\s+(?:list|table|answer|results?))|for\s+(?:each(?:\s+of"
    r"\s+(?:those|them|these))?|those|them|these|all\s+of\s+them)|beside\s+(?:them|each)|"
    r"too|as\s+well|(?:pls|please)))*\s*[?.!]*\s*$",
    re.IGNORECASE,
)
# 'what sectors are they in?', 'their sectors?' after a ranking: the ranking, with the
# column beside each row (the values it was ranked by stay in view)
_ATTRIBUTE_OF_THEM = re.compile(
    r"^\s*(?:(?:and|so|ok(?:ay)?)[\s,]+)?(?:(?:what|which)\s+(?P<what>[a-z ]+?)\s+(?:are|is)\s+"
    r"(?:they|those|these|each(?:\s+one)?)\s+in|(?:what\s+(?:are|is)\s+)?their\s+"
    r"(?P<theirs>[a-z ]+?))\s*[?.!]*\s*$",
    re.IGNORECASE,
)
_PARTS = re.compile(r"\s*(?:,\s*(?:and\s+)?|\band\b|&|\+)\s*", re.IGNORECASE)
_LEAD = re.compile(r"^(?:their|the|its|each\s+one's|each|a|an)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Added:
    sql: str
    columns: tuple[Col, ...]
    table: str


def columns_added(
    question: str, prev: QuerySpec, prev_sql: str, lex: Lexicon, dialect: str
) -> Added | None:
    """The previous grouped answer with the asked columns of its groups' rows, or None."""
    m = _ADD.match(question)
    asked = m.group("what") if m is not None else None
    if asked is None and prev.limit and prev.limit > 1:
        # (after one row of two named, 'their …' is both of them: not read here)
        said = _ATTRIBUTE_OF_THEM.match(question)
        asked = (said.group("what") or said.group("theirs")) if said is not None else None
    group = prev.group_by or _ranked_key(prev, lex)
    if asked is None or group is None or prev.bucket or not prev_sql:
        return None
    if not names_rows_by_key(group, lex):
        return None
    owner = _owner_of(group, lex)
    if owner is None:
        return None
    wanted: list[Col] = []
    for part in _PARTS.split(asked):
        words = _LEAD.sub("", part.strip())
        if not words:
            continue
        col = _one_column(words, owner, lex)
        if col is None:
            return None
        wanted.append(col)
    if not wanted:
        return None
    sql = _with_columns(prev_sql, group, owner, wanted, dialect)
    return None if sql is None else Added(sql, tuple(wanted), owner.table)


def columns_kept(
    sql: str, spec: QuerySpec, table: str, columns: tuple[str, ...], lex: Lexicon, dialect: str
) -> str | None:
    """'and for 2023?' after 'what sectors are they in?' (added to a ranking): the edited
    ranking's SQL with the same columns of ``table`` beside each row, or None."""
    group = spec.group_by or _ranked_key(spec, lex)
    owner = _owner_of(group, lex) if group is not None else None
    if group is None or owner is None or owner.table != table:
        return None
    return _with_columns(sql, group, owner, [Col(table, c) for c in columns], dialect)


def _ranked_key(prev: QuerySpec, lex: Lexicon) -> Col | None:
    """The key of the rows a ranked list shows ('the 5 largest companies'): its table's
    one-column key."""
    if prev.shape != "list" or not prev.limit:
        return None
    info = lex.catalog.table(prev.table)
    if info is None or len(info.primary_key) != 1:
        return None
    return Col(prev.table, info.primary_key[0])


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


def _with_columns(sql: str, group: Col, owner: Col, wanted: list[Col], dialect: str) -> str | None:
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
    return tree.sql(dialect=dialect)


def _alias_of(tree: exp.Select, table: str) -> str | None:
    """The name ``table`` goes by in the statement's own FROM and JOINs."""
    for t in [tree.args.get("from"), *(tree.args.get("joins") or ())]:
        node = t.this if t is not None else None
        if isinstance(node, exp.Table) and node.name.lower() == table.lower():
            return node.alias_or_name
    return None
