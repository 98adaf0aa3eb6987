"""Slash-command output (/summary, /history, /sessions, /kb, /refine's diff...)
as lines, painted with the theme's roles.

Commands fetch the data and hand it here; nothing else draws it, so themes and
``NO_COLOR`` (``opts.styled`` false: not one escape byte) hold for every
listing. Every text that came from the server is shown on one line by
:func:`one_line`: a name with a newline cannot forge a second entry and a
control character cannot reach the terminal.
"""

from __future__ import annotations

import difflib
import time
from collections.abc import Iterable, Sequence
from typing import Protocol

from c2q_repl.api.resources import (
    DataSummary,
    KnowledgeBase,
    KnowledgeData,
    Relationship,
    Session,
)
from c2q_repl.render.options import RenderOptions
from c2q_repl.render.style import Painter

_LINE_BREAKS = ("\r\n", "\n", "\r", "\u2028", "\u2029", "\x85")
_BIDI = set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))


def one_line(text: object, *, unicode: bool = True) -> str:
    """``text`` as one printable line: line breaks become ``↵`` (``\\n`` in ASCII),
    tabs a space, and every other control character is made visible (``␛``,
    ``^[``, ``<U+202E>``) instead of being sent to the terminal."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    if text.isascii() and text.isprintable():
        return text
    mark = "↵" if unicode else "\\n"
    for brk in _LINE_BREAKS:
        text = text.replace(brk, mark)
    out: list[str] = []
    for ch in text:
        code = ord(ch)
        if ch == "\t":
            out.append(" ")
        elif code < 0x20 or code == 0x7F:
            if unicode:
                out.append(chr(0x2421) if code == 0x7F else chr(0x2400 + code))
            else:
                out.append("^?" if code == 0x7F else "^" + chr(code + 64))
        elif 0x80 <= code < 0xA0 or code in _BIDI:
            out.append(f"<U+{code:04X}>")
        elif 0xD800 <= code < 0xE000:  # a lone surrogate cannot be encoded
            out.append("\ufffd")
        else:
            out.append(ch)
    return "".join(out)


def _painter(opts: RenderOptions) -> Painter:
    return Painter(opts.theme, opts.styled)


def _text(value: object, opts: RenderOptions) -> str:
    return one_line(value, unicode=opts.unicode)


# --------------------------------------------------------------------------- /summary


def relationship_key(rel: Relationship) -> tuple[str, str, str, str]:
    return (
        rel.referencing_table,
        rel.referencing_table_column,
        rel.referenced_table,
        rel.referenced_table_column,
    )


def unique_relationships(relationships: Iterable[Relationship]) -> list[Relationship]:
    """Each relationship once, in first-seen order: servers list a key under both
    of its tables, and may repeat it in a list and an object."""
    seen: set[tuple[str, str, str, str]] = set()
    unique: list[Relationship] = []
    for rel in relationships:
        key = relationship_key(rel)
        if key not in seen:
            seen.add(key)
            unique.append(rel)
    return unique


def summary_lines(summary: DataSummary, opts: RenderOptions) -> list[str]:
    """The data summary: database line, descriptions, keywords, tables, relationships."""
    paint = _painter(opts)
    arrow = "→" if opts.unicode else "->"
    dash = "—" if opts.unicode else "-"
    lines = [
        paint(f"database {_text(summary.database or '?', opts)}", "heading")
        + paint(
            f"  (data summary {_text(summary.data_summary_id, opts)}, "
            f"{_text(summary.status or 'unknown status', opts)})",
            "muted",
        )
    ]
    shown: set[str] = set()
    for text in (summary.description_system, summary.description_user, summary.summary):
        if text and text not in shown:
            shown.add(text)
            lines.append("  " + _text(text, opts))
    if summary.keywords:
        lines.append(
            "  "
            + paint("keywords:", "muted")
            + " "
            + ", ".join(_text(k, opts) for k in summary.keywords)
        )
    for table in summary.tables.values():
        lines.append("")
        title = paint(_text(table.name, opts), "header")
        if table.description:
            title += f" {dash} {_text(table.description, opts)}"
        lines.append(title)
        for col in table.columns.values():
            text = "    " + _text(col.name, opts)
            if col.description:
                text += paint(": ", "muted") + _text(col.description, opts)
            lines.append(text)
    relationships = unique_relationships(summary.relationships)
    if relationships:
        lines.append("")
        lines.append(paint("relationships:", "heading"))
        for rel in relationships:
            lines.append(
                f"    {_text(rel.referencing_table, opts)}.{_text(rel.referencing_table_column, opts)}"
                f" {arrow} "
                f"{_text(rel.referenced_table, opts)}.{_text(rel.referenced_table_column, opts)}"
            )
    return lines


# --------------------------------------------------------------------------- /history


class LocalRound(Protocol):
    """What /history lists of a round asked here (a chat Round)."""

    @property
    def number(self) -> int: ...
    @property
    def mode(self) -> str: ...
    @property
    def question(self) -> str: ...
    @property
    def failed(self) -> bool: ...
    @property
    def job_id(self) -> str: ...


def history_lines(rounds: Sequence[LocalRound], opts: RenderOptions) -> list[str]:
    """This session's rounds, one line each: number, mode, question, outcome, job."""
    paint = _painter(opts)
    lines = []
    for r in rounds:
        state = paint("failed", "error") if r.failed else paint("ok", "success")
        extra = paint(f"  job {_text(r.job_id, opts)}", "muted") if r.job_id else ""
        lines.append(
            f"{r.number:>3}. {paint(f'[{r.mode}]', 'muted')} {_text(r.question, opts)}  ({state}{extra})"
        )
    return lines


