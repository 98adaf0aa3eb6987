"""Data summary descriptions over real HTTP: what a user writes for a table or a column
(PUT .../tables/{table}, .../columns) lets the built-in engine understand their words."""

from __future__ import annotations

import pytest

from .described_db import PER_OFFICE, write_hr_database
from .helpers import ask, client, ok, poll, target

QUESTION = "how many staff members are there per office?"


@pytest.fixture
def hr_sandbox(make_sandbox, tmp_path):
    sb = make_sandbox(db=str(write_hr_database(tmp_path / "hr.sqlite")))
    with client(sb) as http:
        summary_id = ok(http.get("/v3/dataSummaries"))["data_summaries"][0]["data_summary_id"]
    return sb, summary_id


def declined(job: dict) -> bool:
    return job["status"] == "failed" and bool(job["reason"])


def rows_of(job: dict) -> list:
    assert job["status"] == "done", job
    return sorted(job["result"]["data"]["rows"])


def test_described_words_are_understood_after_the_put(hr_sandbox):
    sb, sid = hr_sandbox
    with client(sb) as http:
        assert declined(ask(http, sb, QUESTION)[1])
        table = ok(
            http.put(
                f"/v3/dataSummaries/{sid}/tables/tbl_emp",
                json={"description": "Employees, staff members"},
            )
        )
        assert table["description"] == "Employees, staff members"
        columns = ok(
            http.put(
                f"/v3/dataSummaries/{sid}/tables/tbl_emp/columns",
                json={"LOC_ID": "The office location of each employee"},
            )
        )
        assert columns["columns"]["LOC_ID"]["description"].startswith("The office location")

        job = ask(http, sb, QUESTION)[1]
        assert "LOC_ID" in job["result"]["sql"] and rows_of(job) == PER_OFFICE
        assert rows_of(ask(http, sb, "how many staff members")[1]) == [["5"]]

        # a session's rounds read the same summary
        session = ok(http.post("/v3/sessions", json=target(sb)))["session_id"]
        started = ok(
            http.post(
                f"/v3/sessions/{session}/chat2data",
                json={"question": "number of employees by office"},
            )
        )
        assert rows_of(poll(http, started["job_id"])[0]) == PER_OFFICE


def test_a_phrase_two_columns_share_is_declined(hr_sandbox):
    sb, sid = hr_sandbox
    with client(sb) as http:
        ok(
            http.put(
                f"/v3/dataSummaries/{sid}",
                json={
                    "tables": {
                        "tbl_emp": {
                            "description": "staff members",
                            "columns": {"LOC_ID": "office", "SITE_CD": "office"},
                        }
                    }
                },
            )
        )
        assert declined(ask(http, sb, QUESTION)[1])
        # once the user tells them apart, the question has one reading
        ok(
            http.put(
                f"/v3/dataSummaries/{sid}/tables/tbl_emp/columns",
                json={"SITE_CD": "badge site"},
            )
        )
        job = ask(http, sb, QUESTION)[1]
        assert "LOC_ID" in job["result"]["sql"] and rows_of(job) == PER_OFFICE
