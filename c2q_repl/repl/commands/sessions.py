"""Commands about server sessions: /session, /sessions, /rename."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from c2q_repl.api.errors import C2QError
from c2q_repl.repl.commands.registry import Arg, UsageError, command

if TYPE_CHECKING:
    from c2q_repl.repl.context import ReplContext


@command("session", "this session: ids, name, database, mode, requests spent")
def session_command(ctx: ReplContext, args: dict[str, str]) -> None:
    conv = ctx.wait_conversation()
    settings = ctx.connection_settings()
    name = ""
    try:
        name = conv.server_session().name
    except C2QError as exc:  # the local facts are still worth showing
        name = f"(unavailable: {exc})"
    rows = [
        ("endpoint", ctx.label),
        ("session", str(conv.session_id)),
        ("name", name),
        ("cluster", str(getattr(settings, "cluster_id", "") or "")),
        ("database", str(getattr(settings, "database", "") or "")),
        ("mode", conv.mode),
        ("feedback", ctx.feedback or "off"),
        ("rounds", str(len(conv.rounds))),
        (
            "spent today",
            ""
            if ctx.requests_today is None
            else f"{ctx.requests_today[1]} AI requests (the daily quota counts these), {ctx.requests_today[0]} HTTP requests",
        ),
        (
            "transcript",
            ctx.recording.path or ("off" if not ctx.recording.wanted else "(not started)"),
        ),
    ]
    from c2q_repl.render.listings import key_value_lines

    ctx.out.write_lines(key_value_lines(rows, ctx.render_options()))


#: how long Tab may reuse the server's session list
SESSION_LIST_TTL = 30.0


def _session_ids(ctx: ReplContext) -> list[str]:
    """Session ids for Tab: from a list fetched at most every 30 s, and never
    while the connection is still opening (completion must not block typing)."""
    from c2q_repl.chat.server_sessions import list_sessions

    conv = ctx.open_conversation()
    if conv is None:
        return []
    cache = ctx.completion.cache
    fetched_at, ids = cache.get("sessions", (0.0, []))
    if time.monotonic() - fetched_at > SESSION_LIST_TTL:
        ids = [s.session_id for s in list_sessions(conv)]
        cache["sessions"] = (time.monotonic(), ids)
    return ids


@command(
    "sessions",
    "list the server's sessions, or switch to one",
    args=[
        Arg("ACTION", optional=True, choices=("switch",)),
        Arg("ID", optional=True, values=_session_ids),
    ],
    usage="/sessions [switch ID]",
)
def sessions_command(ctx: ReplContext, args: dict[str, str]) -> None:
    action, target = args.get("ACTION"), args.get("ID")
    if action and not target:
        raise UsageError("switch needs a session id")
    conv = ctx.wait_conversation()
    if target:
        conv.switch(target)
        ctx.answers.forget()
        ctx.out.ok(f"switched to session {conv.session_id}")
        return
    from c2q_repl.chat.server_sessions import list_sessions
    from c2q_repl.render.listings import session_list_lines
    from c2q_repl.repl.asking import run_chat

    sessions = run_chat(
        ctx, lambda cancel, on_update: list_sessions(conv, cancel=cancel), "listing sessions"
    )
    if not sessions:
        ctx.out.info("no sessions on the server")
        return
    ctx.out.block(session_list_lines(sessions, ctx.session_id, ctx.render_options()))


@command("rename", "rename this session", args=[Arg("NAME", rest=True)])
def rename_command(ctx: ReplContext, args: dict[str, str]) -> None:
    name = " ".join(args["NAME"].split())
    if not name:
        raise UsageError("the name is empty")
    ctx.wait_conversation().rename(name)
    ctx.out.ok(f"session {ctx.session_id} renamed to {name!r}")
