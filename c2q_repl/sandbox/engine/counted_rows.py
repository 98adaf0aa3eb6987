"""'which ones?' / 'list them, with sector' after 'how many stocks did user 1 select?': the
rows the previous count counted, listed (with the columns asked beside them) — not a new
question about distinct sectors, and not the count again."""

from __future__ import annotations

import re

from .lexicon import Lexicon
from .linking import link
from .spec import Col, QuerySpec

_WHICH_ONES = re.compile(
    r"^\s*(?:ok(?:ay)?,?\s+|and\s+|so\s+)?(?:which|what)\s+(?:ones|are\s+they|were\s+they|are\s+those)"
    r"|^\s*(?:ok(?:ay)?,?\s+|and\s+)?(?:list|show|name)\s+(?:me\s+)?(?:them|those|these)(?:\s+all)?",
    re.IGNORECASE,
)
_BESIDE = re.compile(r"^\s*[?,.]*\s*(?:,|with|and)?\s*(?:their|its|the)?\s*", re.IGNORECASE)


def counted_rows(prev: QuerySpec, question: str, lex: Lexicon) -> QuerySpec | None:
    if prev.shape != "count" or prev.group_by is not None or prev.metric is None:
        return None
    if prev.metric.col is not None or prev.having:
        return None  # a count of distinct values or of groups: not rows to list
    m = _WHICH_ONES.match(question)
    if m is None:
        return None
    rest = _BESIDE.sub("", question[m.end() :]).strip(" ?.!")
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
