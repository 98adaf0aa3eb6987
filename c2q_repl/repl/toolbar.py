"""The bottom toolbar: where am I talking to, and in what state.

Built from a plain :class:`ToolbarView` snapshot so it is a pure function
(prompt_toolkit calls it on every redraw; it must be cheap and never fail).
"""

from __future__ import annotations

from typing import NamedTuple


class ToolbarView(NamedTuple):
    #: "sandbox · sp500insight · offline" or "cloud · <database>"
    label: str
    kind: str = "cloud"
    session_id: str = ""
    #: "connecting", "ready", or an error summary
    state: str = "connecting"
    mode: str = "direct"
    feedback: str = ""
    #: today's (HTTP requests, AI requests) on this endpoint, from the usage counter
    requests_today: tuple[int, int] | None = None
    busy: bool = False
    #: "" while the transcript records (or none is wanted); else e.g. "transcript stopped"
    transcript: str = ""


def toolbar_fragments(view: ToolbarView) -> list[tuple[str, str]]:
    """(style, text) pairs for prompt_toolkit's ``bottom_toolbar``."""
    sep = ("class:bottom-toolbar.sep", " │ ")
    frags: list[tuple[str, str]] = [
        (
            "class:bottom-toolbar.sandbox"
            if view.kind == "sandbox"
            else "class:bottom-toolbar.endpoint",
            f" {view.label} ",
        ),
        sep,
    ]
    if view.session_id:
        frags.append(("class:bottom-toolbar", f"session {view.session_id}"))
    else:
        frags.append(("class:bottom-toolbar.state", view.state or "connecting"))
    frags += [sep, ("class:bottom-toolbar", f"mode {view.mode}")]
    if view.feedback:
        frags += [sep, ("class:bottom-toolbar.feedback", f"feedback → {short_ids(view.feedback)}")]
    if view.requests_today is not None:
        requests, ai = view.requests_today
        frags += [sep, ("class:bottom-toolbar", f"today {ai} AI / {requests} requests")]
    if view.transcript:
        frags += [sep, ("class:bottom-toolbar.feedback", view.transcript)]
    frags += [sep, ("class:bottom-toolbar.help", "/help · Ctrl-D quits")]
    return frags


def short_ids(ids: str, keep: int = 8) -> str:
    """ "0172644ab50c…/0-1" → "0172644a…/0-1": long job ids would push the rest off the toolbar."""
    return "/".join(part if len(part) <= keep + 2 else part[:keep] + "…" for part in ids.split("/"))


def toolbar_text(view: ToolbarView) -> str:
    """The toolbar as plain text (tests, logs)."""
    return "".join(text for _, text in toolbar_fragments(view))
