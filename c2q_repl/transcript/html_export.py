"""A transcript as one self-contained HTML file: opens offline, safe to share.

Everything is inline (CSS, pygments-highlighted SQL with inline styles, charts
as SVG drawn by :mod:`c2q_repl.transcript.svg`); the page references no URL
at all and carries a Content-Security-Policy that forbids scripts, so data
holding ``<script>`` is escaped text twice over.
"""

from __future__ import annotations

from html import escape
from typing import Any

from c2q_repl.api.models import Answer
from c2q_repl.render.headline import answer_headline
from c2q_repl.render.numbers import format_column, is_number
from c2q_repl.render.sanitize import clean_cell, clean_text, escape_controls, html_escape
from c2q_repl.transcript.chartdata import plot_for
from c2q_repl.transcript.document import round_view, subtitle_of, title_of
from c2q_repl.transcript.reader import RecordedRound, Transcript
from c2q_repl.transcript.svg import chart_svg

SQL_STYLE = "friendly"
#: rows shown before the rest of a long result folds away
VISIBLE_ROWS = 25
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

CSS = """
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; margin: 0 auto; max-width: 1000px;
       padding: 24px 32px 64px; color: #1d1f21; background: #fafafa; line-height: 1.45; }
header { border-bottom: 2px solid #2f6fde; margin-bottom: 24px; }
h1 { font-size: 26px; margin: 0 0 4px; }
.meta, .foot { color: #666; font-size: 13px; }
section.round { background: #fff; border: 1px solid #e1e4e8; border-radius: 8px; padding: 16px 20px; margin: 0 0 24px; }
h2 { font-size: 20px; margin: 0 0 10px; }
h2 .n { color: #2f6fde; margin-right: 6px; }
h3 { font-size: 16px; margin: 18px 0 8px; }
.task { color: #444; border-left: 3px solid #c8d3e6; padding-left: 10px; margin: 6px 0 10px; }
.assumptions { color: #555; font-size: 14px; margin: 4px 0 10px; }
.mode { display: inline-block; font-size: 12px; background: #eef3fc; color: #2f5fb8; border-radius: 4px; padding: 1px 6px; }
.sql pre { margin: 8px 0; padding: 10px 12px; border-radius: 6px; overflow-x: auto; font-size: 13px;
           font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; white-space: pre-wrap; }
.tablewrap { overflow-x: auto; margin: 8px 0; }
table.data { border-collapse: collapse; font-size: 13px; }
table.data th, table.data td { border: 1px solid #d0d7de; padding: 4px 10px; text-align: left; vertical-align: top; }
table.data th { background: #eef1f4; }
table.data tr:nth-child(even) td { background: #f7f9fb; }
table.data td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.data td.null { color: #999; font-style: italic; }
details summary { cursor: pointer; color: #2f5fb8; font-size: 13px; margin: 6px 0; }
figure.chart { margin: 12px 0; }
figure.chart svg { max-width: 100%; height: auto; border: 1px solid #eee; border-radius: 6px; }
.headline { font-size: 17px; font-weight: bold; color: #1d3f8f; margin: 4px 0 10px; }
.error { background: #fdecec; border: 1px solid #f3b9b9; color: #8a1c1c; border-radius: 6px; padding: 8px 12px; white-space: pre-wrap; }
"""


def _text(value: Any) -> str:
    """Escaped text from the server or the database (control sequences removed too)."""
    return escape(clean_text("" if value is None else str(value)), quote=True)


def sql_html(sql: str) -> str:
    """SQL highlighted with inline styles (no stylesheet, no classes to resolve)."""
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import MySqlLexer

    return highlight(
        clean_text(sql).rstrip(), MySqlLexer(), HtmlFormatter(noclasses=True, style=SQL_STYLE)
    )


def _column_texts(columns: list[str], rows: list[list[Any]]) -> list[list[str] | None]:
    """Per column, the readable text of each cell when the whole column is numeric
    (as the terminal shows it), else None: cells are then shown as sent."""
    out: list[list[str] | None] = []
    for i, name in enumerate(columns):
        cells = [row[i] if i < len(row) else None for row in rows]
        present = [c for c in cells if c is not None and c != ""]
        formatted = (
            format_column(clean_text(name), cells, "readable", "NULL")
            if present and all(is_number(c) for c in present)
            else None
        )
        if formatted is not None:
            out.append([t.strip() for t in formatted[0]])
        elif present and all(is_number(c) for c in present):
            out.append([clean_cell(c) if c is not None else "NULL" for c in cells])
        else:
            out.append(None)
    return out


