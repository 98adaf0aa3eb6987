"""A Chat2Query answer (or error) -> the lines the user reads.

Order for each task: what the service understood (clarified task and
assumptions), the SQL, then the rows - or the reason it failed, never an
empty table - then the chart, the row count and timing. A quiet footer
carries the ids ``/feedback`` needs. Breakdown answers repeat the task block
under a numbered heading per sub-task.
"""

from __future__ import annotations

from c2q_repl.api.errors import C2QError
from c2q_repl.api.models import Answer
from c2q_repl.render.charts import render_chart
from c2q_repl.render.headline import answer_headline
from c2q_repl.render.options import RenderOptions
from c2q_repl.render.sanitize import clean_text
from c2q_repl.render.sql import highlight_sql
from c2q_repl.render.style import Painter
from c2q_repl.render.table import render_table
from c2q_repl.render.width import text_width, word_lines

__all__ = ["render_answer", "render_error", "render_table", "highlight_sql", "format_elapsed"]


def format_elapsed(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.2f} s"
    minutes, rest = divmod(int(round(seconds)), 60)
    return f"{minutes} min {rest} s"


def _one_line(text: str) -> str:
    return " ".join(clean_text(text).split())


def _marks(opts: RenderOptions) -> dict[str, str]:
    if opts.unicode:
        return {"fail": "✗", "task": "»", "bullet": "•", "rule": "─", "dot": "·", "q": "❯"}
    return {"fail": "!", "task": ">", "bullet": "-", "rule": "-", "dot": "|", "q": ">"}


def render_answer(
    answer: Answer,
    opts: RenderOptions,
    *,
    elapsed: float | None = None,
    job_id: str = "",
    question: str = "",
    asked: str = "",
) -> list[str]:
    """Every line of one answer; ``question`` is echoed first when given
    (batch and replay output, where the prompt line is not on screen).
    ``asked`` is the question as typed even when not echoed: the headline
    takes the noun of "how many …" from it."""
    paint = Painter(opts.theme, opts.styled)
    marks = _marks(opts)
    lines: list[str] = []
    if question.strip():
        lines.append(paint(f"{marks['q']} {_one_line(question)}", "heading"))
    if not (answer.is_breakdown or answer.sub_tasks):
        lines += _headline(answer, asked or question or answer.task, opts, paint)
    lines += _understanding(answer, opts, paint)
    if answer.is_breakdown or answer.sub_tasks:
        leaves = _numbered_leaves(answer)
        if not leaves:
            lines += (
                _failure(answer, opts, paint)
                if answer.failed
                else [paint("(no sub-tasks)", "muted")]
            )
        for number, task in leaves:
            lines.append("")
            title = _task_title(task)
            lines.append(_heading(f"{number}/{len(leaves)} {title}", opts, paint))
            lines += _headline(task, task.task or question, opts, paint)
            lines += _understanding(task, opts, paint, already_shown=title)
            lines += _task_body(task, opts, paint)
        summary = f"{len(leaves)} sub-task{'s' if len(leaves) != 1 else ''}"
        failed = sum(t.failed for _, t in leaves)
        if failed:
            summary += f" {marks['dot']} {failed} failed"
    else:
        lines += _task_body(answer, opts, paint, with_count=False)
        summary = _row_count(answer)
    timing = f" {marks['dot']} {format_elapsed(elapsed)}" if elapsed is not None else ""
    if summary or timing:
        lines.append(paint(f"{summary}{timing}".strip(f" {marks['dot']}"), "muted"))
    if opts.show_footer:
        lines += _footer(answer, job_id, opts, paint)
    return lines


def _headline(task: Answer, question: str, opts: RenderOptions, paint: Painter) -> list[str]:
    """The one-line headline when the rows state it (see render/headline.py), else nothing."""
    text = answer_headline(task, question, opts.numbers) if opts.show_headline else ""
    if not text:
        return []
    return [paint(line, "heading") for line in word_lines(text, opts.width, opts.ellipsis, 1)]


def _understanding(
    task: Answer, opts: RenderOptions, paint: Painter, *, already_shown: str = ""
) -> list[str]:
    marks = _marks(opts)
    lines = []
    text = _one_line(task.clarified_task or task.task or task.description)
    if text and text != already_shown:
        lines.append(paint(f"{marks['task']} {text}", "task"))
    for a in task.assumptions:
        concept, explanation = _one_line(a.concept), _one_line(a.explanation)
        body = f"{concept}: {explanation}" if concept and explanation else concept or explanation
        if body:
            lines.append(paint(f"  {marks['bullet']} {body}", "muted"))
    return lines


