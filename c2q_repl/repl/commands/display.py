"""Commands about how answers are shown and saved:
/format, /theme, /chart, /expand, /pager, /save, /export."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from c2q_repl.render.formats import REGISTRY, Table, tables_text, written_tables
from c2q_repl.repl.commands.registry import Arg, UsageError, command
from c2q_repl.repl.pager import PAGER_MODES

if TYPE_CHECKING:
    from c2q_repl.render.theme import Theme
    from c2q_repl.repl.context import ReplContext

ON_OFF = ("on", "off")
#: extension -> format, from the one registry of output formats
SAVE_FORMATS = {ext: f.name for f in REGISTRY if f.save for ext in f.suffixes}
#: /format words that are not table formats
LAYOUTS = ("auto", "vertical", "horizontal")
#: /format words for how numbers read (render/numbers.py NUMBER_FORMS)
NUMBER_FORMS = ("readable", "human", "raw")


def _format_names(ctx: ReplContext | None = None) -> list[str]:
    from c2q_repl.render.tablefmt import TABLE_FORMATS

    return [*LAYOUTS, *NUMBER_FORMS, *TABLE_FORMATS]


@command(
    "format",
    "table format (psql, github, grid, ...), layout (vertical, horizontal, auto), "
    "or numbers (readable, human, raw)",
    args=[Arg("NAME", optional=True, values=_format_names)],
    details="auto (default) switches to vertical records when a table is wider than the terminal;\n"
    "vertical always shows records; horizontal never does. A table format name keeps the layout.\n"
    "readable (default) shows 1,234,567 and 0.00114; human 57.9M and $2.90T; raw the exact values.",
)
def format_command(ctx: ReplContext, args: dict[str, str]) -> None:
    name = args.get("NAME")
    view = ctx.view
    if not name:
        fmt = view.table_format or f"{ctx.render_options().effective_table_format} (theme's)"
        ctx.out.info(
            f"table format: {fmt}; layout: {_layout_name(view.vertical)}; numbers: {view.numbers}"
        )
        return
    if name in LAYOUTS:
        view.vertical = {"auto": "auto", "vertical": "on", "horizontal": "off"}[name]
    elif name in NUMBER_FORMS:
        view.numbers = name
    elif name in _format_names():
        view.table_format = name
    else:
        import difflib

        close = difflib.get_close_matches(name, _format_names(), n=1)
        raise UsageError(
            f"unknown format {name!r}"
            + (f" (did you mean {close[0]}?)" if close else "")
            + f"; choose from: {', '.join(_format_names())}"
        )
    ctx.out.ok(
        f"table format: {view.table_format or 'theme default'}; layout: {_layout_name(view.vertical)}"
        f"; numbers: {view.numbers}"
    )
    _reshow(ctx)


def _layout_name(vertical: str) -> str:
    return {"auto": "auto", "on": "vertical", "off": "horizontal"}.get(vertical, vertical)


def _reshow(ctx: ReplContext, **overrides: Any) -> None:
    last = ctx.answers.last_round
    if last is not None:
        ctx.show_round(last, **overrides)


def _theme_names(ctx: ReplContext | None = None) -> list[str]:
    from c2q_repl.render.theme import list_themes

    return list_themes()


SAMPLE_SQL = (
    "SELECT sector, COUNT(*) AS companies\nFROM companies\nWHERE market_cap > 1e9\nGROUP BY sector;"
)


def theme_preview(theme: Theme, ctx: ReplContext) -> list[str]:
    """A few lines drawn in ``theme``: highlighted SQL and a small table with a NULL."""
    from c2q_repl.render.sql import highlight_sql
    from c2q_repl.render.table import render_table

    opts = ctx.render_options(theme=theme, vertical="off", table_format=None)
    lines = [f"theme {theme.name}: {theme.description}".rstrip(": ")]
    lines += highlight_sql(SAMPLE_SQL, opts)
    lines += render_table(
        ["sector", "companies"], [["Technology", 71], ["Energy", 22], [None, 3]], opts
    )
    return lines


@command(
    "theme",
    "preview and switch the colour theme (no name: list themes)",
    args=[Arg("NAME", optional=True, values=_theme_names)],
    details="Themes are TOML files; yours go in $XDG_CONFIG_HOME/c2q/themes/ and override shipped ones by name.",
)
def theme_command(ctx: ReplContext, args: dict[str, str]) -> None:
    from c2q_repl.render.theme import load_theme

    name = args.get("NAME")
    if not name:
        from c2q_repl.render.listings import choice_lines

        ctx.out.write_lines(choice_lines(_theme_names(), ctx.view.theme_name, ctx.render_options()))
        return
    theme = load_theme(name)  # ThemeError (a C2QError) keeps the current theme: the guard prints it
    ctx.out.block(theme_preview(theme, ctx), pageable=False)
    ctx.apply_theme(theme)
    note = " (colours stay off: NO_COLOR is set)" if ctx.environ.get("NO_COLOR") else ""
    ctx.out.ok(f"theme switched to {name}{note}")


@command(
    "chart",
    "show or hide charts under tables (no argument: toggle)",
    args=[Arg("STATE", optional=True, choices=ON_OFF)],
)
def chart_command(ctx: ReplContext, args: dict[str, str]) -> None:
    state = args.get("STATE")
    ctx.view.charts = (state == "on") if state else not ctx.view.charts
    ctx.out.ok(f"charts {'on' if ctx.view.charts else 'off'}")
    if ctx.view.charts:
        _reshow(ctx)


@command(
    "expand",
    "show the last answer with long values whole; on/off makes it stick",
    args=[Arg("STATE", optional=True, choices=ON_OFF)],
)
def expand_command(ctx: ReplContext, args: dict[str, str]) -> None:
    state = args.get("STATE")
    if state:
        ctx.view.expand = state == "on"
        ctx.out.ok(
            f"long values {'shown whole' if ctx.view.expand else 'truncated with a marker'} from now on"
        )
        return
    last = ctx.answers.last_round
    if last is None:
        raise UsageError("no answer to expand yet")
    ctx.show_round(last, expand=True)


@command(
    "pager",
    "when to use $PAGER: auto (only when taller than the screen), on, off",
    args=[Arg("MODE", optional=True, choices=PAGER_MODES)],
)
def pager_command(ctx: ReplContext, args: dict[str, str]) -> None:
    mode = args.get("MODE")
    if mode:
        ctx.out.pager_mode = mode
    ctx.out.info(f"pager: {ctx.out.pager_mode}")


def user_path(text: str) -> Path:
    """A path as typed (``~`` expanded); an unknown ``~user`` is a usage error."""
    text = text.strip()
    if not text or "\x00" in text:
        raise UsageError("give a file path")
    try:
        return Path(text).expanduser()
    except RuntimeError as exc:  # "~nosuchuser/x"
        raise UsageError(f"cannot expand {text!r}: {exc}") from None


def _last_answer_tables(ctx: ReplContext) -> list[Table]:
    """The last answer's rows by the one rule (a breakdown: every sub-task, labelled)."""
    last = ctx.answers.last_round
    answer = last.answer if last is not None and last.job_raw else None
    if answer is None or last is None:
        raise UsageError("no answer with rows yet")
    tables = written_tables(answer, last.number)
    if not tables:
        raise UsageError("the last answer has no rows")
    return tables


