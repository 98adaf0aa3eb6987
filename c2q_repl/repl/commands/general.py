"""/help and /quit."""

from __future__ import annotations

from typing import Any

from c2q_repl.repl.commands.registry import Arg, command


def _command_names(ctx: Any) -> list[str]:
    return [c.name for c in ctx.registry.commands]


@command(
    "help",
    "list commands, or show one command's usage",
    args=[Arg("COMMAND", optional=True, values=_command_names)],
    aliases=("?",),
    details="Keys: Tab completes, Ctrl-R searches history, → accepts a suggestion,\n"
    "Alt-Enter adds a line, Ctrl-C clears the line or cancels a wait, Ctrl-D quits.",
)
def help_command(ctx: Any, args: dict[str, str]) -> None:
    ctx.out.write_lines(ctx.registry.help_lines(args.get("COMMAND")))


@command("quit", "leave c2q (also Ctrl-D)", aliases=("exit", "q"))
def quit_command(ctx: Any, args: dict[str, str]) -> None:
    ctx.quit_requested = True
