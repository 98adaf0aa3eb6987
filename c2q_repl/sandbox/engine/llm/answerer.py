"""The LLM answerer: prompt → model → fenced SQL → schema check (one retry) → TaskPlan.

Suggestions, refineSql and data summaries come from the built-in engine,
which is deterministic and needs no network.
"""

from __future__ import annotations

import re

from c2q_repl.sandbox.contracts import (
    AnswerRequest,
    Catalog,
    ChartSpec,
    Database,
    Plan,
    SchemaDescription,
    TaskPlan,
)

from ..builtin import BuiltinAnswerer
from .client import ChatClient, LLMError
from .prompt import build_messages, retry_message
from .sqlcheck import extract_sql, output_columns, validate

ENGINE = "llm"
_TASK_LINE = re.compile(r"^\s*Task:\s*(.+)$", re.MULTILINE)


def _add_usage(total: dict | None, usage: dict | None) -> dict | None:
    if not usage:
        return total
    total = dict(total or {})
    for k, v in usage.items():
        if isinstance(v, (int, float)):
            total[k] = total.get(k, 0) + v
    return total


class LLMAnswerer:
    def __init__(
        self, url: str, model: str, *, key_env: str = "OPENAI_API_KEY", timeout: float = 60.0
    ):
        self.client = ChatClient(url, model, key_env, timeout)
        self._builtin = BuiltinAnswerer()

    def __repr__(self) -> str:
        return f"LLMAnswerer({self.client!r})"

    def answer(self, request: AnswerRequest) -> Plan:
        question = (request.question or "").strip()
        try:
            task = self._answer(request, question)
        except Exception as exc:  # noqa: BLE001 - the contract: never raise for a question
            task = TaskPlan("0", question, question, refusal=f"The LLM engine failed: {exc}")
        state = {"engine": ENGINE, "sql": task.sql}
        return Plan(
            tasks=(task,),
            clarified_task=task.clarified_task,
            assumptions=task.assumptions,
            description=task.description,
            state=state,
        )

    def _answer(self, request: AnswerRequest, question: str) -> TaskPlan:
        lex = self._builtin.lexicon(request.catalog, request.database)
        messages = build_messages(request, lex)
        usage = None
        errors: list[str] = []
        for attempt in range(2):
            try:
                completion = self.client.complete(messages)
            except LLMError as exc:
                return TaskPlan("0", question, question, refusal=str(exc) + ".", usage=usage)
            usage = _add_usage(usage, completion.usage)
            sql = extract_sql(completion.content)
            if sql is None:
                errors = ["The reply contained no ```sql fenced block"]
                text = completion.content.strip()
                if attempt == 0 and text:
                    messages += [
                        {"role": "assistant", "content": completion.content},
                        retry_message(errors),
                    ]
                    continue
                reason = "The model produced no SQL" + (f": {text[:200]}" if text else ".")
                return TaskPlan("0", question, question, refusal=reason, usage=usage)
            errors = validate(sql, request.catalog)
            if not errors:
                return self._task(
                    question, completion.content, sql, request.catalog, usage, attempt
                )
            messages += [
                {"role": "assistant", "content": completion.content},
                retry_message(errors),
            ]
        return TaskPlan(
            "0",
            question,
            question,
            usage=usage,
            refusal="The model's SQL did not match the schema after one retry: " + " ".join(errors),
        )

    def _task(
        self, question: str, reply: str, sql: str, catalog: Catalog, usage, attempt: int
    ) -> TaskPlan:
        m = _TASK_LINE.search(reply)
        clarified = m.group(1).strip() if m else question
        columns = output_columns(sql, catalog.dialect)
        assumptions = (
            (
                {
                    "concept": "retry",
                    "explanation": "The first SQL referenced names not in the schema; "
                    "the model corrected it once.",
                },
            )
            if attempt
            else ()
        )
        chart = ChartSpec("Table", clarified[:60], {"columns": columns})
        if len(columns) == 2 and re.search(r"\bgroup\s+by\b", sql, re.IGNORECASE):
            chart = ChartSpec(
                "BarChart", clarified[:60], {"x": columns[0], "y": columns[1], "pivot_column": ""}
            )
        return TaskPlan(
            "0",
            question,
            clarified,
            sql=sql,
            description=f"SQL written by {self.client.model}.",
            assumptions=assumptions,
            chart=chart,
            usage=usage,
        )

    def suggest_questions(self, catalog: Catalog, database: Database, count: int = 5) -> list[str]:
        return self._builtin.suggest_questions(catalog, database, count)

    def refine_sql(
        self, sql: str, feedback: str, catalog: Catalog, database: Database
    ) -> tuple[str, str]:
        return self._builtin.refine_sql(sql, feedback, catalog, database)

    def describe(self, catalog: Catalog, database: Database) -> SchemaDescription:
        return self._builtin.describe(catalog, database)
