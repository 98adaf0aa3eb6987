"""Slash commands: the registry built from the command modules, and the one
guarded entry point that runs a command line.

:func:`dispatch` is the registry-level guard: whatever text follows a slash,
the user gets a result, a usage line, a did-you-mean or a clear error message,
never a traceback and never a dead REPL.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from c2q_repl.repl.commands.registry import Arg, Command, Registry, UsageError, command, parse_line

if TYPE_CHECKING:
    from c2q_repl.repl.context import ReplContext

__all__ = ["Arg", "Command", "Registry", "UsageError", "command", "build_registry", "dispatch"]


def build_registry() -> Registry:
    from c2q_repl.repl.commands import chatting, data, display, general, knowledge, sessions

    return Registry.from_modules([general, chatting, sessions, data, knowledge, display])


def dispatch(registry: Registry, ctx: ReplContext, line: str) -> bool:
    """Run a ``/command`` line. Returns False when ``line`` is not a command."""
    from c2q_repl.api.errors import C2QError

    invocation = parse_line(line)
    if invocation is None:
        return False
    out = ctx.out
    if not invocation.name:
        out.error("empty command", hint="Type /help for the list of commands.")
        return True
    cmd = registry.get(invocation.name)
    if cmd is None:
        hint = registry.suggest(invocation.name)
        out.error(
            f"unknown command /{invocation.name}" + (f" (did you mean /{hint}?)" if hint else ""),
            hint="Type /help for the list of commands.",
        )
        return True
    try:
        args = cmd.parse(invocation.text)
        cmd.handler(ctx, args)
    except UsageError as exc:
        out.error(str(exc), hint=f"usage: {cmd.usage}")
    except KeyboardInterrupt:
        out.warn(f"/{cmd.name} interrupted")
    except C2QError as exc:
        out.error(exc.message, hint=exc.hint)
    except Exception as exc:  # the guard: a bug in one command must not end the session
        out.error(
            f"/{cmd.name} failed: {type(exc).__name__}: {exc}",
            hint="This is a bug in c2q; please report it.",
        )
    return True
