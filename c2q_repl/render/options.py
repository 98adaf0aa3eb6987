"""What the caller wants rendered and how: one immutable bundle per render."""

from __future__ import annotations

from dataclasses import dataclass, field

from c2q_repl.render.theme import Theme, fallback_theme


@dataclass(frozen=True)
class RenderOptions:
    width: int = 80
    theme: Theme = field(default_factory=fallback_theme)
    #: False: no escape bytes at all (NO_COLOR, pipes, the mono theme)
    color: bool = True
    #: False: ASCII only (bars, markers, rules) for terminals without Unicode
    unicode: bool = True
    #: tabulate format name; None means the theme's
    table_format: str | None = None
    #: "auto": records (\\x style) when the table is wider than ``width``
    vertical: str = "auto"
    max_cell_width: int = 60
    #: show long cells whole instead of truncated with a marker
    expand: bool = False
    charts: bool = True
    chart_height: int = 10
    show_sql: bool = True
    #: how table cells show numbers: "readable" (1,234 · 0.00114), "human" (57.9M), "raw"
    numbers: str = "readable"
    show_footer: bool = True
    #: "what to do next" hints under errors (a presentation shows the failure only)
    show_hints: bool = True
    #: collapse a table to its first N rows plus "… N more rows" (0: every row);
    #: a collapsed table's chart comes before it (the demo's slides)
    max_table_rows: int = 0
    #: wrap long SQL lines at spaces to ``width`` (a full-screen demo cannot scroll sideways)
    wrap_sql: bool = False
    #: one plain-language line above an answer when the rows prove it (render/headline.py)
    show_headline: bool = True

    @property
    def styled(self) -> bool:
        """Whether any escape sequence may be emitted."""
        return self.color and self.theme.color

    @property
    def effective_table_format(self) -> str:
        return self.table_format or self.theme.table_format

    @property
    def ellipsis(self) -> str:
        return "…" if self.unicode else "..."
