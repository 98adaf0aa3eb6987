"""'What percentage of companies are in the Healthcare sector?': the share of a table's rows
(its population, possibly narrowed: 'of Technology companies') that meet a condition.

The question is split at the table named after 'percentage of': the words up to it
describe the population, the words after it the condition. Each part is read as a plain
list by the interpreter; anything else in either part (a ranking, a group, a time phrase
whose side is unclear) declines. The SQL is
``100.0 * SUM(CASE WHEN condition THEN 1 ELSE 0 END) / COUNT(*)`` over the population.

'What share of total market cap is tech?' weighs the rows by a measure instead: the words
after the measure (or, with none, those before the percentage word: "tech's share of …") are
the condition, and the SQL is ``100.0 * SUM(CASE WHEN condition THEN col ELSE 0 END) /
SUM(col)``.
"""

from __future__ import annotations

from dataclasses import replace

from .lexicon import Lexicon, Target
from .linking import Item
from .reading import Refuse
from .spec import Col, Metric, QuerySpec

PCT = "PCT"


def distribution_words(items: list[Item]) -> list[Item]:
    """'the share of companies by sector': with groups, 'share of' asks for the distribution
    (a pie of counts), not the share of rows meeting a condition."""
    grouped = any(it.kind == "kw" and it.category == "group" for it in items)
    return [
        replace(it, category="share")
        if grouped and it.kind == "kw" and it.category == "pct" and it.text.lower() == "share of"
        else it
        for it in items
    ]


def weighted_measure(items: list[Item], lex: Lexicon) -> Target | None:
    """The numeric column right after the percentage word ('share of total market cap'),
    before any table: the rows are weighed by it."""
    at = next(i for i, it in enumerate(items) if it.kind == "kw" and it.category == "pct")
    for it in items[at + 1 :]:
        if it.kind == "kw" and it.category == "agg" and it.arg == "SUM":
            continue  # 'of total market cap'
        if it.kind == "value" and len(items) > at + 2:
            continue  # 'of the S&P 500 weight': the population, read below
        if it.kind != "column" or len({(t.table, t.column) for t in it.targets}) != 1:
            return None
        target = it.targets[0]
        return target if lex.kind_of(target.table, target.column) == "number" else None
    return None


def split_weighted(items: list[Item], measure: Target) -> tuple[list[Item], list[Item], str]:
    """(population items, condition items, the percentage word) of a weighted share; each
    part starts with the measure's table so it reads as a list of that table's rows."""
    at = next(i for i, it in enumerate(items) if it.kind == "kw" and it.category == "pct")
    word = items[at].text
    if sum(1 for it in items if it.kind == "kw" and it.category == "pct") > 1:
        raise Refuse(f"I can compute one percentage at a time ('{word}').", word)
    if any(it.kind in ("time", "table") for it in items):
        raise Refuse(
            f"'{word}': I can weigh {measure.table} rows by {measure.column} when the "
            "condition is a plain value ('tech', 'in California'), not a ranking, a date or "
            "another table's rows.",
            word,
        )
    measure_at = next(i for i in range(at + 1, len(items)) if items[i].kind == "column")
    table = Item(
        "table", measure.table, items[at].start, items[at].start, (Target("table", measure.table),)
    )
    between = [it for it in items[at + 1 : measure_at] if it.kind == "value"]
    before = [it for it in items[:at] if not _filler(it)]
    after = items[measure_at + 1 :]
    if after:
        population, condition = [*before, *between], list(after)
    elif between:
        raise Refuse(f"I could not tell which condition the '{word}' measures.", word)
    else:
        population, condition = [], before
    return [table, *population], [table, *condition], word


def _filler(it: Item) -> bool:
    return it.kind == "kw" and it.category == "list"


_VERBS = frozenset({"are", "is", "were", "was", "have", "has", "had"})


def split_ratio(items: list[Item], words: tuple[str, ...] = ()) -> tuple[list[Item], list[Item]]:
    """(population items, condition items); the table item starts both parts. Values said
    between the table and its verb narrow the population: 'of the companies in the S&P 500
    are in California' is of the index's companies."""
    at = [i for i, it in enumerate(items) if it.kind == "kw" and it.category == "pct"]
    word = items[at[0]].text
    if len(at) > 1:
        raise Refuse(f"I can compute one percentage at a time ('{word}').", word)
    if any(it.kind == "time" for it in items):
        raise Refuse(
            f"I cannot tell whether the time phrase narrows the rows or is the condition of "
            f"the '{word}'; ask for the count of each instead.",
            word,
        )
    table_at = next((i for i in range(at[0] + 1, len(items)) if items[i].kind == "table"), None)
    if table_at is None:
        raise Refuse(f"I could not tell which rows the '{word}' is of.", word)
    while (
        table_at + 1 < len(items)
        and items[table_at + 1].kind == "table"
        and not items[table_at + 1].text.lower().endswith("ed")  # 'selected': a verb
        and not all(t.via == "verb" for t in items[table_at + 1].targets)
    ):
        # "the index's companies": the rows counted are the last noun's; the one before
        # only narrows them (and is kept with the population)
        table_at += 1
    between = items[at[0] + 1 : table_at]
    if any(it.kind not in ("value", "kw") for it in between):
        raise Refuse(f"I could not tell which rows the '{word}' is of.", word)
    before = [it for i, it in enumerate(items[:table_at]) if i != at[0]]
    narrowing = _said_before_the_verb(items, table_at, words)
    population = [*before, items[table_at], *narrowing]
    condition = [items[table_at], *items[table_at + 1 + len(narrowing) :]]
    return population, condition


