"""Data-summary text for a schema, from its comments and names (deterministic)."""

from __future__ import annotations

from c2q_repl.sandbox.contracts import Catalog, SchemaDescription

from .lexicon import Lexicon, column_kind
from .normalize import split_identifier


def _phrase(name: str) -> str:
    return " ".join(split_identifier(name))


def _column_text(
    table: str, name: str, comment: str, sql_type: str, lex: Lexicon, key: bool
) -> str:
    base = comment or _phrase(name).capitalize()
    kind = column_kind(sql_type)
    extra = {"number": "a number", "date": "a date", "text": "text"}[kind]
    values = sorted(
        {
            t.value
            for ts in lex.phrases.values()
            for t in ts
            if t.kind == "value" and t.table == table and t.column == name and t.via == "value"
        }
    )
    text = f"{base} ({extra}"
    if key:
        text += ", part of the primary key"
    if values and len(values) <= 12:
        text += "; values such as " + ", ".join(values[:5])
    return text + ")."


def describe_schema(catalog: Catalog, lex: Lexicon) -> SchemaDescription:
    tables: dict[str, str] = {}
    columns: dict[str, dict[str, str]] = {}
    for t in catalog.tables:
        what = t.comment or _phrase(t.name).capitalize()
        key = ", ".join(t.primary_key) or "none"
        links = sorted(
            {
                r.to_table if r.from_table == t.name else r.from_table
                for r in catalog.relationships
                if t.name in (r.from_table, r.to_table)
            }
        )
        text = f"{what}: {len(t.columns)} columns, keyed by {key}."
        if links:
            text += " Linked to " + ", ".join(links) + "."
        tables[t.name] = text
        columns[t.name] = {
            c.name: _column_text(t.name, c.name, c.comment, c.type, lex, c.name in t.primary_key)
            for c in t.columns
        }
    names = ", ".join(t.comment.lower() or _phrase(t.name) for t in catalog.tables)
    summary = (
        f"The {catalog.database} database holds {len(catalog.tables)} tables: {names}. "
        f"{len(catalog.relationships)} join paths connect them by shared key columns."
    )
    keywords = tuple(
        "_".join(w.capitalize() for w in split_identifier(t.name)) for t in catalog.tables
    )
    return SchemaDescription(catalog.database, summary, keywords, tables, columns)
