"""Declining well: the reason, the nearest schema names, and questions that do work."""

from __future__ import annotations

import difflib

from .lexicon import Lexicon


def nearest_names(words: tuple[str, ...], lex: Lexicon, limit: int = 3) -> list[str]:
    """Schema names (table / table.column) closest to the words the engine could not place."""
    by_phrase: dict[str, str] = {}
    for key, targets in lex.phrases.items():
        for t in targets:
            if t.kind == "table":
                by_phrase.setdefault(" ".join(key), t.table)
            elif t.kind == "column":
                by_phrase.setdefault(" ".join(key), f"{t.table}.{t.column}")
    found: list[str] = []
    for word in words:
        for phrase in difflib.get_close_matches(word.lower(), list(by_phrase), n=limit, cutoff=0.6):
            name = by_phrase[phrase]
            if name not in found:
                found.append(name)
    if not found:
        found = [t.name for t in lex.catalog.tables][: limit + 2]
    return found[: limit + 2]


def refusal_text(
    reason: str, words: tuple[str, ...], lex: Lexicon, examples: list[str], near: bool = False
) -> str:
    """The refusal as short lines: why, what exists nearby, what does work (``near``: the
    examples were built from the question's own words)."""
    lines = [reason.strip()]
    names = nearest_names(words, lex)
    if names:
        lines.append("Closest names in this database: " + ", ".join(names) + ".")
    if examples:
        lines.append(
            "Questions close to yours that I can answer:"
            if near
            else "Questions I can answer here:"
        )
        lines.extend(f"  - {example}" for example in examples[:3])
    lines.append(
        "For harder questions, start `c2q sandbox serve --engine llm` (OPENAI_API_KEY or --llm-url)"
        " and connect c2q to the endpoint and keys it prints."
    )
    return "\n".join(lines)
