"""The hand-over from the early prompt: prompt_toolkit leaves its first prompt
in the terminal's own mode, and the background start-up waits until keys typed
early are on screen. A real PromptSession on a pty or a pipe."""

from __future__ import annotations

import gc
import os
import sys
import termios
import threading

from prompt_toolkit import PromptSession
from prompt_toolkit.history import FileHistory, ThreadedHistory
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from c2q_repl.repl.app import KeyHold
from c2q_repl.repl.handover import (
    LoadedAfterTypedKeys,
    handed_over,
    start_when_keys_are_drawn,
)

LINE_MODE = termios.ECHO | termios.ICANON | termios.ISIG


def test_the_background_starts_after_keys_typed_early_are_handled():
    with create_pipe_input() as keys:
        keys.send_text("how many")  # typed before prompt_toolkit runs
        session: PromptSession[str] = PromptSession(input=keys, output=DummyOutput())
        line_at_start: list[str] = []

        def start() -> None:
            line_at_start.append(session.default_buffer.text)
            keys.send_text("\r")

        start_when_keys_are_drawn(session.app, start)
        assert session.prompt("> ") == "how many"
    assert line_at_start == ["how many"]


def test_with_nothing_typed_the_background_starts_at_the_first_render():
    with create_pipe_input() as keys:
        session: PromptSession[str] = PromptSession(input=keys, output=DummyOutput())
        started = threading.Event()

        def start() -> None:
            started.set()
            keys.send_text("done\r")

        start_when_keys_are_drawn(session.app, start)
        fallback = threading.Timer(10, lambda: keys.send_text("timed out\r"))
        fallback.start()
        try:
            assert session.prompt("> ") == "done"
        finally:
            fallback.cancel()
    assert started.is_set()


def test_at_the_background_start_collections_resume_and_threads_yield_sooner():
    gc.disable()  # as c2q_repl.repl.app.main does
    interval = sys.getswitchinterval()
    try:
        with create_pipe_input() as keys:
            session: PromptSession[str] = PromptSession(input=keys, output=DummyOutput())
            collecting: list[bool] = []

            def start() -> None:
                collecting.append(gc.isenabled())
                keys.send_text("\r")

            start_when_keys_are_drawn(session.app, start)
            session.prompt("> ")
        assert collecting == [True]
        # background threads hand the interpreter back to a typed key within 1 ms
        assert sys.getswitchinterval() <= 0.001
    finally:
        gc.enable()
        gc.unfreeze()
        sys.setswitchinterval(interval)


def test_the_background_starts_at_the_next_prompt_if_the_first_ended_too_soon():
    with create_pipe_input() as keys:
        session: PromptSession[str] = PromptSession(input=keys, output=DummyOutput())
        calls: list[str] = []
        start_when_keys_are_drawn(session.app, lambda: calls.append("start"))
        keys.send_text("first\r")
        assert session.prompt("> ") == "first"
        later = threading.Timer(0.2, lambda: keys.send_text("second\r"))
        later.start()  # nothing waits at this prompt's first render
        assert session.prompt("> ") == "second"
    assert calls == ["start"]  # once, whichever prompt got to it


def test_the_history_is_read_after_keys_typed_early_are_handled(tmp_path, monkeypatch):
    path = str(tmp_path / "history")
    FileHistory(path).store_string("an older question")
    line_when_read: list[str] = []
    read = FileHistory.load_history_strings

    def reading(self):
        line_when_read.append(session.default_buffer.text)
        yield from read(self)

    monkeypatch.setattr(FileHistory, "load_history_strings", reading)
    with create_pipe_input() as keys:
        history = LoadedAfterTypedKeys(ThreadedHistory(FileHistory(path)))
        session: PromptSession[str] = PromptSession(
            input=keys, output=DummyOutput(), history=history
        )
        keys.send_text("how many")  # typed before prompt_toolkit runs
        # then, later: clear the line, recall the previous question, accept it
        later = threading.Timer(0.5, lambda: keys.send_text("\x15\x1b[A\r"))
        later.start()
        assert session.prompt("> ") == "an older question"
    assert line_when_read == ["how many"]
    assert "+an older question" in (tmp_path / "history").read_text()


def test_prompt_toolkit_takes_the_held_terminal_and_leaves_it_in_its_own_mode():
    master, slave = os.openpty()
    try:
        own = termios.tcgetattr(slave)
        assert own[3] & LINE_MODE == LINE_MODE
        hold = KeyHold(slave)
        hold.hold()
        assert termios.tcgetattr(slave)[3] & LINE_MODE == 0
        modes: list[int] = []
        set_mode = termios.tcsetattr

        def recording(fd: int, when: int, attributes: list) -> None:
            modes.append(attributes[3])
            set_mode(fd, when, attributes)

        termios.tcsetattr = recording  # type: ignore[assignment]
        try:
            with open(slave, closefd=False) as stdin, handed_over(hold.take, stdin):
                session: PromptSession[str] = PromptSession(output=DummyOutput())
                os.write(master, b"hi\r")
                assert session.prompt("> ") == "hi"
        finally:
            termios.tcsetattr = set_mode  # type: ignore[assignment]
        # straight from held to raw mode: never a moment of echo or signals before the end
        assert [mode & LINE_MODE for mode in modes[:-1]] == [0] * (len(modes) - 1), modes
        assert termios.tcgetattr(slave) == own  # the first prompt ends in the terminal's own mode
        hold.release()  # nothing left to restore: prompt_toolkit did
        assert termios.tcgetattr(slave) == own
    finally:
        os.close(master)
        os.close(slave)
