"""Display width of text in terminal columns (CJK and emoji take two).

Widths come from ``wcwidth.wcswidth`` - the same function tabulate uses - so
our tables line up exactly like tabulate's. Printable ASCII skips the call.
"""

from __future__ import annotations

from wcwidth import iter_graphemes, wcswidth


def text_width(text: str) -> int:
    """Columns ``text`` occupies (control characters count as -1, like wcswidth)."""
    if text.isascii() and text.isprintable():
        return len(text)
    return wcswidth(text)


class WidthCache:
    """Memoised :func:`text_width` for one rendering (cells repeat a lot)."""

    __slots__ = ("_known",)

    def __init__(self) -> None:
        self._known: dict[str, int] = {}

    def __call__(self, text: str) -> int:
        if text.isascii() and text.isprintable():
            return len(text)
        known = self._known.get(text)
        if known is None:
            known = self._known[text] = wcswidth(text)
        return known


def _head(text: str, width: int) -> str:
    """The longest run of whole grapheme clusters from the start of ``text``
    that fits in ``width`` columns (never splits an emoji sequence or a letter
    from its accents)."""
    kept: list[str] = []
    used = 0
    for grapheme in iter_graphemes(text):
        w = max(0, wcswidth(grapheme))
        if used + w > width:
            break
        kept.append(grapheme)
        used += w
    return "".join(kept)


def truncate(text: str, max_width: int, marker: str = "…") -> str:
    """``text`` cut to at most ``max_width`` columns, ending in ``marker`` when cut."""
    if text_width(text) <= max_width:
        return text
    return _head(text, max(0, max_width - text_width(marker))) + marker


def wrap(text: str, width: int) -> list[str]:
    """Hard-wrap ``text`` into pieces of at most ``width`` columns (never drops text)."""
    width = max(1, width)
    pieces: list[str] = []
    while text_width(text) > width:
        head = _head(text, width) or next(
            iter_graphemes(text)
        )  # a cluster wider than the line goes alone
        pieces.append(head)
        text = text[len(head) :]
    return pieces + [text] if text or not pieces else pieces


def pad_right(text: str, width: int) -> str:
    return text + " " * max(0, width - text_width(text))


def word_lines(text: str, width: int, ellipsis: str = "…", max_lines: int = 2) -> list[str]:
    """``text`` wrapped at word boundaries into at most ``max_lines`` lines of
    ``width`` columns; what does not fit ends at a whole word and ``ellipsis``
    (a single word longer than a line is the only thing ever cut inside)."""
    width = max(2, width)
    lines: list[str] = []
    words = text.split()
    while words and len(lines) < max_lines:
        line = words.pop(0)
        if text_width(line) > width:  # one word longer than the line: cut it
            line = truncate(line, width, ellipsis)
        while words and text_width(f"{line} {words[0]}") <= width:
            line = f"{line} {words.pop(0)}"
        lines.append(line)
    if words and lines:
        last = lines[-1]
        while text_width(last + ellipsis) > width and " " in last:
            last = last.rsplit(" ", 1)[0]
        if text_width(last + ellipsis) > width:  # a single word filling the line
            last = truncate(last, width - text_width(ellipsis), "")
        lines[-1] = last + ellipsis
    return lines
