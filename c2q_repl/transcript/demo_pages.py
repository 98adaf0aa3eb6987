"""The demo's pages as lines of (ANSI-styled) text: title card, rounds, summary.

Pure, so the deck is tested without a terminal; :mod:`c2q_repl.transcript.demo`
only decides which page is up and draws it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from c2q_repl.render.options import RenderOptions
from c2q_repl.render.prompt import paint_prompt
from c2q_repl.render.sanitize import clean_text
from c2q_repl.render.style import Painter
from c2q_repl.render.width import text_width, truncate
from c2q_repl.transcript.normalize import recorded_answer, round_status
from c2q_repl.transcript.reader import Transcript
from c2q_repl.transcript.replay import recorded_lines

OptionsFor = Callable[[int, int], RenderOptions]
MARKS = {"answered": "✓", "failed": "✗", "error": "✗", "incomplete": "…"}


def _center(text: str, width: int, styled: str | None = None) -> str:
    pad = max(0, (width - text_width(text)) // 2)
    return " " * pad + (styled if styled is not None else text)


class DemoDeck:
    """Pages 0 (title), 1..N (rounds), N+1 (summary) of a transcript."""

    def __init__(self, transcript: Transcript, options_for: OptionsFor) -> None:
        self.t = transcript
        self.options_for = options_for
        self._cache: dict[tuple[int, int, int], list[str]] = {}

    @property
    def last_page(self) -> int:
        return len(self.t.rounds) + 1

    def page_of_round(self, number: int) -> int:
        """The page showing round ``number`` (clamped to the deck)."""
        for i, rr in enumerate(self.t.rounds, 1):
            if rr.number == number:
                return i
        return max(0, min(number, self.last_page))

    def question(self, page: int) -> str:
        if 1 <= page <= len(self.t.rounds):
            return clean_text(self.t.rounds[page - 1].question).replace("\n", " ")
        return ""

    def lines(self, page: int, width: int, height: int, *, typed: int | None = None) -> list[str]:
        width = max(width, 20)
        if page <= 0:
            return self._title(width, height)
        if page > len(self.t.rounds):
            return self._summary(width, height)
        return self._round(page, width, height, typed)

    # ------------------------------------------------------------------ pages

    def _title(self, width: int, height: int) -> list[str]:
        opts = self.options_for(width, height)
        paint = Painter(opts.theme, opts.styled)
        when = (
            datetime.fromtimestamp(self.t.created_at).strftime("%d %B %Y")
            if self.t.created_at
            else ""
        )
        n = len(self.t.rounds)
        database = clean_text(self.t.database or "a TiDB database")
        facts = [f"{n} question{'s' if n != 1 else ''}", when, clean_text(self.t.endpoint)]
        block = [
            _center(
                "c2q · Chat2Query in the terminal",
                width,
                paint("c2q · Chat2Query in the terminal", "muted"),
            ),
            "",
            _center(f"Talking to {database}", width, paint(f"Talking to {database}", "heading")),
            "",
            _center(" · ".join(f for f in facts if f), width),
            "",
            "",
            _center(
                "Space to begin · q to quit", width, paint("Space to begin · q to quit", "muted")
            ),
        ]
        top = max(0, (height - len(block)) // 2 - 1)
        return [""] * top + block

    def _round(self, page: int, width: int, height: int, typed: int | None) -> list[str]:
        opts = self.options_for(width, height)
        paint = Painter(opts.theme, opts.styled)
        rr = self.t.rounds[page - 1]
        question = self.question(page)
        shown = question if typed is None else question[:typed]
        done = len(shown) >= len(question)
        mode = f" · {rr.mode}" if rr.mode != "direct" else ""
        head = [
            paint(f"Question {page} of {len(self.t.rounds)}{mode}", "muted"),
            "",
            paint_prompt(opts) + paint(shown, "task") + ("" if done else "▌"),
            "",
        ]
        if not done:
            return head
        key = (page, width, height)
        if key not in self._cache:
            self._cache[key] = recorded_lines(rr, opts)
        return head + self._cache[key]

    def _summary(self, width: int, height: int) -> list[str]:
        opts = self.options_for(width, height)
        paint = Painter(opts.theme, opts.styled)
        statuses = [round_status(rr) for rr in self.t.rounds]
        answered = statuses.count("answered")
        rows = 0
        for rr in self.t.rounds:
            answer = recorded_answer(rr)
            if answer is not None:
                rows += sum(len(a.data.rows) for a in answer.leaves() if a.data is not None)
        elapsed = sum(rr.elapsed for rr in self.t.rounds)
        lines = [
            paint("That was the session", "heading"),
            "",
            f"{len(statuses)} questions · {answered} answered · {rows} rows · {elapsed:.1f} s of thinking",
            "",
        ]
        for rr, status in zip(self.t.rounds, statuses):
            mark = MARKS.get(status, "?")
            role = "success" if status == "answered" else "error"
            text = truncate(clean_text(rr.question).replace("\n", " "), max(10, width - 8))
            lines.append(f"{paint(mark, role)} {rr.number:>2}. {text}")
        lines += [
            "",
            paint("Backspace to go back · a number and Enter to revisit · q to quit", "muted"),
        ]
        top = max(0, (height - len(lines)) // 3)
        return [""] * top + lines

    # ------------------------------------------------------------------ footer

    def footer(self, page: int, number_buffer: str, width: int, *, below: int = 0) -> str:
        n = len(self.t.rounds)
        where = "title" if page == 0 else "summary" if page > n else f"{page}/{n}"
        if below:
            where += f" · ↓ {below} more line{'s' if below != 1 else ''}"
        left = f" {clean_text(self.t.database or 'c2q')} · {where}"
        right = (
            f"go to {number_buffer}_ ⏎ "
            if number_buffer
            else "Space next · Backspace back · 1-9⏎ jump · q quit "
        )
        gap = max(1, width - text_width(left) - text_width(right))
        return left + " " * gap + right
