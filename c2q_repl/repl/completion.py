"""Tab completion: slash commands, their arguments, and table/column names.

:func:`candidates` is pure (text before the cursor in, suggestions out) so it
is tested without a terminal; :class:`ReplCompleter` adapts it to prompt_toolkit.
Schema names come from the data summary, fetched after the session opens; until
then questions simply get no schema suggestions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, NamedTuple

from prompt_toolkit.completion import CompleteEvent, Completer, Completion
from prompt_toolkit.document import Document

if TYPE_CHECKING:
    from c2q_repl.repl.commands.registry import Registry
    from c2q_repl.repl.context import ReplContext

_WORD = re.compile(r"[\w.]*$", re.UNICODE)


class Candidate(NamedTuple):
    text: str
    #: how many characters before the cursor the candidate replaces
    replace: int
    meta: str = ""


def _matches(word: str, options: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Prefix matches first, then matches at a word boundary (``cap`` → ``market_cap``)."""
    lowered = word.lower()
    prefix, inner = [], []
    seen: set[str] = set()
    for value, meta in options:
        if value in seen:
            continue
        low = value.lower()
        if low.startswith(lowered):
            prefix.append((value, meta))
            seen.add(value)
        elif lowered and any(part.startswith(lowered) for part in re.split(r"[_.\s-]+", low)[1:]):
            inner.append((value, meta))
            seen.add(value)
    return prefix + inner


def candidates(
    text: str,
    registry: Registry,
    context: ReplContext | None = None,
    schema: Callable[[], list[tuple[str, str]]] = list,
) -> list[Candidate]:
    """Suggestions for the text before the cursor."""
    stripped = text.lstrip()
    if stripped.startswith("/"):
        return _command_candidates(stripped, registry, context)
    word = _WORD.search(text).group(0)  # type: ignore[union-attr]
    if not word:
        return []
    return [Candidate(v, len(word), meta) for v, meta in _matches(word, schema())]


def _command_candidates(
    text: str, registry: Registry, context: ReplContext | None
) -> list[Candidate]:
    head, space, rest = text.partition(" ")
    if not space:  # still typing the command name
        names = [(f"/{c.name}", c.help) for c in registry.commands]
        names += [(f"/{a}", f"= /{c.name}") for c in registry.commands for a in c.aliases]
        return [Candidate(v, len(head), meta) for v, meta in _matches(head, names)]
    cmd = registry.get(head[1:])
    if cmd is None:
        return []
    words = rest.split()
    current = "" if rest.endswith(" ") or not rest else words.pop()
    index = len(words)
    if index >= len(cmd.args):
        return []
    arg = cmd.args[index]
    options: list[tuple[str, str]] = [(c, arg.name) for c in arg.choices]
    if arg.values is not None and context is not None:  # run-time values need a context
        try:
            options += [(str(v), arg.name) for v in arg.values(context)]
        except Exception:  # a completion source must never break typing
            pass
    return [Candidate(v, len(current), meta) for v, meta in _matches(current, options)]


class ReplCompleter(Completer):
    """prompt_toolkit adapter for :func:`candidates`; ``context.registry`` is
    read on first use, so building the registry never delays the prompt."""

    def __init__(self, context: ReplContext, schema: Callable[[], list[tuple[str, str]]]) -> None:
        self.context = context
        self.schema = schema

    def get_completions(
        self, document: Document, complete_event: CompleteEvent
    ) -> Iterable[Completion]:
        for cand in candidates(
            document.text_before_cursor, self.context.registry, self.context, self.schema
        ):
            yield Completion(cand.text, start_position=-cand.replace, display_meta=cand.meta)
