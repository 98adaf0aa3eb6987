"""Every endpoint method, the poller and the error classes against the real sandbox server."""

from __future__ import annotations

import dataclasses

import pytest

from c2q_repl.api import errors as E
from c2q_repl.api.client import Chat2QueryClient
from c2q_repl.api.poller import wait_for_job
from c2q_repl.api.resources import DataSummary, RefineResult, Suggestions, TableSummary
from c2q_repl.config import Credentials

COUNT_SQL = "SELECT COUNT(*) AS n FROM companies"


def connect(handle, key=None, **kw) -> Chat2QueryClient:
    public, private = (key.public, key.private) if key else (handle.public_key, handle.private_key)
    return Chat2QueryClient(handle.endpoint, Credentials(public, private), **kw)


@pytest.fixture(scope="module")
def api(sandbox):
    """One client for the module: it learns the sandbox's job durations, so waits stay short."""
    with connect(sandbox) as client:
        yield client


def ask(client, started):
    job = wait_for_job(client, started.job_id)
    assert job.status == "done", job.reason
    return job


def test_data_summaries_v3(api, sandbox):
    started = api.create_data_summary(sandbox.cluster_id, sandbox.database, reuse=True)
    summary = DataSummary.from_json(ask(api, started).result)
    assert summary.ready and summary.database == sandbox.database and "companies" in summary.tables
    listed = api.list_data_summaries(cluster_id=sandbox.cluster_id, database=sandbox.database)
    assert started.data_summary_id in {s.data_summary_id for s in listed}
    detail = api.get_data_summary(started.data_summary_id)
    assert detail.data_summary_id == started.data_summary_id and detail.tables
    updated = api.update_data_summary(started.data_summary_id, description="sample S&P 500 data")
    assert (
        updated is None
        or getattr(updated, "description_user", "sample S&P 500 data") == "sample S&P 500 data"
    )
    assert api.get_data_summary(started.data_summary_id).description_user == "sample S&P 500 data"
    table = api.update_table_description(started.data_summary_id, "companies", "Listed firms")
    assert isinstance(table, (TableSummary, DataSummary, type(None)))
    api.update_column_descriptions(
        started.data_summary_id, "companies", {"stock_symbol": "Ticker symbol"}
    )
    after = api.get_data_summary(started.data_summary_id).tables["companies"]
    assert (
        after.description == "Listed firms"
        and after.columns["stock_symbol"].description == "Ticker symbol"
    )


def test_sessions_v3(api, sandbox):
    session = api.create_session(sandbox.cluster_id, sandbox.database, name="api test")
    assert session.name == "api test"
    assert session.session_id in {s.session_id for s in api.list_sessions()}
    job = ask(api, api.session_chat(session.session_id, COUNT_SQL))
    answer = job.answer()
    assert not answer.failed and answer.data.columns == ["n"] and int(answer.data.rows[0][0]) > 0
    detail = api.get_session(session.session_id)
    assert detail.messages
    renamed = api.update_session(session.session_id, "renamed")
    assert renamed is None or renamed.name == "renamed"
    assert api.get_session(session.session_id).name == "renamed"
    api.reset_session(session.session_id)
    assert api.get_session(session.session_id).messages == []


def test_feedback_ids_and_breakdown_mode_are_accepted(api, sandbox):
    session = api.create_session(sandbox.cluster_id, sandbox.database)
    first = ask(api, api.session_chat(session.session_id, COUNT_SQL))
    job = wait_for_job(
        api,
        api.session_chat(
            session.session_id,
            COUNT_SQL,
            mode="auto_breakdown",
            feedback_answer_id=first.job_id,
            feedback_task_id="0",
        ).job_id,
    )
    assert job.finished


def test_chat_v3_creates_a_session(api, sandbox):
    started = api.chat(COUNT_SQL, cluster_id=sandbox.cluster_id, database=sandbox.database)
    assert started.session_id
    assert ask(api, started).answer().data.rows


def test_chat_v3_by_data_summary_id(api, sandbox):
    summary_id = api.create_data_summary(sandbox.cluster_id, sandbox.database).data_summary_id
    assert ask(api, api.chat(COUNT_SQL, data_summary_id=summary_id)).answer().data.rows


def test_knowledge_bases(api, sandbox):
    kb = api.create_knowledge_base(sandbox.cluster_id, sandbox.database, "terms")
    assert kb.knowledge_base_id in {k.knowledge_base_id for k in api.list_knowledge_bases()}
    assert api.get_knowledge_base(kb.knowledge_base_id).knowledge_base_id == kb.knowledge_base_id
    updated = api.update_knowledge_base(kb.knowledge_base_id, description="glossary")
    assert updated is None or updated.description == "glossary"
    item = api.add_knowledge(
        kb.knowledge_base_id,
        "term-sheet",
        {"term": ["mcap", "market cap"], "description": "market capitalisation"},
    )
    few = api.add_knowledge(
        kb.knowledge_base_id, "few-shot", {"question": "how many firms?", "answer": COUNT_SQL}
    )
    api.add_knowledge(kb.knowledge_base_id, "instruction", {"instruction": "Prices are in USD."})
    ids = {k.knowledge_data_id for k in api.list_knowledge(kb.knowledge_base_id)}
    assert {item.knowledge_data_id, few.knowledge_data_id} <= ids
    changed = api.update_knowledge(
        kb.knowledge_base_id,
        item.knowledge_data_id,
        type="term-sheet",
        raw_data={"term": ["mcap"], "description": "market cap in USD"},
    )
    assert changed is None or changed.raw_data["description"] == "market cap in USD"
    api.delete_knowledge(kb.knowledge_base_id, few.knowledge_data_id)
    assert few.knowledge_data_id not in {
        k.knowledge_data_id for k in api.list_knowledge(kb.knowledge_base_id)
    }
    with pytest.raises(E.NotFoundError):
        api.delete_knowledge(kb.knowledge_base_id, few.knowledge_data_id)


