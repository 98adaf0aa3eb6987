"""``c2q replay FILE``: show a recorded session again, offline, as the REPL showed it.

Each round is re-rendered from its recorded job JSON by
:func:`c2q_repl.chat.round.round_lines`, the function the REPL itself uses,
so the output is the same screen (in today's theme) with no network and no
quota spent. Pacing (``--pace``, ``--step``, ``--typing``) is for showing it
to someone.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO

from c2q_repl.chat.round import round_lines
from c2q_repl.render.options import RenderOptions
from c2q_repl.render.prompt import paint_prompt, prompt_line
from c2q_repl.render.style import Painter
from c2q_repl.transcript.document import INCOMPLETE
from c2q_repl.transcript.reader import RecordedRound, Transcript

#: seconds per typed character, on average (a brisk human typist)
TYPING_DELAY = 0.045


@dataclass
class Pacing:
    """How replay waits: between rounds (``pace``), for Enter (``step``), while typing."""

    pace: float = 0.0
    step: bool = False
    typing: bool = False
    sleep: Callable[[float], None] = time.sleep
    read_line: Callable[[], str] = field(default_factory=lambda: sys.stdin.readline)
    seed: int = 0


def recorded_lines(rr: RecordedRound, opts: RenderOptions) -> list[str]:
    """The screen lines the REPL printed for this round (a note when it never finished)."""
    if not rr.complete:
        return [Painter(opts.theme, opts.styled)(INCOMPLETE, "muted")]
    return round_lines(rr.to_round(), opts)


def type_out(text: str, out: IO[str], pacing: Pacing, rng: random.Random) -> None:
    """Write ``text`` a character at a time, with a little human jitter."""
    for ch in text:
        out.write(ch)
        out.flush()
        pacing.sleep(TYPING_DELAY * (0.5 + rng.random()) * (3 if ch in " ,?" else 1))


def _command_line(record: dict) -> str:
    args = str(record.get("args") or "")
    return f"/{record.get('name', '')}{' ' + args if args else ''}"


def replay_offline(
    t: Transcript, opts: RenderOptions, out: IO[str], pacing: Pacing | None = None
) -> int:
    """Print every round; returns the number of rounds shown."""
    pacing = pacing or Pacing()
    rng = random.Random(pacing.seed)
    painter = Painter(opts.theme, opts.styled)
    by_question = _question_records(t)
    shown = 0
    for record in t.records[1:]:
        if record.get("type") == "command":
            out.write(prompt_line(_command_line(record), opts) + "\n")
            continue
        rr = by_question.get(id(record))
        if rr is None:
            continue
        if shown and pacing.step:
            out.write(painter("── Enter for the next question ──", "muted"))
            out.flush()
            pacing.read_line()
            out.write("\r\x1b[2K" if opts.styled else "\n")
        elif shown and pacing.pace:
            pacing.sleep(pacing.pace)
        if pacing.typing:
            out.write(paint_prompt(opts))
            type_out(rr.question.replace("\n", " "), out, pacing, rng)
            out.write("\n")
        else:
            out.write(prompt_line(rr.question, opts) + "\n")
        out.write("".join(line + "\n" for line in recorded_lines(rr, opts)))
        out.flush()
        shown += 1
    return shown


def _question_records(t: Transcript) -> dict[int, RecordedRound]:
    """Map each question record (by identity) to its round, in file order."""
    questions = [r for r in t.records if r.get("type") == "question"]
    return {id(rec): rr for rec, rr in zip(questions, t.rounds)}
