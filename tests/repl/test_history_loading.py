"""A long history file is read off the event loop, so it never holds the prompt."""

from __future__ import annotations

import asyncio
import threading

from prompt_toolkit.history import FileHistory

from c2q_repl.repl.session import history_for


def test_history_is_read_in_a_background_thread(tmp_path, monkeypatch):
    env = {"XDG_STATE_HOME": str(tmp_path / "state")}
    history_file = tmp_path / "state" / "c2q" / "history"
    history_file.parent.mkdir(parents=True)
    history_file.write_text("".join(f"\n# 2026-01-01\n+question {i}\n" for i in range(1000)))
    readers: list[threading.Thread] = []
    original = FileHistory.load_history_strings

    def recording(self):
        readers.append(threading.current_thread())
        yield from original(self)

    monkeypatch.setattr(FileHistory, "load_history_strings", recording)
    history = history_for(env)

    async def load_all() -> tuple[list[str], threading.Thread]:
        loop_thread = threading.current_thread()
        return [item async for item in history.load()], loop_thread

    items, loop_thread = asyncio.run(load_all())
    assert items[0] == "question 999" and len(items) == 1000
    assert readers and all(reader is not loop_thread for reader in readers)


def test_new_entries_still_reach_the_file(tmp_path):
    env = {"XDG_STATE_HOME": str(tmp_path / "state")}
    history_for(env).append_string("how many companies?")
    assert "+how many companies?" in (tmp_path / "state" / "c2q" / "history").read_text()
