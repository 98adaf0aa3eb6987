"""Job durations learned by one run warm up the poller of the next (per endpoint)."""

from __future__ import annotations

from c2q_repl.chat.connect import new_connection
from c2q_repl.chat.conversation import Conversation
from c2q_repl.chat.learned import DurationStore, durations_path
from c2q_repl.config import Credentials, Settings


def sandbox_settings(sandbox) -> Settings:
    return Settings(
        endpoint=sandbox.endpoint,
        credentials=Credentials(sandbox.public_key, sandbox.private_key),
        cluster_id=str(sandbox.cluster_id),
        database=sandbox.database,
    )


def test_a_second_run_starts_with_what_the_first_learned(make_sandbox, tmp_path):
    sandbox = make_sandbox(job_delay=0.4)
    first = new_connection(sandbox_settings(sandbox)).wait()
    try:
        assert not first.client.job_durations.samples(
            "chat:direct"
        )  # nothing learned yet: a cold start
        conversation = Conversation(first)
        for question in ("SELECT 1", "SELECT 2"):
            assert not conversation.ask(question).failed
        learned = first.client.job_durations.samples("chat:direct")
        assert learned and all(s.high >= 0.3 for s in learned)
    finally:
        first.close()
    assert durations_path().exists()

    second = new_connection(sandbox_settings(sandbox)).wait()
    try:
        assert second.client.job_durations.samples("chat:direct") == learned
        # the learned plan waits for the known duration instead of polling from 0.06 s
        assert second.client.job_durations.plan("chat:direct")[0] >= 0.3
    finally:
        second.close()


def test_a_corrupt_or_missing_store_means_a_cold_start(tmp_path):
    path = tmp_path / "durations.json"

    class Client:
        job_durations = None

    DurationStore("x", path).load_into(Client)
    assert Client.job_durations is None
    path.write_text("{not json")
    DurationStore("x", path).load_into(Client)
    assert Client.job_durations is None
