"""Drive the real ``c2q`` in a pseudo-terminal and look at what a person would see.

:class:`Screen` spawns ``python -m c2q_repl ...`` with pexpect in a pty of a
given size and feeds every byte it prints into a pyte terminal emulator. Tests
then wait for text to appear on the *rendered* screen (not in the byte stream,
where cursor movements and colour codes make substring checks lie).

The emulator also answers the terminal queries a real terminal answers
(cursor position report, device status and attributes), so prompt_toolkit
behaves as it does in xterm instead of warning that CPR is unsupported.

:func:`isolated_env` builds an environment that cannot see the developer's
config, history, keys or colour preferences.
"""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

import pexpect
import pyte

from tests.children import default_sigint, stop

DEFAULT_ROWS = 40
DEFAULT_COLS = 120

#: key names accepted by :meth:`Screen.send_key` (prompt_toolkit spelling)
KEYS = {
    "enter": "\r",
    "tab": "\t",
    "s-tab": "\x1b[Z",
    "escape": "\x1b",
    "backspace": "\x7f",
    "delete": "\x1b[3~",
    "up": "\x1b[A",
    "down": "\x1b[B",
    "right": "\x1b[C",
    "left": "\x1b[D",
    "home": "\x1b[H",
    "end": "\x1b[F",
    "pageup": "\x1b[5~",
    "pagedown": "\x1b[6~",
    "space": " ",
    "f1": "\x1bOP",
    "f2": "\x1bOQ",
    "f3": "\x1bOR",
    "f4": "\x1bOS",
}

#: environment prefixes that must never leak from the developer's shell
_LEAKY_PREFIXES = ("C2Q_", "XDG_", "LC_", "PROMPT_TOOLKIT_")
_LEAKY_NAMES = (
    "NO_COLOR",
    "FORCE_COLOR",
    "CLICOLOR",
    "CLICOLOR_FORCE",
    "PAGER",
    "LESS",
    "EDITOR",
    "VISUAL",
    "COLUMNS",
    "LINES",
    "COLORTERM",
    "TMUX",
    "STY",
    "OPENAI_API_KEY",
    "LANGUAGE",
)


def key_bytes(name: str) -> str:
    """Translate a key name ("c-c", "enter", "up", "m-b", ...) to what a terminal sends."""
    lowered = name.lower()
    if lowered in KEYS:
        return KEYS[lowered]
    if lowered.startswith("c-") and len(lowered) == 3:
        ch = lowered[2]
        if "a" <= ch <= "z":
            return chr(ord(ch) - ord("a") + 1)
        if ch in "@[\\]^_":
            return chr(ord(ch) ^ 0x40)
    if lowered.startswith(("m-", "a-")) and len(name) == 3:
        return "\x1b" + name[2]
    raise ValueError(f"unknown key name {name!r}")


def isolated_env(root: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    """An environment whose config, data, state, cache and home live under ``root``.

    Every ``C2Q_*`` variable, colour preference, pager and locale override of
    the calling shell is dropped; ``extra`` is applied last.
    """
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(_LEAKY_PREFIXES) and k not in _LEAKY_NAMES
    }
    for name in ("config", "data", "state", "cache", "home"):
        (root / name).mkdir(parents=True, exist_ok=True)
    env.update(
        {
            "HOME": str(root / "home"),
            "XDG_CONFIG_HOME": str(root / "config"),
            "XDG_DATA_HOME": str(root / "data"),
            "XDG_STATE_HOME": str(root / "state"),
            "XDG_CACHE_HOME": str(root / "cache"),
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "PYTHONUNBUFFERED": "1",
            "PYTHONDONTWRITEBYTECODE": "1",
        }
    )
    if extra:
        env.update(extra)
    return env


def sandbox_env_vars(sandbox) -> dict[str, str]:
    """Variables that point c2q at an already running sandbox (so it starts none)."""
    return {
        "C2Q_ENDPOINT": sandbox.endpoint,
        "C2Q_PUBLIC_KEY": sandbox.public_key,
        "C2Q_PRIVATE_KEY": sandbox.private_key,
        "C2Q_CLUSTER_ID": str(sandbox.cluster_id),
        "C2Q_DATABASE": sandbox.database,
    }