def test_refine_and_suggest(api, sandbox):
    refined = RefineResult.from_json(
        ask(
            api, api.refine_sql(sandbox.cluster_id, sandbox.database, COUNT_SQL, "only the first 5")
        ).result
    )
    assert refined.rewritten_sql
    suggestions = Suggestions.from_json(
        ask(api, api.suggest_questions(sandbox.cluster_id, sandbox.database)).result
    )
    assert suggestions.questions


def test_v2_endpoints(api, sandbox):
    started = api.create_data_summary_v2(sandbox.cluster_id, sandbox.database)
    assert ask(api, started).result
    assert api.list_data_summaries_v2()
    assert api.get_data_summary_v2(started.data_summary_id).tables
    answer = ask(
        api, api.chat_v2(COUNT_SQL, cluster_id=sandbox.cluster_id, database=sandbox.database)
    ).answer()
    assert answer.sql and answer.data.rows


def test_v1_chat2data(api, sandbox):
    result = api.chat_v1(sandbox.cluster_id, sandbox.database, COUNT_SQL)
    assert result.code == 200 and result.data.rows and result.sql


def test_counts_match_what_the_server_received(sandbox):
    records = []
    with connect(sandbox, on_request=records.append) as client:
        ask(
            client, client.chat(COUNT_SQL, cluster_id=sandbox.cluster_id, database=sandbox.database)
        )
        assert client.requests_sent == len([r for r in records if r.sent])
        assert client.ai_requests_sent == 1
        assert records[0].status == 401  # the digest challenge is counted too


# ---------------------------------------------------------------------- errors from the sandbox


def test_wrong_key_is_auth_error(sandbox):
    with (
        Chat2QueryClient(
            sandbox.endpoint,
            Credentials(sandbox.public_key, "00000000-0000-0000-0000-000000000000"),
        ) as client,
        pytest.raises(E.AuthError),
    ):
        client.list_sessions()


def test_basic_auth_against_the_sandbox(sandbox):
    with connect(sandbox, auth_scheme="basic") as client:
        assert isinstance(client.list_sessions(), list) and client.requests_sent == 1


def test_unknown_ids_are_not_found(api):
    for call in (
        lambda: api.get_session(999999999),
        lambda: api.get_job("0" * 32),
        lambda: api.get_data_summary(999999999),
        lambda: api.get_knowledge_base(999999999),
    ):
        with pytest.raises(E.NotFoundError):
            call()


def test_validation_error(api):
    with pytest.raises(E.ValidationError):
        api.chat("", cluster_id="nope", database="nope")


def test_expired_key(make_sandbox):
    from c2q_repl.sandbox.keys import generate_key

    expired = dataclasses.replace(generate_key(), expired=True)
    handle = make_sandbox(keys=[generate_key(), expired])
    with connect(handle, expired) as client, pytest.raises(E.ExpiredKeyError):
        client.list_sessions()


def test_summary_not_ready(make_sandbox):
    handle = make_sandbox(ready=False, job_delay=30)
    with connect(handle) as client, pytest.raises(E.DataSummaryNotReadyError):
        client.chat(COUNT_SQL, cluster_id=handle.cluster_id, database=handle.database)


def test_daily_quota_is_not_retried(make_sandbox):
    handle = make_sandbox(daily_limit=1, rpm_limit=0)
    with connect(handle, max_retries=3) as client:
        ask(client, client.chat(COUNT_SQL, cluster_id=handle.cluster_id, database=handle.database))
        before = client.requests_sent
        with pytest.raises(E.QuotaExceededError):
            client.chat(COUNT_SQL, cluster_id=handle.cluster_id, database=handle.database)
        assert client.requests_sent == before + 1


def test_per_minute_limit_is_rate_limit_error(make_sandbox):
    handle = make_sandbox(daily_limit=0, rpm_limit=2)
    with connect(handle, max_retries=0) as client:
        with pytest.raises(E.RateLimitError) as info:
            for _ in range(5):
                client.list_sessions()
        assert info.value.retry_after is not None and info.value.retry_after > 0


@pytest.mark.parametrize(
    "fault,cls",
    [
        ("500:1", E.ServerError),
        ("502html:1", E.ServerError),
        ("badjson:1", E.ProtocolError),
        ("drop:1", E.NetworkError),
    ],
)
def test_injected_faults_map_to_typed_errors(make_sandbox, fault, cls):
    handle = make_sandbox(faults=fault)
    with connect(handle, max_retries=1, auth_scheme="basic") as client:
        with pytest.raises(cls):
            client.list_sessions()
        with pytest.raises(cls):
            client.create_session(handle.cluster_id, handle.database)
