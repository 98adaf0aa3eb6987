"""What one answer of the built-in engine works with (a catalog's cached vocabulary) and
what it yields, shared by the answerer and its follow-up readers."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Protocol

from c2q_repl.sandbox.contracts import Database, TaskPlan

from .lexicon import Lexicon
from .spec import Decline, QuerySpec


@dataclass
class AnswerContext:
    """Everything cached for one catalog."""

    lex: Lexicon
    defaults: dict
    database: Database
    examples: list[str] | None = None
    verified: dict[str, bool] = field(default_factory=dict)  # suggestion → answered with rows
    lock: threading.Lock = field(default_factory=threading.Lock)
    base: AnswerContext | None = (
        None  # set on a per-request copy (knowledge terms added to the lexicon)
    )


@dataclass(frozen=True)
class Outcome:
    task: TaskPlan
    spec: QuerySpec | None


def assumptions(pairs) -> tuple[dict, ...]:
    seen = []
    for concept, explanation in pairs:
        item = {"concept": str(concept), "explanation": str(explanation)}
        if item not in seen:
            seen.append(item)
    return tuple(seen)


class Planner(Protocol):
    """The answerer's three ways to finish a round, as the follow-up readers use them."""

    def plan_one(
        self, question: str, task_id: str, ctx: AnswerContext, examples: bool = True
    ) -> Outcome: ...

    def render(
        self,
        task_id: str,
        question: str,
        spec: QuerySpec,
        ctx: AnswerContext,
        extra=(),
        examples: bool = True,
    ) -> Outcome: ...

    def refuse(
        self,
        task_id: str,
        question: str,
        decline: Decline,
        ctx: AnswerContext,
        examples: bool = True,
    ) -> Outcome: ...
