"""Time to interactive (issue 15 §4): from fork+exec until a key typed at the prompt is echoed.

    python benchmarks/bench_interactive.py [--runs 21] [--litecli PATH]
        [--tree DIR] [--type-at prompt|editor]

The same probe for every program, in one run, interleaved (a busy moment of the
shared machine hits all of them alike; the order rotates each round):

* ``c2q`` against a sandbox served by another process (its start-up is not counted);
* the floor: a bare prompt_toolkit ``PromptSession().prompt('c2q> ')``;
* litecli on a small SQLite file (the peer), when installed: it is looked up on
  PATH, next to this interpreter, then in ``$TMPDIR/c2q-bench-peers`` (made with
  ``python3 -m venv /tmp/c2q-bench-peers && /tmp/c2q-bench-peers/bin/pip install litecli``).

The probe is a plain pty loop (no terminal emulator in the way): it answers the
cursor-position query as a terminal would, types two letters the moment the
program's prompt text is on screen, and stops when they come back. c2q paints
its prompt before prompt_toolkit is loaded and keeps the terminal from echoing
meanwhile, so for c2q the keys wait in the input queue and are echoed by
prompt_toolkit; the figure is when the user sees their typing, whatever was
painted first. The time the prompt was painted is reported too.
"""

from __future__ import annotations

import os
import pty
import select
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import (  # noqa: E402
    C2Q,
    ROOT,
    Row,
    bench_main,
    clean_env,
    median,
    serve_sandbox,
)

COMMAND = "python benchmarks/bench_interactive.py"
BARE_PROMPT = "from prompt_toolkit import PromptSession; PromptSession().prompt('c2q> ')"
CURSOR_QUERY = b"\x1b[6n"
#: two letters typed at once come back together from any line editor (and from no banner)
PROBE = b"qz"
TARGET_RATIO = 1.10
PEERS_VENV = Path(tempfile.gettempdir()) / "c2q-bench-peers"


@dataclass(frozen=True)
class Program:
    """One program under test: its command line, environment, and its prompt's text."""

    name: str
    argv: list[str]
    env: dict[str, str]
    prompt: bytes
    cwd: str | None = None


@dataclass(frozen=True)
class Sample:
    painted: float  # seconds from fork until the prompt text was written
    interactive: float  # seconds from fork until the typed probe was echoed
    cpu: float  # seconds the main thread had run by then (less sensitive to the machine's load)


def probe(program: Program, timeout: float = 30.0, *, type_at: str = "prompt") -> Sample:
    """Fork ``program`` on a pty, type :data:`PROBE` when its prompt shows (``type_at``
    "editor": at prompt_toolkit's first cursor-position query instead), time the echo."""
    trigger = program.prompt if type_at == "prompt" else CURSOR_QUERY
    started = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child
        if program.cwd:
            os.chdir(program.cwd)
        os.execve(program.argv[0], program.argv, program.env)
    seen = b""
    painted = float("nan")
    typed_at = -1
    try:
        while True:
            now = time.perf_counter()
            if now > started + timeout:
                raise RuntimeError(f"{program.name}: no echo after {timeout} s: {seen[-500:]!r}")
            ready, _, _ = select.select([fd], [], [], 0.02)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                raise RuntimeError(f"{program.name} exited: {seen[-500:]!r}") from None
            now = time.perf_counter()
            seen += chunk
            if CURSOR_QUERY in chunk:
                os.write(fd, b"\x1b[1;1R")  # as a terminal would
            if painted != painted and program.prompt in seen:
                painted = now - started
            if typed_at < 0 and trigger in seen:
                os.write(fd, PROBE)
                typed_at = seen.index(trigger) + len(trigger)
            if typed_at >= 0 and PROBE in seen[typed_at:]:
                return Sample(painted, now - started, _main_thread_cpu(pid))
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)


def _main_thread_cpu(pid: int) -> float:
    """Seconds on a CPU of the process's main thread (/proc/PID/schedstat, nanoseconds)."""
    return int(Path(f"/proc/{pid}/schedstat").read_text().split()[0]) / 1e9


def compile_bytecode(tree: Path = ROOT) -> None:
    """Compile c2q's bytecode as pip does when it installs a wheel: this tree's
    environment sets PYTHONDONTWRITEBYTECODE, and a file changed since the last
    compile would be compiled again at every start, which no installed c2q does."""
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(tree / "c2q_repl")],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def find_litecli(explicit: str | None = None) -> str | None:
    """litecli's console script: ``explicit``, PATH, this interpreter's bin, the peers venv."""
    candidates = [
        explicit,
        shutil.which("litecli"),
        str(Path(sys.executable).parent / "litecli"),
        str(PEERS_VENV / "bin" / "litecli"),
    ]
    return next((c for c in candidates if c and os.access(c, os.X_OK)), None)


def small_sqlite(path: Path) -> Path:
    """A small SQLite file for litecli to open (a few tables, a few hundred rows)."""
    with sqlite3.connect(path) as db:
        db.execute("create table sectors (id integer primary key, name text)")
        db.execute("create table companies (id integer primary key, name text, sector_id int)")
        db.executemany("insert into sectors values (?, ?)", [(i, f"sector {i}") for i in range(11)])
        db.executemany(
            "insert into companies values (?, ?, ?)",
            [(i, f"company {i}", i % 11) for i in range(500)],
        )
    return path


