"""The whole vocabulary of one catalog, built in order: schema names, synonyms,
English words, superlatives, schema roles, then (with a database) values, coded
English, name prefixes and date anchors.

Its own module because the roles (:mod:`.roles`) build on :mod:`.lexicon`'s
Lexicon: assembling here keeps the two free of an import cycle.
"""

from __future__ import annotations

from c2q_repl.sandbox.contracts import Catalog

from . import lexicon
from .roles import add_roles


def build_lexicon(catalog: Catalog, database=None, synonyms: dict | None = None) -> lexicon.Lexicon:
    """Everything the linker needs for one catalog. ``database`` feeds the value
    index and date anchors; without it only names are known (unit tests)."""
    synonyms = lexicon.load_synonyms() if synonyms is None else synonyms
    lex = lexicon.Lexicon(catalog, defaults=dict(synonyms.get("defaults", {})))
    english: dict[tuple[str, ...], list[tuple[str, str]]] = {}
    for table in catalog.tables:
        lexicon.add_schema_names(lex, table, english)
    lexicon.add_synonyms(lex, synonyms)
    lexicon.add_english(lex, english)
    lexicon.add_table_heads(lex)
    lexicon.add_superlatives(lex, synonyms)
    add_roles(lex)
    if database is not None:
        lexicon.load_values(lex, database, synonyms)
        find_self_named(lex, database)
        lexicon.add_coded_english(lex)
        lexicon.add_name_prefixes(lex)
        lexicon.find_text_dates(lex, database)
        lexicon.load_date_anchors(lex, database)
    return lex


def find_self_named(lex: lexicon.Lexicon, database) -> None:
    """The rows named the same by their key and their (unique) name, 'IBM' in companies: a
    value of both columns that picks that one row either way, so no reading is lost by
    taking the key."""
    from sqlglot import exp

    from .identifiers import table_ref
    from .sqlbuild import name_columns

    for table in lex.catalog.tables:
        if len(table.primary_key) != 1:
            continue
        key = table.primary_key[0]
        for name in name_columns(table):
            if name == key:
                continue
            unique = (
                exp.select(exp.column(name))
                .from_(table_ref(table.name))
                .group_by(exp.column(name))
                .having(exp.Count(this=exp.Star()).eq(1))
            )
            sql = (
                exp.select(exp.column(key))
                .from_(table_ref(table.name))
                .where(exp.column(key).eq(exp.column(name)))
                .where(exp.column(name).isin(query=unique))
            )
            try:
                rows = database.query(sql.sql(dialect=lex.catalog.dialect), max_rows=1000).rows
            except Exception:  # noqa: BLE001 - a table we cannot read names nothing twice
                continue
            lex.self_named |= {(table.name, str(value)) for (value,) in rows if value}
