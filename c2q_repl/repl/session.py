"""The prompt loop: build the prompt_toolkit session, start the background
work after the first render, read lines, run commands or ask questions, and
say goodbye naming the transcript."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from typing import Any

from prompt_toolkit import PromptSession
from prompt_toolkit.auto_suggest import AutoSuggestFromHistory
from prompt_toolkit.completion import ThreadedCompleter
from prompt_toolkit.filters import Condition
from prompt_toolkit.history import FileHistory, History, InMemoryHistory
from prompt_toolkit.styles import Style

from c2q_repl.repl.app import PROMPT, banner_lines, colour_enabled
from c2q_repl.repl.background import Background
from c2q_repl.repl.completion import ReplCompleter
from c2q_repl.repl.context import ReplContext, ViewState, schema_words
from c2q_repl.repl.keys import normalise_question, repl_key_bindings
from c2q_repl.repl.printing import Printer
from c2q_repl.repl.toolbar import toolbar_fragments

#: prompt colours until the theme file is loaded (a few ms after the first render)
STARTUP_STYLE = {
    "prompt": "bold",
    "bottom-toolbar": "reverse",
    "bottom-toolbar.sandbox": "reverse bold",
}


def history_for(environ: Mapping[str, str]) -> History:
    """FileHistory in $XDG_STATE_HOME/c2q/history (never the cwd); in memory if unwritable."""
    from c2q_repl.config import state_dir

    directory = state_dir(environ)
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = directory / "history"
        path.touch(mode=0o600, exist_ok=True)
        return FileHistory(str(path))
    except OSError:
        return InMemoryHistory()


def _unicode_ok(environ: Mapping[str, str]) -> bool:
    encoding = (getattr(sys.stdout, "encoding", "") or "").lower()
    return "utf" in encoding and environ.get("TERM") != "linux"


def _theme_name(args: argparse.Namespace, settings: Any, color: bool) -> str:
    """The theme to load after the first render: mono whenever colour is off
    (NO_COLOR, TERM=dumb; the REPL only runs on a terminal), else the user's choice."""
    if not color:
        return "mono"
    return getattr(args, "theme", None) or settings.theme or "default"


#: display settings a config profile may set, with the values each accepts
DISPLAY_SETTINGS = {
    "layout": ("auto", "vertical", "horizontal"),
    "pager": ("auto", "on", "off"),
    "charts": (True, False),
}


def apply_display_settings(
    view: ViewState, out: Printer, extra: Mapping[str, Any], notes: list[str]
) -> None:
    """Config-file display preferences (``layout``, ``table_format``, ``pager``,
    ``charts``); a bad value is reported once and the default kept."""
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
    if isinstance(extra.get("table_format"), str):
        from c2q_repl.render.tablefmt import TABLE_FORMATS

        if extra["table_format"] in TABLE_FORMATS:
            view.table_format = extra["table_format"]
        else:
            notes.append(
                f"config: unknown table_format {extra['table_format']!r}; using the theme's"
            )


def build_context(
    args: argparse.Namespace, settings: Any, environ: Mapping[str, str]
) -> ReplContext:
    from c2q_repl.chat.connect import new_connection

    color = colour_enabled(environ)
    view = ViewState(_theme_name(args, settings, color))
    out = Printer(stream=sys.stdout, color=color, is_tty=True, environ=environ)
    notes: list[str] = []
    apply_display_settings(view, out, getattr(settings, "extra", {}) or {}, notes)
    ctx = ReplContext(
        out=out,
        connection=new_connection(settings),  # not started: kind and label only
        settings=settings,
        view=view,
        color=color,
        unicode=_unicode_ok(environ),
        environ=environ,
        transcript_path=getattr(args, "transcript", None) or "",
        record_transcript=not getattr(args, "no_transcript", False),
    )
    ctx.notes.extend(notes)
    return ctx


def _load_theme(ctx: ReplContext) -> None:
    """Load the chosen theme; an unknown or broken one is reported and the default used."""
    from c2q_repl.api.errors import C2QError
    from c2q_repl.render.theme import load_theme
    from c2q_repl.repl.context import theme_or_fallback

    try:
        theme = load_theme(ctx.view.theme_name)
    except C2QError as exc:
        ctx.notes.append(f"{exc.message}; using the default theme. {exc.hint}".strip())
        theme = theme_or_fallback("default" if ctx.color else "mono")
    ctx.apply_theme(theme)


def _open(ctx: ReplContext) -> Any:
    """Background: connect (starting the sandbox if needed), open the session, start the transcript."""
    from c2q_repl.chat.conversation import Conversation

    if ctx.connection.error is not None:  # a retry after a failed start: a fresh connection
        from c2q_repl.chat.connect import new_connection

        ctx.connection = new_connection(ctx.settings)
    ctx.set_phase("starting the sandbox" if ctx.kind == "sandbox" else "connecting")
    ctx.connection.wait()
    ctx.set_phase("opening a session")
    conversation = Conversation(ctx.connection, mode=ctx.settings.mode)
    conversation.open()
    ctx.open_transcript(conversation)
    ctx.phase = "ready"  # the redraw once the background work is done shows the session id
    try:  # table and column names for completion (the summary is cached by open())
        ctx.schema_words = schema_words(conversation.data_summary())
    except Exception:  # only means no schema completion
        pass
    return conversation


