"""'which ones?' / 'list them, with sector' after 'how many stocks did user 1 select?': the
rows the previous count counted, listed (with the columns asked beside them) — not a new
question about distinct sectors, and not the count again."""

from __future__ import annotations

import re

from .lexicon import Lexicon
from .linking import link
from .spec import Col, Metric, QuerySpec

_WHICH_ONES = re.compile(
    r"^\s*(?:ok(?:ay)?,?\s+|and\s+|so\s+)?(?:which|what)\s+(?:ones|are\s+they|were\s+they|are\s+those|"
    r"(?P<noun>[a-z]+)\s+(?:are|were)\s+(?:they|those|these|them)\b)"
    r"|^\s*(?:ok(?:ay)?,?\s+|and\s+)?(?:list|show|name)\s+(?:me\s+)?(?:them|those|these)(?:\s+all)?",
    re.IGNORECASE,
)
# 'list the NYQ ones' after 'and on NYQ?' (a count): the counted rows, named by what the
# count already kept
_THE_X_ONES = re.compile(
    r"^\s*(?:ok(?:ay)?,?\s+|and\s+|so\s+)?(?:list|show|name)\s+(?:me\s+)?(?:just\s+|only\s+)?"
    r"(?:the|those|these)\s+"
    r"(?P<said>[^\s?.!,]+(?:\s+[^\s?.!,]+)?)\s+ones\b",
    re.IGNORECASE,
)
_POLITE = re.compile(r"[\s,]*\b(?:please|pls|plz|thanks|thank\s+you|thx)\b[,.!]*", re.I)
_BESIDE = re.compile(r"^\s*[?,.]*\s*(?:,|with|and)?\s*(?:their|its|the)?\s*", re.IGNORECASE)


def counted_rows(prev: QuerySpec, question: str, lex: Lexicon) -> QuerySpec | None:
    if prev.shape != "count" or prev.group_by is not None or prev.metric is None:
        return None
    if prev.having:
        return None  # a count of groups: not rows to list
    question = _POLITE.sub("", question)  # 'list them please'
    m = _WHICH_ONES.match(question)
    if m is not None and m.group("noun") and not _names_table(m.group("noun"), prev.table, lex):
        # 'which sectors are they in?' after a count: the counted rows per sector, each
        # sector with how many of them it holds
        return _counted_per(m.group("noun"), prev, question[m.end() :], lex)
    if m is None:
        m = _THE_X_ONES.match(question)
        if m is None or not _already_said(m.group("said"), prev, lex):
            return None
    col = prev.metric.col
    info = lex.catalog.table(col.table) if col is not None else None
    if col is not None and not (info is not None and list(info.primary_key) == [col.column]):
        return _counted_values(prev, question[m.end() :], lex)  # distinct values, not rows
    rest = _BESIDE.sub("", question[m.end() :]).strip(" ?.!")
    size = _SIZE_FIRST.match(rest)
    if size is not None:
        # 'list them, biggest first': by the measure size words mean for that table
        measure = lex.defaults.get(prev.table)
        if not measure:
            return None
        col = Col(prev.table, measure)
        word = size.group("word") or size.group("size")
        return QuerySpec(
            shape="list",
            table=prev.table,
            columns=(col,),
            filters=prev.filters,
            also_join=prev.also_join,
            order_by=col,
            descending=word.lower() in _LARGE,
            notes=prev.notes + (("order", f"the rows sorted by {measure}, {word.lower()}"),),
        )
    order = _BY.match(rest)
    if order is not None:
        # 'list them by market cap': the counted rows, largest first
        linked = link(order.group(1), lex)
        cols = list(
            dict.fromkeys(
                Col(t.table, t.column)
                for it in linked.items
                if it.kind == "column"
                for t in it.targets
                if t.table == prev.table and lex.kind_of(t.table, t.column) == "number"
            )
        )
        if len(linked.items) != 1 or len(cols) != 1 or linked.unknown:
            return None
        return QuerySpec(
            shape="list",
            table=prev.table,
            columns=(cols[0],),
            filters=prev.filters,
            also_join=prev.also_join,
            order_by=cols[0],
            descending=True,
            notes=prev.notes,
        )
    columns: list[Col] = []
    if rest:
        linked = link(rest, lex)
        if linked.unknown or linked.unsupported or not linked.items:
            return None
        if any(it.kind != "column" for it in linked.items):
            return None
        for it in linked.items:
            own = [t for t in it.targets if t.table == prev.table] or list(it.targets)
            columns.append(Col(own[0].table, own[0].column))
    return QuerySpec(
        shape="list",
        table=prev.table,
        columns=tuple(columns),
        filters=prev.filters,
        also_join=prev.also_join,
        notes=prev.notes,
    )


