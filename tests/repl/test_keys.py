"""Key bindings exercised through a real PromptSession on a pipe input."""

from __future__ import annotations

import pytest
from prompt_toolkit import PromptSession
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from c2q_repl.repl.keys import normalise_question, repl_key_bindings


@pytest.fixture
def prompt():
    with create_pipe_input() as inp:
        session = PromptSession(input=inp, output=DummyOutput(), key_bindings=repl_key_bindings())

        def run(keys: str) -> str:
            inp.send_text(keys)
            return session.prompt("> ")

        yield run


def test_ctrl_c_clears_the_line_instead_of_raising(prompt):
    assert prompt("first draft\x03second\r") == "second"


def test_bracketed_paste_is_one_question(prompt):
    text = prompt("\x1b[200~how many companies\nper sector\n\x1b[201~\r")
    assert text == "how many companies\nper sector"
    assert normalise_question(text) == "how many companies per sector"


def test_alt_enter_inserts_a_newline(prompt):
    assert prompt("a\x1b\rb\r") == "a\nb"


def test_ctrl_d_on_empty_line_exits(prompt):
    with pytest.raises(EOFError):
        prompt("\x04")


def test_ctrl_c_ends_a_history_search_first(prompt):
    assert prompt("alpha\r") == "alpha"
    # Ctrl-R finds "alpha", Ctrl-C leaves the search (the line keeps it), Ctrl-C clears, then "b"
    assert prompt("\x12alp\x03\x03b\r") == "b"


def test_tab_completes_even_while_typing_completion_is_running():
    """Typed fast, '/the' + Tab arrive together: prompt_toolkit's own Tab would be
    dropped while the complete-while-typing task runs; ours completes at once."""
    import threading

    from prompt_toolkit.completion import Completer, Completion, ThreadedCompleter

    release = threading.Event()

    class Commands(Completer):
        def get_completions(self, document, complete_event):
            if not complete_event.completion_requested:
                release.wait(2)  # the typing-triggered completion is still running when Tab arrives
            for word in ("/theme", "/help"):
                if word.startswith(document.text):
                    yield Completion(word, start_position=-len(document.text))

    commands = Commands()
    with create_pipe_input() as inp:
        session = PromptSession(
            input=inp,
            output=DummyOutput(),
            completer=ThreadedCompleter(commands),
            complete_while_typing=True,
            key_bindings=repl_key_bindings(commands),
        )
        inp.send_text("/the\t\r")
        try:
            assert session.prompt("> ") == "/theme"
        finally:
            release.set()
