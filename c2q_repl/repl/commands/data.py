"""Commands about the data and the SQL: /summary, /suggest, /refine, /kb, /sql."""

from __future__ import annotations

from typing import TYPE_CHECKING

from c2q_repl.repl.asking import ask, run_chat
from c2q_repl.repl.commands.registry import Arg, UsageError, command

if TYPE_CHECKING:
    from c2q_repl.repl.context import ReplContext


def last_sqls(ctx: ReplContext) -> list[tuple[str, str]]:
    """(task id, SQL) of the last answer's tasks that carry SQL."""
    last = ctx.answers.last_round
    answer = last.answer if last is not None and last.job_raw else None
    if answer is None:
        return []
    return [(leaf.task_id, leaf.sql) for leaf in answer.leaves() if leaf.sql.strip()]


@command(
    "summary",
    "the data summary: database description, tables and columns",
    args=[Arg("ACTION", optional=True, choices=("refresh",))],
)
def summary_command(ctx: ReplContext, args: dict[str, str]) -> None:
    from c2q_repl.render.listings import summary_lines

    summary = ctx.load_summary(refresh=args.get("ACTION") == "refresh")
    ctx.out.block(summary_lines(summary, ctx.render_options()))


def _suggestion_numbers(ctx: ReplContext) -> list[str]:
    return [str(i) for i in range(1, len(ctx.answers.suggestions) + 1)]


@command(
    "suggest",
    "questions the service suggests for this database; pick one to ask",
    args=[Arg("N", optional=True, values=_suggestion_numbers)],
    usage="/suggest [N]",
    details="With no N the suggestions are listed and you are asked which one to ask (Enter skips).\n"
    "/suggest N asks suggestion N of the last list at once.",
)
def suggest_command(ctx: ReplContext, args: dict[str, str]) -> None:
    from c2q_repl.chat.assist import suggest_questions
    from c2q_repl.render.listings import numbered_lines, one_line

    wanted = args.get("N")
    if wanted is not None and not wanted.isdigit():
        raise UsageError(f"N must be a number (got {wanted!r})")
    answers = ctx.answers
    if wanted is None or not answers.suggestions:
        conversation = ctx.wait_conversation()
        questions = run_chat(
            ctx,
            lambda cancel, on_update: suggest_questions(
                conversation, cancel=cancel, on_update=on_update
            ),
            "suggesting",
        )
        answers.suggestions = [one_line(q) for q in questions]
        if not answers.suggestions:
            ctx.out.info("the service suggested no questions")
            return
    if wanted is None:
        ctx.out.write_lines(numbered_lines(answers.suggestions, ctx.render_options()))
        count = len(answers.suggestions)
        answer = ctx.hooks.read_line(f"ask which? [1-{count}, Enter skips] ").strip()
        if not answer:
            return
        if not answer.isdigit():
            raise UsageError(f"expected a number 1-{count} (got {answer!r})")
        wanted = answer
    index = int(wanted)
    if not 1 <= index <= len(answers.suggestions):
        raise UsageError(f"pick a number from 1 to {len(answers.suggestions)}")
    question = answers.suggestions[index - 1]
    ctx.out.info(f"asking: {question}")
    ask(ctx, question)


@command(
    "refine",
    "ask the service to rewrite the last SQL as you describe; shows the change as a diff",
    args=[Arg("TEXT", rest=True)],
)
def refine_command(ctx: ReplContext, args: dict[str, str]) -> None:
    from c2q_repl.chat.assist import refine_sql
    from c2q_repl.render.listings import sql_diff_lines
    from c2q_repl.render.sanitize import clean_text

    sqls = last_sqls(ctx)
    if not sqls:
        raise UsageError("no SQL to refine yet; ask a question first")
    old = sqls[-1][1]
    conversation = ctx.wait_conversation()
    result = run_chat(
        ctx,
        lambda cancel, on_update: refine_sql(
            conversation, old, args["TEXT"], cancel=cancel, on_update=on_update
        ),
        "refining",
    )
    if result.solution:
        ctx.out.info(clean_text(result.solution))
    ctx.out.block(sql_diff_lines(old, result.rewritten_sql, ctx.render_options()))
    ctx.answers.refined_sql = clean_text(result.rewritten_sql)


@command("sql", "print the last SQL plain, for copying")
def sql_command(ctx: ReplContext, args: dict[str, str]) -> None:
    from c2q_repl.render.sanitize import clean_text

    if ctx.answers.refined_sql:
        ctx.out.write_lines(["-- refined", *clean_text(ctx.answers.refined_sql).splitlines()])
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
