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

from c2q_repl.sandbox.contracts import Catalog

from .guard_proposal import Proposal
from .guard_sql import (
    constant_count,
    counted_by_sum,
    counts_the_joined_rows,
    each_collapsed,
    impossible_conditions,
    invented_cut,
    never_as_empty_join,
    unknown_names,
)
from .guard_words import (
    compared_elsewhere,
    count_not_counted,
    dropped_columns,
    dropped_numbers,
    dropped_or,
    dropped_values,
    flag_only_shown,
    have_no_as_unequal,
    subject_not_shown,
    verb_as_table,
    verb_on_other_date,
)
from .linking import Linked
from .normalize import tokenize
from .spec import Decline
from .sql_facts import read_sql


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


# the most specific reason first: a rule later in the list may also fire on the same answer
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
    have_no_as_unequal,
    dropped_values,
    dropped_numbers,
    dropped_columns,
    invented_cut,
    subject_not_shown,
    each_collapsed,
    never_as_empty_join,
)
