"""The job poller over real HTTP: completion, failure, partial results, cancel, faults, resume."""

from __future__ import annotations

import threading
import time
import uuid

import pytest

from c2q_repl.api import errors as E
from c2q_repl.api.poller import RESUME_AFTER, wait_for_job

from .server import Reply, ok


class JobBoard:
    """Jobs on the scripted server that finish ``duration`` seconds after the POST."""

    def __init__(
        self,
        server,
        duration: float,
        *,
        fail: str = "",
        breakdown: int = 0,
        poll_delay: float = 0.0,
    ):
        self.server = server
        self.duration = duration
        self.fail = fail
        self.breakdown = breakdown
        self.poll_delay = poll_delay
        self.started: dict[str, tuple[float, float]] = {}
        server.route("POST", "/v3/chat2data", self._start)

    def _start(self, req) -> Reply:
        job_id = uuid.uuid4().hex
        self.started[job_id] = (time.monotonic(), time.time())
        self.server.route("GET", f"/v2/jobs/{job_id}", lambda r: self._poll(job_id))
        return ok({"job_id": job_id, "session_id": 1})

    def answer(self, progress: float) -> dict:
        if not self.breakdown:
            return {
                "type": "data_retrieval",
                "task_id": "0",
                "status": "done",
                "sql": "SELECT 1",
                "data": {"columns": [{"col": "n"}], "rows": [["1"]]},
            }
        shown = self.breakdown if progress >= 1 else int(progress * self.breakdown)
        subs = [
            {"type": "data_retrieval", "task_id": f"0-{i}", "status": "done", "sql": f"SELECT {i}"}
            for i in range(shown)
        ]
        return {
            "type": "breakdown",
            "task_id": "0",
            "status": "done" if progress >= 1 else "running",
            "sub_tasks": subs,
        }

    def _poll(self, job_id: str) -> Reply:
        start, wall = self.started[job_id]
        progress = (time.monotonic() - start) / self.duration if self.duration else 1.0
        if progress < 1:
            result = self.answer(progress) if self.breakdown else None
            return Reply(
                200,
                {
                    "code": 200,
                    "msg": "",
                    "result": {
                        "job_id": job_id,
                        "status": "running",
                        "ended_at": 0,
                        "reason": "",
                        "result": result,
                    },
                },
                delay=self.poll_delay,
            )
        status = "failed" if self.fail else "done"
        return Reply(
            200,
            {
                "code": 200,
                "msg": "",
                "result": {
                    "job_id": job_id,
                    "status": status,
                    "ended_at": wall + self.duration,
                    "reason": self.fail,
                    "result": None if self.fail else self.answer(1.0),
                },
            },
            delay=self.poll_delay,
        )


def test_waits_until_done_and_reports_every_poll(server, client):
    board = JobBoard(server, 0.3)
    started = client.chat("q", cluster_id="1", database="d")
    updates = []
    job = wait_for_job(client, started.job_id, on_update=updates.append)
    assert job.status == "done" and job.answer().data.rows == [["1"]]
    polls = server.requests_to("GET", f"/v2/jobs/{started.job_id}")
    assert len(updates) == len(polls) >= 1 and updates[-1] is job
    assert all(u.status == "running" for u in updates[:-1])
    assert board.started


def test_failed_job_is_returned_with_its_reason(server, client):
    JobBoard(server, 0.05, fail="the question is not about this database")
    job = wait_for_job(client, client.chat("q", cluster_id="1", database="d").job_id)
    assert job.status == "failed" and "not about" in job.reason


def test_partial_breakdown_results_are_reported_while_running(server, client):
    JobBoard(server, 1.0, breakdown=3)
    client.job_durations.observe(
        "chat:auto_breakdown", 0.05, 0.1
    )  # make it poll early, while running
    started = client.chat("q", cluster_id="1", database="d", mode="auto_breakdown")
    seen = []
    job = wait_for_job(
        client,
        started.job_id,
        on_update=lambda j: seen.append((j.status, len(j.answer().sub_tasks) if j.answer() else 0)),
    )
    assert job.answer().is_breakdown and [t.task_id for t in job.answer().sub_tasks] == [
        "0-0",
        "0-1",
        "0-2",
    ]
    assert any(status == "running" for status, _ in seen)
    counts = [n for _, n in seen]
    assert counts == sorted(counts)


def test_learns_job_durations(server, client):
    board = JobBoard(server, 0.25)
    for _ in range(2):
        wait_for_job(client, client.chat("q", cluster_id="1", database="d").job_id)
    samples = client.job_durations.samples("chat:direct")
    assert len(samples) == 2
    for (
        s
    ) in samples:  # the true duration (give or take clock reading jitter) lies in what was learned
        assert s.low - 0.2 <= board.duration <= s.high + 0.2


def wait_in_background(client, job_id: str):
    """Start ``wait_for_job`` in a thread; returns (cancel event, list receiving the CancelledError, thread)."""
    cancel, outcome = threading.Event(), []

    def wait():
        try:
            wait_for_job(client, job_id, cancel=cancel)
        except E.CancelledError as err:
            outcome.append(err)

    worker = threading.Thread(target=wait)
    worker.start()
    return cancel, outcome, worker


