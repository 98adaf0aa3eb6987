"""Suggestions built from the user's own words: the nearest answerable paraphrases.

A declined question still names tables, columns and values. From those, simple
questions of shapes the engine answers are written (a count in the named value, an
aggregate of a named number, a grouping by a named category, a top-N by a named
measure); the answerer keeps only those it answers and whose SQL returns rows.
"""

from __future__ import annotations

from .lexicon import Lexicon, column_kind
from .linking import Linked
from .normalize import split_identifier
from .sqlbuild import name_columns
from .suggest import measures, plural_noun


def _words(name: str) -> str:
    return " ".join(split_identifier(name))


def _noun(lex: Lexicon, table: str) -> str:
    return plural_noun(table)


def _numbers(lex: Lexicon, table: str) -> list[str]:
    info = lex.catalog.table(table)
    if info is None:
        return []
    cols = measures(lex, info)
    preferred = str(lex.defaults.get(table, ""))
    return sorted(cols, key=lambda c: c != preferred)


def _categories(lex: Lexicon, table: str) -> list[str]:
    """Value-indexed text columns of a table that group its rows (not names, not keys)."""
    found: list[str] = []
    for targets in lex.phrases.values():
        for t in targets:
            if t.kind == "value" and t.table == table and t.column not in found:
                found.append(t.column)
    return [
        c
        for c in found
        if not _names_one_row(lex, table, c) and _distinct_values(lex, table, c) <= _MANY_VALUES
    ]


def nearby_questions(linked: Linked, lex: Lexicon) -> list[str]:
    """Candidate questions over the tables, columns and values the question names,
    most specific first (values, then named columns, then the tables themselves)."""
    tables: list[str] = []
    columns: list[tuple[str, str]] = []
    values: list[tuple[str, str, str, str]] = []  # table, column, stored value, as written
    for it in linked.items:
        if it.kind == "table":
            tables.append(it.targets[0].table)
        elif it.kind == "column":
            t = it.targets[0]
            columns.append((t.table, t.column))
            tables.append(t.table)
        elif it.kind == "value":
            t = it.targets[0]
            values.append((t.table, t.column, t.value, it.text))
            tables.append(t.table)
    tables = list(dict.fromkeys(tables))
    out: list[str] = []
    for table, column, _stored, written in values[:2]:
        noun = _noun(lex, table)
        named = [c for t, c in columns if t == table and column_kind(_type(lex, t, c)) == "number"]
        number = (named + _numbers(lex, table))[:1]
        if _names_one_row(lex, table, column):
            # 'Apple' is one company: ask for its figure, not a count
            if number:
                out.append(f"What is the {_words(number[0])} of {written}?")
            continue
        out.append(f"How many {noun} are in {written}?")
        if number:
            out.append(f"What is the average {_words(number[0])} of {noun} in {written}?")
    for table, column in columns[:2]:
        noun = _noun(lex, table)
        kind = column_kind(_type(lex, table, column))
        if kind == "number":
            out.append(f"Top 5 {noun} by {_words(column)}")
            out.append(f"What is the average {_words(column)} of {noun}?")
        elif column in _categories(lex, table):
            out.append(f"How many {noun} are there per {_words(column)}?")
        elif kind == "date":
            out.append(f"How many {noun} are there per month?")
    for table in tables[:2]:
        noun = _noun(lex, table)
        numbers = _numbers(lex, table)
        cats = _categories(lex, table)
        if cats:
            out.append(f"How many {noun} are there per {_words(cats[0])}?")
        if numbers:
            out.append(f"Top 5 {noun} by {_words(numbers[0])}")
        out.append(f"How many {noun} are there?")
    return list(dict.fromkeys(out))


def _names_one_row(lex: Lexicon, table: str, column: str) -> bool:
    """A key or a name column ('Apple' is one company; 'Cupertino' is a city of several)."""
    info = lex.catalog.table(table)
    return info is not None and (column in info.primary_key or column in name_columns(info))


def _distinct_values(lex: Lexicon, table: str, column: str) -> int:
    distinct = {
        t.value
        for ts in lex.phrases.values()
        for t in ts
        if t.kind == "value" and t.table == table and t.column == column
    }
    distinct |= {
        t.value
        for ts in lex.symbols.values()
        for t in ts
        if t.table == table and t.column == column
    }
    return len(distinct)


_MANY_VALUES = 50  # a column with more distinct values than this is no category to group by


def _type(lex: Lexicon, table: str, column: str) -> str:
    info = lex.column_info(table, column)
    return info.type if info else ""