@command(
    "save",
    "save the last answer's rows to a file; the extension picks the format",
    args=[Arg("PATH", rest=True)],
    details="Formats: "
    + ", ".join(f"{ext} ({fmt})" for ext, fmt in SAVE_FORMATS.items())
    + ".\nFor a breakdown answer, every sub-task's rows are saved, each labelled.",
)
def save_command(ctx: ReplContext, args: dict[str, str]) -> None:
    path = user_path(args["PATH"])
    fmt = SAVE_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise UsageError(
            f"unknown extension {path.suffix or '(none)'!r}; use one of: {', '.join(SAVE_FORMATS)}"
        )
    tables = _last_answer_tables(ctx)
    table_format = ctx.render_options().effective_table_format
    text = tables_text(tables, fmt, table_format=table_format) + "\n"
    rows = [row for table in tables for row in table.rows]
    from c2q_repl.transcript.export import write_text

    try:
        write_text(path, text)  # whole or not at all; never replaces a device or a FIFO
    except (OSError, ValueError) as exc:  # ValueError: a path the file system cannot encode
        raise UsageError(f"cannot write {path}: {getattr(exc, 'strerror', None) or exc}") from None
    ctx.out.ok(f"saved {len(rows)} rows to {path} ({fmt})")


@command(
    "export",
    "export this session's transcript: .md, .html, .csv (last answer) or .json",
    args=[Arg("PATH", rest=True)],
)
def export_command(ctx: ReplContext, args: dict[str, str]) -> None:
    from c2q_repl.transcript.export import export_transcript, format_for
    from c2q_repl.transcript.reader import TranscriptError

    path = user_path(args["PATH"])
    source = ctx.recording.path
    folder = path.parent
    if not folder.is_dir():
        raise UsageError(
            f"no directory {folder}"
            + (" (it is a file)" if folder.exists() else "; create it first or pick another path")
        )
    try:
        fmt = format_for(path)
        if not source or ctx.recording.writer is None:
            raise UsageError(
                "nothing recorded yet (ask a question first; --no-transcript turns recording off)"
            )
        export_transcript(source, fmt, path)
    except TranscriptError as exc:
        raise UsageError(str(exc)) from None
    except (OSError, ValueError) as exc:
        raise UsageError(f"cannot write {path}: {getattr(exc, 'strerror', None) or exc}") from None
    ctx.out.ok(f"exported the session to {path} ({fmt})")
