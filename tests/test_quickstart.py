"""The README's two quick-start commands are what CI runs, verbatim, and they install
into a virtual environment of their own (never ``pip install`` into the system Python,
which Debian and Ubuntu refuse: PEP 668)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def quick_start_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    section = readme[
        readme.index("## Quick start") : readme.index("\n## ", readme.index("## Quick start") + 1)
    ]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, re.S)]


def test_ci_runs_the_two_quick_start_commands_verbatim():
    commands = quick_start_commands()
    assert len(commands) == 2 and all("\n" not in c for c in commands)
    ci = [line.split("#")[0].strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    for command in commands:  # as a line of its own, fed stdin, or with its status kept
        assert any(
            line == command or line.endswith(f"| {command}") or line.startswith(f"{command} ||")
            for line in ci
        ), command


def test_the_quick_start_installs_into_its_own_virtual_environment():
    for command in quick_start_commands():
        script = ROOT / command.split()[0]
        assert script.is_file() and script.stat().st_mode & 0o111, command
        text = script.read_text() + (ROOT / "scripts" / "venv.sh").read_text()
        assert "-m venv" in text and ".venv" in text
        assert "pip install" not in command and "--user" not in text
        assert "--break-system-packages" not in text


def test_the_tests_find_the_venvs_tools_by_name():
    """tests/test_layers.py runs ``lint-imports`` from PATH: without the venv's bin on
    it, the layer tests are skipped (and a skip is not a pass)."""
    text = (ROOT / "scripts" / "test").read_text()
    assert 'PATH="$c2q_venv/bin:$PATH"' in text and "export PATH" in text
