"""The precision guard's rules that read the SQL's shape against the schema and the question's
intent words: a table the database lacks, conditions no row meets, a count that is always 1,
a sequence column added up, a row count never asked for, one group kept for 'each', 'never'
read through an inner join, 'how many X' counting the rows joined from."""

from __future__ import annotations

from .guard_proposal import ADVICE, Proposal
from .question_facts import (
    asks_count,
)
from .spec import Decline
from .sql_facts import (
    constant_counts,
    counted_base,
    empty_joined_columns,
    keeps_extreme_group,
    missing_columns,
    missing_tables,
    never_true,
    row_cuts,
    summed_ordinals,
)


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
        f"question; {ADVICE}",
    )


def constant_count(p: Proposal) -> Decline | None:
    """COUNT(DISTINCT x) grouped by x is 1 in every group: the count meant other rows."""
    count = constant_counts(p.facts)
    if count is None:
        return None
    return Decline(
        f"I counted {count} within groups of that same thing (always 1), so I could not tell "
        f"what to count; {ADVICE}",
    )


def counted_by_sum(p: Proposal) -> Decline | None:
    """'how many stops' answered with SUM(Stop_Order): adding up a sequence or key column counts
    nothing."""
    summed = summed_ordinals(p.facts, p.catalog)
    if not summed:
        return None
    asked = "a count" if asks_count(p.tokens) else "a total"
    return Decline(
        f"I would answer {asked} by adding up {summed[0]}, which numbers or identifies rows "
        f"rather than measuring them; {ADVICE}",
        (summed[0],),
    )


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
                f"you want (for example 'the top 3'), or {ADVICE}",
            )
    return None


def each_collapsed(p: Proposal) -> Decline | None:
    """'the highest number of goals in each group' answered with the one group whose total is
    highest: 'each' asks for every group, and the SQL keeps only the top one."""
    words = [t.lower for t in p.tokens]
    each = next((w for w in ("each", "every", "per") if w in words), None)
    if each is None or not keeps_extreme_group(p.facts):
        return None
    return Decline(
        f"You asked for a value for {each} group, and the SQL I built keeps only the group "
        f"at the top; {ADVICE}",
        (each,),
    )


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
        f"that have none at all; {ADVICE}",
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
                f"You asked how many {noun.text}, and the SQL I built counts {base} rows; {ADVICE}",
                (noun.text,),
            )
        return None
    return None
