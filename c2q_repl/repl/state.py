"""The REPL's plain state, one dataclass per concern.

Commands read and change these; none of them does I/O or draws anything.
Nothing heavy is imported here: they are built before the first prompt.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from c2q_repl.api.resources import DataSummary
    from c2q_repl.chat.round import Round
    from c2q_repl.render.theme import Theme
    from c2q_repl.transcript.writer import TranscriptWriter


@dataclass
class ViewState:
    """How answers are displayed; changed live by /format, /theme, /chart, /expand."""

    theme_name: str = "default"
    theme: Theme | None = None
    table_format: str | None = None
    #: "auto" (vertical when too wide), "on" (always vertical), "off"
    vertical: str = "auto"
    charts: bool = True
    expand: bool = False
    #: how tables show numbers: "readable" (1,234 · 0.00114), "human" (57.9M) or "raw"
    numbers: str = "readable"


@dataclass
class AnswerState:
    """What the commands act on: the last answer, the last /refine, the last /suggest."""

    last_round: Round | None = None
    #: the last /refine rewrite (what /sql prints until the next answer)
    refined_sql: str = ""
    #: the last /suggest list, so /suggest N can pick from it
    suggestions: list[str] = field(default_factory=list)

    def answered(self, round_: Round) -> None:
        """A new answer arrived: it is the one /sql, /save, /expand act on."""
        self.last_round = round_
        self.refined_sql = ""

    def forget(self) -> None:
        """The context changed (/reset, /new, switch): nothing to act on."""
        self.last_round = None


@dataclass
class RecordingState:
    """The transcript: where it goes, whether it is wanted, the writer once open."""

    path: str = ""
    wanted: bool = True
    writer: TranscriptWriter | None = None
    started_at: float = field(default_factory=time.time)


@dataclass
class CompletionState:
    """What Tab completes from, filled in the background."""

    #: (name, meta) pairs of tables and columns
    schema_words: list[tuple[str, str]] = field(default_factory=list)
    #: values fetched from the server, with when: name -> (monotonic time, values)
    cache: dict[str, tuple[float, list[str]]] = field(default_factory=dict)


def schema_words(summary: DataSummary) -> list[tuple[str, str]]:
    """Table and column names of a data summary, for completion."""
    words: list[tuple[str, str]] = []
    for table in summary.tables.values():
        words.append((table.name, "table"))
        for col in table.columns.values():
            words.append((col.name, f"column of {table.name}"))
    return words
