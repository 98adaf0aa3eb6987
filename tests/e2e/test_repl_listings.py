"""Slash-command output is drawn by render/ in the theme's roles (issue 11 item 8):
a colourless theme gives listings and diffs no colour, a user theme's colours
are the ones used, in the real c2q on a pty."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .repl_support import PER_SECTOR, ask, colour_escapes, command, ready

CAT_PAGER = {"PAGER": "cat"}
TOP5 = "top 5 companies by market cap"


def _listings(screen) -> None:
    ask(screen, TOP5, "5 rows")
    command(screen, "/refine only companies in the Technology sector", re.compile(r"^\+", re.M))
    assert colour_escapes(screen.raw_output) == []  # the diff
    command(screen, "/summary", "stock_symbol: Stock code")
    command(screen, "/history", re.compile(r"1\. \[direct\] top 5"))
    command(screen, "/history --server", "on the server")
    command(screen, "/sessions", re.compile(r"^\* +\d+", re.M))
    command(screen, "/session", re.compile(r"session: \d+"))
    command(screen, "/theme", re.compile(r"^\* ", re.M))


@pytest.mark.parametrize(
    ("args", "env"),
    [(("--theme", "mono"), {}), ((), {"NO_COLOR": "1"})],
    ids=["mono-theme", "NO_COLOR"],
)
def test_a_colourless_theme_means_colourless_listings(spawn_c2q, args, env):
    screen = spawn_c2q(*args, extra_env={**CAT_PAGER, **env})
    ready(screen)
    _listings(screen)
    assert colour_escapes(screen.raw_output) == []


def test_listings_use_the_theme_roles(spawn_c2q, sandbox_env):
    themes = Path(sandbox_env["XDG_CONFIG_HOME"]) / "c2q" / "themes"
    themes.mkdir(parents=True)
    (themes / "roles.toml").write_text(
        'extends = "default"\ndescription = "test roles"\n'
        '[styles]\nsuccess = "#123456"\nerror = "#654321"\nmuted = "#0a0b0c"\n'
    )
    screen = spawn_c2q("--theme", "roles", extra_env=CAT_PAGER)
    ready(screen)
    ask(screen, PER_SECTOR, "11 rows")
    command(screen, "/refine only the Technology sector", re.compile(r"^\+", re.M))
    raw = screen.raw_output
    added = re.search(rb"\x1b\[38;2;18;52;86m\+[^\x1b]*", raw)  # success: #123456
    removed = re.search(rb"\x1b\[38;2;101;67;33m-[^\x1b]*", raw)  # error: #654321
    assert added and removed, screen.dump()
    assert b"\x1b[32m+" not in raw and b"\x1b[31m-" not in raw  # no hard-coded colours
    command(screen, "/history", re.compile(r"1\. \[direct\]"))
    assert re.search(rb"\x1b\[38;2;10;11;12m\[direct\]", screen.raw_output)  # muted


def test_an_answer_no_longer_in_memory_is_shown_again_from_the_transcript(spawn_c2q):
    """Only the last 5 answers stay in memory; /history N reads older ones back."""
    screen = spawn_c2q(extra_env=CAT_PAGER)
    ready(screen)
    for n in range(1, 7):
        ask(screen, f"top {n} companies by market cap", f"{n} row")
    command(screen, "/history 1", re.compile(r"❯ top 1 companies by market cap\n(.*\n)*1 row ·"))
    assert "no longer held in memory" not in "\n".join(screen.scrollback)
