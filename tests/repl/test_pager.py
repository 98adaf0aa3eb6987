from __future__ import annotations

import io
import os
import stat

from c2q_repl.repl import pager


def test_display_rows_counts_wrapping_and_wide_chars():
    assert pager.display_rows(["abc", ""], 10) == 2
    assert pager.display_rows(["x" * 25], 10) == 3
    assert pager.display_rows(["\x1b[31m" + "x" * 10 + "\x1b[0m"], 10) == 1  # escapes take no room
    assert pager.display_rows(["漢字漢字漢字"], 10) == 2  # 12 columns


def test_should_page_only_when_taller_in_auto():
    lines = ["row"] * 30
    assert not pager.should_page(lines, mode="auto", rows=40, columns=80, is_tty=True)
    assert pager.should_page(lines, mode="auto", rows=20, columns=80, is_tty=True)
    assert not pager.should_page(lines, mode="off", rows=20, columns=80, is_tty=True)
    assert not pager.should_page(lines, mode="auto", rows=20, columns=80, is_tty=False)
    assert pager.should_page(["one"], mode="on", rows=40, columns=80, is_tty=True)


def test_less_flags_only_when_less_unset():
    assert pager.pager_command({}).env["LESS"] == "-SRXF"
    assert pager.pager_command({}).command == "less"
    assert pager.pager_command({}, chop=False).env["LESS"] == "-RXF"  # prose wraps
    cmd = pager.pager_command({"LESS": "-R", "PAGER": "more"})
    assert cmd.env["LESS"] == "-R" and cmd.command == "more"


def test_emit_runs_pager_for_tall_output(tmp_path):
    script = tmp_path / "pager.sh"
    marker = tmp_path / "paged"
    script.write_text(f"#!/bin/sh\ncat > {marker}\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    env = {**os.environ, "PAGER": str(script)}
    out = io.StringIO()
    used = pager.emit(
        [f"line {i}" for i in range(50)],
        out,
        mode="auto",
        rows=20,
        columns=80,
        is_tty=True,
        environ=env,
    )
    assert used and out.getvalue() == ""
    assert marker.read_text().splitlines()[-1] == "line 49"
    marker.unlink()
    used = pager.emit(["short"], out, mode="auto", rows=20, columns=80, is_tty=True, environ=env)
    assert not used and out.getvalue() == "short\n" and not marker.exists()


def test_emit_falls_back_when_pager_missing():
    out = io.StringIO()
    env = {**os.environ, "PAGER": "/nonexistent/pager-binary"}
    used = pager.emit(["x"] * 50, out, mode="auto", rows=20, columns=80, is_tty=True, environ=env)
    assert not used and out.getvalue().count("x\n") == 50
