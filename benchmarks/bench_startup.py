"""Start-up benchmark (issue 7): ``c2q --version``/``--help``, time to a rendered prompt, RSS at the prompt.

    python benchmarks/bench_startup.py [--runs N]

* ``--version``/``--help``: median wall time of N runs of the console script;
  baseline: the bare interpreter (``python -c pass``), the floor nobody beats.
  ``python -X importtime`` proves prompt_toolkit, httpx and pygments stay unimported.
* Time to prompt: from fork+exec to ``c2q>`` written to a pty (its cursor
  position query answered as a terminal would; c2q paints banner and prompt
  before importing prompt_toolkit, and the time prompt_toolkit takes over is
  reported on its own row), against a sandbox served by a
  separate process so its start-up is not counted; baseline: a bare
  ``PromptSession().prompt()`` measured the same way.
* Peak RSS (VmHWM) of the REPL sitting at the prompt after its session is
  open (httpx and the client loaded); baseline: the bare prompt_toolkit prompt.
"""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import C2Q, Row, bench_main, clean_env, median, serve_sandbox, timed_runs  # noqa: E402

HEAVY = ("prompt_toolkit", "httpx", "pygments")
BARE_PROMPT = "from prompt_toolkit import PromptSession; PromptSession().prompt('c2q> ')"


def heavy_imports(flag: str) -> list[str]:
    """Top-level heavy packages imported by ``c2q FLAG`` (from ``-X importtime``)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "c2q_repl", flag], capture_output=True, text=True
    )
    found = set()
    for line in done.stderr.splitlines():
        name = line.rsplit("|", 1)[-1].strip()
        top = name.split(".")[0]
        if top in HEAVY:
            found.add(top)
    return sorted(found)


def _read_vmhwm(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024.0
    return float("nan")


def _cpu_seconds(pid: int) -> float:
    """user + system CPU time the process has used so far (/proc/PID/stat, clock-tick resolution)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def prompt_time(
    argv: list[str], env: dict[str, str], *, settle_for: bytes = b"", settle: float = 0.0
) -> tuple[float, float, float, float]:
    """(seconds from fork to ``c2q>`` written to the pty, CPU seconds used by then,
    VmHWM MB once ``settle_for`` was written or ``settle`` s passed, seconds until
    prompt_toolkit's first render (its cursor-position query): line editing live).

    A bare pty loop (no terminal emulator in the way): it reads everything the
    child writes and answers the cursor-position query as a terminal would.
    """
    started = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child
        os.execve(argv[0], argv, env)
    seen = b""
    elapsed = cpu = editing = float("nan")
    deadline = started + 30
    try:
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    raise RuntimeError(
                        f"{argv} exited before the prompt: {seen[-500:]!r}"
                    ) from None
                seen += chunk
                if b"\x1b[6n" in chunk:
                    os.write(fd, b"\x1b[1;1R")
                    if editing != editing:
                        editing = time.perf_counter() - started
            if elapsed != elapsed and b"c2q>" in seen:
                elapsed = time.perf_counter() - started
                cpu = _cpu_seconds(pid)
                settle_until = time.perf_counter() + settle
            if (
                elapsed == elapsed
                and (settle_for in seen.split(b"c2q>", 1)[-1] if settle_for else True)
                and time.perf_counter() >= settle_until
            ):
                break
        if elapsed != elapsed:
            raise RuntimeError(f"no prompt after 30 s: {seen[-500:]!r}")
        rss = _read_vmhwm(pid)
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    return elapsed, cpu, rss, editing


def run(runs: int = 15) -> list[Row]:
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="c2q-bench-") as tmp:
        work = Path(tmp)
        env = clean_env(work / "env")
        floor = median(timed_runs([sys.executable, "-c", "pass"], runs, env))
        for flag in ("--version", "--help"):
            t = median(timed_runs([*C2Q, flag], runs, env))
            rows.append(
                Row(
                    f"c2q {flag} (median of {runs})",
                    "<= 0.060 s",
                    f"{t:.3f} s",
                    f"{floor:.3f} s (python -c pass)",
                    f"c2q {flag}",
                    t <= 0.060,
                )
            )
        heavy = heavy_imports("--version") + heavy_imports("--help")
        rows.append(
            Row(
                "heavy imports in --version/--help",
                "none",
                ", ".join(sorted(set(heavy))) or "none",
                "-",
                "python -X importtime -m c2q_repl --version",
                not heavy,
            )
        )

        with serve_sandbox(
            work, "--job-delay", "0.05", "--rpm-limit", "0", "--daily-limit", "0"
        ) as sandbox:
            repl_env = clean_env(work / "repl-env", sandbox.env())
            ours, ours_cpu, ours_rss, bare, bare_cpu, bare_rss = [], [], [], [], [], []
            ours_edit, bare_edit = [], []
            for _i in range(runs):
                t, cpu, rss, edit = prompt_time(
                    [*C2Q, "--no-transcript"], repl_env, settle_for=b"session ", settle=0.3
                )
                ours.append(t)
                ours_cpu.append(cpu)
                ours_rss.append(rss)
                ours_edit.append(edit)
                t, cpu, rss, edit = prompt_time(
                    [sys.executable, "-c", BARE_PROMPT], repl_env, settle=0.3
                )
                bare_edit.append(edit)
                bare.append(t)
                bare_cpu.append(cpu)
                bare_rss.append(rss)
        t, b = median(ours), median(bare)
        rows.append(
            Row(
                f"exec to rendered prompt, pty (median of {runs})",
                "<= 0.200 s",
                f"{t:.3f} s",
                f"{b:.3f} s (bare PromptSession().prompt())",
                "c2q  (sandbox served by another process)",
                t <= 0.200,
            )
        )
        e, eb = median(ours_edit), median(bare_edit)
        rows.append(
            Row(
                "exec until prompt_toolkit's first render (line editing live; keys typed earlier are queued)",
                "-",
                f"{e:.3f} s",
                f"{eb:.3f} s (bare PromptSession().prompt())",
                "c2q  (first cursor-position query)",
                None,
            )
        )
        c, cb = median(ours_cpu), median(bare_cpu)
        rows.append(
            Row(
                "CPU time used when the prompt shows (c2q: background start-up may have begun)",
                "-",
                f"{c:.2f} s",
                f"{cb:.2f} s (bare prompt)",
                "/proc/PID/stat utime+stime at the prompt",
                None,
            )
        )
        r, rb = median(ours_rss), median(bare_rss)
        rows.append(
            Row(
                "peak RSS at the prompt, session open (VmHWM)",
                "<= 45 MB",
                f"{r:.1f} MB",
                f"{rb:.1f} MB (bare prompt)",
                "c2q; /proc/PID/status VmHWM",
                r <= 45,
            )
        )
    from benchmarks.first_run import run as first_run  # issue 15 §3: a new machine

    rows.extend(first_run(runs=min(runs, 5)))
    return rows


def main() -> int:
    return bench_main(__doc__, run, {"runs": (int, 15)})


if __name__ == "__main__":
    sys.exit(main())
