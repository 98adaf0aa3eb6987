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
        lexicon.find_self_named(lex, database)
        lexicon.add_coded_english(lex)
        lexicon.add_name_prefixes(lex)
        lexicon.find_text_dates(lex, database)
        lexicon.load_date_anchors(lex, database)
    return lex
