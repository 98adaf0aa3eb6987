"""The demo's pages as lines of (ANSI-styled) text: title slide, rounds, end slide.

Pure, so the deck is tested without a terminal; :mod:`c2q_repl.transcript.demo`
only decides which page is up and draws it. What is presented is chosen here
too (:func:`select_rounds`: ``--rounds 1,3-5``, ``--skip-failed``), and the
slides carry nothing meant for the person at the keyboard: no answer or task
ids, no ``/feedback`` footer, no "what to do next" hints (the render options
the demo passes say so).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from c2q_repl.render.options import RenderOptions
from c2q_repl.render.prompt import paint_prompt
from c2q_repl.render.sanitize import clean_text
from c2q_repl.render.style import Painter
from c2q_repl.render.width import text_width, truncate, word_lines
from c2q_repl.transcript.normalize import recorded_answer, round_status
from c2q_repl.transcript.reader import RecordedRound, Transcript
from c2q_repl.transcript.replay import recorded_lines

OptionsFor = Callable[[int, int], RenderOptions]
MARKS = {"answered": "✓", "failed": "✗", "error": "✗", "incomplete": "…"}


class SelectionError(ValueError):
    """``--rounds`` names something that is not a round of the transcript."""


def parse_rounds(spec: str) -> list[int]:
    """``"1,3-5"`` → ``[1, 3, 4, 5]`` (in the order given, each once)."""
    numbers: list[int] = []
    for part in (p.strip() for p in spec.split(",")):
        if not part:
            continue
        low, dash, high = part.partition("-")
        try:
            first = int(low)
            last = int(high) if dash else first
        except ValueError:
            raise SelectionError(
                f"--rounds takes numbers and ranges like 1,3-5, not {part!r}"
            ) from None
        if first < 1 or last < first:
            raise SelectionError(f"--rounds: {part!r} is not a range of round numbers")
        numbers += [n for n in range(first, last + 1) if n not in numbers]
    if not numbers:
        raise SelectionError("--rounds names no round (e.g. --rounds 1,3-5)")
    return numbers


def select_rounds(
    t: Transcript, rounds: str | None = None, *, skip_failed: bool = False
) -> list[RecordedRound]:
    """The rounds to present, in the order asked (file order without ``rounds``)."""
    chosen = list(t.rounds)
    if rounds:
        by_number = {rr.number: rr for rr in t.rounds}
        wanted = parse_rounds(rounds)
        missing = [n for n in wanted if n not in by_number]
        if missing:
            have = ", ".join(str(rr.number) for rr in t.rounds) or "none"
            raise SelectionError(
                f"{t.path.name} has no round {', '.join(map(str, missing))} (rounds: {have})"
            )
        chosen = [by_number[n] for n in wanted]
    if skip_failed:
        chosen = [rr for rr in chosen if round_status(rr) == "answered"]
    return chosen


def session_title(t: Transcript) -> str:
    """The session's name (the last ``/rename``, else the recorded name), else its database."""
    name = ""
    for command in t.commands:
        if command.get("name") == "rename" and str(command.get("args") or "").strip():
            name = str(command["args"])
    name = name or str(t.header.get("session_name") or "")
    name = " ".join(clean_text(name).split())
    return name or f"Questions to {clean_text(t.database) or 'a TiDB database'}"


