"""Start-up: the prompt is painted before prompt_toolkit loads, and keys typed
in that moment reach prompt_toolkit as if it had been running all along."""

from __future__ import annotations

from .repl_support import PER_SECTOR


def test_a_question_typed_the_moment_the_prompt_shows_is_answered(spawn_c2q):
    screen = spawn_c2q()
    screen.wait_for("c2q>")
    screen.send(PER_SECTOR + "\r")  # before prompt_toolkit has taken over the terminal
    screen.wait_for("11 rows", timeout=30)
    text = "\n".join(screen.scrollback)
    assert text.count(PER_SECTOR) == 1, (
        screen.dump()
    )  # echoed once, by prompt_toolkit, not by the terminal
    screen.send_key("c-d")
    assert screen.wait_exit() == 0


def test_ctrl_c_then_ctrl_d_typed_early_behave_as_at_the_prompt(spawn_c2q):
    screen = spawn_c2q()
    screen.wait_for("c2q>")
    screen.send("half a questi")
    screen.send_key("c-c")  # clears the line: no SIGINT, c2q keeps running
    screen.send_key("c-d")  # then quits cleanly: not swallowed as the terminal's end-of-file
    assert screen.wait_exit() == 0
    assert "interrupted" not in "\n".join(screen.scrollback)
