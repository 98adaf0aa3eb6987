"""Data summary descriptions as the user's synonyms (engine/described.py): which phrases a
description offers, what the lexicon copy gains, and what it never gains (precision first)."""

from __future__ import annotations

import pytest

from c2q_repl.sandbox.backends.sqlite import SQLiteDatabase
from c2q_repl.sandbox.contracts import (
    AnswerRequest,
    Description,
    KnowledgeItem,
    SchemaDescription,
)
from c2q_repl.sandbox.engine import create_answerer
from c2q_repl.sandbox.engine.described import (
    DescribedLexicons,
    described_synonyms,
    description_phrases,
    with_descriptions,
)
from c2q_repl.sandbox.engine.lexicon import Target, phrase_key
from c2q_repl.sandbox.summaries import DataSummary, user_descriptions

from ..described_db import PER_OFFICE, write_hr_database


@pytest.fixture(scope="module")
def hr(tmp_path_factory):
    db = SQLiteDatabase(write_hr_database(tmp_path_factory.mktemp("hr") / "hr.sqlite"))
    yield db
    db.close()


@pytest.fixture(scope="module")
def engine():
    return create_answerer("builtin")


@pytest.fixture(scope="module")
def lex(engine, hr):
    return engine.lexicon(hr.catalog(), hr)


def column(name: str) -> Target:
    return Target("column", "tbl_emp", name, via="description")


@pytest.mark.parametrize(
    "text,phrases",
    [
        ("office location", ("office location",)),
        ("Staff members.", ("Staff members",)),
        ("The office location of each employee, as a code", ("office location",)),
        ("The employee's office location as a numeric code", ("office location",)),
        (
            "Office location, site or branch where the employee works",
            ("Office location", "site", "branch"),
        ),
        ("Employees, staff members", ("Employees", "staff members")),
        ("staff of each office", ("staff",)),
        ("number of staff", ("number of staff",)),
        ("salary in USD per month", ("salary",)),
        ("Date the person was hired", ("Date",)),
        ("Office location (see tbl_loc)", ("Office location",)),
        ("Usually the head office", ()),
        ("Office location 2023", ("Office location",)),
        ("", ()),
        ("   ", ()),
    ],
)
def test_phrases_of_a_description(text, phrases):
    assert description_phrases(text) == phrases


def test_described_words_are_added_to_a_copy(lex):
    descriptions = (
        Description("tbl_emp", "", "staff members"),
        Description("tbl_emp", "LOC_ID", "The office location of each employee"),
    )
    described = with_descriptions(lex, descriptions)
    assert described is not lex
    assert described.phrases[phrase_key("staff members")] == [
        Target("table", "tbl_emp", via="description")
    ]
    assert described.phrases[phrase_key("office location")] == [column("LOC_ID")]
    # 'location' only points at the office: 'by office' is the office location
    assert described.phrases[phrase_key("office")] == [column("LOC_ID")]
    # the cached lexicon is untouched
    assert phrase_key("office") not in lex.phrases
    assert phrase_key("staff members") not in lex.phrases


def test_the_key_columns_id_names_the_rows(lex):
    """'employee number' of the primary key: 'employee' is a row of the table, not a group."""
    extra = described_synonyms(lex, (Description("tbl_emp", "EMP_ID", "employee number"),))
    assert extra == {
        phrase_key("employee number"): column("EMP_ID"),
        phrase_key("employee"): Target("table", "tbl_emp", via="description"),
    }


def test_no_description_no_copy(lex):
    assert with_descriptions(lex, ()) is lex
    # nothing usable (a generic word, an unknown table): the same lexicon back
    assert with_descriptions(lex, (Description("tbl_emp", "GRD", "code"),)) is lex
    assert with_descriptions(lex, (Description("nowhere", "", "staff members"),)) is lex


def test_a_description_never_overrides_a_name(lex):
    before = list(lex.phrases[phrase_key("grd")])
    extra = described_synonyms(
        lex,
        (
            Description("tbl_emp", "LOC_ID", "grd"),  # another column's own name
            Description("tbl_emp", "SITE_CD", "emp nm"),
            Description("tbl_emp", "GRD", "Ann"),  # a value in the data
        ),
    )
    assert extra == {}
    assert with_descriptions(lex, (Description("tbl_emp", "LOC_ID", "grd"),)) is lex
    assert lex.phrases[phrase_key("grd")] == before


