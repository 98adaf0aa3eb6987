"""Commands about the data and the SQL: /summary, /suggest, /refine, /run, /edit, /sql."""

from __future__ import annotations

from typing import TYPE_CHECKING

from c2q_repl.repl.asking import ask, run_chat
from c2q_repl.repl.commands.registry import Arg, UsageError, command

if TYPE_CHECKING:
    from c2q_repl.api.resources import DataSummary
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
    args=[Arg("ACTION", optional=True, choices=("refresh", "regenerate"))],
    usage="/summary [refresh | regenerate]",
    details="refresh re-reads the summary from the server (no AI request; it is not regenerated).\n"
    "regenerate asks the service to read the database again and write a new summary: an AI\n"
    "request that counts against today's quota, so c2q asks first.",
)
def summary_command(ctx: ReplContext, args: dict[str, str]) -> None:
    from c2q_repl.render.listings import summary_lines

    action = args.get("ACTION")
    if action == "regenerate":
        summary = _regenerate_summary(ctx)
        if summary is None:
            return
    else:
        summary = ctx.load_summary(refresh=action == "refresh")
    ctx.out.block(summary_lines(summary, ctx.render_options()))
    if action == "refresh":
        ctx.out.info(
            "re-read from the server (not regenerated; /summary regenerate writes a new one)"
        )


def _regenerate_summary(ctx: ReplContext) -> DataSummary | None:
    from c2q_repl.chat.assist import regenerate_summary
    from c2q_repl.repl.state import schema_words

    reply = ctx.hooks.read_line(
        "regenerate the data summary? it is an AI request that counts against today's quota [y/N] "
    )
    if reply.strip().lower() not in ("y", "yes"):
        ctx.out.info("not regenerated")
        return None
    conversation = ctx.wait_conversation()
    summary = run_chat(
        ctx,
        lambda cancel, on_update: regenerate_summary(
            conversation, cancel=cancel, on_update=on_update
        ),
        "regenerating",
    )
    ctx.completion.schema_words = schema_words(summary)
    ctx.out.ok("the data summary was regenerated")
    return summary


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


def current_sql(ctx: ReplContext) -> str:
    """The SQL /refine, /edit and /run act on: the last /refine's rewrite, else the
    last answer's (its last task's for a breakdown); "" when there is none."""
    if ctx.answers.refined_sql:
        return ctx.answers.refined_sql
    sqls = last_sqls(ctx)
    return sqls[-1][1] if sqls else ""


@command(
    "refine",
    "rewrite the SQL as you describe (each /refine starts from the last rewrite); shows a diff",
    args=[Arg("TEXT", rest=True)],
    details="/run then runs the rewrite; /edit puts it in the prompt to change by hand.",
)
def refine_command(ctx: ReplContext, args: dict[str, str]) -> None:
    from c2q_repl.chat.assist import refine_sql
    from c2q_repl.render.listings import sql_diff_lines
    from c2q_repl.render.sanitize import clean_text

    old = current_sql(ctx)
    if not old:
        raise UsageError("no SQL to refine yet; ask a question first")
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
    if ctx.answers.refined_sql.strip():
        ctx.out.info(
            "/run runs it · /edit puts it in the prompt · /refine again refines it further"
        )


@command(
    "run",
    "run the refined SQL (or the last SQL) as the next question",
    details="The SQL is sent as the question, so the service answers with exactly that query.",
)
def run_command(ctx: ReplContext, args: dict[str, str]) -> None:
    from c2q_repl.repl.keys import normalise_question

    sql = current_sql(ctx)
    if not sql.strip():
        raise UsageError("no SQL to run yet; ask a question (and /refine it) first")
    ask(ctx, normalise_question(sql))


@command(
    "edit",
    "put the refined SQL (or the last SQL) in the prompt to edit; Enter sends it",
    details="Ctrl-X Ctrl-E (emacs keys) or v (vi keys) opens the line in $VISUAL/$EDITOR;\n"
    "saving and quitting the editor sends what you wrote.",
)
def edit_command(ctx: ReplContext, args: dict[str, str]) -> None:
    sql = current_sql(ctx).strip().rstrip(";").strip()
    if not sql:
        raise UsageError("no SQL to edit yet; ask a question first")
    ctx.prefill = sql
    ctx.out.info(
        "the SQL is in the prompt: edit it and press Enter to send it (Ctrl-X Ctrl-E: $EDITOR)"
    )


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
