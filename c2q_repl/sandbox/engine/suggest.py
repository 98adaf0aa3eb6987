"""Questions the built-in engine can answer for a schema, generated from it.

Candidates come from templates over the catalog (counts, groupings, top-N,
averages, time ranges); the answerer keeps only those it really answers.
"""

from __future__ import annotations

from c2q_repl.sandbox.contracts import TableInfo

from .lexicon import Lexicon, column_kind
from .names import split_words
from .normalize import split_identifier
from .sqlbuild import name_columns


def _words(name: str) -> str:
    return " ".join(split_identifier(name))


def plural_noun(table: str) -> str:
    """'Student' → 'students', 'category' → 'categories', 'companies' stays."""
    words = split_identifier(table)
    last = words[-1] if words else table.lower()
    if not last.endswith("s"):
        last = (
            last[:-1] + "ies" if last.endswith("y") and last[-2:-1] not in "aeiou" else last + "s"
        )
    return " ".join([*words[:-1], last])


def measures(lex: Lexicon, table: TableInfo) -> list[str]:
    """Numeric columns worth ranking or averaging: not keys, not references, not 0/1 flags."""
    refs = {r.from_column for r in lex.catalog.relationships if r.from_table == table.name}
    return [
        c.name
        for c in table.columns
        if column_kind(c.type) == "number"
        and c.name not in table.primary_key
        and c.name not in refs
        and split_words(c.name)[0] not in ("is", "has", "flag")
        and not c.name.lower().endswith("id")
    ]


def _categorical(lex: Lexicon, table: str) -> list[str]:
    cols = []
    for targets in lex.phrases.values():
        for t in targets:
            if t.kind == "value" and t.table == table and t.column not in cols:
                cols.append(t.column)
    info = lex.catalog.table(table)
    order = [c.name for c in info.columns] if info else []
    return sorted(cols, key=lambda c: order.index(c) if c in order else 99)


def _distinct_count(lex: Lexicon, table: str, column: str) -> int:
    return len(
        {
            t.value
            for ts in lex.phrases.values()
            for t in ts
            if t.kind == "value" and t.table == table and t.column == column
        }
    )


def _first_value(lex: Lexicon, table: str, column: str) -> str | None:
    values = sorted(
        {
            t.value
            for ts in lex.phrases.values()
            for t in ts
            if t.kind == "value" and t.table == table and t.column == column and t.via == "value"
        }
    )
    return values[0] if values else None


def lex_default(lex: Lexicon, table: str) -> str:
    return str(lex.defaults.get(table, ""))


def candidates(lex: Lexicon) -> list[str]:
    """Template questions, most useful tables first, interleaved by kind."""
    tables = sorted(lex.catalog.tables, key=lambda t: (-len(t.columns), t.name))
    rounds: list[list[str]] = [[], [], [], [], [], []]
    for table in tables:
        noun = plural_noun(table.name)
        keys = set(table.primary_key) | set(name_columns(table))
        numbers = measures(lex, table)
        preferred = lex_default(lex, table.name)
        if preferred in numbers:
            numbers.remove(preferred)
            numbers.insert(0, preferred)
        cats = [c for c in _categorical(lex, table.name) if c not in keys]
        # group by a column whose distinct values read well on a chart (about ten bars)
        cats = [c for c in cats if _distinct_count(lex, table.name, c) >= 3]
        cats.sort(key=lambda c: abs(_distinct_count(lex, table.name, c) - 10))
        dates = lex.date_columns(table.name)
        if any(d in keys for d in dates):  # a history table: rows are days, not things to count
            anchor = lex.date_anchor.get((table.name, dates[0]))
            if anchor and numbers:
                rounds[4].append(f"What is the maximum {_words(numbers[0])} in {anchor[:4]}?")
            continue
        rounds[1].append(f"How many {noun} are there?")
        if cats:
            rounds[0].append(f"How many {noun} are there per {_words(cats[0])}?")
        if numbers:
            rounds[0].append(f"Top 5 {noun} by {_words(numbers[0])}")
        if cats and numbers:
            rounds[2].append(f"What is the average {_words(numbers[0])} per {_words(cats[0])}?")
            value = _first_value(lex, table.name, cats[0])
            if value:
                rounds[3].append(f"What is the total {_words(numbers[0])} of {noun} in {value}?")
        if len(numbers) > 1:
            rounds[5].append(f"Which {noun} have the highest {_words(numbers[1])}?")
    out: list[str] = []
    for r in (rounds[0], rounds[2], rounds[4], rounds[3], rounds[5], rounds[1]):
        out.extend(q for q in r if q not in out)
    return out
