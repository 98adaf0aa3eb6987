"""Arbitrary JSON into every parser and the envelope decoder: only the typed errors come out."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from c2q_repl.api import errors as E
from c2q_repl.api import models as M
from c2q_repl.api import resources as R
from c2q_repl.api.envelope import check_response, parse_envelope

# Keys the parsers look for, so that generated objects reach deep into them.
KEYS = sorted(
    {
        "code",
        "msg",
        "message",
        "result",
        "type",
        "data",
        "columns",
        "rows",
        "col",
        "name",
        "job_id",
        "status",
        "ended_at",
        "reason",
        "task_id",
        "sub_tasks",
        "sql",
        "sql_error",
        "chart_options",
        "chartOptions",
        "chart_name",
        "option",
        "title",
        "assumptions",
        "concept",
        "explanation",
        "related_columns",
        "task_tree",
        "sub_task_list",
        "session_id",
        "meta",
        "messages",
        "role",
        "content",
        "created_at",
        "tables",
        "db_schema",
        "relationships",
        "table_relationship",
        "description",
        "system",
        "user",
        "keywords",
        "data_summary_id",
        "knowledge_base_id",
        "raw_data",
        "meta_data",
        "rewritten_sql",
        "suggestions",
        "questions",
        "question",
        "sessions",
        "items",
        "default",
        "0",
        "0-1",
        "id",
    }
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
)
json_values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(
            st.one_of(st.sampled_from(KEYS), st.text(max_size=8)), children, max_size=6
        ),
    ),
    max_leaves=40,
)

PARSERS = [
    M.ResultData.from_json,
    M.ChartOptions.from_json,
    M.Assumption.from_json,
    M.Answer.from_json,
    M.Answer.from_task_tree,
    M.Job.from_json,
    M.ChatStarted.from_json,
    R.SessionMessage.from_json,
    R.Session.from_json,
    R.Relationship.from_json,
    R.DataSummary.from_json,
    R.SummaryStarted.from_json,
    R.KnowledgeBase.from_json,
    R.KnowledgeData.from_json,
    R.RefineResult.from_json,
    R.Suggestions.from_json,
    R.V1Result.from_json,
    lambda v: R.parse_list(v, "sessions", R.Session.from_json),
]

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(json_values)
def test_every_parser_raises_only_protocol_error(value):
    for parse in PARSERS:
        try:
            parsed = parse(value)
        except E.ProtocolError:
            continue
        if isinstance(parsed, M.Job):
            try:
                answer = parsed.answer()
            except E.ProtocolError:
                continue
            if answer is not None:
                answer.leaves(), answer.failed, answer.error_text


@FUZZ
@given(st.sampled_from([200, 201, 400, 401, 403, 404, 405, 408, 418, 429, 500, 502]), json_values)
def test_envelope_decoder_raises_only_typed_errors(status, value):
    parse_envelope(value)
    content = json.dumps(value).encode()
    try:
        envelope = check_response(
            status, {"X-Ratelimit-Reset": "1"}, content, request="GET /v3/sessions"
        )
    except E.C2QError as err:
        assert str(err) and err.request == "GET /v3/sessions"
        if status < 400 and parse_envelope(value) is None:
            assert isinstance(err, E.ProtocolError)
        return
    assert status < 400 and envelope is not None


@FUZZ
@given(st.sampled_from([200, 404, 500, 502]), st.binary(max_size=200))
def test_arbitrary_bytes_raise_only_typed_errors(status, content):
    try:
        check_response(status, {}, content)
    except E.C2QError:
        pass


@FUZZ
@given(json_values)
def test_job_results_in_a_real_envelope(value):
    content = json.dumps(
        {"code": 200, "msg": "", "result": {"job_id": "j", "status": "done", "result": value}}
    ).encode()
    job = M.Job.from_json(check_response(200, {}, content).result)
    try:
        job.answer()
    except E.ProtocolError:
        pass


def test_deeply_nested_answers_are_protocol_errors_not_recursion_errors():
    import pytest

    answer: dict = {"type": "data_retrieval"}
    for _ in range(450):
        answer = {"type": "breakdown", "sub_tasks": [answer]}
    with pytest.raises(E.ProtocolError):
        M.Answer.from_json(answer)
    chain = {str(i): {"task_id": str(i), "sub_task_list": [str(i + 1)]} for i in range(2000)}
    with pytest.raises(E.ProtocolError):
        M.Answer.from_task_tree({"task_tree": chain})
