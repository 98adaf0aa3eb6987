"""Local files and programs c2q trusts too easily: a theme, the pager, the history file.

* A theme's ``null_text`` and ``description`` are printed: they are sanitised
  when the theme loads, so a shared theme file cannot drive the terminal.
* When c2q chooses ``less`` itself it sets ``LESSSECURE=1``, so keys typed
  ahead into the pager cannot save files or run commands.
* A ``history`` path that is a directory is a clear message, not a traceback.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from c2q_repl.render.theme import load_theme
from c2q_repl.repl.pager import pager_command
from tests.e2e.harness import Screen
from tests.reliability import fakeapi as F
from tests.reliability.cases import FORBIDDEN
from tests.reliability.conftest import ANSWER_42, TRACEBACK, ReplRun, c2q_env

EVIL_NULL = r"\u001b]0;PWNED-TITLE\u0007NIL\u001b[2JCLEARED\u009b31m\u202e"
EVIL_THEME = f'''description = "evil\\u001b]52;c;cm0gLXJmIC8=\\u0007 theme"
null_text = "{EVIL_NULL}"
'''
NULLS = "a question whose answer holds nulls"


def _install_theme(config_home: Path) -> None:
    themes = config_home / "c2q" / "themes"
    themes.mkdir(parents=True, exist_ok=True)
    (themes / "evil.toml").write_text(EVIL_THEME)


def test_theme_strings_are_sanitised_when_loaded(tmp_path):
    _install_theme(tmp_path)
    theme = load_theme("evil", user_dir=tmp_path / "c2q" / "themes")
    for text in (theme.null_text, theme.description):
        assert not re.search("[\x00-\x1f\x7f-\x9f\u202a-\u202e]", text), repr(text)
    assert "NIL" in theme.null_text and "CLEARED" in theme.null_text


def test_a_theme_null_text_cannot_drive_the_terminal(fake, tmp_path):
    fake.script(NULLS, job=F.answer(["name", "n"], [[None, 1], ["x", None]]))
    env = c2q_env(tmp_path, fake)
    _install_theme(Path(env["XDG_CONFIG_HOME"]))
    with Screen(["ask", NULLS, "--theme", "evil"], env=env) as screen:
        status = screen.wait_exit(timeout=30)
        raw = screen.raw_output
    assert status == 0, raw[-2000:]
    assert b"NIL" in raw  # the theme's null text was used
    for sequence in (*FORBIDDEN, b"\xc2\x9b", "\u202e".encode()):
        assert sequence not in raw, f"raw {sequence!r} from the theme reached the terminal"


# --------------------------------------------------------------------------- the pager


def test_lesssecure_only_when_c2q_chooses_less():
    chosen = pager_command({"TERM": "xterm"})
    assert chosen.command == "less" and chosen.env["LESSSECURE"] == "1"
    theirs = pager_command({"PAGER": "less -R"})
    assert "LESSSECURE" not in theirs.env  # a pager the user named runs as they set it up


def test_the_repl_runs_its_own_less_with_lesssecure(fake, tmp_path):
    """Through the real REPL: a tall answer is paged by c2q's choice of ``less``."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    seen = tmp_path / "less-env"
    fake_less = bin_dir / "less"
    fake_less.write_text(f'#!/bin/sh\necho "LESSSECURE=$LESSSECURE" > {seen}\ncat > /dev/null\n')
    fake_less.chmod(stat.S_IRWXU)
    tall = "a question with a tall answer"
    fake.script(tall, job=F.answer(["n"], [[i] for i in range(200)]))
    root = tmp_path / "repl"
    repl = ReplRun(root, fake, {"PAGER": "", "PATH": f"{bin_dir}:{os.environ['PATH']}"})
    try:
        repl.ask(tall)
        repl.wait_prompt()
        assert repl.quit() == 0
    finally:
        repl.close()
    assert seen.read_text().strip() == "LESSSECURE=1"


# --------------------------------------------------------------------------- history


def _wrapped(text: str) -> re.Pattern[str]:
    """``text`` as shown on a terminal that may wrap it at any character."""
    return re.compile(r"\s*".join(re.escape(c) for c in text.replace(" ", "")))


def test_a_history_path_that_is_a_directory_is_a_clear_message(fake, tmp_path):
    root = tmp_path / "repl"
    (root / "state" / "c2q" / "history").mkdir(parents=True)
    repl = ReplRun(root, fake)
    try:
        # the message follows a tmp path of varying length: it may wrap anywhere
        repl.wait(_wrapped("history is kept in memory"))
        repl.ask("what is the answer?")
        repl.wait(ANSWER_42)
        repl.wait_prompt()
        assert TRACEBACK not in repl.text
        assert repl.quit() == 0
    finally:
        repl.close()
    shown = "\n".join(row.rstrip() for row in repl.screen.scrollback)
    assert _wrapped("is not a regular file").search(shown)
