"""Knowledge-base items the built-in engine can use deterministically.

* few-shot {question, answer}: a question that matches an example (ignoring
  case and punctuation) is answered with the example's SQL, once that SQL
  passes the same schema check as the LLM engine's.
* term-sheet {term, description}: when the description itself links to one
  table, column or value, each term becomes a synonym of it for this request.
Instructions are prose for a model; the built-in engine cannot follow them.
"""

from __future__ import annotations

import re
from dataclasses import replace

from c2q_repl.sandbox.contracts import KnowledgeItem

from .lexicon import Lexicon, phrase_key
from .linking import link
from .llm.sqlcheck import validate


def _plain(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9&]+", text.lower()))


def few_shot_sql(question: str, items: tuple[KnowledgeItem, ...], lex: Lexicon) -> str | None:
    wanted = _plain(question)
    for item in items:
        if item.type == "few-shot" and _plain(str(item.raw_data.get("question", ""))) == wanted:
            sql = str(item.raw_data.get("answer", "")).strip().rstrip(";")
            if sql and not validate(sql, lex.catalog):
                return sql
    return None


def _restated(content: list) -> list:
    """'Technology sector companies': one value with its own column and table is the value."""
    values = [it for it in content if it.kind == "value"]
    if len(values) != 1:
        return content
    own = {(t.table, t.column) for t in values[0].targets}
    tables = {t for t, _ in own}
    rest = [
        it
        for it in content
        if it is not values[0]
        and not all(
            (t.table, t.column) in own if it.kind == "column" else t.table in tables
            for t in it.targets
        )
    ]
    return values + rest


def with_terms(lex: Lexicon, items: tuple[KnowledgeItem, ...]) -> Lexicon:
    """A copy of the lexicon with the term sheet's terms added (the cached one is untouched)."""
    extra = []
    for item in items:
        if item.type != "term-sheet":
            continue
        terms = item.raw_data.get("term") or []
        terms = [terms] if isinstance(terms, str) else terms
        meaning = item.raw_data.get("description") or item.raw_data.get("definition") or ""
        linked = link(str(meaning), lex)
        content = _restated([it for it in linked.items if it.kind in ("table", "column", "value")])
        others = [it for it in linked.items if it.kind not in ("table", "column", "value", "kw")]
        if len(content) == 1 and not others and not linked.unknown:
            extra += [(phrase_key(str(t)), target) for t in terms for target in content[0].targets]
    if not extra:
        return lex
    copy = replace(lex, phrases={k: list(v) for k, v in lex.phrases.items()}, near_words={})
    for key, target in extra:
        copy.add(key, replace(target, via="knowledge"))
    return copy
