"""Printing helpers: one-line messages in consistent styles, and blocks of
rendered output that go through the pager sink when they don't fit.

Every message may contain text from the server (error reasons, names), so it
is passed through :func:`clean_text` here; rendered blocks arrive already
cleaned by the renderers. A plain class with lazy imports: the banner is
printed with it before the first prompt.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Mapping
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from c2q_repl.render.theme import Theme

_STYLES = {
    "info": "\x1b[2m",
    "ok": "\x1b[32m",
    "warn": "\x1b[33m",
    "error": "\x1b[1;31m",
    "hint": "\x1b[2m",
    "title": "\x1b[1m",
}
_RESET = "\x1b[0m"
#: message kind -> theme output role
_ROLES = {
    "info": "muted",
    "ok": "success",
    "warn": "warning",
    "error": "error",
    "hint": "muted",
    "title": "heading",
}


class Printer:
    def __init__(
        self,
        stream: IO[str] | None = None,
        *,
        color: bool = True,
        is_tty: bool = True,
        pager_mode: str = "auto",
        environ: Mapping[str, str] = os.environ,
    ) -> None:
        self.stream = stream if stream is not None else sys.stdout
        self.color = color
        self.is_tty = is_tty
        #: "auto" (page output taller than the screen), "on" (always), "off"
        self.pager_mode = pager_mode
        self.environ = environ
        self.styles = dict(_STYLES)

    def set_theme(self, theme: Theme) -> None:
        """Message colours from the theme's output roles (built-in ones where it has none)."""
        from c2q_repl.render.style import StyleError, sgr

        styles = dict(_STYLES)
        for kind, role in _ROLES.items():
            try:
                code = sgr(theme.style(role))
            except StyleError:
                code = ""
            if code:
                styles[kind] = code
        self.styles = styles

    def size(self) -> tuple[int, int]:
        """(columns, rows) of the terminal now (it may have been resized)."""
        cols, rows = shutil.get_terminal_size((100, 40))
        return max(cols, 20), max(rows, 5)

    def _styled(self, kind: str, text: str) -> str:
        from c2q_repl.render.sanitize import clean_text

        text = clean_text(text)
        if not self.color or not text:
            return text
        return f"{self.styles[kind]}{text}{_RESET}"

    def write_lines(self, lines: list[str]) -> None:
        self.stream.write("".join(line + "\n" for line in lines))
        self.stream.flush()

    def line(self, text: str = "") -> None:
        from c2q_repl.render.sanitize import clean_text

        self.write_lines([clean_text(text)])

    def info(self, text: str) -> None:
        self.write_lines([self._styled("info", line) for line in text.splitlines() or [""]])

    def ok(self, text: str) -> None:
        self.write_lines([self._styled("ok", text)])

    def title(self, text: str) -> None:
        self.write_lines([self._styled("title", text)])

    def warn(self, text: str) -> None:
        self.write_lines([self._styled("warn", text)])

    def error(self, message: str, hint: str = "") -> None:
        lines = [self._styled("error", f"error: {message}")]
        if hint:
            lines += [self._styled("hint", f"  {h}") for h in hint.splitlines()]
        self.write_lines(lines)

    def answer(self, lines: list[str], tables: Callable[[], list[tuple[int, int]]]) -> bool:
        """Print an answer; only its tables (``tables()``: their line spans, found
        only when the answer does not fit) may go through $PAGER, so the SQL,
        header, chart, row count and footer always reach the terminal.

        Returns True when the pager showed a table.
        """
        from c2q_repl.repl import pager

        cols, rows = self.size()
        fits = not pager.should_page(
            lines, mode=self.pager_mode, rows=rows, columns=cols, is_tty=self.is_tty
        )
        return pager.emit_answer(
            lines,
            [] if fits else tables(),
            self.stream,
            mode=self.pager_mode,
            rows=rows,
            columns=cols,
            is_tty=self.is_tty,
            environ=self.environ,
        )

    def block(self, lines: list[str], *, pageable: bool = True) -> bool:
        """Print rendered lines; through $PAGER when taller than the screen.

        Returns True when the pager showed them.
        """
        from c2q_repl.repl import pager

        cols, rows = self.size()
        return pager.emit(
            lines,
            self.stream,
            mode=self.pager_mode if pageable else "off",
            rows=rows,
            columns=cols,
            is_tty=self.is_tty,
            environ=self.environ,
        )
