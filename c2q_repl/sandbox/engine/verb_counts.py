"""'Which film has been screened the most times?', 'which medication was prescribed the
least': a verb made from a table's name ('screened' → screenings) before 'most' counts that
table's rows, as 'which film has the most screenings' says."""

from __future__ import annotations

from dataclasses import replace

from c2q_repl.sandbox.contracts import Catalog

from .lexicon import Target
from .linking import Item, Linked

_RANKS = frozenset({"most", "least", "fewest"})


def counted_verbs(linked: Linked, catalog: Catalog) -> Linked:
    """``linked`` with each 'verb most' read as 'most <the verb's table>': the table the verb
    is made from, or the one table whose rows reference the rows named before the verb
    ('medication … prescribed': the prescriptions)."""
    items = list(linked.items)
    changed = False
    for i in range(len(items) - 1):
        verb, rank = items[i], items[i + 1]
        if not (
            verb.kind == "kw"
            and verb.category == "relverb"
            and rank.kind == "kw"
            and rank.category == "agg"
            and rank.text.lower() in _RANKS
        ):
            continue
        after = items[i + 2] if i + 2 < len(items) else None
        if after is not None and after.kind in ("table", "column", "value"):
            continue  # 'members who rented the most films': the films are what is counted
        table = _counted_table(items[:i], verb, catalog)
        if table is None:
            continue
        items[i] = replace(rank, start=verb.start, end=verb.end)
        items[i + 1] = Item(
            "table",
            verb.text,
            rank.start,
            rank.end,
            targets=(Target("table", table, via="verb"),),
            note=f"'{verb.text} the {rank.text}' read as the {rank.text} {table} rows",
        )
        changed = True
    return replace(linked, items=tuple(items)) if changed else linked


def _counted_table(before: list[Item], verb: Item, catalog: Catalog) -> str | None:
    if len(verb.targets) == 1:
        return verb.targets[0].table
    if verb.targets:
        return None
    subjects = {t.table for it in before if it.kind == "table" for t in it.targets}
    if len(subjects) != 1:
        return None
    subject = subjects.pop()
    referencing = {r.from_table for r in catalog.relationships if r.to_table == subject}
    referencing.discard(subject)
    if len(referencing) != 1:
        return None
    table = referencing.pop()
    # the verb names that table ('prescribed' → Prescription), never another link ('rented'
    # beside copies of a film: the rentals are a step further)
    word = verb.text.lower()
    stem = (word[:-2] if word.endswith("ed") else word)[:5]
    return table if len(stem) >= 4 and table.lower().replace("_", "").startswith(stem) else None
