"""The precision guard: a finished answer whose SQL does not account for the question is declined.

Reading a question can go wrong in many places (a value taken for a stop word, a count read
as a sum, a join the wrong way round); each place has its own checks, and some mistakes slip
through all of them. This is the last look before the SQL leaves the engine: it compares what
the question says with what the SQL does — never with what the engine meant — and turns a
confidently wrong answer into a refusal that names what was not accounted for. A decline with a
specific reason costs the user a rephrasing; a plausible wrong number costs their trust.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlglot import exp

from c2q_repl.sandbox.contracts import Catalog

from .keywords import KEYWORDS
from .lexicon import phrase_key
from .linking import Linked
from .names import split_words
from .normalize import Token, tokenize
from .question_facts import (
    asked_to_show,
    asks_count,
    code_letter,
    counted_noun,
    counts_rows,
    identifies,
    is_flag,
    is_plural,
    number_used,
    singular,
    text_used,
    value_used,
    verb_columns,
)
from .spec import Decline
from .sql_facts import (
    ORDINAL_WORDS,
    SqlFacts,
    columns_compared_with,
    compared_with_column,
    condition_columns,
    constant_counts,
    counted_base,
    dated_columns,
    empty_joined_columns,
    has_alternatives,
    keeps_extreme_group,
    missing_columns,
    missing_tables,
    never_true,
    read_sql,
    row_cuts,
    shown_columns,
    summed_ordinals,
)

_KEYWORD_KEYS = frozenset(phrase_key(p) for p in KEYWORDS)
_ADVICE = "please rephrase, naming it as the data does."


@dataclass(frozen=True)
class Proposal:
    """An answer about to be given: the question as read, what its words linked to, the SQL."""

    question: str
    tokens: tuple[Token, ...]
    linked: Linked
    facts: SqlFacts
    catalog: Catalog


def unaccounted(question: str, linked: Linked, sql: str, catalog: Catalog) -> Decline | None:
    """Why the SQL does not answer the question, or None when nothing is left unaccounted."""
    facts = read_sql(sql, catalog.dialect)
    if facts is None:
        return None
    proposal = Proposal(question, tuple(tokenize(question)), linked, facts, catalog)
    for rule in RULES:
        decline = rule(proposal)
        if decline is not None:
            return decline
    return None


# ---------------------------------------------------------------------- SQL against the schema
def unknown_names(p: Proposal) -> Decline | None:
    """A table or column the database lacks: the SQL cannot mean what the question asked."""
    tables = missing_tables(p.facts, p.catalog)
    if tables:
        near = [
            t.name
            for t in p.catalog.tables
            if t.name.lower().startswith(tables[0].lower()) and t.name != tables[0]
        ]
        hint = (
            f" (the table is '{near[0]}', a name the built-in engine cannot write)" if near else ""
        )
        return Decline(
            f"The SQL I built reads a table '{tables[0]}' that this database does not have{hint}; "
            "I cannot answer this reliably.",
            (tables[0],),
        )
    columns = missing_columns(p.facts, p.catalog)
    if columns:
        return Decline(
            f"The SQL I built reads a column '{columns[0]}' that this database does not have; "
            "I cannot answer this reliably.",
            (columns[0],),
        )
    return None


def impossible_conditions(p: Proposal) -> Decline | None:
    """'restaurants that never received a rating below 3' read as rating IS NULL AND rating < 3:
    a condition no row meets is a misreading, not an empty answer."""
    column = never_true(p.facts)
    if column is None:
        return None
    return Decline(
        f"I read conditions on {column} that no row can meet together, so I misread the "
        f"question; {_ADVICE}",
    )


def constant_count(p: Proposal) -> Decline | None:
    """COUNT(DISTINCT x) grouped by x is 1 in every group: the count meant other rows."""
    count = constant_counts(p.facts)
    if count is None:
        return None
    return Decline(
        f"I counted {count} within groups of that same thing (always 1), so I could not tell "
        f"what to count; {_ADVICE}",
    )


# ---------------------------------------------------------------------- the question's words
def counted_by_sum(p: Proposal) -> Decline | None:
    """'how many stops' answered with SUM(Stop_Order): adding up a sequence or key column counts
    nothing."""
    summed = summed_ordinals(p.facts, p.catalog)
    if not summed:
        return None
    asked = "a count" if asks_count(p.tokens) else "a total"
    return Decline(
        f"I would answer {asked} by adding up {summed[0]}, which numbers or identifies rows "
        f"rather than measuring them; {_ADVICE}",
        (summed[0],),
    )


def dropped_values(p: Proposal) -> Decline | None:
    """A value the question names (a quoted string, a name the data holds, a one-letter code
    such as the 'A' of 'group A') that no literal of the SQL uses."""
    for item in p.linked.items:
        if item.kind == "value" and not value_used(item, p.facts):
            return _not_used(item.text)
    for k, tok in enumerate(p.tokens):
        if tok.kind == "quoted" and not text_used(tok.text, p.facts):
            return _not_used(tok.text)
        if (
            tok.kind == "word"
            and code_letter(tok, k, p.tokens)
            and not text_used(tok.text, p.facts)
        ):
            return _not_used(tok.text)
    return None


def dropped_numbers(p: Proposal) -> Decline | None:
    """A number of the question that the SQL does not use, or 'more than 4 bikes' (a count of
    related rows) compared with something that is not a count."""
    items = p.linked.items
    for k, item in enumerate(items):
        if item.kind != "number" or item.number is None or not item.text[:1].isdigit():
            continue  # 'at least one stock' is existence, 'which one' no number at all
        if not number_used(item, p.facts):
            return _not_used(item.text)
        nxt = items[k + 1] if k + 1 < len(items) else None
        if counts_rows(item, nxt) and compared_with_column(p.facts, item.number, p.catalog):
            return Decline(
                f"'{item.text} {nxt.text}' is a number of {nxt.text}, and the SQL I built "  # type: ignore[union-attr]
                f"does not count them; {_ADVICE}",
                (item.text, nxt.text),  # type: ignore[union-attr]
            )
    return None


def dropped_columns(p: Proposal) -> Decline | None:
    """A column the question names that the SQL never reads (a table may rightly be only
    implied: 'users who selected a stock' needs no stocks table)."""
    for item in p.linked.items:
        named = {t.column.lower() for t in item.targets}
        if item.kind != "column" or not named or named & p.facts.columns:
            continue
        if all(t.via == "verb" for t in item.targets):
            continue  # 'albums released on the Warp label': a verb, not a request for release_year
        if phrase_key(item.text) not in _KEYWORD_KEYS:  # 'Count' may name visit_count too
            return _not_used(item.text)
    return None


def count_not_counted(p: Proposal) -> Decline | None:
    """'Count the stations installed in 2015' answered with the list of stations: a count asked
    for and no COUNT or SUM in the SQL, nor a column that holds that count ('how many seats')."""
    noun = counted_noun(p.tokens, p.linked)
    if noun is None or p.facts.tree.find(exp.Count, exp.Sum) is not None:
        return None
    stem = singular(noun)
    for column in p.facts.columns:
        words = split_words(column.replace(" ", "_"))
        # a column holding the count ('seats', Number_of_Platforms), not the rows' key or name
        if stem in map(singular, words) and words[-1] not in ORDINAL_WORDS | {"name", "title"}:
            return None
    return Decline(
        f"You asked how many {noun}, and the SQL I built does not count them; {_ADVICE}",
        (noun,),
    )


def verb_on_other_date(p: Proposal) -> Decline | None:
    """'members who joined in 2021' filtered on Birth_Year while the table has Join_Date: a
    time phrase after a verb belongs to the column that verb names."""
    for item in p.linked.items:
        if item.kind != "time" or item.start == 0:
            continue
        verb = p.tokens[item.start - 1]
        if verb.kind != "word":
            continue
        filtered = dated_columns(p.facts, item.text)
        if not filtered:
            continue
        named = verb_columns(verb.lower, p.facts, p.catalog)
        if named and not {c.lower() for c in named} & {c.lower() for c in filtered}:
            return Decline(
                f"'{verb.text} {item.text}' is about {named[0]}, and the SQL I built filters "
                f"{filtered[0]} instead; {_ADVICE}",
                (verb.text,),
            )
    return None


def invented_cut(p: Proposal) -> Decline | None:
    """'the highest salary in each specialty' answered as the top 10 of each: a number of rows
    kept (a LIMIT, a rank cut) that the question never said, nor implied by 'top'."""
    if any(t.lower == "top" for t in p.tokens):
        return None  # 'the top companies': the engine's stated default N, said in its notes
    said = {it.number for it in p.linked.items if it.kind == "number" and it.number is not None}
    for cut in row_cuts(p.facts):
        if cut not in said and cut != 1:
            return Decline(
                f"I would keep {cut:g} rows, a number you did not ask for; please say how many "
                f"you want (for example 'the top 3'), or {_ADVICE}",
            )
    return None


def subject_not_shown(p: Proposal) -> Decline | None:
    """'Show all restaurants sorted by opening year' answered with the years alone: the rows the
    question lists are the table's own, and the SQL shows neither their key nor their name."""
    first = next((it for it in p.linked.items if it.kind in ("table", "column")), None)
    if first is None or first.kind != "table" or not is_plural(first.text):
        return None
    shown = shown_columns(p.facts)
    if shown is None:
        return None  # an aggregate or a grouping: not a listing of rows
    table = p.catalog.table(first.targets[0].table)
    if table is None or any(identifies(table, c) for c in shown):
        return None
    if shown and {c.lower() for c in shown} <= asked_to_show(p.linked):
        return None  # 'the trips …, showing the start date and duration': exactly what was asked
    return Decline(
        f"You asked for the {first.text} themselves, and the SQL I built shows only "
        f"{', '.join(shown) or 'other columns'}; {_ADVICE}",
        (first.text,),
    )