def _said_before_the_verb(items: list[Item], table_at: int, words: tuple[str, ...]) -> list[Item]:
    """The values right after the table noun and before a verb that follows them ('in the
    S&P 500' in '… companies in the S&P 500 are headquartered in California'); none when no
    verb separates them from the rest."""
    if not words:
        return []
    kept: list[Item] = []
    end = items[table_at].end
    for it in items[table_at + 1 :]:
        if _VERBS & set(words[end : it.start]):
            return kept if kept and len(kept) < len(items) - table_at - 1 else []
        if it.kind != "value":
            return []
        kept.append(it)
        end = it.end
    return []


def ratio_spec(
    population: QuerySpec, condition: QuerySpec, word: str, weight: Col | None = None
) -> QuerySpec:
    for part in (population, condition):
        if (
            part.shape != "list"
            or part.order_by is not None
            or part.limit is not None
            or part.columns
            or part.distinct
            or part.group_by is not None
        ):
            raise Refuse(
                f"'{word}': I can compute the share of rows that meet a condition, but not per "
                "group, of a ranking or of a column's values.",
                word,
            )
    if population.table != condition.table:
        raise Refuse(f"I could not tell which rows the '{word}' is of.", word)
    kept = set(population.filters)
    test = tuple(f for f in condition.filters if f not in kept)
    if not test:
        raise Refuse(f"I could not tell which condition the '{word}' measures.", word)
    rows = f"all {population.table} rows" + (
        " that match the other conditions" if population.filters else ""
    )
    note = (
        word,
        f"'{word}' read as 100 × (rows meeting the condition) / ({rows})"
        if weight is None
        else f"'{word}' read as 100 × (the {weight.column} of rows meeting the condition) / "
        f"(the {weight.column} of {rows})",
    )
    return QuerySpec(
        "aggregate",
        population.table,
        metric=Metric(PCT, weight),
        filters=population.filters,
        ratio_filters=test,
        also_join=tuple(dict.fromkeys(population.also_join + condition.also_join)),
        notes=population.notes + condition.notes + (note,),
    )


def share_of_rows_shown(items: list[Item], lex: Lexicon) -> QuerySpec | None:
    """'what share of the total index weight do they have?': the weighted share whose
    condition is the rows a pronoun points at (filled in by the caller, builtin.py); None
    unless the question is only a percentage word and a measure."""
    if not any(it.kind == "kw" and it.category == "pct" for it in items):
        return None
    measure = weighted_measure(items, lex) or _measure_said_before(items, lex)
    if measure is None:
        return _counted_share(items)
    rest = [
        it
        for it in items
        if not (it.kind == "kw" and it.category in ("pct", "list", "agg"))
        and not (it.kind == "column" and it.targets[0].column == measure.column)
        and not (it.kind == "table" and _the_whole(it, measure, lex))
    ]
    if rest:
        return None
    word = next(it.text for it in items if it.kind == "kw" and it.category == "pct")
    note = (
        word,
        f"'{word}' read as 100 × (the {measure.column} of the rows of the previous answer) / "
        f"(the {measure.column} of all {measure.table} rows)",
    )
    return QuerySpec(
        "aggregate",
        measure.table,
        metric=Metric(PCT, Col(measure.table, measure.column)),
        notes=(note,),
    )


def _counted_share(items: list[Item]) -> QuerySpec | None:
    """'what % of all users is that?' after how many users never picked a stock: those rows
    counted against every row of the one table named (the condition filled in by the
    caller); None unless the question is only a percentage word and that table."""
    tables = [it for it in items if it.kind == "table"]
    rest = [
        it
        for it in items
        if it.kind != "table" and not (it.kind == "kw" and it.category in ("pct", "list"))
    ]
    if len(tables) != 1 or rest or len({t.table for t in tables[0].targets}) != 1:
        return None
    table = tables[0].targets[0].table
    word = next(it.text for it in items if it.kind == "kw" and it.category == "pct")
    note = (
        word,
        f"'{word}' read as 100 × (the rows of the previous answer) / (all {table} rows)",
    )
    return QuerySpec("aggregate", table, metric=Metric(PCT), notes=(note,))


def _measure_said_before(items: list[Item], lex: Lexicon) -> Target | None:
    """'their combined weight, as a percentage of the index': the one numeric column named
    before 'as a percentage'."""
    pct = [it for it in items if it.kind == "kw" and it.category == "pct"]
    if len(pct) != 1 or pct[0].arg != "in":
        return None
    columns = [it for it in items if it.kind == "column" and it.start < pct[0].start]
    if len(columns) != 1 or len({(t.table, t.column) for t in columns[0].targets}) != 1:
        return None
    target = columns[0].targets[0]
    return target if lex.kind_of(target.table, target.column) == "number" else None


def _the_whole(it: Item, measure: Target, lex: Lexicon) -> bool:
    """'… as a percentage of the index': the table the measure's rows belong to (it or a
    table one key away) names the whole, not a condition."""
    table = it.targets[0].table
    if table == measure.table:
        return True
    return any(
        {rel.from_table, rel.to_table} == {table, measure.table}
        for rel in lex.catalog.relationships
    )
