"""The answerer the server talks to: SQL passthrough in front of an NL→SQL engine.

A question that is itself one read-only SELECT (or WITH) statement is run as
written: a real feature for power users who know the SQL they want, and what
lets the server be tested without any engine. Everything else goes to the
inner engine (built-in or LLM); with no engine, such a question is declined
with a reason, never answered with an empty table.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from c2q_repl.sandbox.contracts import (
    Answerer,
    AnswerRequest,
    Catalog,
    Database,
    Plan,
    ReadOnlyViolation,
    SchemaDescription,
    TaskPlan,
)
from c2q_repl.sandbox.engine import create_answerer
from c2q_repl.sandbox.readonly import check_read_only
from c2q_repl.sandbox.summaries import describe_from_catalog

NO_ENGINE = (
    "No natural-language engine is available in this sandbox, so only questions written as one "
    "SQL SELECT statement can be answered (e.g. SELECT COUNT(*) FROM companies)."
)


def as_sql_question(question: str, dialect: str) -> str | None:
    """The statement if ``question`` is one read-only query written in SQL, else None.

    English that happens to start with "select" ("select companies in Texas")
    is not SQL: a query without FROM must not reference any column.
    """
    from sqlglot import exp, parse_one
    from sqlglot.errors import SqlglotError

    text = question.strip()
    if not text[:6].lower().startswith(("select", "with")):
        return None
    try:
        statement = check_read_only(text, dialect)
        tree = parse_one(statement, read=dialect)
    except (SqlglotError, ReadOnlyViolation):
        return None
    if tree.find(exp.From) is None and tree.find(exp.Column) is not None:
        return None
    return statement


class SqlPassthroughAnswerer:
    """Runs SQL questions as-is and hands everything else to ``inner``.

    ``inner`` may be given as a factory: the engine (sqlglot and the linker, about
    0.2 s of imports) is then made on first use, so a server starts, and its first
    session opens, before anything needs it (the server warms it up in the background).
    """

    def __init__(
        self,
        inner: Answerer | None = None,
        *,
        make_inner: Callable[[], Answerer] | None = None,
    ):
        self._inner = inner
        self._make_inner = make_inner
        self._lock = threading.Lock()

    @property
    def inner(self) -> Answerer | None:
        if self._inner is None and self._make_inner is not None:
            with self._lock:
                if self._inner is None:
                    self._inner = self._make_inner()
        return self._inner

    def answer(self, request: AnswerRequest) -> Plan:
        statement = as_sql_question(request.question, request.catalog.dialect)
        if statement is not None:
            task = TaskPlan(
                task_id="0",
                task=request.question,
                clarified_task="Run the given SQL statement as written",
                sql=statement,
                description="The question was a SQL statement; it ran unchanged.",
            )
            return Plan(tasks=(task,), clarified_task=task.clarified_task)
        if self.inner is not None:
            return self.inner.answer(request)
        refusal = TaskPlan(
            task_id="0", task=request.question, clarified_task=request.question, refusal=NO_ENGINE
        )
        return Plan(tasks=(refusal,), clarified_task=request.question)

    def suggest_questions(self, catalog: Catalog, database: Database, count: int = 5) -> list[str]:
        if self.inner is not None:
            return self.inner.suggest_questions(catalog, database, count)
        out = []
        for t in catalog.tables[:count]:
            out.append(f"SELECT COUNT(*) FROM {t.name}")
        return out

    def refine_sql(
        self, sql: str, feedback: str, catalog: Catalog, database: Database
    ) -> tuple[str, str]:
        if self.inner is not None:
            return self.inner.refine_sql(sql, feedback, catalog, database)
        return (
            sql,
            "No engine is available to rewrite SQL in this sandbox; the statement is unchanged.",
        )

    def describe(self, catalog: Catalog, database: Database) -> SchemaDescription:
        if self.inner is not None and hasattr(self.inner, "describe"):
            return self.inner.describe(catalog, database)
        return describe_from_catalog(catalog)


def build_answerer(
    kind: str = "builtin",
    *,
    llm_url: str | None = None,
    llm_model: str | None = None,
    llm_key_env: str = "OPENAI_API_KEY",
) -> SqlPassthroughAnswerer:
    """The passthrough in front of the engine ``kind`` from ``c2q_repl.sandbox.engine``
    (always part of the package, made on first use)."""
    if kind != "builtin":  # the LLM engine is light and checks its settings at once
        return SqlPassthroughAnswerer(
            create_answerer(kind, llm_url=llm_url, llm_model=llm_model, llm_key_env=llm_key_env)
        )
    return SqlPassthroughAnswerer(make_inner=lambda: create_answerer("builtin"))
