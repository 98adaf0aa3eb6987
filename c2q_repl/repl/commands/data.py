"""Commands about the data and the SQL: /summary, /suggest, /refine, /kb, /sql."""

from __future__ import annotations

import difflib
from typing import Any

from c2q_repl.repl.commands.registry import Arg, UsageError, command


def last_sqls(ctx: Any) -> list[tuple[str, str]]:
    """(task id, SQL) of the last answer's tasks that carry SQL."""
    last = ctx.last_round
    answer = last.answer if last is not None and last.job_raw else None
    if answer is None:
        return []
    return [(leaf.task_id, leaf.sql) for leaf in answer.leaves() if leaf.sql.strip()]


@command(
    "summary",
    "the data summary: database description, tables and columns",
    args=[Arg("ACTION", optional=True, choices=("refresh",))],
)
def summary_command(ctx: Any, args: dict[str, str]) -> None:
    from c2q_repl.render.sanitize import clean_text

    summary = ctx.load_summary(refresh=args.get("ACTION") == "refresh")
    lines = [
        f"database {summary.database or '?'}  (data summary {summary.data_summary_id}, {summary.status or 'unknown status'})"
    ]
    shown: set[str] = set()
    for text in (summary.description_system, summary.description_user, summary.summary):
        if text and text not in shown:
            shown.add(text)
            lines.append("  " + clean_text(text))
    if summary.keywords:
        lines.append("  keywords: " + ", ".join(clean_text(k) for k in summary.keywords))
    for table in summary.tables.values():
        lines.append("")
        lines.append(
            clean_text(f"{table.name}" + (f" — {table.description}" if table.description else ""))
        )
        for col in table.columns.values():
            lines.append(
                clean_text(f"    {col.name}" + (f": {col.description}" if col.description else ""))
            )
    if summary.relationships:
        lines.append("")
        lines.append("relationships:")
        for rel in summary.relationships:
            lines.append(
                clean_text(
                    f"    {rel.referencing_table}.{rel.referencing_table_column} → "
                    f"{rel.referenced_table}.{rel.referenced_table_column}"
                )
            )
    ctx.out.block(lines)


@command(
    "suggest",
    "questions the service suggests for this database; pick one to ask",
    args=[
        Arg(
            "N",
            optional=True,
            values=lambda ctx: [str(i) for i in range(1, len(ctx.suggestions) + 1)],
        )
    ],
    usage="/suggest [N]",
    details="With no N the suggestions are listed and you are asked which one to ask (Enter skips).\n"
    "/suggest N asks suggestion N of the last list at once.",
)
def suggest_command(ctx: Any, args: dict[str, str]) -> None:
    from c2q_repl.render.sanitize import clean_text

    wanted = args.get("N")
    if wanted is not None and not wanted.isdigit():
        raise UsageError(f"N must be a number (got {wanted!r})")
    if wanted is None or not ctx.suggestions:
        ctx.suggestions = [clean_text(q) for q in ctx.fetch_suggestions()]
        if not ctx.suggestions:
            ctx.out.info("the service suggested no questions")
            return
    if wanted is None:
        for i, question in enumerate(ctx.suggestions, 1):
            ctx.out.line(f"  {i}. {question}")
        answer = ctx.read_line(f"ask which? [1-{len(ctx.suggestions)}, Enter skips] ").strip()
        if not answer:
            return
        if not answer.isdigit():
            raise UsageError(f"expected a number 1-{len(ctx.suggestions)} (got {answer!r})")
        wanted = answer
    index = int(wanted)
    if not 1 <= index <= len(ctx.suggestions):
        raise UsageError(f"pick a number from 1 to {len(ctx.suggestions)}")
    question = ctx.suggestions[index - 1]
    ctx.out.info(f"asking: {question}")
    ctx.ask(question)


def sql_diff(old: str, new: str, *, color: bool) -> list[str]:
    """A unified diff of two SQL texts, line by line (coloured + and - lines)."""
    lines = list(
        difflib.unified_diff(
            old.splitlines(), new.splitlines(), "before", "after", lineterm="", n=3
        )
    )
    if not lines:
        return ["(the rewrite is identical)"]
    if not color:
        return lines
    out = []
    for line in lines:
        if line.startswith(("+++", "---")):
            out.append(f"\x1b[1m{line}\x1b[0m")
        elif line.startswith("+"):
            out.append(f"\x1b[32m{line}\x1b[0m")
        elif line.startswith("-"):
            out.append(f"\x1b[31m{line}\x1b[0m")
        elif line.startswith("@@"):
            out.append(f"\x1b[36m{line}\x1b[0m")
        else:
            out.append(line)
    return out


@command(
    "refine",
    "ask the service to rewrite the last SQL as you describe; shows the change as a diff",
    args=[Arg("TEXT", rest=True)],
)
def refine_command(ctx: Any, args: dict[str, str]) -> None:
    from c2q_repl.render.sanitize import clean_text

    sqls = last_sqls(ctx)
    if not sqls:
        raise UsageError("no SQL to refine yet; ask a question first")
    old = sqls[-1][1]
    result = ctx.refine_sql(old, args["TEXT"])
    new = clean_text(result.rewritten_sql)
    if result.solution:
        ctx.out.info(clean_text(result.solution))
    ctx.out.block(sql_diff(clean_text(old), new, color=ctx.color))
    ctx.refined_sql = new


@command("sql", "print the last SQL plain, for copying")
def sql_command(ctx: Any, args: dict[str, str]) -> None:
    from c2q_repl.render.sanitize import clean_text

    if ctx.refined_sql:
        ctx.out.write_lines(["-- refined", *clean_text(ctx.refined_sql).splitlines()])
        return
    sqls = last_sqls(ctx)
    if not sqls:
        raise UsageError("no SQL yet; ask a question first")
    lines: list[str] = []
    for task_id, sql in sqls:
        if len(sqls) > 1:
            lines.append(f"-- task {task_id}")
        lines.extend(clean_text(sql.rstrip().rstrip(";") + ";").splitlines())
        if len(sqls) > 1:
            lines.append("")
    ctx.out.write_lines(lines)