def each_collapsed(p: Proposal) -> Decline | None:
    """'the highest number of goals in each group' answered with the one group whose total is
    highest: 'each' asks for every group, and the SQL keeps only the top one."""
    words = [t.lower for t in p.tokens]
    each = next((w for w in ("each", "every", "per") if w in words), None)
    if each is None or not keeps_extreme_group(p.facts):
        return None
    return Decline(
        f"You asked for a value for {each} group, and the SQL I built keeps only the group "
        f"at the top; {_ADVICE}",
        (each,),
    )


def compared_elsewhere(p: Proposal) -> Decline | None:
    """'a price above 1 and a length under 200000' read as milliseconds > 1: the number said
    right after a column and a comparison word is compared with another column."""
    items = p.linked.items
    for k in range(2, len(items)):
        col, cmp, num = items[k - 2], items[k - 1], items[k]
        if not (col.kind == "column" and cmp.kind == "kw" and cmp.category == "cmp"):
            continue
        if num.kind != "number" or num.number is None:
            continue
        compared = columns_compared_with(p.facts, num.number)
        said = {t.column.lower() for t in col.targets}
        if compared and not said & {c.lower() for c in compared}:
            return Decline(
                f"'{col.text} {cmp.text} {num.text}' compares {col.targets[0].column}, and the "
                f"SQL I built compares {compared[0]} with {num.text}; {_ADVICE}",
                (col.text, num.text),
            )
    return None