class _Terminal(pyte.HistoryScreen):
    """pyte screen that answers terminal queries back to the child process."""

    def __init__(self, columns: int, lines: int, reply) -> None:
        super().__init__(columns, lines, history=10000, ratio=0.5)
        self._reply = reply

    def write_process_input(self, data: str) -> None:  # called by pyte for DSR/DA queries
        self._reply(data)


class ScreenTimeout(AssertionError):
    """The expected text never appeared; the message carries a dump of the screen."""


class Screen:
    """A running ``c2q`` (or any ``program``) in a pty, rendered by pyte.

    ``Screen(["ask", "hi"], env=env)`` runs ``python -m c2q_repl ask hi``.
    """

    def __init__(
        self,
        args: Sequence[str] = (),
        *,
        env: dict[str, str],
        rows: int = DEFAULT_ROWS,
        cols: int = DEFAULT_COLS,
        cwd: str | os.PathLike | None = None,
        program: Sequence[str] | None = None,
    ) -> None:
        argv = list(program) if program is not None else [sys.executable, "-m", "c2q_repl"]
        argv += list(args)
        self.rows, self.cols = rows, cols
        self._raw = bytearray()
        self._eof = False
        self._term = _Terminal(cols, rows, self._answer_query)
        self._stream = pyte.ByteStream(self._term)
        self.child = pexpect.spawn(
            argv[0],
            argv[1:],
            env=env,
            cwd=str(cwd) if cwd else None,
            dimensions=(rows, cols),
            encoding=None,
            # Ctrl-C must reach the program even when pytest runs with SIGINT ignored
            preexec_fn=default_sigint,
        )

    # ------------------------------------------------------------------ input

    def _answer_query(self, data: str) -> None:
        if self.child.isalive():
            self.child.send(data.encode())

    def send(self, text: str) -> None:
        """Type ``text`` as is (use ``\\r`` or :meth:`send_line` for Enter)."""
        self.child.send(text.encode())

    def send_line(self, text: str) -> None:
        self.send(text + "\r")

    def send_key(self, *names: str) -> None:
        """Press keys by name: ``send_key("c-c")``, ``send_key("up", "enter")``."""
        for name in names:
            self.child.send(key_bytes(name).encode())

    def resize(self, rows: int, cols: int) -> None:
        self.rows, self.cols = rows, cols
        self._term.resize(rows, cols)
        self.child.setwinsize(rows, cols)

    # ------------------------------------------------------------------ output

    def pump(self, timeout: float = 0.05) -> bool:
        """Read whatever the child printed within ``timeout``; False at EOF."""
        if self._eof:
            return False
        deadline = time.monotonic() + timeout
        while True:
            remaining = max(0.0, deadline - time.monotonic())
            try:
                chunk = self.child.read_nonblocking(65536, timeout=remaining)
            except pexpect.TIMEOUT:
                return True
            except pexpect.EOF:
                self._eof = True
                return False
            self._raw.extend(chunk)
            self._stream.feed(chunk)
            if time.monotonic() >= deadline:
                return True

    @property
    def display(self) -> list[str]:
        """The visible screen, one string per row, trailing spaces removed."""
        return [line.rstrip() for line in self._term.display]

    @property
    def text(self) -> str:
        return "\n".join(self.display)

    @property
    def scrollback(self) -> list[str]:
        """Rows that scrolled off the top, oldest first, then the visible screen."""
        top = []
        for row in self._term.history.top:
            top.append("".join(row[x].data for x in range(self.cols)).rstrip())
        return top + self.display

    @property
    def raw_output(self) -> bytes:
        """Every byte the child wrote to the terminal, escape sequences included."""
        return bytes(self._raw)

    @property
    def cursor(self) -> tuple[int, int]:
        """(row, column), zero-based."""
        return self._term.cursor.y, self._term.cursor.x

    def cells(self, row: int) -> list:
        """pyte ``Char`` cells (data, fg, bg, bold, ...) of one visible row."""
        line = self._term.buffer[row]
        return [line[x] for x in range(self.cols)]

    def find(self, pattern: str | re.Pattern) -> tuple[int, int] | None:
        """(row, column) of the first match on the visible screen, or None."""
        for y, line in enumerate(self.display):
            if isinstance(pattern, re.Pattern):
                m = pattern.search(line)
                if m:
                    return y, m.start()
            else:
                x = line.find(pattern)
                if x >= 0:
                    return y, x
        return None

    def styles_of(self, text: str) -> list:
        """The pyte cells showing the first on-screen occurrence of ``text``."""
        pos = self.find(text)
        if pos is None:
            raise ScreenTimeout(f"{text!r} is not on the screen\n{self.dump()}")
        y, x = pos
        return self.cells(y)[x : x + len(text)]

    def dump(self) -> str:
        width = self.cols
        border = "+" + "-" * width + "+"
        body = "\n".join(f"|{line.ljust(width)}|" for line in self.display)
        return f"{border}\n{body}\n{border}"

    # ------------------------------------------------------------------ waiting

    def _matches(self, pattern: str | re.Pattern, lines: Iterable[str]) -> bool:
        joined = "\n".join(lines)
        if isinstance(pattern, re.Pattern):
            return pattern.search(joined) is not None
        return pattern in joined

    def wait_for(
        self, pattern: str | re.Pattern, timeout: float = 10.0, *, scrollback: bool = False
    ) -> None:
        """Poll the rendered screen until ``pattern`` (substring or compiled
        regex) shows up; raise :class:`ScreenTimeout` with a screen dump if not."""
        deadline = time.monotonic() + timeout
        while True:
            alive = self.pump(0.05)
            if self._matches(pattern, self.scrollback if scrollback else self.display):
                return
            if not alive or time.monotonic() >= deadline:
                why = "the program exited" if not alive else f"{timeout:.1f}s passed"
                raise ScreenTimeout(f"{pattern!r} did not appear ({why})\n{self.dump()}")

    def wait_gone(self, pattern: str | re.Pattern, timeout: float = 10.0) -> None:
        """Poll until ``pattern`` is no longer on the visible screen."""
        deadline = time.monotonic() + timeout
        while True:
            self.pump(0.05)
            if not self._matches(pattern, self.display):
                return
            if time.monotonic() >= deadline:
                raise ScreenTimeout(
                    f"{pattern!r} is still on the screen after {timeout:.1f}s\n{self.dump()}"
                )

    def settle(self, quiet: float = 0.3, timeout: float = 5.0) -> None:
        """Read until the child has printed nothing for ``quiet`` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            before = len(self._raw)
            if not self.pump(quiet):
                return
            if len(self._raw) == before:
                return

    def wait_exit(self, timeout: float = 10.0) -> int:
        """Wait for the process to end (reading its output); return its exit status
        (128+N when killed by signal N)."""
        deadline = time.monotonic() + timeout
        while self.pump(0.05):
            if time.monotonic() >= deadline:
                raise ScreenTimeout(
                    f"the program did not exit within {timeout:.1f}s\n{self.dump()}"
                )
        # EOF on the pty can come a moment before the process has exited; closing
        # now would kill it (pexpect's close() forces) and report a signal
        while self.child.isalive():
            if time.monotonic() >= deadline:
                raise ScreenTimeout(
                    f"the program closed its terminal but did not exit within {timeout:.1f}s"
                )
            time.sleep(0.01)
        self.child.close()
        return self.exitstatus

    @property
    def exitstatus(self) -> int | None:
        if self.child.isalive():
            return None
        if self.child.exitstatus is not None:
            return self.child.exitstatus
        if self.child.signalstatus is not None:
            return 128 + self.child.signalstatus
        return None

    def close(self) -> None:
        """Stop the child if it is still running: SIGINT, then SIGTERM, then SIGKILL,
        half a second apart (the REPL shrugs off SIGINT at its prompt; SIGTERM ends it)."""
        if self.child.isalive():
            stop(self.child.pid, grace=0.5)
        self.child.close(force=True)

    def __enter__(self) -> Screen:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