_LARGE = ("biggest", "largest", "descending")
# 'biggest first' reaches here as 'in descending order' (phrasing.py)
_SIZE_FIRST = re.compile(
    r"^(?:sorted\s+|ordered\s+|ranked\s+)?(?:in\s+)?(?P<word>descending|ascending)\s+order$"
    r"|^(?:sorted\s+|ordered\s+|ranked\s+)?(?:by\s+)?(?:the\s+)?"
    r"(?P<size>biggest|largest|smallest)(?:\s+(?:ones?|companies))?\s+(?:first|on\s+top)$",
    re.I,
)
_BY = re.compile(r"^(?:sorted\s+|ordered\s+|ranked\s+)?by\s+(?:the\s+|their\s+)?(.+)$", re.I)
_WITH_COUNT = re.compile(r"\b(?:number|counts?|how\s+many)\b", re.I)
# 'with the number of companies per sector, desc': the counts in that order
_DOWN = re.compile(
    r"\b(?:desc(?:ending)?|(?:most|biggest|largest|highest)\s+(?:ones?\s+)?first)\b", re.I
)
_UP = re.compile(
    r"\b(?:asc(?:ending)?|(?:fewest|least|smallest|lowest)\s+(?:ones?\s+)?first)\b", re.I
)


def _counted_per(noun: str, prev: QuerySpec, rest: str, lex: Lexicon) -> QuerySpec | None:
    if rest.strip(" ?.!").lower() not in ("in", "from", "located in", "based in", "part of"):
        return None
    linked = link(noun, lex)
    if linked.unknown or len(linked.items) != 1 or linked.items[0].kind != "column":
        return None
    own = {Col(t.table, t.column) for t in linked.items[0].targets if t.table == prev.table}
    if len(own) != 1:
        return None
    col = own.pop()
    if lex.kind_of(col.table, col.column) != "text":
        return None
    return _count_per(prev, col).with_(
        notes=prev.notes + (("rows", f"the rows counted before, per {col.column}"),)
    )


def _count_per(prev: QuerySpec, col: Col) -> QuerySpec:
    """The previous count's rows counted per value of ``col``, under its conditions."""
    return QuerySpec(
        shape="aggregate",
        table=prev.table,
        metric=Metric("COUNT"),
        group_by=col,
        filters=prev.filters,
        also_join=prev.also_join,
        notes=prev.notes,
    )


def _only_the_count(rest: str, prev: QuerySpec, col: Col, lex: Lexicon) -> bool:
    """'with the number of companies per sector, desc' says nothing but the count, its rows
    and its order; 'with the number of companies and the avg market cap' says more."""
    linked = link(rest, lex)
    if linked.unknown or linked.unsupported:
        return False
    for it in linked.items:
        if it.kind == "kw" and it.category in ("count", "group", "order", "dir", ""):
            continue
        if it.kind == "table" and any(t.table == prev.table for t in it.targets):
            continue
        if it.kind == "column" and any(Col(t.table, t.column) == col for t in it.targets):
            continue
        return False
    return True


def _counted_values(prev: QuerySpec, rest: str, lex: Lexicon) -> QuerySpec | None:
    """'list them (with the number of companies)' after 'how many different industries are
    there in financial services': the industries counted, each with its rows' count."""
    assert prev.metric is not None and prev.metric.col is not None
    if not prev.metric.distinct:
        return None
    col = prev.metric.col
    if _WITH_COUNT.search(rest):
        down, up = _DOWN.search(rest), _UP.search(rest)
        if (down and up) or not _only_the_count(rest, prev, col, lex):
            return None
        return _count_per(prev, col).with_(order_metric=bool(down or up), descending=bool(down))
    if rest.strip(" ?.!"):
        return None
    return QuerySpec(
        shape="list",
        table=prev.table,
        columns=(col,),
        filters=prev.filters,
        distinct=True,
        also_join=prev.also_join,
        notes=prev.notes,
    )


def _already_said(words: str, prev: QuerySpec, lex: Lexicon) -> bool:
    """Every word between 'the' and 'ones' names a value the count already kept."""
    linked = link(words, lex)
    if linked.unknown or not linked.items:
        return False
    kept = {(f.col.table, f.col.column, str(v)) for f in prev.filters for v in f.values}
    return all(
        it.kind == "value" and any((t.table, t.column, str(t.value)) in kept for t in it.targets)
        for it in linked.items
    )


def _names_table(noun: str, table: str, lex: Lexicon) -> bool:
    """'stocks' for companies: the noun links to the counted table itself."""
    return any(
        it.kind == "table" and any(t.table == table for t in it.targets)
        for it in link(noun, lex).items
    )