def measure(programs: list[Program], runs: int, type_at: str = "prompt") -> dict[str, list[Sample]]:
    """``runs`` rounds, each program once per round, the order rotated every round;
    one unmeasured warm-up round first (page cache, first-run config files)."""
    for program in programs:
        probe(program, type_at=type_at)
    samples: dict[str, list[Sample]] = {p.name: [] for p in programs}
    for i in range(runs):
        k = i % len(programs)
        for program in programs[k:] + programs[:k]:
            samples[program.name].append(probe(program, type_at=type_at))
    return samples


def _ratio(values: list[float], floor: list[float]) -> str:
    """Median and best against the floor's median and best."""
    return f"{median(values) / median(floor):.2f}× (min {min(values) / min(floor):.2f}×)"


def _seconds(values: list[float]) -> str:
    return f"{median(values):.3f} s (min {min(values):.3f})"


def rows_for(samples: dict[str, list[Sample]], runs: int, load: str) -> list[Row]:
    """Each program next to the bare session of the same run, with the ratio."""
    bare = samples["bare"]
    floor = [s.interactive for s in bare]
    floor_cpu = [s.cpu for s in bare]
    rows = []
    for name, label, target in (
        ("c2q", "c2q", TARGET_RATIO),
        ("tree", "c2q of the --tree source tree", None),
        ("litecli", "litecli, small SQLite file", None),
    ):
        if name == "tree" and name not in samples:
            continue
        if name not in samples:
            rows.append(
                Row(
                    f"time to interactive, {label}",
                    "-",
                    "not installed (pip install litecli)",
                    "-",
                    COMMAND,
                    None,
                )
            )
            continue
        times = [s.interactive for s in samples[name]]
        rows.append(
            Row(
                f"time to interactive (a key typed at the prompt echoed), {label}; "
                f"pty, median of {runs}, {load}",
                f"<= {target:.2f}× bare" if target else "-",
                f"{_seconds(times)} = {_ratio(times, floor)} bare",
                f"{_seconds(floor)} bare PromptSession().prompt()",
                COMMAND,
                median(times) / median(floor) <= target if target else None,
            )
        )
        cpu = [s.cpu for s in samples[name]]
        rows.append(
            Row(
                f"main-thread CPU until that echo, {label}",
                "-",
                f"{_seconds(cpu)} = {_ratio(cpu, floor_cpu)} bare",
                f"{_seconds(floor_cpu)} bare",
                COMMAND,
                None,
            )
        )
    rows.append(
        Row(
            "c2q: prompt painted (before prompt_toolkit loads; keys typed then wait, unechoed)",
            "-",
            _seconds([s.painted for s in samples["c2q"]]),
            f"{_seconds([s.painted for s in bare])} bare",
            COMMAND,
            None,
        )
    )
    return rows


def load_average() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.1f}/{five:.1f}"


def run(runs: int = 21, litecli: str = "", tree: str = "", type_at: str = "prompt") -> list[Row]:
    """``tree``: also run c2q from that source tree (e.g. an older commit's
    ``git archive`` output) through PYTHONPATH; ``type_at``: see :func:`probe`."""
    if type_at not in ("prompt", "editor"):
        raise ValueError(f"--type-at is prompt or editor, not {type_at!r}")
    with tempfile.TemporaryDirectory(prefix="c2q-bench-interactive-") as tmp:
        work = Path(tmp)
        with serve_sandbox(
            work, "--job-delay", "0.05", "--rpm-limit", "0", "--daily-limit", "0"
        ) as sandbox:
            env = clean_env(work / "c2q-env", sandbox.env())
            programs = [
                Program("c2q", [*C2Q, "--no-transcript"], env, b"c2q>", env["HOME"]),
                Program("bare", [sys.executable, "-c", BARE_PROMPT], env, b"c2q>", env["HOME"]),
            ]
            if tree:
                compile_bytecode(Path(tree))
                argv = [sys.executable, "-m", "c2q_repl", "--no-transcript"]
                tree_env = {**env, "PYTHONPATH": str(Path(tree).resolve())}
                programs.append(Program("tree", argv, tree_env, b"c2q>", env["HOME"]))
            found = find_litecli(litecli or None)
            if found:
                db = small_sqlite(work / "small.db")
                peer_env = clean_env(work / "litecli-env")
                programs.append(
                    Program("litecli", [found, str(db)], peer_env, f"{db}>".encode(), str(work))
                )
            before = load_average()
            compile_bytecode()
            samples = measure(programs, runs, type_at)
            load = f"{before} before, {load_average()} after"
            if type_at == "editor":
                load += ", typed at prompt_toolkit's first render"
    return rows_for(samples, runs, load)


def main() -> int:
    options = {
        "runs": (int, 21),
        "litecli": (str, ""),
        "tree": (str, ""),
        "type-at": (str, "prompt"),
    }
    return bench_main(__doc__, run, options)


if __name__ == "__main__":
    sys.exit(main())
