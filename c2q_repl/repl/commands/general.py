"""/help and /quit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from c2q_repl.repl.commands.registry import Arg, command

if TYPE_CHECKING:
    from c2q_repl.repl.context import ReplContext


def _command_names(ctx: ReplContext) -> list[str]:
    return [c.name for c in ctx.registry.commands]


KEYS_HELP = [
    "Keys: Tab completes commands, their arguments and table/column names · Ctrl-R searches history ·",
    "      → accepts the grey suggestion · Alt-Enter adds a line · a pasted block is one question ·",
    "      Ctrl-X Ctrl-E edits the line in $EDITOR (/edit puts the SQL there first) ·",
    "      Ctrl-C clears the line, or cancels a wait (/job fetches the answer later) · Ctrl-D quits.",
]


@command(
    "help",
    "list commands, or show one command's usage",
    args=[Arg("COMMAND", optional=True, values=_command_names)],
    aliases=("?",),
)
def help_command(ctx: ReplContext, args: dict[str, str]) -> None:
    name = args.get("COMMAND")
    import shutil

    width = shutil.get_terminal_size((100, 24)).columns
    ctx.out.write_lines(ctx.registry.help_lines(name, width=width) + ([] if name else KEYS_HELP))


@command("quit", "leave c2q (also Ctrl-D)", aliases=("exit", "q"))
def quit_command(ctx: ReplContext, args: dict[str, str]) -> None:
    ctx.quit_requested = True
