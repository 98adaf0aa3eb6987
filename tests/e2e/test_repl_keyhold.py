"""From the early prompt to prompt_toolkit's, the terminal never echoes a key
nor turns Ctrl-C into SIGINT: not before the hold, not between the hold and
prompt_toolkit's raw mode.

Those windows last microseconds on their own; the child here gets a
``sitecustomize`` that makes every change of the terminal's mode take 0.5 s,
so a window between two changes is wide open while keys are typed into it.
"""

from __future__ import annotations

import time

SLOW_MODE_CHANGES = """
import termios
import time

_set = termios.tcsetattr


def _slowly(fd, when, attributes):
    if fd == 0:
        time.sleep(0.5)
    _set(fd, when, attributes)


termios.tcsetattr = _slowly
"""
#: prompt_toolkit's first render asks where the cursor is: it has the terminal from then on
CURSOR_QUERY = b"\x1b[6n"


def test_keys_typed_from_the_early_prompt_on_are_neither_echoed_nor_signals(spawn_c2q, tmp_path):
    (tmp_path / "sitecustomize.py").write_text(SLOW_MODE_CHANGES)
    screen = spawn_c2q(extra_env={"PYTHONPATH": str(tmp_path)})
    deadline = time.monotonic() + 30
    while b"c2q>" not in screen.raw_output:
        assert time.monotonic() < deadline, screen.dump()
        screen.pump(0.005)
    typed = b""
    while CURSOR_QUERY not in screen.raw_output:  # type until prompt_toolkit draws its prompt
        assert time.monotonic() < deadline, screen.dump()
        key = b"\x03" if len(typed) % 4 == 3 else b"x"  # every fourth key a Ctrl-C
        screen.send(key.decode())
        typed += key
        if not screen.pump(0.01):
            break  # c2q died (a SIGINT): the assertions below say why
    early = screen.raw_output.split(b"c2q>", 1)[1].split(CURSOR_QUERY, 1)[0]
    assert b"x" not in early and b"^C" not in early, early  # the terminal echoed nothing
    # both windows were typed into (a dead c2q stops the typing early)
    assert typed.count(b"\x03") >= 2 and typed.count(b"x") >= 6, typed
    screen.send_key("c-u")
    screen.send("y")
    screen.wait_for("c2q> y")  # prompt_toolkit reads keys and the line editor is live
    screen.send_key("c-u", "c-d")
    assert screen.wait_exit() == 0  # no SIGINT ever reached c2q
    text = "\n".join(screen.scrollback)
    assert "Traceback" not in text and "KeyboardInterrupt" not in text, screen.dump()
