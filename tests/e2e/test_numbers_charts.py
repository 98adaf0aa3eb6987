"""Issue 14 on a real screen: readable numbers, the headline, diverging bars for
negative values in the presentation theme, and ``/format raw`` for exact values."""

from __future__ import annotations

import re

from .repl_support import ask, command, ready

TOP5 = "which 5 companies have the highest market cap?"
GROWTH = "what is the average revenue growth per sector?"
CAT_PAGER = {"PAGER": "cat"}


def _block(screen, start: str) -> list[str]:
    """The scrollback lines from the last ``start`` line on."""
    lines = screen.scrollback
    first = max(i for i, line in enumerate(lines) if start in line)
    return lines[first:]


def test_readable_numbers_headline_and_exact_values_on_request(spawn_c2q):
    screen = spawn_c2q(extra_env=CAT_PAGER)
    ready(screen)
    ask(screen, TOP5, "5 rows")
    answer = _block(screen, TOP5)
    text = "\n".join(answer)
    assert answer[1].strip() == "Highest market cap: Apple Inc. (2,900,000,000,000)", text
    assert re.search(r"\| Apple Inc\. +\| +2,900,000,000,000 \|", text)  # separators, right-aligned
    assert re.search(r"Apple Inc\. +█+ 2\.90T", text)  # the chart's short form
    command(screen, "/format raw", "numbers: raw")
    raw = "\n".join(_block(screen, "numbers: raw"))
    assert re.search(r"\| +2900000000000 \|", raw) and "2,900,000,000,000 |" not in raw
    command(screen, "/format human", "numbers: human")
    assert re.search(r"\| +\$2\.90T \|", "\n".join(_block(screen, "numbers: human")))


def test_negative_values_are_bars_left_of_a_zero_line(spawn_c2q):
    screen = spawn_c2q("--theme", "presentation", extra_env=CAT_PAGER)
    ready(screen)
    ask(screen, GROWTH, "11 rows")
    answer = _block(screen, GROWTH)
    table = [line for line in answer if line.startswith("┃")][1:]
    cells = [line.split("┃")[2].strip() for line in table]
    # averages of long binary fractions, shown to three significant digits
    assert cells and all(re.fullmatch(r"-?0\.0*[1-9][0-9]{0,2}", c) for c in cells), cells
    assert any(c.startswith("-") for c in cells)
    bars = [line for line in answer if "│" in line and ("█" in line or "▏" in line)]
    assert len(bars) == 11, "\n".join(answer)
    zero = {line.index("│") for line in bars}
    assert len(zero) == 1, "one zero line"
    (z,) = zero
    negative = [line for line in bars if line.rstrip().split()[-1].startswith("-")]
    positive = [line for line in bars if line not in negative]
    assert negative and positive
    assert all("█" in line[:z] and "█" not in line[z:] for line in negative)
    assert all("█" not in line[:z] for line in positive)
    # the presentation theme paints losses red, not white
    label = negative[0][:z].split("█")[0].strip()
    row = screen.find(re.compile(rf"^{re.escape(label)} .*│"))
    assert row is not None, screen.dump()
    cells = screen.cells(row[0])
    left_of_zero = [c for c in cells[: screen.display[row[0]].index("│")] if c.data == "█"]
    assert left_of_zero and {c.fg for c in left_of_zero} == {"ff5f5f"}, {c.fg for c in left_of_zero}