def _install_background(ctx: ReplContext, session: PromptSession) -> None:
    def work() -> Any:
        if ctx.view.theme is None:
            _load_theme(ctx)
        try:
            return _open(ctx)
        finally:
            ctx.refresh_usage()

    def done() -> None:
        ctx.redraw()
        ctx.show_notes()  # a failed start-up or theme problem, shown at once

    ctx.start_open = lambda: Background(work, name="c2q-open", on_done=done).start()


def make_prompt_session(
    ctx: ReplContext, args: argparse.Namespace, environ: Mapping[str, str]
) -> PromptSession:
    completer = ReplCompleter(ctx, lambda: ctx.schema_words)
    session: PromptSession = PromptSession(
        history=history_for(environ),
        auto_suggest=AutoSuggestFromHistory(),
        # in a thread: a completion source that asks the server never blocks typing
        completer=ThreadedCompleter(completer),
        complete_while_typing=Condition(
            lambda: session.default_buffer.text.lstrip().startswith("/")
        ),
        key_bindings=repl_key_bindings(completer),
        bottom_toolbar=lambda: toolbar_fragments(ctx.toolbar_view()),
        style=Style.from_dict(STARTUP_STYLE) if ctx.color else Style([]),
        vi_mode=bool(getattr(args, "vi", False)),
        search_ignore_case=True,
        enable_suspend=True,
    )
    ctx.redraw = session.app.invalidate  # thread-safe; a no-op while no prompt is shown
    if not ctx.color:
        from prompt_toolkit.output import ColorDepth

        session.color_depth = ColorDepth.MONOCHROME

    def apply_ui_style(theme: Any) -> None:
        session.style = (
            Style.from_dict({**STARTUP_STYLE, **dict(theme.ui)}) if ctx.color else Style([])
        )
        session.app.invalidate()

    def read_line(message: str) -> str:
        from prompt_toolkit.shortcuts import prompt

        return prompt(message)

    def show_notes_now() -> None:
        """From any thread: print pending notes above the prompt if it is on screen
        (else they wait for the next prompt; nothing is lost either way)."""
        app = session.app
        loop = getattr(app, "loop", None)
        if not app.is_running or loop is None:
            return
        from prompt_toolkit.application import run_in_terminal

        try:
            loop.call_soon_threadsafe(lambda: run_in_terminal(lambda: _print_notes(ctx)))
        except RuntimeError:  # the prompt just ended; the loop prints them
            pass

    ctx.on_theme_change = apply_ui_style
    ctx.read_line = read_line
    ctx.show_notes = show_notes_now
    return session


def run_repl(
    args: argparse.Namespace,
    settings: Any,
    environ: Mapping[str, str],
    *,
    banner_shown: bool = False,
    before_prompt: Any = None,
) -> int:
    """``before_prompt`` runs right before prompt_toolkit first reads the
    terminal (the app uses it to end its early key hold)."""
    ctx = build_context(args, settings, environ)
    if not banner_shown:
        ctx.out.write_lines(banner_lines(ctx.label, ctx.kind, ctx.color))
    session = make_prompt_session(ctx, args, environ)
    _install_background(ctx, session)
    if before_prompt is not None:
        before_prompt()

    def started(_: Any) -> None:  # after the first render: the prompt is on screen
        session.app.after_render -= started
        if ctx.opened is None and ctx.start_open is not None:
            ctx.opened = ctx.start_open()

    session.app.after_render += started
    try:
        _loop(ctx, session)
    finally:
        _goodbye(ctx)
    return 0


def _loop(ctx: ReplContext, session: PromptSession) -> None:
    from c2q_repl.api.errors import C2QError

    while not ctx.quit_requested:
        _print_notes(ctx)
        try:
            text = session.prompt(PROMPT)
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
            ctx.ask(normalise_question(line))
        except KeyboardInterrupt:
            ctx.out.warn("cancelled")
        except C2QError as exc:
            ctx.out.error(exc.message, hint=exc.hint)
        except Exception as exc:  # never lose the session to a bug
            ctx.out.error(
                f"{type(exc).__name__}: {exc}", hint="This is a bug in c2q; please report it."
            )


def _print_notes(ctx: ReplContext) -> None:
    """Messages from background work (theme fallback, failed start-up), shown between prompts."""
    while ctx.notes:
        ctx.out.warn(ctx.notes.pop(0))
    opened = ctx.opened
    if (
        opened is not None
        and opened.done
        and opened.error is not None
        and not ctx.reported_open_error
    ):
        ctx.reported_open_error = True
        err = opened.error
        ctx.out.error(getattr(err, "message", str(err)), hint=getattr(err, "hint", ""))


def _goodbye(ctx: ReplContext) -> None:
    if ctx.transcript is not None:
        ctx.transcript.close()
        ctx.out.line(f"bye — transcript saved to {ctx.transcript_path}")
    else:
        ctx.out.line("bye" + ("" if ctx.record_transcript else " (no transcript recorded)"))
    conv = ctx._open_conversation()
    if conv is not None:
        conv.close()
    try:
        ctx.connection.close()
    except Exception:
        pass
