"""The pager sink: output taller than the screen goes to ``$PAGER``.

For an answer only the table is paged (:func:`answer_chunks`): its SQL, header,
chart, row count and footer are printed to the terminal around it.

Short output is printed straight to the terminal so it stays in scrollback
(the complaint users file most about pgcli/mycli pagers). ``LESS=-SRXF`` is
set only when the user has no ``LESS`` of their own: -F quits at once when
the text fits, -X keeps it on screen afterwards, -R passes colours, -S chops
long lines instead of wrapping them (for tables only; other text wraps).
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Mapping
from typing import IO, NamedTuple

PAGER_MODES = ("auto", "on", "off")
DEFAULT_PAGER = "less"
DEFAULT_LESS = "-SRXF"
#: for text that is not a table (listings, the summary): long lines wrap instead
WRAPPING_LESS = "-RXF"
#: rows kept free for the prompt and the bottom toolbar when deciding "fits"
RESERVED_ROWS = 2

_SGR = re.compile(r"\x1b\[[0-9;:?]*[A-Za-z]")


def display_rows(lines: list[str], columns: int) -> int:
    """How many terminal rows ``lines`` occupy once long lines wrap."""
    from c2q_repl.render.width import text_width

    columns = max(columns, 1)
    rows = 0
    for line in lines:
        plain = _SGR.sub("", line)
        width = text_width(plain)
        if width < 0:  # unprintable characters: fall back to the code-point count
            width = len(plain)
        rows += max(1, -(-width // columns))
    return rows


def should_page(lines: list[str], *, mode: str, rows: int, columns: int, is_tty: bool) -> bool:
    """Page only on a terminal, never in ``off`` mode, always in ``on`` mode,
    and in ``auto`` mode only when the output is taller than the screen."""
    if not is_tty or mode == "off" or not lines:
        return False
    if mode == "on":
        return True
    return display_rows(lines, columns) > max(rows - RESERVED_ROWS, 1)


class Chunk(NamedTuple):
    """Consecutive lines of one answer and whether they go to the pager."""

    lines: list[str]
    paged: bool


def answer_chunks(
    lines: list[str],
    tables: list[tuple[int, int]],
    *,
    mode: str,
    rows: int,
    columns: int,
    is_tty: bool,
) -> list[Chunk]:
    """Split an answer so only its tables can go to the pager.

    ``tables`` are the ``[start, end)`` line spans of the answer's tables. The
    SQL, the header and everything after a table (chart, row count, footer)
    are printed straight to the terminal, which wraps long lines instead of
    chopping them (``less -S`` would), and a pager quit early cannot lose
    them. A table is paged only when it is itself taller than the screen (or
    the pager is ``on``); an answer that fits is printed whole.
    """
    if not should_page(lines, mode=mode, rows=rows, columns=columns, is_tty=is_tty):
        return [Chunk(lines, False)] if lines else []
    chunks: list[Chunk] = []
    at = 0
    for start, end in sorted(tables):
        if start < at or end <= start:
            continue  # overlapping or empty span: keep it with the text around it
        if start > at:
            chunks.append(Chunk(lines[at:start], False))
        table = lines[start:end]
        chunks.append(
            Chunk(table, should_page(table, mode=mode, rows=rows, columns=columns, is_tty=is_tty))
        )
        at = end
    if at < len(lines):
        chunks.append(Chunk(lines[at:], False))
    merged: list[Chunk] = []
    for chunk in chunks:  # neighbouring straight chunks print as one
        if merged and not chunk.paged and not merged[-1].paged:
            merged[-1] = Chunk(merged[-1].lines + chunk.lines, False)
        else:
            merged.append(chunk)
    return merged


class PagerCommand(NamedTuple):
    command: str
    env: dict[str, str]


def pager_command(environ: Mapping[str, str], *, chop: bool = True) -> PagerCommand:
    """``$PAGER`` (default ``less``), with ``LESS=-SRXF`` only when LESS is unset
    (``-RXF`` when ``chop`` is False: prose and SQL wrap, only tables scroll sideways).

    When c2q chooses ``less`` itself (no ``$PAGER``), it runs with
    ``LESSSECURE=1``: keys typed ahead (or pasted) into the pager cannot then
    save the page to a file (``s``), run a shell (``!``) or open an editor (``v``).
    A ``$PAGER`` the user named is run as they configured it.
    """
    env = dict(environ)
    command = env.get("PAGER", "").strip() or DEFAULT_PAGER
    if "LESS" not in env:
        env["LESS"] = DEFAULT_LESS if chop else WRAPPING_LESS
    if not env.get("PAGER", "").strip():
        env["LESSSECURE"] = "1"
    return PagerCommand(command=command, env=env)


def run_pager(text: str, environ: Mapping[str, str] = os.environ, *, chop: bool = True) -> bool:
    """Feed ``text`` to the pager; False when no pager could run (caller prints)."""
    cmd = pager_command(environ, chop=chop)
    try:
        proc = subprocess.Popen(cmd.command, shell=True, stdin=subprocess.PIPE, env=cmd.env)
    except OSError:
        return False
    assert proc.stdin is not None
    try:
        proc.stdin.write(text.encode("utf-8", "replace"))
        proc.stdin.close()
    except (BrokenPipeError, OSError):
        pass  # the user quit the pager early
    while True:
        try:
            code = proc.wait()
            break
        except KeyboardInterrupt:
            continue  # Ctrl-C belongs to the pager (less handles it itself)
    return code != 127  # shell: command not found


def _write(chunk: Chunk, stream: IO[str], environ: Mapping[str, str], *, chop: bool) -> bool:
    """Page ``chunk`` if it is marked so (True when the pager ran), else print it."""
    if chunk.paged:
        stream.flush()
        if run_pager("\n".join(chunk.lines) + "\n", environ, chop=chop):
            return True
    stream.write("".join(line + "\n" for line in chunk.lines))
    stream.flush()
    return False


def emit(
    lines: list[str],
    stream: IO[str],
    *,
    mode: str,
    rows: int,
    columns: int,
    is_tty: bool,
    environ: Mapping[str, str] = os.environ,
) -> bool:
    """Write ``lines`` through the pager when they don't fit, else to ``stream``.

    Returns True when the pager was used.
    """
    paged = should_page(lines, mode=mode, rows=rows, columns=columns, is_tty=is_tty)
    return _write(Chunk(lines, paged), stream, environ, chop=False)


def emit_answer(
    lines: list[str],
    tables: list[tuple[int, int]],
    stream: IO[str],
    *,
    mode: str,
    rows: int,
    columns: int,
    is_tty: bool,
    environ: Mapping[str, str] = os.environ,
) -> bool:
    """Write an answer with only its tall tables through the pager (:func:`answer_chunks`).

    Returns True when the pager was used for any of them.
    """
    chunks = answer_chunks(lines, tables, mode=mode, rows=rows, columns=columns, is_tty=is_tty)
    used = [_write(chunk, stream, environ, chop=True) for chunk in chunks]  # only tables page
    return any(used)