def test_engine_keywords_and_filler_are_never_synonyms(lex):
    extra = described_synonyms(
        lex,
        (
            Description("tbl_emp", "GRD", "total"),
            Description("tbl_emp", "LOC_ID", "average"),
            Description("tbl_emp", "SITE_CD", "the"),
            Description("tbl_emp", "EMP_NM", "name"),
            # a phrase holding a word that changes the query would swallow it
            Description("tbl_emp", "GRD", "total grade"),
            Description("tbl_emp", "EMP_ID", "number of staff"),
            Description("tbl_emp", "SITE_CD", "highest site"),
        ),
    )
    assert extra == {}


def test_a_phrase_two_columns_share_is_added_to_neither(lex):
    extra = described_synonyms(
        lex,
        (
            Description("tbl_emp", "LOC_ID", "office location"),
            Description("tbl_emp", "SITE_CD", "office code"),
        ),
    )
    assert phrase_key("office") not in extra  # both say 'office'
    assert extra[phrase_key("office location")] == column("LOC_ID")
    assert extra[phrase_key("office code")] == column("SITE_CD")


def test_cache_per_descriptions(lex):
    cache = DescribedLexicons(size=2)
    first = (Description("tbl_emp", "LOC_ID", "office location"),)
    once = cache.lexicon(lex, first)
    assert cache.lexicon(lex, first) is once
    assert cache.lexicon(lex, ()) is lex
    edited = (Description("tbl_emp", "LOC_ID", "branch"),)
    changed = cache.lexicon(lex, edited)
    assert changed is not once and phrase_key("branch") in changed.phrases
    assert phrase_key("office") not in changed.phrases


def answer(engine, db, question, descriptions=(), knowledge=()):
    request = AnswerRequest(
        question, "direct", db.catalog(), db, knowledge=knowledge, descriptions=descriptions
    )
    return engine.answer(request).tasks[0]


def test_the_engine_answers_with_the_users_words(engine, hr):
    question = "how many staff members are there per office?"
    assert answer(engine, hr, question).refusal
    descriptions = (
        Description("tbl_emp", "", "Employees, staff members"),
        Description("tbl_emp", "LOC_ID", "office location"),
    )
    task = answer(engine, hr, question, descriptions)
    assert not task.refusal, task.refusal
    assert sorted(hr.query(task.sql).rows) == PER_OFFICE
    task = answer(engine, hr, "how many staff members", descriptions)
    assert hr.query(task.sql).rows == [["5"]]
    # and the next request without them knows nothing of them
    assert answer(engine, hr, question).refusal


def test_the_engine_declines_a_shared_phrase(engine, hr):
    descriptions = (
        Description("tbl_emp", "", "staff members"),
        Description("tbl_emp", "LOC_ID", "office"),
        Description("tbl_emp", "SITE_CD", "office"),
    )
    assert answer(engine, hr, "how many staff members per office", descriptions).refusal


def test_knowledge_terms_build_on_the_described_words(engine, hr):
    """A term sheet's description may use the words the data summary taught."""
    terms = (KnowledgeItem("term-sheet", {"term": ["crew"], "description": "staff members"}),)
    described = (Description("tbl_emp", "", "staff members"),)
    assert answer(engine, hr, "how many crew", knowledge=terms).refusal
    task = answer(engine, hr, "how many crew", described, terms)
    assert not task.refusal, task.refusal
    assert hr.query(task.sql).rows == [["5"]]


def test_only_the_users_own_descriptions_reach_the_engine():
    generated = SchemaDescription(
        "hr",
        "summary",
        (),
        {"tbl_emp": "Tbl emp: 5 columns."},
        {"tbl_emp": {"LOC_ID": "Loc id (a number).", "GRD": "Grd (a number)."}},
    )
    summary = DataSummary(1, "c", "hr", "", "job", description=generated)
    summary.table_overrides["tbl_emp"] = "Tbl emp: 5 columns."  # sent back unchanged
    summary.column_overrides["tbl_emp"] = {
        "GRD": " Grd (a number). ",
        "LOC_ID": "office location",
        "EMP_NM": "  ",
    }
    assert user_descriptions(summary) == (Description("tbl_emp", "LOC_ID", "office location"),)
    assert user_descriptions(None) == ()