def dropped_or(p: Proposal) -> Decline | None:
    """'older than 20 or younger than 18', 'in London or Manchester': an either-or the SQL
    turned into both (no OR, no IN list)."""
    words = [t.lower for t in p.tokens]
    for k, word in enumerate(words[1:-1], 1):
        if word == "or" and words[k + 1] not in _OR_QUALIFIERS and not has_alternatives(p.facts):
            return Decline(
                f"'{p.tokens[k - 1].text} or {p.tokens[k + 1].text}' allows either, and the SQL "
                f"I built requires both; {_ADVICE}",
                ("or",),
            )
    return None


# 'or more', 'or later' … qualify one bound: no alternative of two conditions
_OR_QUALIFIERS = frozenset(
    {
        "more",
        "less",
        "fewer",
        "greater",
        "higher",
        "lower",
        "above",
        "below",
        "later",
        "earlier",
        "after",
        "before",
        "equal",
        "older",
        "younger",
        "so",
        "not",
        "worse",
        "better",
    }
)


def verb_as_table(p: Proposal) -> Decline | None:
    """'Show all countries and the number of bands' with a table named show: the opening verb
    read as that table (joined, so only bands in a show were counted)."""
    items = p.linked.items
    first = items[0] if items else None
    if first is None or first.kind != "table" or first.start != 0:
        return None
    if KEYWORDS.get(first.text.lower(), ("",))[0] not in ("list", "count"):
        return None
    table = first.targets[0].table.lower()
    if table not in {t.lower() for t in p.facts.tables}:
        return None
    named_again = any(
        any(t.table.lower() == table for t in it.targets) for it in items[1:] if it.targets
    )
    if named_again:
        return None
    return Decline(
        f"I read '{first.text}' as the table {first.targets[0].table}, which the rest of the "
        f"question does not mention; {_ADVICE}",
        (first.text,),
    )


