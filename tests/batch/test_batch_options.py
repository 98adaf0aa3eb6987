"""`c2q ask` as a real subprocess against real sandboxes: the config's display settings,
one CSV for many questions (or a file each), complete JSON records for failures,
--fresh, --session, session names, and --sandbox with a cloud cluster configured."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from c2q_repl.api.client import Chat2QueryClient
from c2q_repl.batch import session_name
from c2q_repl.credentials import Credentials
from tests.batch.conftest import c2q
from tests.batch.test_batch_cli import Q1, Q2, UNANSWERABLE

FOLLOW_UP = "only in Technology"  # answered with the previous question's context only


def _config(env: dict[str, str], text: str) -> None:
    path = Path(env["XDG_CONFIG_HOME"]) / "c2q" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def _sessions(handle) -> list:
    with Chat2QueryClient(handle.endpoint, Credentials(handle.public_key, handle.private_key)) as c:
        return c.list_sessions()


def test_table_output_follows_the_config_display_settings(sandbox, env_for):
    env = env_for(sandbox)
    plain = c2q("ask", Q1, env=env)
    assert plain.returncode == 0 and "+-----" in plain.stdout and "█" in plain.stdout
    _config(env, 'table_format = "github"\ncharts = false\n')
    github = c2q("ask", Q1, env=env)
    assert github.returncode == 0, github.stderr
    assert "| sector " in github.stdout and "|----" in github.stdout
    assert "+-----" not in github.stdout and "█" not in github.stdout
    _config(env, 'layout = "vertical"\n')
    vertical = c2q("ask", Q2, env=env)
    assert "[ RECORD 5 ]" in vertical.stdout and "short_name" in vertical.stdout
    _config(env, 'layout = "sideways"\n')
    noted = c2q("ask", Q2, env=env)
    assert noted.returncode == 0 and "layout = 'sideways' is not one of" in noted.stderr
    assert "/feedback" not in plain.stdout  # the REPL's footer: nothing c2q ask can act on


def test_several_questions_in_csv_are_one_csv_with_a_question_column(sandbox, env_for):
    done = c2q("ask", "--format", "csv", env=env_for(sandbox), input=f"{Q2}\n{Q1}\n")
    assert done.returncode == 0, done.stderr
    rows = list(csv.reader(io.StringIO(done.stdout)))
    head = rows[0]
    assert head[0] == "question" and {"short_name", "market_cap", "sector"} <= set(head)
    assert len({len(r) for r in rows}) == 1  # one rectangular table
    assert [r[0] for r in rows[1:]] == [Q2] * 5 + [Q1] * 11
    sector = head.index("sector")
    assert rows[1][sector] == "" and rows[6][sector] and rows[6][head.index("short_name")] == ""
    single = list(csv.reader(io.StringIO(c2q("ask", "-f", "csv", Q2, env=env_for(sandbox)).stdout)))
    assert single[0][0] != "question" and len(single) == 6


def test_out_dir_writes_one_file_per_question(sandbox, env_for, tmp_path):
    out = tmp_path / "answers"
    done = c2q("ask", "-f", "csv", "--out-dir", str(out), Q2, Q1, env=env_for(sandbox))
    assert done.returncode == 0, done.stderr
    first = out / "01-top-5-companies-by-market-cap.csv"
    second = out / "02-how-many-companies-are-there-per-sector.csv"
    assert done.stdout.splitlines() == [str(first), str(second)]
    assert len(list(csv.reader(first.open()))) == 6 and len(list(csv.reader(second.open()))) == 12
    md = c2q("ask", "-f", "md", "--out-dir", str(out), Q2, env=env_for(sandbox))
    assert md.returncode == 0 and first.with_suffix(".md").read_text().startswith(f"## {Q2}")
    missing = c2q("ask", "--out-dir", str(tmp_path / "no" / "such"), Q2, env=env_for(sandbox))
    assert missing.returncode == 2 and "--out-dir" in missing.stderr


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_a_failed_record_has_every_key_with_null_values(sandbox, env_for, fmt):
    done = c2q("ask", "-f", fmt, Q2, UNANSWERABLE, env=env_for(sandbox))
    assert done.returncode == 1
    good, bad = (
        json.loads(done.stdout) if fmt == "json" else map(json.loads, done.stdout.split("\n")[:2])
    )
    assert list(bad) == list(good)  # the same keys, in the same order
    assert bad["status"] == "failed" and bad["error"]["message"]
    for key in ("sql", "columns", "rows"):
        assert good[key] and bad[key] is None


def test_fresh_asks_each_question_in_a_new_session_named_after_it(make_sandbox, env_for):
    handle = make_sandbox(daily_limit=0, rpm_limit=0)
    follow = c2q("ask", "-f", "jsonl", Q2, FOLLOW_UP, env=env_for(handle))
    assert follow.returncode == 0, follow.stderr  # one session: the follow-up has its context
    assert [s.name for s in _sessions(handle)] == [f"c2q ask: {Q2}"]
    fresh = c2q("ask", "-f", "jsonl", "--fresh", Q1, FOLLOW_UP, env=env_for(handle))
    assert fresh.returncode == 1  # no context in its own session
    assert [json.loads(line)["status"] for line in fresh.stdout.splitlines()] == [
        "answered",
        "failed",
    ]
    names = sorted(s.name for s in _sessions(handle))
    assert names == sorted([f"c2q ask: {Q2}", f"c2q ask: {Q1}", f"c2q ask: {FOLLOW_UP}"])


def test_session_continues_an_existing_session(make_sandbox, env_for):
    handle = make_sandbox(daily_limit=0, rpm_limit=0)
    first = c2q("ask", Q2, env=env_for(handle))
    assert first.returncode == 0, first.stderr
    (session,) = _sessions(handle)
    again = c2q(
        "ask", "-f", "jsonl", "--session", session.session_id, FOLLOW_UP, env=env_for(handle)
    )
    assert again.returncode == 0, again.stderr  # the follow-up has the first run's context
    assert "'Technology'" in json.loads(again.stdout)["sql"]
    assert [s.session_id for s in _sessions(handle)] == [session.session_id]
    unknown = c2q("ask", "--session", "424242", Q2, env=env_for(handle))
    assert unknown.returncode == 2 and "no session 424242" in unknown.stderr
    both = c2q("ask", "--fresh", "--session", session.session_id, Q2, env=env_for(handle))
    assert both.returncode == 2


def test_session_names_are_one_line():
    assert session_name("how many\ncompanies\x1b[31m are there?") == (
        "c2q ask: how many companies are there?"
    )
    long = session_name("word " * 40)
    assert len(long) <= 80 and long.endswith("…") and "\n" not in long


def test_sandbox_flag_works_with_a_cloud_cluster_and_database_configured(tmp_path, seed_cache_home):
    from tests.e2e.harness import isolated_env

    env = isolated_env(
        tmp_path / "env",
        {
            "XDG_CACHE_HOME": str(seed_cache_home),
            "C2Q_ENDPOINT": "https://us-west-2.data.tidbcloud.com/api/v1beta/app/chat2query-x/endpoint",
            "C2Q_PUBLIC_KEY": "PUBLIC1234",
            "C2Q_PRIVATE_KEY": "private-key-never-used",
            "C2Q_CLUSTER_ID": "10140100115280519574",
            "C2Q_DATABASE": "sales",
        },
    )
    done = c2q("ask", "--sandbox", "-f", "jsonl", "how many companies are there?", env=env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["rows"] == [[500]]
    first = done.stderr.splitlines()[0]
    assert first.startswith("c2q: --sandbox: using the local sandbox (sandbox · sp500insight")
    assert "no credentials" not in done.stderr


def test_the_repl_with_sandbox_flag_and_a_cloud_cluster_configured_answers(
    tmp_path, seed_cache_home
):
    """The same in the REPL, in a pty: the banner names the sandbox's database, and it answers."""
    from tests.e2e.harness import Screen, isolated_env
    from tests.e2e.repl_support import ask, ready

    env = isolated_env(tmp_path / "env", {"XDG_CACHE_HOME": str(seed_cache_home)})
    _config(
        env,
        '[default]\nendpoint = "https://us-west-2.data.tidbcloud.com/api/v1beta/app/chat2query-x/endpoint"\n'
        'public_key = "PUBLIC1234"\nprivate_key_env = "MY_KEY"\n'
        'cluster_id = "10140100115280519574"\ndatabase = "sales"\n',
    )
    screen = Screen(["--sandbox"], env={**env, "MY_KEY": "private-key-never-used"})
    try:
        ready(screen, timeout=60)
        assert "sandbox · sp500insight · offline" in screen.text
        ask(screen, "how many companies are there?", "500 companies", timeout=30)
        assert "not linked" not in "\n".join(screen.scrollback)
    finally:
        screen.close()
