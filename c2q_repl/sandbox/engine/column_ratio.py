"""'top 5 Energy names by ebitda/market_cap', 'market cap per employee for WMT and AMZN',
'the ebitda to market cap ratio of tech companies': one number column of a row divided by
another of the same row.

Read like a day's range (derived.py): the phrase stands for the numerator column (the question
is answered as if it named it), then every use of that column in the SQL becomes numerator /
divisor. Only when both words name one number column each of one table and the rest of the
question names neither (a condition on the numerator would be changed with it).
"""

from __future__ import annotations

import re

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

from c2q_repl.sandbox.contracts import Catalog

from .derived import Derived
from .lexicon import Lexicon, column_kind
from .linking import link
from .reading import columns_of
from .spec import Col
from .sqlbuild import name_columns

_WORDS = r"[a-z][a-z_]*(?:(?:\s+|-)[a-z_]+){0,3}"
_SHAPES = (
    # 'ebitda/market_cap', 'ebitda / market cap'
    (re.compile(rf"(?P<a>\b{_WORDS}?)\s*/\s*(?P<b>{_WORDS})", re.I), "to"),
    # 'market cap per employee'
    (re.compile(rf"(?P<a>\b{_WORDS}?)\s+per\s+(?P<b>{_WORDS})", re.I), "per"),
    # 'ratio of ebitda to market cap', 'ebitda to market cap ratio', 'ebitda-to-market-cap'
    (
        re.compile(
            rf"\bratio\s+of\s+(?:the\s+)?(?P<a>{_WORDS}?)\s+to\s+(?:the\s+)?(?P<b>{_WORDS})", re.I
        ),
        "to",
    ),
    (re.compile(rf"(?P<a>\b{_WORDS}?)[\s-]+to[\s-]+(?P<b>{_WORDS}?)[\s-]+ratio\b", re.I), "to"),
)


def read_ratio(question: str, lex: Lexicon) -> tuple[str, Derived] | None:
    """(the question with the ratio read as its numerator, the measure) or None."""
    for shape, joiner in _SHAPES:
        found = list(shape.finditer(question))
        if len(found) != 1:
            continue
        m = found[0]
        ends = _two_columns(m.group("a"), m.group("b"), lex)
        if ends is None:
            continue
        (top, a_start), (bottom, b_len) = ends
        start = m.start("a") + a_start
        end = m.start("b") + b_len
        if shape is _SHAPES[2][0]:
            start = m.start()  # 'ratio of' is part of the phrase
        if shape is _SHAPES[3][0]:
            end = m.end()  # so is 'ratio' after it
        rest = question[:start] + " " + question[end:]
        named = {c for it in link(rest, lex).items for c in columns_of(it)}
        if top in named or bottom in named:
            return None  # 'companies with ebitda over 1B, by ebitda/market cap': not guessed
        words = top.column.replace("_", " ")
        rewritten = question[:start] + words + question[end:]
        name = f"{top.column}_{joiner}_{bottom.column}"
        ranks = r"\b(?:largest|biggest|smallest|top|highest|lowest|most|least|fewest|best|worst)\b"
        # 'highest market cap per employee', '… by ebitda/market_cap': ranked by the ratio
        adjacent = re.search(ranks + r"(?:\s+\d+)?\s*$|\bby\s*$", question[:start], re.I)
        apart = bool(re.search(ranks, rest, re.I)) and not adjacent
        return rewritten, Derived(
            top.table, top.column, "", name, bottom.column, ranked_apart=apart
        )
    return None


def _two_columns(
    before: str, after: str, lex: Lexicon
) -> tuple[tuple[Col, int], tuple[Col, int]] | None:
    """The number column the last words of ``before`` name (with where they start) and the
    one the first words of ``after`` name (with where they end), of one table."""
    top = _one_column(before, lex, from_end=True)
    bottom = _one_column(after, lex, from_end=False)
    if top is None or bottom is None:
        return None
    if top[0].table != bottom[0].table or top[0] == bottom[0]:
        return None
    return top, bottom


def _one_column(text: str, lex: Lexicon, from_end: bool) -> tuple[Col, int] | None:
    words = list(re.finditer(r"[a-z_]+", text, re.I))
    for size in range(min(3, len(words)), 0, -1):
        part = words[-size:] if from_end else words[:size]
        span = text[part[0].start() : part[-1].end()]
        items = link(span, lex).items
        if len(items) != 1 or items[0].kind != "column":
            continue
        columns = list(dict.fromkeys(columns_of(items[0])))
        if len(columns) != 1:
            continue
        info = lex.catalog.table(columns[0].table)
        kind = next(
            (
                column_kind(c.type)
                for c in (info.columns if info else ())
                if c.name == columns[0].column
            ),
            "",
        )
        if kind != "number":
            return None
        return columns[0], (part[0].start() if from_end else part[-1].end())
    return None


def with_row_names(sql: str, table: str, catalog: Catalog, dialect: str) -> str:
    """'ebitda to market cap ratio for the 5 largest companies': a ratio of each row says
    whose it is; a plain list of ``table`` rows without its key or name gets them first."""
    try:
        tree = sqlglot.parse_one(sql, read=dialect)
    except SqlglotError:
        return sql
    if (
        not isinstance(tree, exp.Select)
        or tree.args.get("group")
        or tree.args.get("distinct")
        or any(e.find(exp.AggFunc) is not None for e in tree.selects)
    ):
        return sql
    info = catalog.table(table)
    if info is None:
        return sql
    shown = {c.name.lower() for e in tree.selects for c in e.find_all(exp.Column)}
    wanted = [*info.primary_key[:1], *name_columns(info)[:1]]
    missing = [c for c in dict.fromkeys(wanted) if c.lower() not in shown]
    if not missing:
        return sql
    qualified = any(c.table for e in tree.selects for c in e.find_all(exp.Column))
    added = [exp.column(c, table=table) if qualified else exp.column(c) for c in missing]
    tree.set("expressions", [*added, *tree.expressions])
    return tree.sql(dialect=dialect)
