"""A typed slash-command registry: commands declare themselves with ``@command``.

Each command states its name, aliases, arguments and help once; parsing,
usage lines, ``/help`` text, did-you-mean suggestions and Tab completion are all
derived from that declaration. Decorating only attaches a :class:`Command` to
the function (no module-level registry), and :class:`Registry` collects them
from the command modules, so tests can build registries of their own.
"""

from __future__ import annotations

import difflib
import io
import shlex
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from c2q_repl.repl.context import ReplContext

#: /help's usage column is at most this wide
HELP_USAGE_WIDTH = 32

#: (context) -> candidate values for an argument, computed when Tab is pressed
ValueSource = Callable[["ReplContext"], Iterable[str]]
#: a command's handler: the context and the parsed arguments by name
Handler = Callable[["ReplContext", dict[str, str]], None]


class UsageError(Exception):
    """Bad arguments to a slash command; the registry prints the usage line with it."""


@dataclass(frozen=True)
class Arg:
    """One positional argument.

    ``choices`` are fixed words (checked and completed); ``values`` supplies
    completion candidates at run time (session ids, table names...) without
    restricting what may be typed; ``rest`` swallows the rest of the line
    verbatim (free text such as a new name or a refine instruction).
    """

    name: str
    optional: bool = False
    choices: tuple[str, ...] = ()
    values: ValueSource | None = None
    rest: bool = False

    def usage(self) -> str:
        shown = "|".join(self.choices) if self.choices else self.name
        if self.rest:
            shown += "…"
        return f"[{shown}]" if self.optional else shown


@dataclass(frozen=True)
class Command:
    name: str
    handler: Handler
    help: str
    args: tuple[Arg, ...] = ()
    aliases: tuple[str, ...] = ()
    #: extra lines shown by ``/help NAME`` (examples, details)
    details: str = ""
    #: free-form usage when the positional grammar can't say it (alternatives)
    usage_text: str = ""

    @property
    def usage(self) -> str:
        if self.usage_text:
            return self.usage_text
        return " ".join([f"/{self.name}", *(a.usage() for a in self.args)])

    def parse(self, text: str) -> dict[str, str]:
        """Split ``text`` (everything after the command name) into named arguments.

        Raises :class:`UsageError` for missing, surplus or out-of-choice values.
        """
        values: dict[str, str] = {}
        remaining = text.strip()
        for arg in self.args:
            if not remaining:
                if not arg.optional:
                    raise UsageError(f"missing {arg.name}")
                break
            if arg.rest:
                values[arg.name] = remaining
                remaining = ""
                break
            word, remaining = split_first(remaining)
            if arg.choices and word not in arg.choices:
                raise UsageError(
                    f"{arg.name} must be one of: {', '.join(arg.choices)} (got {word!r})"
                )
            values[arg.name] = word
        if remaining:
            raise UsageError(f"unexpected argument {remaining!r}")
        return values


def split_first(text: str) -> tuple[str, str]:
    """The first shell-style word of ``text`` and the rest (quotes allowed)."""
    stream = io.StringIO(text.lstrip())
    try:
        lexer = shlex.shlex(stream, posix=True)
        lexer.whitespace_split = True
        lexer.commenters = ""
        word = lexer.get_token() or ""
        rest = stream.read()
    except ValueError as exc:  # unbalanced quotes
        raise UsageError(str(exc)) from None
    return word, rest.strip()


def command(
    name: str,
    help: str,
    *,
    args: Iterable[Arg] = (),
    aliases: Iterable[str] = (),
    details: str = "",
    usage: str = "",
) -> Callable[[Handler], Handler]:
    """Declare a slash command: attaches its :class:`Command` to the handler."""

    def decorate(func: Handler) -> Handler:
        func.c2q_command = Command(  # type: ignore[attr-defined]
            name=name,
            handler=func,
            help=help,
            args=tuple(args),
            aliases=tuple(aliases),
            details=details,
            usage_text=usage,
        )
        return func

    return decorate


@dataclass(frozen=True)
class Invocation:
    """A parsed input line that starts with ``/``."""

    name: str
    text: str


def parse_line(line: str) -> Invocation | None:
    """``/name rest`` → Invocation; anything not starting with ``/`` → None."""
    stripped = line.strip()
    if not stripped.startswith("/"):
        return None
    head, _, rest = stripped[1:].partition(" ")
    head, sep, tail = head.partition("\n")  # "/help\nmore" typed via paste
    return Invocation(name=head.lower(), text=(tail + " " + rest).strip() if sep else rest.strip())


@dataclass
class Registry:
    """All commands by name and alias, in declaration order."""

    commands: list[Command] = field(default_factory=list)
    _by_name: dict[str, Command] = field(default_factory=dict, repr=False)

    @classmethod
    def from_modules(cls, modules: Iterable[ModuleType]) -> Registry:
        registry = cls()
        for module in modules:
            for value in vars(module).values():
                spec = getattr(value, "c2q_command", None)
                if isinstance(spec, Command):
                    registry.add(spec)
        return registry

    def add(self, cmd: Command) -> None:
        for key in (cmd.name, *cmd.aliases):
            if key in self._by_name:
                raise ValueError(f"slash command /{key} declared twice")
            self._by_name[key] = cmd
        self.commands.append(cmd)

    def get(self, name: str) -> Command | None:
        return self._by_name.get(name.lower().lstrip("/"))

    def names(self) -> list[str]:
        """Every name and alias, for completion."""
        return list(self._by_name)

    def suggest(self, name: str) -> str | None:
        """The closest known command name for a typo, if any is close enough."""
        name = name.lower().lstrip("/")
        prefixed = sorted(n for n in self._by_name if n.startswith(name)) if name else []
        if len(prefixed) == 1:
            return prefixed[0]
        close = difflib.get_close_matches(name, list(self._by_name), n=1, cutoff=0.6)
        return close[0] if close else (prefixed[0] if prefixed else None)

    def help_lines(self, name: str | None = None, width: int = 0) -> list[str]:
        """``/help`` (all commands, one line each) or ``/help NAME`` (usage and details).

        With a terminal ``width``, descriptions wrap under their own column
        instead of breaking mid-word at the screen edge."""
        if name:
            cmd = self.get(name)
            if cmd is None:
                hint = self.suggest(name)
                raise UsageError(
                    f"no command /{name.lstrip('/')}"
                    + (f" (did you mean /{hint}?)" if hint else "")
                )
            lines = [f"usage: {cmd.usage}", f"  {cmd.help}"]
            if cmd.aliases:
                lines.append("  aliases: " + ", ".join(f"/{a}" for a in cmd.aliases))
            if cmd.details:
                lines.extend("  " + line for line in cmd.details.splitlines())
            return lines
        import textwrap

        usage_width = min(max(len(c.usage) for c in self.commands), HELP_USAGE_WIDTH)
        indent = " " * (usage_width + 4)
        text_width = max(width - len(indent), 30) if width else 10_000
        lines = ["Commands (Tab completes; /help NAME for details):"]
        for cmd in self.commands:
            text = textwrap.wrap(cmd.help, text_width) or [""]
            if len(cmd.usage) > usage_width:  # a long grammar gets a line of its own
                lines.append(f"  {cmd.usage}")
                lines.append(indent + text[0])
            else:
                lines.append(f"  {cmd.usage.ljust(usage_width)}  {text[0]}")
            lines.extend(indent + more for more in text[1:])
        lines.append("Anything else is a question for the database.")
        return lines
