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


#: parts dropped first when the toolbar is wider than the terminal (least useful first);
#: where c2q is talking to and the session's state stay to the end
DROP_ORDER = ("help", "requests", "mode", "session")


def toolbar_fragments(view: ToolbarView, width: int | None = None) -> list[tuple[str, str]]:
    """(style, text) pairs for prompt_toolkit's ``bottom_toolbar``.

    With ``width`` (the terminal's columns) parts are dropped in :data:`DROP_ORDER`
    until the rest fits, and the endpoint label is cut last, so an 80-column
    terminal keeps the endpoint, an armed /feedback and a stopped transcript.
    """
    parts = _parts(view)
    if width is not None:
        for name in DROP_ORDER:
            if _width(parts) <= width:
                break
            parts = [p for p in parts if p[0] != name]
        if _width(parts) > width:
            from c2q_repl.render.width import truncate

            name, style, label = parts[0]
            room = max(4, width - (_width(parts) - _text_width(label)))
            parts[0] = (name, style, truncate(label, room, "…"))
    frags: list[tuple[str, str]] = []
    for index, (_, style, text) in enumerate(parts):
        if index:
            frags.append(SEP)
        frags.append((style, text))
    return frags


SEP = ("class:bottom-toolbar.sep", " │ ")


def _parts(view: ToolbarView) -> list[tuple[str, str, str]]:
    """(name, style, text) of each toolbar part, in display order."""
    label_style = (
        "class:bottom-toolbar.sandbox"
        if view.kind == "sandbox"
        else "class:bottom-toolbar.endpoint"
    )
    parts = [("label", label_style, f" {view.label} ")]
    if view.session_id:
        parts.append(("session", "class:bottom-toolbar", f"session {view.session_id}"))
    else:
        parts.append(("state", "class:bottom-toolbar.state", view.state or "connecting"))
    parts.append(("mode", "class:bottom-toolbar", f"mode {view.mode}"))
    if view.feedback:
        parts.append(
            ("feedback", "class:bottom-toolbar.feedback", f"feedback → {short_ids(view.feedback)}")
        )
    if view.requests_today is not None:
        requests, ai = view.requests_today
        parts.append(("requests", "class:bottom-toolbar", f"today {ai} AI / {requests} requests"))
    if view.transcript:
        parts.append(("transcript", "class:bottom-toolbar.feedback", view.transcript))
    parts.append(("help", "class:bottom-toolbar.help", "/help · Ctrl-D quits"))
    return parts


def _text_width(text: str) -> int:
    from c2q_repl.render.width import text_width

    return max(text_width(text), 0)


def _width(parts: list[tuple[str, str, str]]) -> int:
    return sum(_text_width(text) for _, _, text in parts) + _text_width(SEP[1]) * (len(parts) - 1)


def short_ids(ids: str, keep: int = 8) -> str:
    """ "0172644ab50c…/0-1" → "0172644a…/0-1": long job ids would push the rest off the toolbar."""
    return "/".join(part if len(part) <= keep + 2 else part[:keep] + "…" for part in ids.split("/"))


def toolbar_text(view: ToolbarView, width: int | None = None) -> str:
    """The toolbar as plain text (tests, logs)."""
    return "".join(text for _, text in toolbar_fragments(view, width))