def flag_only_shown(p: Proposal) -> Decline | None:
    """'animals born after 2015 that are endangered' answered with is_endangered shown but not
    filtered: a yes/no column the question names is a condition, unless it asks 'whether'."""
    if any(t.lower == "whether" for t in p.tokens):
        return None
    conditioned = {c.lower() for c in condition_columns(p.facts)}
    for item in p.linked.items:
        if item.kind != "column" or not item.targets:
            continue
        flags = [t for t in item.targets if is_flag(p.catalog, t.table, t.column)]
        if flags and not any(t.column.lower() in conditioned for t in flags):
            return Decline(
                f"'{item.text}' is a yes/no column ({flags[0].column}), and the SQL I built "
                f"does not keep only the rows where it holds; {_ADVICE}",
                (item.text,),
            )
    return None


def never_as_empty_join(p: Proposal) -> Decline | None:
    """'stations that are never the origin of any route' read as an empty column of the joined
    rows: an inner join keeps only the stations that have such rows, so 'never' cannot hold."""
    words = {t.lower for t in p.tokens}
    negation = next((w for w in ("never", "no", "without", "not") if w in words), None)
    empty = empty_joined_columns(p.facts)
    if negation is None or not empty:
        return None
    return Decline(
        f"I read '{negation}' as an empty {empty[0]} of joined rows, which misses the rows "
        f"that have none at all; {_ADVICE}",
        (negation,),
    )


def counts_the_joined_rows(p: Proposal) -> Decline | None:
    """'How many bike stations are there?' answered with COUNT(*) over bikes joined to their
    station: 'how many X' counts X, and COUNT(*) counts the rows of the table joined from."""
    items = p.linked.items
    for k in range(len(items) - 1):
        word, noun = items[k], items[k + 1]
        if word.kind != "kw" or word.category != "count" or noun.kind != "table":
            continue
        for nxt in items[k + 2 :]:  # 'bike stations': the last noun of a compound is counted
            if nxt.kind != "table" or nxt.start != noun.end:
                break
            noun = nxt
        wanted = {t.table.lower() for t in noun.targets}
        base = counted_base(p.facts)
        if base is not None and base.lower() not in wanted:
            return Decline(
                f"You asked how many {noun.text}, and the SQL I built counts {base} rows; "
                f"{_ADVICE}",
                (noun.text,),
            )
        return None
    return None


RULES: tuple[Callable[[Proposal], Decline | None], ...] = (
    unknown_names,
    impossible_conditions,
    constant_count,
    counted_by_sum,
    count_not_counted,
    counts_the_joined_rows,
    verb_on_other_date,
    compared_elsewhere,
    flag_only_shown,
    verb_as_table,
    dropped_or,
    dropped_values,
    dropped_numbers,
    dropped_columns,
    invented_cut,
    subject_not_shown,
    each_collapsed,
    never_as_empty_join,
)


# ---------------------------------------------------------------------- helpers
def _not_used(text: str) -> Decline:
    return Decline(
        f"I could not use '{text}' in the answer: the SQL I built does not filter or show it; "
        f"{_ADVICE}",
        (text,),
    )
