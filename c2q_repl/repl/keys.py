"""Key bindings added on top of prompt_toolkit's emacs/vi defaults.

- Ctrl-C clears the line (it never quits; Ctrl-D on an empty line does);
  during a Ctrl-R search it ends the search.
- Alt-Enter (Esc Enter) inserts a newline, for typing a multi-line question.
- A bracketed paste already arrives as one insertion, so a pasted block is one
  question; we only normalise its line endings.
- Tab completes at once, even while the completion menu triggered by typing
  is still being computed (prompt_toolkit would drop that Tab).
"""

from __future__ import annotations

from prompt_toolkit.completion import CompleteEvent, Completer
from prompt_toolkit.filters import has_completions, is_searching
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
from prompt_toolkit.keys import Keys


def repl_key_bindings(completer: Completer | None = None) -> KeyBindings:
    """``completer``: the (fast, synchronous) completer Tab may consult directly."""
    kb = KeyBindings()

    if completer is not None:

        @kb.add("tab", filter=~has_completions & ~is_searching)
        def _complete_now(event: KeyPressEvent) -> None:
            buffer = event.app.current_buffer
            found = list(
                completer.get_completions(buffer.document, CompleteEvent(completion_requested=True))
            )
            if len(found) == 1:
                buffer.apply_completion(found[0])
            else:
                buffer.start_completion(insert_common_part=True)

    @kb.add("c-c", filter=~is_searching)  # while searching, Ctrl-C ends the search (default)
    def _clear_line(event: KeyPressEvent) -> None:
        buffer = event.app.current_buffer
        if buffer.complete_state:
            buffer.cancel_completion()
        buffer.reset()

    @kb.add("escape", "enter")
    def _newline(event: KeyPressEvent) -> None:
        event.app.current_buffer.insert_text("\n")

    @kb.add(Keys.BracketedPaste)
    def _paste(event: KeyPressEvent) -> None:
        data = event.data.replace("\r\n", "\n").replace("\r", "\n")
        event.app.current_buffer.insert_text(data.strip("\n"))

    return kb


def normalise_question(text: str) -> str:
    """A typed or pasted question as sent: lines joined by single spaces.

    A pasted block keeps its words but not its layout; the service reads one
    question either way and one-line questions read better in history lists.
    """
    return " ".join(text.split())
