"""What the precision guard (guard.py) looks at: one answer about to be given, and how its
rules word a refusal."""

from __future__ import annotations

from dataclasses import dataclass

from c2q_repl.sandbox.contracts import Catalog

from .linking import Linked
from .normalize import Token
from .spec import Decline
from .sql_facts import SqlFacts

ADVICE = "please rephrase, naming it as the data does."


@dataclass(frozen=True)
class Proposal:
    """An answer about to be given: the question as read, what its words linked to, the SQL."""

    question: str
    tokens: tuple[Token, ...]
    linked: Linked
    facts: SqlFacts
    catalog: Catalog


def not_used(text: str) -> Decline:
    return Decline(
        f"I could not use '{text}' in the answer: the SQL I built does not filter or show it; "
        f"{ADVICE}",
        (text,),
    )
