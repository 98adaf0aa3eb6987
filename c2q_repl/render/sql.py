"""SQL text -> highlighted lines (pygments, imported only when colour is on)."""

from __future__ import annotations

from c2q_repl.render.options import RenderOptions
from c2q_repl.render.sanitize import clean_text


def highlight_sql(sql: str, opts: RenderOptions) -> list[str]:
    """The SQL, cleaned of control sequences, one printable line per SQL line.

    Highlighted in the theme's pygments style (MySQL dialect, which TiDB
    speaks) when colour is on; plain text otherwise. Every line ends with
    the colour reset, so lines can be printed or paged independently.
    """
    text = clean_text(sql).expandtabs(4).strip("\n")
    if not text.strip():
        return []
    if opts.wrap_sql:
        text = "\n".join(_wrapped(text.split("\n"), opts.width))
    style = opts.theme.pygments_style
    if not (opts.styled and style):
        return [line.rstrip() for line in text.split("\n")]
    from pygments import highlight
    from pygments.formatters.terminal256 import Terminal256Formatter
    from pygments.lexers.sql import MySqlLexer
    from pygments.util import ClassNotFound

    try:
        formatter = Terminal256Formatter(style=style)
    except ClassNotFound:
        return [line.rstrip() for line in text.split("\n")]
    out = highlight(text, MySqlLexer(), formatter)
    return [line + "\x1b[0m" if "\x1b" in line else line for line in out.rstrip("\n").split("\n")]


def _wrapped(lines: list[str], width: int) -> list[str]:
    """Each line broken at spaces to fit ``width`` (continuations indented two
    more columns); a word longer than a line stays whole."""
    from c2q_repl.render.width import text_width

    out: list[str] = []
    for line in lines:
        indent = line[: len(line) - len(line.lstrip(" "))]
        current = ""
        for word in line.split():
            candidate = f"{current} {word}" if current else indent + word
            if current and text_width(candidate) > width:
                out.append(current)
                candidate = indent + "  " + word
            current = candidate
        out.append(current)
    return out
