"""Commands about server sessions: /session, /sessions, /rename."""

from __future__ import annotations

import time
from typing import Any

from c2q_repl.api.errors import C2QError
from c2q_repl.repl.commands.registry import Arg, UsageError, command


def _when(stamp: int) -> str:
    if not stamp:
        return ""
    seconds = stamp / 1000 if stamp > 10**11 else stamp  # the API has used both s and ms
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(seconds))


@command("session", "this session: ids, name, database, mode, requests spent")
def session_command(ctx: Any, args: dict[str, str]) -> None:
    conv = ctx.conversation
    settings = ctx.connection_settings
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
            ctx.transcript_path or ("off" if not ctx.record_transcript else "(not started)"),
        ),
    ]
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        ctx.out.line(f"{key.rjust(width)}: {value}")


#: how long Tab may reuse the server's session list
SESSION_LIST_TTL = 30.0


def _session_ids(ctx: Any) -> list[str]:
    """Session ids for Tab: from a list fetched at most every 30 s, and never
    while the connection is still opening (completion must not block typing)."""
    conv = ctx._open_conversation()
    if conv is None:
        return []
    fetched_at, ids = ctx.completion_cache.get("sessions", (0.0, []))
    if time.monotonic() - fetched_at > SESSION_LIST_TTL:
        ids = [s.session_id for s in conv.client.list_sessions()]
        ctx.completion_cache["sessions"] = (time.monotonic(), ids)
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
def sessions_command(ctx: Any, args: dict[str, str]) -> None:
    action, target = args.get("ACTION"), args.get("ID")
    if action and not target:
        raise UsageError("switch needs a session id")
    if target:
        conv = ctx.conversation
        conv.switch(target)
        ctx.last_round = None
        ctx.out.ok(f"switched to session {conv.session_id}")
        return
    sessions = ctx.client.list_sessions()
    if not sessions:
        ctx.out.info("no sessions on the server")
        return
    current = ctx.session_id
    for s in sessions:
        mark = "*" if s.session_id == current else " "
        ctx.out.line(
            f"{mark} {s.session_id:>8}  {_when(s.updated_at or s.created_at):16}  {s.name}"
        )


@command("rename", "rename this session", args=[Arg("NAME", rest=True)])
def rename_command(ctx: Any, args: dict[str, str]) -> None:
    name = " ".join(args["NAME"].split())
    if not name:
        raise UsageError("the name is empty")
    ctx.conversation.rename(name)
    ctx.out.ok(f"session {ctx.session_id} renamed to {name!r}")
