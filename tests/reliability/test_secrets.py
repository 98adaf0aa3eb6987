"""The private key appears in no file c2q writes, on no screen, and in no process's arguments.

A REPL session exercises everything that writes or shows state (history,
transcript, /save, /export, /session, /history, errors that name requests),
with the key coming from a config profile's ``private_key_env``. While c2q runs, ``ps -eo args`` is read.
Every other reliability test also greps its own isolated directories.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests import children
from tests.reliability import fakeapi as F
from tests.reliability.cases import FAULTY, FOLLOW_UP
from tests.reliability.conftest import (
    ANSWER_42,
    ReplRun,
    no_secret_in_files,
    session_transcripts,
    start_ask,
)

COMMANDS = [
    "/session",
    "/sessions",
    "/history",
    "/history 1",
    "/history --server",
    "/sql",
    "/feedback",
    "/save saved-round.txt",
    "/export exported.md",
    "/job 0123456789abcdef0123456789abcdef",
]


def _process_args() -> str:
    """``ps -eo args``; where procps is not installed, the same from /proc/*/cmdline."""
    if shutil.which("ps"):
        return children.run(
            ["ps", "-eo", "args"], capture_output=True, text=True, check=True
        ).stdout
    lines = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            lines.append(cmdline.read_bytes().replace(b"\0", b" ").decode("utf-8", "replace"))
        except OSError:  # the process ended meanwhile
            pass
    return "\n".join(lines)


def _config_with_key_env(root, server: F.FakeChat2Query) -> dict[str, str]:
    """A config profile naming the variable that holds the key (the key itself is not in the file)."""
    config = root / "config" / "c2q"
    config.mkdir(parents=True, exist_ok=True)
    (config / "config.toml").write_text(
        f'[default]\nendpoint = "{server.endpoint}"\npublic_key = "{F.PUBLIC_KEY}"\nprivate_key_env = "REL_KEY"\n'
        f'cluster_id = "{F.CLUSTER_ID}"\ndatabase = "{F.DATABASE}"\n'
    )
    return {
        "C2Q_ENDPOINT": "",
        "C2Q_PUBLIC_KEY": "",
        "C2Q_PRIVATE_KEY": "",
        "REL_KEY": F.PRIVATE_KEY,
    }


def test_the_key_leaks_nowhere(fake, tmp_path, monkeypatch):
    """Key from a config profile's private_key_env (every other test of the suite has it in C2Q_PRIVATE_KEY
    and greps what it wrote)."""
    root = tmp_path / "repl"
    extra = _config_with_key_env(root, fake)
    fake.script(FAULTY, post=F.app_error(500, "internal error"))
    monkeypatch.chdir(tmp_path)
    repl = ReplRun(root, fake, extra)
    try:
        assert F.PRIVATE_KEY not in _process_args()
        repl.ask(FOLLOW_UP)
        repl.wait(ANSWER_42)
        repl.wait_prompt()
        repl.ask(FAULTY)
        repl.wait("internal error")
        repl.wait_prompt()
        for command in COMMANDS:
            repl.ask(command)
            repl.wait_prompt()
        assert F.PRIVATE_KEY not in _process_args()
        assert F.PRIVATE_KEY not in repl.text
        assert F.PRIVATE_KEY.encode() not in repl.screen.raw_output
        assert repl.quit() == 0
    finally:
        repl.close()
    written = {p.name for p in tmp_path.iterdir()}
    assert {"saved-round.txt", "exported.md"} <= written, written
    assert session_transcripts(root) and (root / "state" / "c2q" / "history").exists()
    no_secret_in_files(root)
    no_secret_in_files(tmp_path)  # /save and /export wrote into the working directory

    _config_with_key_env(tmp_path / "ask", fake)
    process, transcript = start_ask(tmp_path / "ask", fake, FOLLOW_UP, extra_env=extra)
    try:
        assert F.PRIVATE_KEY not in _process_args()
    finally:
        out, err = process.communicate(timeout=60)
    assert F.PRIVATE_KEY.encode() not in out + err
    assert process.returncode == 0, (out + err).decode()
    no_secret_in_files(tmp_path)
