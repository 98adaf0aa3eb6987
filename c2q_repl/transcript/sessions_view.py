"""Text for ``c2q sessions`` (the list) and ``c2q sessions show`` (one session)."""

from __future__ import annotations

from datetime import datetime

from c2q_repl.render.sanitize import clean_cell, clean_text
from c2q_repl.render.width import pad_right, text_width, truncate
from c2q_repl.transcript.listing import SessionEntry, endpoint_where, session_name
from c2q_repl.transcript.normalize import recorded_answer, round_status
from c2q_repl.transcript.reader import Transcript

QUESTION_WIDTH = 60


def _columns(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(text_width(r[i]) for r in [header, *rows]) for i in range(len(header))]
    return [
        "  ".join(pad_right(cell, w) for cell, w in zip(row, widths)).rstrip()
        for row in [header, *rows]
    ]


def format_duration(seconds: float) -> str:
    """How long a session lasted, as a person says it: "40 s", "12 min", "2 h 05 min"."""
    if seconds <= 0:
        return "-"
    if seconds < 60:
        return f"{int(seconds)} s" if seconds >= 1 else "<1 s"
    minutes = int(seconds // 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"


NAME_WIDTH = 24


def session_table(entries: list[SessionEntry], width: int | None = None) -> list[str]:
    """One line per transcript, most recent first, with the number ``replay N`` takes
    (it never changes). The question column takes what ``width`` leaves."""
    searching = any(e.matched for e in entries)
    rows = []
    for e in entries:
        if e.problem:
            rows.append([str(e.number), "?", "?", "?", "?", "?", "?", f"({clean_cell(e.problem)})"])
            continue
        rows.append(
            [
                str(e.number),
                e.date,
                format_duration(e.duration),
                e.where or "?",
                clean_cell(e.database) or "-",
                truncate(clean_cell(e.name), NAME_WIDTH) or "-",
                str(e.rounds),
                clean_cell(e.matched if searching else e.first_question),
            ]
        )
    header = ["#", "started", "took", "where", "database", "name", "rounds"]
    header.append("matching question" if searching else "first question")
    if rows:
        last = len(header) - 1
        fixed = sum(max(text_width(r[i]) for r in [header, *rows]) + 2 for i in range(last))
        room = max(20, (width or 80 + QUESTION_WIDTH) - fixed - 1)
        for row in rows:
            row[last] = truncate(row[last], min(room, QUESTION_WIDTH if not searching else room))
    lines = _columns(header, rows)
    lines.append("")
    lines.append(
        "replay: c2q replay N · details: c2q sessions show N · resume: c2q --resume N · files: "
        + str(entries[0].path.parent)
        if entries
        else ""
    )
    return lines


def show_session(t: Transcript) -> list[str]:
    """The header facts, then one block per round: status, question, SQL, rows, time."""
    when = (
        datetime.fromtimestamp(t.created_at).strftime("%Y-%m-%d %H:%M:%S") if t.created_at else "?"
    )
    facts = [
        ("file", str(t.path)),
        ("started", when),
        ("endpoint", t.endpoint or "?"),
        ("where", endpoint_where(t.header)),
        ("database", t.database or "?"),
        ("session", t.session_id or "?"),
        ("name", session_name(t) or "-"),
        ("mode", str(t.header.get("mode") or "direct")),
        ("c2q", str(t.header.get("c2q_version") or "?")),
        ("rounds", str(len(t.rounds))),
    ]
    lines = [f"{name + ':':10} {clean_text(value)}" for name, value in facts]
    commands = {id(c): c for c in t.commands}
    by_question = {
        id(r): rr for r, rr in zip((r for r in t.records if r.get("type") == "question"), t.rounds)
    }
    for record in t.records[1:]:
        if id(record) in commands:
            args = str(record.get("args") or "")
            lines.append(
                f"   /{clean_cell(record.get('name', ''))}{' ' + clean_cell(args) if args else ''}"
            )
            continue
        rr = by_question.get(id(record))
        if rr is None:
            continue
        lines.append("")
        status = round_status(rr)
        extra = f" [{rr.mode}]" if rr.mode != "direct" else ""
        if rr.feedback_answer_id:
            extra += f" (feedback on {rr.feedback_answer_id}{'/' + rr.feedback_task_id if rr.feedback_task_id else ''})"
        lines.append(f"{rr.number:>3}. {clean_cell(rr.question)}{clean_cell(extra)}")
        answer = recorded_answer(rr)
        for task in answer.leaves() if answer is not None else []:
            if task.sql:
                lines.append(f"     sql: {clean_cell(task.sql)}")
            rows = len(task.data.rows) if task.data is not None else 0
            lines.append(
                f"     {'failed: ' + clean_cell(task.error_text) if task.failed else f'{rows} row' + ('s' if rows != 1 else '')}"
            )
        if status in ("error", "incomplete") or (status == "failed" and answer is None):
            err = rr.to_round().job_error if rr.complete else None
            lines.append(
                f"     {status}: {clean_cell(err.message) if err is not None else 'no answer recorded'}"
            )
        timing = " · ".join(
            p
            for p in (
                f"{rr.elapsed:.1f} s" if rr.elapsed else "",
                f"{rr.requests} requests" if rr.requests else "",
                f"job {rr.job_id}" if rr.job_id else "",
            )
            if p
        )
        if timing:
            lines.append(f"     {clean_cell(timing)}")
    for warning in t.warnings:
        lines.append(f"warning: {clean_text(warning)}")
    return lines