def _numbered_leaves(answer: Answer, prefix: str = "") -> list[tuple[str, Answer]]:
    """Leaf sub-tasks with human numbers: "0-1" is 2, "0-1-2" is 2.3."""
    out: list[tuple[str, Answer]] = []
    for index, sub in enumerate(answer.sub_tasks, start=1):
        number = f"{prefix}{index}"
        if sub.sub_tasks:
            out += _numbered_leaves(sub, number + ".")
        else:
            out.append((number, sub))
    return out


def _task_title(task: Answer) -> str:
    return _one_line(task.task or task.clarified_task or task.description) or _one_line(
        f"task {task.task_id}"
    )


def _heading(title: str, opts: RenderOptions, paint: Painter) -> str:
    """``── title ─────`` across the width (title cut to fit)."""
    rule = _marks(opts)["rule"]
    head = f"{rule * 2} {title} "
    if text_width(head) > opts.width:  # shortened at a word boundary
        shown = word_lines(title, max(4, opts.width - 4), opts.ellipsis, max_lines=1)
        head = f"{rule * 2} {shown[0] if shown else ''} "
    return paint(head + rule * max(0, opts.width - text_width(head)), "heading")


def _task_body(
    task: Answer, opts: RenderOptions, paint: Painter, *, with_count: bool = True
) -> list[str]:
    lines: list[str] = []
    if opts.show_sql and task.sql.strip():
        lines += highlight_sql(task.sql, opts)
    if task.failed:
        return lines + _failure(task, opts, paint)
    if task.status in ("init", "running"):
        return lines + [paint("(still running)", "muted")]
    data = task.data
    if data is None or not data.columns:
        return lines + [paint("(no result data)", "muted")]
    shown = data.rows[: opts.max_table_rows] if opts.max_table_rows > 0 else data.rows
    hidden = len(data.rows) - len(shown)
    table = render_table(data.columns, shown, opts)
    if hidden:
        table.append(
            paint(f"{opts.ellipsis} {hidden} more row{'s' if hidden != 1 else ''}", "muted")
        )
    chart = render_chart(task.chart, data, opts) if opts.charts and task.chart is not None else []
    if chart and hidden:  # a long table: the chart tells the story, the first rows follow
        lines += chart + [""] + table
    else:
        lines += table + ([""] + chart if chart else [])
    if with_count:
        lines.append(paint(_row_count(task), "muted"))
    return lines


def _row_count(task: Answer) -> str:
    if task.data is None:
        return ""
    n = len(task.data.rows)
    return f"{n} row{'s' if n != 1 else ''}"


def _failure(task: Answer, opts: RenderOptions, paint: Painter) -> list[str]:
    mark = _marks(opts)["fail"]
    if task.sql_error:
        first = f"{mark} SQL error: "
        body = clean_text(task.sql_error).strip()
    else:
        first = f"{mark} The task failed: "
        body = clean_text(task.reason).strip() or "the service gave no reason"
    pieces = body.split("\n")
    lines = [paint(first + pieces[0], "error")]
    lines += [paint("  " + piece, "error") for piece in pieces[1:]]
    return lines


def _footer(answer: Answer, job_id: str, opts: RenderOptions, paint: Painter) -> list[str]:
    dot = _marks(opts)["dot"]
    parts = []
    if job_id:
        parts.append(f"answer {_one_line(job_id)}")
    tasks = [t.task_id for t in answer.leaves()] if answer.sub_tasks else [answer.task_id]
    tasks = [_one_line(t) for t in tasks if t]
    if tasks:
        parts.append(("task " if len(tasks) == 1 else "tasks ") + ", ".join(tasks))
    if not parts:
        return []
    parts.append("/feedback sends a correction")
    return [paint(f" {dot} ".join(parts), "muted")]


def render_error(err: C2QError, opts: RenderOptions) -> list[str]:
    """What went wrong and what to do next, in the error style."""
    paint = Painter(opts.theme, opts.styled)
    mark = _marks(opts)["fail"]
    message = clean_text(getattr(err, "message", None) or str(err)).strip() or type(err).__name__
    status = getattr(err, "status", None)
    if status and str(status) not in message:
        message += f" (HTTP {status})"
    pieces = message.split("\n")
    lines = [paint(f"{mark} {pieces[0]}", "error")] + [paint(f"  {p}", "error") for p in pieces[1:]]
    hint = clean_text(getattr(err, "hint", "") or "").strip() if opts.show_hints else ""
    lines += [paint(f"  {p}", "muted") for p in hint.split("\n") if p.strip()]
    return lines