def _rows_html(columns: list[str], rows: list[list[Any]], texts: list[list[str] | None]) -> str:
    body = []
    for r, row in enumerate(rows):
        cells = []
        for i in range(len(columns)):
            value = row[i] if i < len(row) else None
            shown = texts[i]
            if value is None:
                cells.append('<td class="null">NULL</td>')
            elif shown is not None:  # a numeric column: readable, the exact value on hover
                exact = _text(value)
                tip = f' title="{exact}"' if shown[r] != clean_text(str(value)) else ""
                cells.append(f'<td class="num"{tip}>{_text(shown[r])}</td>')
            else:
                cells.append(f"<td>{_text(value)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return "".join(body)


def table_html(columns: list[str], rows: list[list[Any]]) -> str:
    """The rows as a table; past :data:`VISIBLE_ROWS` the rest folds into a <details> (no script needed)."""
    head = "<thead><tr>" + "".join(f"<th>{_text(c)}</th>" for c in columns) + "</tr></thead>"
    texts = _column_texts(columns, rows)
    visible = [t[:VISIBLE_ROWS] if t is not None else None for t in texts]
    shown = f'<table class="data">{head}<tbody>{_rows_html(columns, rows[:VISIBLE_ROWS], visible)}</tbody></table>'
    rest = rows[VISIBLE_ROWS:]
    if rest:
        folded = [t[VISIBLE_ROWS:] if t is not None else None for t in texts]
        shown += (
            f"<details><summary>{len(rest)} more row{'s' if len(rest) != 1 else ''}</summary>"
            f'<table class="data">{head}<tbody>{_rows_html(columns, rest, folded)}</tbody></table></details>'
        )
    return f'<div class="tablewrap">{shown}</div>'


def _headline_html(task: Answer, question: str) -> list[str]:
    """The answer's one-line headline, the one the terminal shows (or nothing)."""
    text = answer_headline(task, question)
    return [f'<p class="headline">{_text(text)}</p>'] if text else []


def _task_html(task: Answer, heading: str | None, question: str = "") -> list[str]:
    out = []
    if heading:
        out.append(f"<h3>{heading}</h3>")
    out += _headline_html(task, task.task if heading else question)
    if task.clarified_task:
        out.append(f'<p class="task">{_text(task.clarified_task)}</p>')
    if task.assumptions:
        items = "".join(
            f"<li>{'<b>' + _text(a.concept) + ':</b> ' if a.concept else ''}{_text(a.explanation)}</li>"
            for a in task.assumptions
        )
        out.append(f'<ul class="assumptions">{items}</ul>')
    if task.sql:
        out.append(f'<div class="sql">{sql_html(task.sql)}</div>')
    if task.failed:
        out.append(f'<div class="error">{_text(task.error_text)}</div>')
    elif task.data is not None:
        out.append(table_html(task.data.columns, task.data.rows))
        chart = plot_for(task.chart, task.data.columns, task.data.rows)
        # one row or one category compares nothing: the table (and headline) say it
        if task.chart is not None and chart is not None and len(chart.categories) > 1:
            caption = f'<figcaption class="meta">{" · ".join(_text(p) for p in [task.chart.name, *chart.notes])}</figcaption>'
            out.append(f'<figure class="chart">{chart_svg(chart)}{caption}</figure>')
    return out


def round_html(rr: RecordedRound) -> str:
    view = round_view(rr)
    out = [
        f'<section class="round" id="round-{view.number}">',
        f'<h2><span class="n">{view.number}.</span>{_text(view.question)}</h2>',
    ]
    if view.mode != "direct":
        out.append(f'<span class="mode">{_text(view.mode)}</span>')
    if view.overview:
        out.append(f'<p class="task">{_text(view.overview)}</p>')
    for heading, task in view.tasks:
        out.extend(_task_html(task, _text(heading) if heading else None, view.question))
    if view.problem:
        out.append(f'<div class="error">{_text(view.problem)}</div>')
    if view.footer:
        out.append(f'<p class="foot">{_text(view.footer)}</p>')
    out.append("</section>")
    return "\n".join(out)


def to_html(t: Transcript) -> str:
    """The whole page; a control character left anywhere (chart titles, axis labels)
    becomes a character reference, so nothing in the file acts on a terminal or viewer."""
    title = _text(title_of(t))
    rounds = "\n".join(round_html(rr) for rr in t.rounds)
    return escape_controls(_page(t, title, rounds), html_escape)


def _page(t: Transcript, title: str, rounds: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f'<header><h1>{title}</h1><p class="meta">{_text(subtitle_of(t))}</p></header>\n'
        f"<main>\n{rounds}\n</main>\n</body>\n</html>\n"
    )
