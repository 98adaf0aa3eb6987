"""Helpers shared by the REPL end-to-end tests (test_repl*.py)."""

from __future__ import annotations

import re
import threading

from .harness import Screen

PROMPT = "c2q>"
ANSWER_ID = re.compile(r"answer ([0-9a-f]{16,})")
PER_SECTOR = "how many companies are there per sector?"
#: the builtin engine splits at ";" into three sub-questions it can each answer
THREE_PARTS = (
    "how many companies are there per sector; how many companies are there per country; "
    "what is the average market cap per sector"
)
#: any SGR parameter that sets a colour (foreground, background, 256/true colour)
_SGR = re.compile(rb"\x1b\[([0-9;:]*)m")


def colour_escapes(raw: bytes) -> list[bytes]:
    """SGR sequences in ``raw`` that set a colour (not bold/reset/reverse)."""
    found = []
    for m in _SGR.finditer(raw):
        for param in re.split(rb"[;:]", m.group(1)):
            if param.isdigit() and (30 <= int(param) <= 49 or 90 <= int(param) <= 107):
                found.append(m.group(0))
                break
    return found


class Recorder:
    """Wraps the sandbox's answerer and keeps every AnswerRequest it receives,
    so tests see what actually reached the server (mode, feedback, history)."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.requests: list = []
        self._lock = threading.Lock()

    def answer(self, request):
        with self._lock:
            self.requests.append(request)
        return self.inner.answer(request)

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def for_question(self, text: str):
        return [r for r in self.requests if r.question == text]


def ready(screen: Screen, timeout: float = 20.0) -> None:
    """Prompt drawn and the session open (its id is in the toolbar)."""
    screen.wait_for(PROMPT, timeout=timeout)
    screen.wait_for(re.compile(r"session \d+"), timeout=timeout)


def _count(screen: Screen, pattern: str | re.Pattern) -> int:
    text = "\n".join(screen.scrollback)
    return len(pattern.findall(text)) if isinstance(pattern, re.Pattern) else text.count(pattern)


def send_and_wait(
    screen: Screen, line: str, expect: str | re.Pattern, timeout: float = 20.0
) -> None:
    """Type ``line`` + Enter, wait until one more ``expect`` is on screen or in
    scrollback than before, then for the idle prompt."""
    import time

    before = _count(screen, expect)
    screen.send_line(line)
    deadline = time.monotonic() + timeout
    while _count(screen, expect) <= before:
        if not screen.pump(0.05) or time.monotonic() > deadline:
            raise AssertionError(f"{expect!r} did not appear after {line!r}\n" + screen.dump())
    wait_prompt(screen)


ask = send_and_wait
command = send_and_wait


def wait_prompt(screen: Screen, timeout: float = 10.0) -> None:
    """The last non-toolbar line with content is an empty prompt."""

    def idle() -> bool:
        lines = [row for row in screen.display if row.strip()]
        return len(lines) >= 2 and lines[-2].rstrip() == PROMPT

    import time

    deadline = time.monotonic() + timeout
    while not idle():
        if not screen.pump(0.05) or time.monotonic() > deadline:
            raise AssertionError("no idle prompt\n" + screen.dump())


def last_answer_id(screen: Screen) -> str:
    ids = ANSWER_ID.findall("\n".join(screen.scrollback))
    assert ids, screen.dump()
    return ids[-1]