class ServerRoundFacts(Protocol):
    """What /history --server shows of one round the server holds."""

    @property
    def question(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def sql(self) -> str: ...
    @property
    def row_count(self) -> int | None: ...
    @property
    def job_id(self) -> str: ...
    @property
    def summary(self) -> str: ...


_STATUS_ROLES = {"done": "success", "failed": "error", "": "muted"}


def server_history_lines(
    session_id: str, rounds: Sequence[ServerRoundFacts], opts: RenderOptions
) -> list[str]:
    """The server's rounds: question, then status · rows · job, then the SQL (one line)."""
    paint = _painter(opts)
    dot = " · " if opts.unicode else " | "
    lines = [paint(f"session {_text(session_id, opts)} on the server", "heading")]
    for i, r in enumerate(rounds, 1):
        lines.append(f"{i:>3}. {_text(r.question, opts) or paint('(no question text)', 'muted')}")
        status = r.status or "no answer yet"
        facts = [paint(_text(status, opts), _STATUS_ROLES.get(r.status, "warning"))]
        if r.row_count is not None:
            facts.append(f"{r.row_count} row{'' if r.row_count == 1 else 's'}")
        elif r.summary:
            facts.append(_text(r.summary, opts))
        if r.job_id:
            facts.append(paint(f"job {_text(r.job_id, opts)}", "muted"))
        lines.append("     " + dot.join(facts))
        if r.sql:
            lines.append("     " + paint("sql:", "muted") + " " + _text(r.sql, opts))
    return lines


# --------------------------------------------------------------------------- /sessions, /session


def when(stamp: int) -> str:
    """A session time stamp (the API has used both seconds and milliseconds)."""
    if not stamp:
        return ""
    seconds = stamp / 1000 if stamp > 10**11 else stamp
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(seconds))


def session_list_lines(sessions: Sequence[Session], current: str, opts: RenderOptions) -> list[str]:
    """One line per server session, the current one marked ``*``."""
    paint = _painter(opts)
    lines = []
    for s in sessions:
        mine = s.session_id == current
        mark = paint("*", "success") if mine else " "
        stamp = paint(f"{when(s.updated_at or s.created_at):16}", "muted")
        lines.append(f"{mark} {_text(s.session_id, opts):>8}  {stamp}  {_text(s.name, opts)}")
    return lines


def key_value_lines(rows: Sequence[tuple[str, str]], opts: RenderOptions) -> list[str]:
    """``key: value`` lines with the keys right-aligned (/session)."""
    paint = _painter(opts)
    width = max((len(k) for k, _ in rows), default=0)
    return [
        paint(f"{key.rjust(width)}:", "muted") + f" {_text(value, opts)}" for key, value in rows
    ]


def choice_lines(items: Sequence[str], current: str, opts: RenderOptions) -> list[str]:
    """A list to choose from, the current item marked ``*`` (/theme)."""
    paint = _painter(opts)
    return [
        f"{paint('*', 'success') if item == current else ' '} {_text(item, opts)}" for item in items
    ]


def numbered_lines(items: Sequence[str], opts: RenderOptions) -> list[str]:
    """``  1. item`` lines (/suggest)."""
    paint = _painter(opts)
    return [f"  {paint(f'{i}.', 'muted')} {_text(item, opts)}" for i, item in enumerate(items, 1)]


# --------------------------------------------------------------------------- /kb


def describe_knowledge(item: KnowledgeData) -> str:
    """One knowledge item in the words /kb add takes (not yet made one-line)."""
    data = item.raw_data
    if item.type == "few-shot":
        return f"few-shot: {data.get('question', '')} => {data.get('answer', '')}"
    if item.type == "term-sheet":
        terms = data.get("term", [])
        terms = ", ".join(map(str, terms)) if isinstance(terms, list) else str(terms)
        return f"term: {terms} = {data.get('description', '')}"
    if item.type == "instruction":
        return f"instruction: {data.get('instruction', '')}"
    return f"{item.type}: {data}"


def knowledge_lines(
    base: KnowledgeBase, items: Sequence[KnowledgeData], opts: RenderOptions
) -> list[str]:
    """The knowledge base line, then one line per item (or "(empty)")."""
    paint = _painter(opts)
    dash = "—" if opts.unicode else "-"
    title = paint(f"knowledge base {_text(base.knowledge_base_id, opts)}", "heading")
    if base.description:
        title += f" {dash} {_text(base.description, opts)}"
    lines = [title]
    if not items:
        lines.append(paint("  (empty)", "muted"))
    for item in items:
        lines.append(
            "  "
            + paint(f"{_text(item.knowledge_data_id, opts):>4}", "muted")
            + "  "
            + _text(describe_knowledge(item), opts)
        )
    return lines


# --------------------------------------------------------------------------- /refine


def sql_diff_lines(old: str, new: str, opts: RenderOptions) -> list[str]:
    """A unified diff of two SQL texts: additions in the success role, removals in
    the error role, hunk headers muted, file names as headings."""
    from c2q_repl.render.sanitize import clean_text

    lines = list(
        difflib.unified_diff(
            clean_text(old).splitlines(),
            clean_text(new).splitlines(),
            "before",
            "after",
            lineterm="",
            n=3,
        )
    )
    if not lines:
        return ["(the rewrite is identical)"]
    paint = _painter(opts)
    out = []
    for line in lines:
        line = _text(line, opts)
        if line.startswith(("+++", "---")):
            out.append(paint(line, "heading"))
        elif line.startswith("+"):
            out.append(paint(line, "success"))
        elif line.startswith("-"):
            out.append(paint(line, "error"))
        elif line.startswith("@@"):
            out.append(paint(line, "muted"))
        else:
            out.append(line)
    return out