def _center(text: str, width: int, styled: str | None = None) -> str:
    pad = max(0, (width - text_width(text)) // 2)
    return " " * pad + (styled if styled is not None else text)


class DemoDeck:
    """Pages 0 (title slide), 1..N (the rounds), N+1 (end slide) of a transcript."""

    def __init__(
        self,
        transcript: Transcript,
        options_for: OptionsFor,
        rounds: Sequence[RecordedRound] | None = None,
        title: str = "",
    ) -> None:
        self.t = transcript
        self.rounds = list(transcript.rounds if rounds is None else rounds)
        self.title = title or session_title(transcript)
        self.options_for = options_for
        self._cache: dict[tuple[int, int, int], list[str]] = {}

    @property
    def last_page(self) -> int:
        return len(self.rounds) + 1

    def page_of_round(self, number: int) -> int:
        """The page showing round ``number`` (clamped to the deck)."""
        for i, rr in enumerate(self.rounds, 1):
            if rr.number == number:
                return i
        return max(0, min(number, self.last_page))

    def question(self, page: int) -> str:
        if 1 <= page <= len(self.rounds):
            return clean_text(self.rounds[page - 1].question).replace("\n", " ")
        return ""

    def lines(self, page: int, width: int, height: int, *, typed: int | None = None) -> list[str]:
        width = max(width, 20)
        if page <= 0:
            return self._title(width, height)
        if page > len(self.rounds):
            return self._summary(width, height)
        return self._round(page, width, height, typed)

    # ------------------------------------------------------------------ pages

    def _title(self, width: int, height: int) -> list[str]:
        """The session's name, then database and date, then how many questions."""
        opts = self.options_for(width, height)
        paint = Painter(opts.theme, opts.styled)
        day = datetime.fromtimestamp(self.t.created_at) if self.t.created_at else None
        when = f"{day.day} {day:%B %Y}" if day else ""
        n = len(self.rounds)
        database = clean_text(self.t.database or "a TiDB database")
        facts = " · ".join(f for f in (database, when) if f)
        title = word_lines(self.title, max(10, width - 4), opts.ellipsis, max_lines=2)
        block = [_center(line, width, paint(line, "heading")) for line in title]
        block += [
            "",
            _center(facts, width),
            _center(
                f"{n} question{'s' if n != 1 else ''} · asked with c2q through Chat2Query",
                width,
                paint(
                    f"{n} question{'s' if n != 1 else ''} · asked with c2q through Chat2Query",
                    "muted",
                ),
            ),
            "",
            "",
            _center("Space to begin", width, paint("Space to begin", "muted")),
        ]
        top = max(0, (height - len(block)) // 2 - 1)
        return [""] * top + block

    def _round(self, page: int, width: int, height: int, typed: int | None) -> list[str]:
        opts = self.options_for(width, height)
        paint = Painter(opts.theme, opts.styled)
        rr = self.rounds[page - 1]
        question = self.question(page)
        shown = question if typed is None else question[:typed]
        done = len(shown) >= len(question)
        mode = f" · {rr.mode}" if rr.mode != "direct" else ""
        head = [
            paint(f"Question {page} of {len(self.rounds)}{mode}", "muted"),
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
        """The end slide: what was asked, how it went, and a thank-you."""
        opts = self.options_for(width, height)
        paint = Painter(opts.theme, opts.styled)
        statuses = [round_status(rr) for rr in self.rounds]
        answered = statuses.count("answered")
        rows = 0
        for rr in self.rounds:
            answer = recorded_answer(rr)
            if answer is not None:
                rows += sum(len(a.data.rows) for a in answer.leaves() if a.data is not None)
        elapsed = sum(rr.elapsed for rr in self.rounds)
        n = len(statuses)
        lines = [
            paint("That was the session", "heading"),
            "",
            f"{n} question{'s' if n != 1 else ''} · {answered} answered · "
            f"{rows:,} row{'s' if rows != 1 else ''} · {elapsed:.1f} s of thinking",
            "",
        ]
        for rr, status in zip(self.rounds, statuses):
            mark = MARKS.get(status, "?")
            role = "success" if status == "answered" else "error"
            text = truncate(clean_text(rr.question).replace("\n", " "), max(10, width - 8))
            lines.append(f"{paint(mark, role)} {rr.number:>2}. {text}")
        lines += [
            "",
            paint("Thank you · questions?", "heading"),
            "",
            paint("Backspace to go back · a number and Enter to revisit · q to quit", "muted"),
        ]
        top = max(0, (height - len(lines)) // 3)
        return [""] * top + lines

    # ------------------------------------------------------------------ footer

    def footer(self, page: int, number_buffer: str, width: int, *, below: int = 0) -> str:
        n = len(self.rounds)
        where = "title" if page == 0 else "end" if page > n else f"{page}/{n}"
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