def test_cancel_raises_with_the_job_id_and_leaves_the_job_resumable(server, client):
    JobBoard(server, 0.5)
    started = client.chat("q", cluster_id="1", database="d")
    cancel, outcome, worker = wait_in_background(client, started.job_id)
    cancel.set()
    worker.join(1.0)
    assert not worker.is_alive() and outcome and outcome[0].job_id == started.job_id
    board_polls = len(server.requests_to("GET", f"/v2/jobs/{started.job_id}"))
    time.sleep(RESUME_AFTER + 0.1)  # the job is done by now, and this wait is a resumption
    job = wait_for_job(client, started.job_id)  # resuming later finds the result at once
    assert job.status == "done"
    assert len(server.requests_to("GET", f"/v2/jobs/{started.job_id}")) == board_polls + 1
    assert client.job_durations.samples("chat:direct") == []  # a resumed wait teaches nothing


def test_cancel_while_a_poll_is_in_flight(server, client):
    JobBoard(server, 5.0, poll_delay=3.0)
    started = client.chat("q", cluster_id="1", database="d")
    cancel, outcome, worker = wait_in_background(client, started.job_id)
    while not server.requests_to("GET", f"/v2/jobs/{started.job_id}"):
        worker.join(0.01)
    cancel.set()
    worker.join(1.0)  # the poll itself would take 3 s
    assert not worker.is_alive() and outcome


def test_transient_poll_faults_are_retried(server, client):
    server.route(
        "GET",
        "/v2/jobs/j1",
        Reply(500, {"code": 500, "msg": "internal error!", "result": None}),
        Reply(200, b'{"code": 200, "result": {"job_id": "j1", "sta'),
        Reply(action="close"),
        ok(
            {
                "job_id": "j1",
                "status": "done",
                "result": {"type": "data_retrieval", "sql": "SELECT 1"},
            }
        ),
    )
    job = wait_for_job(client, "j1")
    assert job.status == "done" and job.answer().sql == "SELECT 1"


def test_persistent_not_found_is_raised(server, client):
    server.route(
        "GET", "/v2/jobs/nope", Reply(404, {"code": 404, "msg": "job not found", "result": None})
    )
    with pytest.raises(E.NotFoundError):
        wait_for_job(client, "nope")
    assert len(server.requests_to("GET", "/v2/jobs/nope")) == 1


def test_persistent_garbage_is_raised_after_a_few_polls(server, make_client):
    client = make_client(server.endpoint, max_retries=0)
    server.route("GET", "/v2/jobs/bad", Reply(200, "<html>not the api</html>"))
    with pytest.raises(E.ProtocolError):
        wait_for_job(client, "bad")
    assert 2 <= len(server.requests_to("GET", "/v2/jobs/bad")) <= 4


def test_max_wait_raises_job_timeout(server, client):
    JobBoard(server, 30.0)
    started = client.chat("q", cluster_id="1", database="d")
    with pytest.raises(E.JobTimeoutError) as info:
        wait_for_job(client, started.job_id, max_wait=0.3)
    assert info.value.job_id == started.job_id


def test_resumed_job_is_polled_at_once_and_not_learned(server, client):
    server.route(
        "GET",
        "/v2/jobs/old",
        ok({"job_id": "old", "status": "done", "ended_at": 1718785006, "result": None}),
    )
    job = wait_for_job(client, "old")
    assert job.status == "done" and len(server.requests_to("GET", "/v2/jobs/old")) == 1
    assert client.job_durations.samples("chat:direct") == []


def test_poll_budget_from_the_config_and_the_flag_reaches_the_poller(tmp_path, seed_cache_home):
    """``poll_budget`` in the config and ``--poll-budget N`` end up on the model the poller plans with."""
    from c2q_repl.api.durations import DEFAULT_POLL_BUDGET
    from c2q_repl.chat.connect import connect
    from c2q_repl.cli import parse_args
    from c2q_repl.config import ConnectionFlags, load_settings

    (tmp_path / "config" / "c2q").mkdir(parents=True)
    (tmp_path / "config" / "c2q" / "config.toml").write_text("poll_budget = 2.5\n")
    env = {"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    assert load_settings(ConnectionFlags(sandbox=True), env).poll_budget == 2.5
    assert load_settings(ConnectionFlags(sandbox=True), {"HOME": str(tmp_path)}).poll_budget is None

    flags = ConnectionFlags.from_args(parse_args(["--sandbox", "--poll-budget", "4"]))
    settings = load_settings(flags, env)  # the flag wins over the config
    assert settings.poll_budget == 4.0
    options = {"cache_dir": seed_cache_home / "c2q", "job_delay": 0.05}
    with connect(settings, sandbox_options=options, track_usage=False) as connection:
        assert connection.client.job_durations.poll_budget == 4.0
    with connect(
        load_settings(ConnectionFlags(sandbox=True), {"HOME": str(tmp_path)}),
        sandbox_options=options,
        track_usage=False,
    ) as connection:
        assert connection.client.job_durations.poll_budget == DEFAULT_POLL_BUDGET


@pytest.mark.parametrize("bad", ["0.5", "many", "1000"])
def test_an_impossible_poll_budget_is_a_config_error(tmp_path, bad):
    from c2q_repl.config import ConfigError, ConnectionFlags, load_settings

    (tmp_path / "c2q").mkdir()
    (tmp_path / "c2q" / "config.toml").write_text(f'poll_budget = "{bad}"\n')
    with pytest.raises(ConfigError, match="poll_budget"):
        load_settings(ConnectionFlags(sandbox=True), {"XDG_CONFIG_HOME": str(tmp_path)})
