"""'which one has more employees?' after 'Apple vs Microsoft market cap', 'which of the two …'
after 'What's Apple's market cap?' → 'what about Microsoft': the two rows the session named,
compared on the new measure. Read as 'which of A and B has more employees', a question of its
own (the measure is new, so nothing else of the earlier answers applies).

Only when the session names exactly two rows by their key or name: one answer naming both, or
the last two answers naming one each. Anything else is left to the follow-up reading."""

from __future__ import annotations

import re
from collections.abc import Callable

import sqlglot
from sqlglot import exp

from c2q_repl.sandbox.contracts import Catalog, Database, SQLExecutionError

from .lexicon import Lexicon
from .rounds import names_rows_by_key
from .spec import Col, Filter, QuerySpec
from .sqlbuild import name_columns

_WHICH_ONE = re.compile(
    r"^\s*(?:(?:and|so|ok|okay)\s*,?\s+)?(?:which|who)\s+"
    r"(?:one|of\s+(?:the|those|these)\s+(?:two|2)|of\s+(?:them|those|these|the\s+pair|both))"
    r"\s+(?P<rest>(?:has|had|have|is|was|does|did|employs|employed|got|gets)\b.*)$",
    re.I,
)
# 'which one had the higher volume that day': leans on more than the two rows
_LEANS_BACK = re.compile(
    r"\b(?:that|this|the\s+same|those)\s+(?:day|date|week|month|quarter|year|period|time)\b|"
    r"\bthen\b|\bthere\b",
    re.I,
)
_COMPARED = re.compile(
    r"\b(?:more|less|fewer|higher|lower|bigger|larger|smaller|greater|better|worse|most|least|"
    r"fewest|highest|lowest|biggest|largest|smallest)\b",
    re.I,
)


def pair_of_named(
    question: str,
    history: list[QuerySpec | None],
    lex: Lexicon,
    key_of: Callable[[str, str, str], str | None],
) -> str | None:
    """The question naming the session's two rows, or None. ``history`` holds the earlier
    answers' specs, oldest first (None where a turn had none, and is passed over);
    ``key_of(table, column, value)`` is the key of the row a name picks ('AAPL' for
    'Apple Inc.'), since a full name with its punctuation does not read back as one."""
    m = _WHICH_ONE.match(question)
    specs = [s for s in history if s is not None]
    if m is None or not specs:
        return None
    rest = m.group("rest")
    if not _COMPARED.search(rest) or _LEANS_BACK.search(rest):
        return None
    last = _named(specs[-1], lex)
    if last is None:
        return None
    col, values = last
    if len(values) == 1 and len(specs) >= 2:
        before = _named(specs[-2], lex)
        if before is None or len(before[1]) != 1 or before[0] != col or before[1] == values:
            return None
        values = (*before[1], *values)
    if len(values) != 2:
        return None
    keys = [key_of(col[0], col[1], str(v)) for v in values]
    if None in keys or keys[0] == keys[1]:
        return None
    return f"which of {keys[0]} and {keys[1]} {rest.strip()}"


def _named(spec: QuerySpec, lex: Lexicon) -> tuple[tuple[str, str], tuple] | None:
    """(the naming column, the values) of the one condition that names the answer's rows."""
    naming = [f for f in spec.filters if f.op in ("=", "in") and _names_rows(f, lex.catalog, lex)]
    if len(naming) != 1 or not 1 <= len(naming[0].values) <= 2:
        return None
    f = naming[0]
    return (f.col.table, f.col.column), tuple(dict.fromkeys(f.values))


def _names_rows(f: Filter, catalog: Catalog, lex: Lexicon | None = None) -> bool:
    info = catalog.table(f.col.table)
    if info is None:
        return False
    return f.col.column in name_columns(info)[:1] or (
        lex is not None and names_rows_by_key(f.col, lex)
    )


def row_keys(lex: Lexicon, database: Database) -> Callable[[str, str, str], str | None]:
    """``key_of`` for :func:`pair_of_named` over ``database``: the value itself when its
    column is a key (or references one), else the key of the one row the name picks."""

    def key_of(table: str, column: str, value: str) -> str | None:
        if names_rows_by_key(Col(table, column), lex):
            return value
        info = lex.catalog.table(table)
        if info is None or len(info.primary_key) != 1:
            return None
        sql = (
            sqlglot.select(exp.column(info.primary_key[0]))
            .from_(exp.to_identifier(table))
            .where(exp.column(column).eq(exp.Literal.string(value)))
            .limit(2)
            .sql(lex.catalog.dialect)
        )
        try:
            rows = database.query(sql, max_rows=2, timeout=5.0).rows
        except SQLExecutionError:
            return None
        return str(rows[0][0]) if len(rows) == 1 and rows[0][0] is not None else None

    return key_of
