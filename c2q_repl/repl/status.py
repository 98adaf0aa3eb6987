"""The live status line shown while a question is being answered.

One terminal line, redrawn in place: spinner, elapsed time, job status and,
for auto_breakdown answers, how many sub-tasks are done. It is erased when the
answer (or an error) is printed, so it never ends up in scrollback.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import IO

UNICODE_FRAMES = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"
ASCII_FRAMES = "|/-\\"
ERASE_LINE = "\r\x1b[2K"


@dataclass
class Progress:
    """What is known about the job being waited for."""

    phase: str = "sending"
    job_id: str = ""
    #: sub-task descriptions that finished, in order
    done_tasks: list[str] = field(default_factory=list)
    #: how many sub-tasks there are, when known (0: unknown)
    total_tasks: int = 0


def format_status(
    progress: Progress, elapsed: float, frame: int, width: int, *, unicode: bool = True
) -> str:
    """The status text (no escapes), cut to fit ``width`` columns."""
    frames = UNICODE_FRAMES if unicode else ASCII_FRAMES
    parts = [f"{frames[frame % len(frames)]} {elapsed:4.1f}s", progress.phase]
    if progress.job_id:
        parts.append(f"job {progress.job_id}")
    if progress.total_tasks or progress.done_tasks:
        done = len(progress.done_tasks)
        if progress.total_tasks > done:
            tasks = f"sub-tasks {done}/{progress.total_tasks}"
        else:
            tasks = f"{done} sub-task{'s' if done != 1 else ''} done"
        if progress.done_tasks:
            tasks += (
                f" ✓ {progress.done_tasks[-1]}" if unicode else f" done: {progress.done_tasks[-1]}"
            )
        parts.append(tasks)
    parts.append("Ctrl-C cancels")
    text = " · ".join(parts) if unicode else " | ".join(parts)
    from c2q_repl.render.width import truncate

    return truncate(text, max(width - 1, 10), "…" if unicode else "~")


class StatusLine:
    """Draws :class:`Progress` on one line of a terminal stream."""

    def __init__(
        self, stream: IO[str], *, width: int, enabled: bool, unicode: bool = True, style: str = ""
    ) -> None:
        self.stream = stream
        self.width = width
        self.enabled = enabled
        self.unicode = unicode
        self.style = style
        self.progress = Progress()
        self.started = time.monotonic()
        self._frame = 0
        self._shown = False

    def draw(self) -> None:
        if not self.enabled:
            return
        text = format_status(
            self.progress,
            time.monotonic() - self.started,
            self._frame,
            self.width,
            unicode=self.unicode,
        )
        self._frame += 1
        if self.style:
            text = f"{self.style}{text}\x1b[0m"
        self.stream.write(ERASE_LINE + text)
        self.stream.flush()
        self._shown = True

    def erase(self) -> None:
        if self._shown:
            self.stream.write(ERASE_LINE)
            self.stream.flush()
            self._shown = False
