"""The precision guard's rules that look for the question's own words in the SQL: its values,
codes, numbers and columns, what it counts, the date a verb names, the column a comparison
names, 'or', a yes/no column, an opening verb read as a table, the rows it lists."""

from __future__ import annotations

from sqlglot import exp

from .guard_proposal import ADVICE, Proposal, not_used
from .keywords import KEYWORDS
from .lexicon import phrase_key
from .names import split_words
from .question_facts import (
    asked_to_show,
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
    columns_compared_with,
    compared_with_column,
    condition_columns,
    dated_columns,
    has_alternatives,
    shown_columns,
    unequal_to,
)

_KEYWORD_KEYS = frozenset(phrase_key(p) for p in KEYWORDS)


def dropped_values(p: Proposal) -> Decline | None:
    """A value the question names (a quoted string, a name the data holds, a one-letter code
    such as the 'A' of 'group A') that no literal of the SQL uses."""
    for item in p.linked.items:
        if item.kind == "value" and not value_used(item, p.facts):
            return not_used(item.text)
    for k, tok in enumerate(p.tokens):
        if tok.kind == "quoted" and not text_used(tok.text, p.facts):
            return not_used(tok.text)
        if (
            tok.kind == "word"
            and code_letter(tok, k, p.tokens)
            and not text_used(tok.text, p.facts)
        ):
            return not_used(tok.text)
    return None


def dropped_numbers(p: Proposal) -> Decline | None:
    """A number of the question that the SQL does not use, or 'more than 4 bikes' (a count of
    related rows) compared with something that is not a count."""
    items = p.linked.items
    for k, item in enumerate(items):
        if item.kind != "number" or item.number is None or not item.text[:1].isdigit():
            continue  # 'at least one stock' is existence, 'which one' no number at all
        if not number_used(item, p.facts):
            return not_used(item.text)
        nxt = items[k + 1] if k + 1 < len(items) else None
        before = items[k - 1] if k else None
        if before is not None and before.kind == "table" and before.end == item.start:
            continue  # 'user 61 picks': the number names user 61, it counts no picks
        if counts_rows(item, nxt) and compared_with_column(p.facts, item.number, p.catalog):
            return Decline(
                f"'{item.text} {nxt.text}' is a number of {nxt.text}, and the SQL I built "  # type: ignore[union-attr]
                f"does not count them; {ADVICE}",
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
        if _existence_verb(item, p):
            continue  # 'how many users are registered?': the users' sign-up date says they exist
        if phrase_key(item.text) not in _KEYWORD_KEYS:  # 'Count' may name visit_count too
            return not_used(item.text)
    return None


def _existence_verb(item, p: Proposal) -> bool:
    """A date column named by a verb ('registered', 'added') in a count whose FROM/JOIN holds
    its table: the verb says the rows exist, and the count counts them."""
    from .lexicon import column_kind

    tables = {t.lower() for t in p.facts.tables}
    counted = any(isinstance(node, exp.Count) for node in p.facts.tree.find_all(exp.Count))
    # 'users who never added a stock': the rows NOT IN the ones the verb says exist
    excluded = any(isinstance(n.this, exp.In) for n in p.facts.tree.find_all(exp.Not))
    if not counted and not excluded:
        return False
    for t in item.targets:
        info = p.catalog.table(t.table)
        col = info.column(t.column) if info else None
        if col is None or column_kind(col.type) != "date" or t.table.lower() not in tables:
            return False
    return bool(item.targets)


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
        f"You asked how many {noun}, and the SQL I built does not count them; {ADVICE}",
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
        if _compared_with_a_column(named, p):
            continue  # 'closed higher than it opened in 2023': the verb named open, compared
        if named and not {c.lower() for c in named} & {c.lower() for c in filtered}:
            return Decline(
                f"'{verb.text} {item.text}' is about {named[0]}, and the SQL I built filters "
                f"{filtered[0]} instead; {ADVICE}",
                (verb.text,),
            )
    return None


def _compared_with_a_column(names: list[str], p: Proposal) -> bool:
    """One of ``names`` is compared with another column of the row (``close > open``)."""
    wanted = {n.lower() for n in names}
    for node in p.facts.tree.find_all(exp.GT, exp.LT):
        sides = (node.this, node.expression)
        if all(isinstance(s, exp.Column) for s in sides) and any(
            s.name.lower() in wanted for s in sides
        ):
            return True
    return False


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
        f"{', '.join(shown) or 'other columns'}; {ADVICE}",
        (first.text,),
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
                f"SQL I built compares {compared[0]} with {num.text}; {ADVICE}",
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
                f"I built requires both; {ADVICE}",
                ("or",),
            )
    return None


# 'or more', 'or later' … qualify one bound: no alternative of two conditions


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
        f"question does not mention; {ADVICE}",
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
                f"does not keep only the rows where it holds; {ADVICE}",
                (item.text,),
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


def have_no_as_unequal(p: Proposal) -> Decline | None:
    """'employees who have no manager' read as job_title <> 'Manager': 'have no X' is the
    absence of an X, which a row's own value being something else does not say."""
    words = [t.lower for t in p.tokens]
    for item in p.linked.items:
        if item.kind != "value" or item.start < 2:
            continue
        before = tuple(words[item.start - 2 : item.start])
        if before[1] not in ("no", "without") or (before[1] == "no" and before[0] not in _HAVE):
            continue
        if unequal_to(p.facts, {str(t.value).lower() for t in item.targets} | {item.text.lower()}):
            return Decline(
                f"'{before[1]} {item.text}' reads as having no {item.text} at all, and the SQL I "
                f"built keeps the rows whose value is other than '{item.text}'; {ADVICE}",
                (item.text,),
            )
    return None


_HAVE = frozenset({"have", "has", "had", "with"})
