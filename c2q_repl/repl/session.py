"""The prompt loop: build the prompt_toolkit session, start the background
work after the first render, read lines, run commands or ask questions, and
say goodbye naming the transcript."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from prompt_toolkit import PromptSession
from prompt_toolkit.auto_suggest import AutoSuggestFromHistory
from prompt_toolkit.completion import ThreadedCompleter
from prompt_toolkit.filters import Condition
from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.history import FileHistory, History, InMemoryHistory, ThreadedHistory
from prompt_toolkit.styles import Style

from c2q_repl.render.prompt import PROMPT
from c2q_repl.render.terminal import (
    colour_allowed,
    theme_name,
    unicode_ok,
)
from c2q_repl.repl.banner import banner_lines
from c2q_repl.repl.completion import ReplCompleter
from c2q_repl.repl.context import ReplContext
from c2q_repl.repl.handover import LoadedAfterTypedKeys, start_when_keys_are_drawn
from c2q_repl.repl.hooks import HeadlessHooks, PromptHooks, UiHooks
from c2q_repl.repl.keys import normalise_question, repl_key_bindings
from c2q_repl.repl.options import ChatOptions
from c2q_repl.repl.printing import Printer
from c2q_repl.repl.state import RecordingState, ViewState
from c2q_repl.repl.toolbar import toolbar_fragments

if TYPE_CHECKING:
    from c2q_repl.config import Settings
    from c2q_repl.repl.resume import Resumption

#: prompt colours until the theme file is loaded (a few ms after the first render)
STARTUP_STYLE = {
    "prompt": "bold",
    "bottom-toolbar": "reverse",
    "bottom-toolbar.sandbox": "reverse bold",
}


def history_for(environ: Mapping[str, str], notes: list[str] | None = None) -> History:
    """The history file in $XDG_STATE_HOME/c2q/history (never the cwd), read in a
    background thread; in memory if unwritable.

    prompt_toolkit reads a plain FileHistory whole inside its event loop before
    the first keys are handled: a 100,000-entry file held the prompt ~0.14 s.
    Read in a thread, entries arrive while the user already types (Ctrl-R and
    suggestions see them as soon as they are in).
    """
    from c2q_repl.config import state_dir

    directory = state_dir(environ)
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = directory / "history"
        path.touch(mode=0o600, exist_ok=True)
        if not path.is_file():  # a directory or a FIFO would crash or hang prompt_toolkit
            if notes is not None:
                notes.append(f"{path} is not a regular file; history is kept in memory this time")
            return InMemoryHistory()
        # its thread starts once keys typed at the early prompt are echoed
        return LoadedAfterTypedKeys(ThreadedHistory(FileHistory(str(path))))
    except OSError:
        return InMemoryHistory()


def _theme_name(options: ChatOptions, settings: Settings, color: bool) -> str:
    """The theme to load after the first render (the policy is :func:`theme_name`'s)."""
    return theme_name(color, options.theme, settings.theme)


#: display settings a config profile may set, with the values each accepts
DISPLAY_SETTINGS = {
    "layout": ("auto", "vertical", "horizontal"),
    "pager": ("auto", "on", "off"),
    "charts": (True, False),
    "numbers": ("readable", "human", "raw"),
}


def apply_display_settings(
    view: ViewState, out: Printer, extra: Mapping[str, Any], notes: list[str]
) -> None:
    """Config-file display preferences (``layout``, ``table_format``, ``pager``,
    ``charts``, ``numbers``); a bad value is reported once and the default kept."""
    for key, allowed in DISPLAY_SETTINGS.items():
        if key in extra and extra[key] not in allowed:
            choices = ", ".join(str(a).lower() for a in allowed)
            notes.append(
                f"config: {key} = {extra[key]!r} is not one of {choices}; using the default"
            )
    if extra.get("layout") in DISPLAY_SETTINGS["layout"]:
        view.vertical = {"auto": "auto", "vertical": "on", "horizontal": "off"}[extra["layout"]]
    if extra.get("pager") in DISPLAY_SETTINGS["pager"]:
        out.pager_mode = extra["pager"]
    if extra.get("charts") in (True, False):
        view.charts = extra["charts"]
    if extra.get("numbers") in DISPLAY_SETTINGS["numbers"]:
        view.numbers = extra["numbers"]
    if isinstance(extra.get("table_format"), str):
        from c2q_repl.render.tablefmt import TABLE_FORMATS

        if extra["table_format"] in TABLE_FORMATS:
            view.table_format = extra["table_format"]
        else:
            notes.append(
                f"config: unknown table_format {extra['table_format']!r}; using the theme's"
            )


def build_context(
    options: ChatOptions,
    settings: Settings,
    environ: Mapping[str, str],
    hooks: UiHooks | None = None,
    out: Printer | None = None,
) -> ReplContext:
    """The REPL's state for these options; nothing is connected yet.

    ``hooks`` default to none (no prompt on screen), ``out`` to the terminal."""
    color = colour_allowed(environ)
    view = ViewState(_theme_name(options, settings, color))
    if out is None:
        out = Printer(stream=sys.stdout, color=color, is_tty=True, environ=environ)
    notes: list[str] = []
    apply_display_settings(view, out, getattr(settings, "extra", {}) or {}, notes)
    ctx = ReplContext(
        out=out,
        settings=settings,
        view=view,
        hooks=hooks if hooks is not None else HeadlessHooks(),
        color=color,
        unicode=unicode_ok(sys.stdout, environ),
        environ=environ,
        recording=RecordingState(path=options.transcript or "", wanted=not options.no_transcript),
    )
    ctx.notes.extend(notes)
    return ctx


def make_prompt_session(
    ctx: ReplContext, hooks: PromptHooks, options: ChatOptions, environ: Mapping[str, str]
) -> PromptSession:
    """The prompt_toolkit session for ``ctx``, bound to ``hooks``."""
    completer = ReplCompleter(ctx, lambda: ctx.completion.schema_words)

    def toolbar() -> StyleAndTextTuples:
        return list(toolbar_fragments(ctx.toolbar_view(), session.app.output.get_size().columns))

    session: PromptSession = PromptSession(
        history=history_for(environ, ctx.notes),
        auto_suggest=AutoSuggestFromHistory(),
        # in a thread: a completion source that asks the server never blocks typing
        completer=ThreadedCompleter(completer),
        complete_while_typing=Condition(
            lambda: session.default_buffer.text.lstrip().startswith("/")
        ),
        key_bindings=repl_key_bindings(completer),
        bottom_toolbar=toolbar,
        style=Style.from_dict(STARTUP_STYLE) if ctx.color else Style([]),
        vi_mode=options.vi,
        search_ignore_case=True,
        enable_suspend=True,
        # Ctrl-X Ctrl-E (emacs) or v (vi) edits the line in $VISUAL/$EDITOR, as in pgcli
        enable_open_in_editor=True,
    )
    if not ctx.color:
        from prompt_toolkit.output import ColorDepth

        session.color_depth = ColorDepth.MONOCHROME
    hooks.bind(session)
    return session


def run_repl(
    options: ChatOptions,
    settings: Settings,
    environ: Mapping[str, str],
    *,
    banner_shown: bool = False,
    before_prompt: Callable[[], None] | None = None,
    resumption: Resumption | None = None,
) -> int:
    """``before_prompt`` runs right before prompt_toolkit first reads the
    terminal (the app uses it to end its early key hold)."""
    hooks = PromptHooks(colour_allowed(environ), STARTUP_STYLE)
    ctx = build_context(options, settings, environ, hooks)
    if not banner_shown:
        ctx.out.write_lines(banner_lines(ctx.label, ctx.kind, ctx.color))
    if resumption is not None:
        ctx.resume(resumption)
    session = make_prompt_session(ctx, hooks, options, environ)
    if before_prompt is not None:
        before_prompt()

    # once the prompt is on screen and keys typed at the early prompt are echoed
    start_when_keys_are_drawn(session.app, ctx.opening.start)
    try:
        _loop(ctx, session)
    finally:
        _goodbye(ctx)
    return 0


def _loop(ctx: ReplContext, session: PromptSession) -> None:
    from c2q_repl.api.errors import C2QError
    from c2q_repl.repl.asking import ask  # here: the first prompt does not need it

    while not ctx.quit_requested:
        ctx.print_notes()
        try:
            text = session.prompt(PROMPT, default=ctx.take_prefill())
        except KeyboardInterrupt:
            continue
        except EOFError:
            break
        line = text.strip()
        if not line:
            continue
        if line.startswith("/"):
            from c2q_repl.repl.commands import dispatch

            dispatch(ctx.registry, ctx, line)
            continue
        try:
            ask(ctx, normalise_question(line))
        except KeyboardInterrupt:
            ctx.out.warn("cancelled")
        except C2QError as exc:
            ctx.out.error(exc.message, hint=exc.hint)
        except Exception as exc:  # never lose the session to a bug
            ctx.out.error(
                f"{type(exc).__name__}: {exc}", hint="This is a bug in c2q; please report it."
            )


def _goodbye(ctx: ReplContext) -> None:
    recording = ctx.recording
    if recording.writer is not None and recording.writer.stopped:
        ctx.out.line(
            f"bye — transcript {recording.writer.stopped}; the start is in {recording.path}"
        )
    elif recording.writer is not None:
        recording.writer.close()
        ctx.out.line(f"bye — transcript saved to {recording.path}")
    else:
        ctx.out.line("bye" + ("" if recording.wanted else " (no transcript recorded)"))
    ctx.opening.close()
