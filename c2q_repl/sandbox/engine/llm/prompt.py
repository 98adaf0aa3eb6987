"""The chat messages sent to the model: schema, samples, dialect, history, knowledge, feedback."""

from __future__ import annotations

import json

from c2q_repl.sandbox.contracts import AnswerRequest, Catalog, KnowledgeItem

from ..lexicon import Lexicon

MAX_SAMPLES = 8
SYSTEM = (
    "You translate questions about a SQL database into one read-only SELECT statement.\n"
    "Rules: use only the tables and columns listed; write SQL for the {dialect} dialect; "
    "put the SQL in a single ```sql fenced block; before it, write one line starting with 'Task:' "
    "restating the question precisely. If the question cannot be answered from this schema, "
    "say so and do not write SQL."
)


def schema_text(catalog: Catalog, lex: Lexicon) -> str:
    """DDL-like text with comments and sample values of low-cardinality columns."""
    lines = []
    for t in catalog.tables:
        head = f"TABLE {t.name}" + (f" -- {t.comment}" if t.comment else "")
        lines.append(head)
        for c in t.columns:
            samples = sorted(
                {
                    x.value
                    for ts in lex.phrases.values()
                    for x in ts
                    if x.kind == "value"
                    and x.table == t.name
                    and x.column == c.name
                    and x.via == "value"
                }
                | {
                    x.value
                    for ts in lex.symbols.values()
                    for x in ts
                    if x.table == t.name and x.column == c.name
                }
            )
            line = f"  {c.name} {c.type}" + (
                " PRIMARY KEY" if c.name in t.primary_key and len(t.primary_key) == 1 else ""
            )
            if c.comment:
                line += f" -- {c.comment}"
            if samples:
                line += f" (e.g. {', '.join(repr(s) for s in samples[:MAX_SAMPLES])})"
            lines.append(line)
        if len(t.primary_key) > 1:
            lines.append(f"  PRIMARY KEY ({', '.join(t.primary_key)})")
    for r in catalog.relationships:
        lines.append(f"JOIN {r.from_table}.{r.from_column} = {r.to_table}.{r.to_column}")
    return "\n".join(lines)


def _knowledge_text(items: tuple[KnowledgeItem, ...]) -> str:
    parts = []
    for item in items:
        label = {"few-shot": "Example", "term-sheet": "Term", "instruction": "Instruction"}.get(
            item.type, item.type
        )
        parts.append(f"{label}: {json.dumps(item.raw_data, ensure_ascii=False, sort_keys=True)}")
    return "\n".join(parts)


def build_messages(request: AnswerRequest, lex: Lexicon) -> list[dict]:
    catalog = request.catalog
    system = SYSTEM.format(dialect=catalog.dialect)
    system += f"\n\nDatabase {catalog.database} ({catalog.dialect}):\n" + schema_text(catalog, lex)
    if request.knowledge:
        system += "\n\nKnowledge base:\n" + _knowledge_text(request.knowledge)
    messages = [{"role": "system", "content": system}]
    for prior in request.history[-6:]:
        messages.append({"role": "user", "content": prior.question})
        reply = f"Task: {prior.clarified_task}\n" if prior.clarified_task else ""
        reply += f"```sql\n{prior.sql}\n```" if prior.sql else "(no SQL)"
        if prior.summary:
            reply += f"\nResult: {prior.summary}"
        messages.append({"role": "assistant", "content": reply})
    question = request.question
    if request.feedback is not None:
        fb = request.feedback
        question = (
            f'Correct your earlier answer to "{fb.question}" (SQL: {fb.sql or "none"}). '
            f"Feedback: {request.question}"
        )
    messages.append({"role": "user", "content": question})
    return messages


def retry_message(errors: list[str]) -> dict:
    return {
        "role": "user",
        "content": "That SQL is not valid for this schema:\n- "
        + "\n- ".join(errors)
        + "\nReply again with corrected SQL in one ```sql fenced block.",
    }
