"""The precision guard (engine/guard.py): an answer whose SQL does not account for the
question is declined with what was not accounted for — and a right answer passes untouched."""

from __future__ import annotations

import sqlite3

import pytest

from c2q_repl.sandbox.backends.sqlite import SQLiteDatabase
from c2q_repl.sandbox.contracts import AnswerRequest
from c2q_repl.sandbox.engine import create_answerer
from c2q_repl.sandbox.engine.guard import unaccounted
from c2q_repl.sandbox.engine.linking import link
from c2q_repl.sandbox.engine.vocabulary import build_lexicon

_SCRIPT = """
    CREATE TABLE team (Team_ID INTEGER PRIMARY KEY, Name TEXT, Country TEXT);
    CREATE TABLE "match" (Match_ID INTEGER PRIMARY KEY, Year INTEGER, Group_Name TEXT,
                          Home_Team_ID INTEGER REFERENCES team(Team_ID), Goals INTEGER,
                          Match_Order INTEGER);
    CREATE TABLE "Order Items" (item_id INTEGER PRIMARY KEY, product_name TEXT,
                                quantity INTEGER);
    CREATE TABLE fan (fan_id INTEGER PRIMARY KEY, Name TEXT, Birth_Year INTEGER,
                      Join_Date TEXT, visit_count INTEGER, Is_Premium BOOL);
    CREATE TABLE track (track_id INTEGER PRIMARY KEY, name TEXT, milliseconds INTEGER,
                        unit_price REAL);
    CREATE TABLE review (review_id INTEGER PRIMARY KEY,
                         Team_ID INTEGER REFERENCES team(Team_ID), rating INTEGER);
"""


@pytest.fixture(scope="module")
def cup(tmp_path_factory):
    path = tmp_path_factory.mktemp("cup") / "cup.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(_SCRIPT)
    countries = ("Spain", "Brazil", "Japan")
    conn.executemany(
        "INSERT INTO team VALUES (?, ?, ?)",
        [(k, f"Team{k}", countries[k % 3]) for k in range(1, 13)],
    )
    conn.executemany(
        "INSERT INTO match VALUES (?, ?, ?, ?, ?, ?)",
        [
            (k, (2010, 2014, 2018)[k % 3], "ABCD"[k % 4], 1 + k % 12, k % 6, 1 + k % 8)
            for k in range(1, 60)
        ],
    )
    conn.executemany(
        "INSERT INTO 'Order Items' VALUES (?, ?, ?)",
        [(k, ("pen", "cup")[k % 2], 1 + k % 5) for k in range(1, 20)],
    )
    conn.executemany(
        "INSERT INTO review VALUES (?, ?, ?)", [(k, 1 + k % 12, 1 + k % 5) for k in range(1, 30)]
    )
    conn.executemany(
        "INSERT INTO fan VALUES (?, ?, ?, ?, ?, ?)",
        [
            (k, f"Fan{k}", 1990 + k % 40, f"20{10 + k % 14}-05-0{1 + k % 9}", k % 7, k % 2)
            for k in range(1, 40)
        ],
    )
    conn.executemany(
        "INSERT INTO track VALUES (?, ?, ?, ?)",
        [(k, f"Song{k}", 150000 + 9000 * k, (0.99, 1.29)[k % 2]) for k in range(1, 25)],
    )
    conn.commit()
    conn.close()
    db = SQLiteDatabase(path, path.stem)
    yield db
    db.close()


@pytest.fixture(scope="module")
def lex(cup):
    return build_lexicon(cup.catalog(), cup)


def _doubt(question: str, sql: str, lex) -> str | None:
    decline = unaccounted(question, link(question, lex), sql, lex.catalog)
    return None if decline is None else decline.reason


def _ask(db, question: str):
    engine = create_answerer("builtin")
    return engine.answer(AnswerRequest(question, "direct", db.catalog(), db)).tasks[0]


# ------------------------------------------------------------------ each rule, on given SQL
def test_a_table_the_database_lacks_is_declined(lex):
    # 'Order Items' written unquoted reads back as the table Order aliased Items
    reason = _doubt("How many order items are there?", "SELECT COUNT(*) FROM Order AS Items", lex)
    assert reason is not None and "'Order'" in reason and "Order Items" in reason
    assert (
        _doubt("How many order items are there?", "SELECT COUNT(*) FROM `Order Items`", lex) is None
    )


def test_a_column_the_database_lacks_is_declined(lex):
    reason = _doubt("How many teams are there?", "SELECT COUNT(Team_Key) FROM team", lex)
    assert reason is not None and "Team_Key" in reason


def test_conditions_no_row_can_meet_are_declined(lex):
    question = "Which teams never received a rating below 3?"
    sql = (
        "SELECT DISTINCT team.Name FROM team JOIN review ON review.Team_ID = team.Team_ID "
        "WHERE review.rating IS NULL AND review.rating < 3"
    )
    assert "review.rating" in (_doubt(question, sql, lex) or "")
    clash = "SELECT Name FROM team WHERE Country = 'Spain' AND Country = 'Japan'"
    assert _doubt("teams from Spain and Japan", clash, lex) is not None
    assert _doubt("teams from Spain", "SELECT Name FROM team WHERE Country = 'Spain'", lex) is None


def test_a_count_of_the_grouped_thing_itself_is_declined(lex):
    question = "Which teams are the home team of more than 4 matches?"
    constant = (
        "SELECT team.Name FROM team JOIN match ON match.Home_Team_ID = team.Team_ID "
        "GROUP BY match.Home_Team_ID, team.Name HAVING COUNT(DISTINCT team.Team_ID) > 4"
    )
    assert "always 1" in (_doubt(question, constant, lex) or "")
    right = constant.replace("COUNT(DISTINCT team.Team_ID)", "COUNT(*)")
    assert _doubt(question, right, lex) is None


def test_how_many_answered_by_adding_up_a_sequence_column_is_declined(lex):
    question = "How many matches does each team have?"
    summed = "SELECT Home_Team_ID, SUM(Match_Order) FROM match GROUP BY Home_Team_ID"
    reason = _doubt(question, summed, lex)
    assert reason is not None and "Match_Order" in reason and "a count" in reason
    counted = "SELECT Home_Team_ID, COUNT(*) FROM match GROUP BY Home_Team_ID"
    assert _doubt(question, counted, lex) is None
    assert _doubt("total goals", "SELECT SUM(Goals) FROM match", lex) is None


def test_a_one_letter_code_left_out_of_the_sql_is_declined(lex):
    question = "What are the years of matches in group A?"
    reason = _doubt(question, "SELECT Year FROM match", lex)
    assert reason is not None and "'A'" in reason
    assert _doubt(question, "SELECT Year FROM match WHERE Group_Name = 'A'", lex) is None
    # the article at the start of a sentence, and 'I', are no codes
    assert _doubt("A list of teams", "SELECT Name FROM team", lex) is None


def test_a_value_or_quoted_text_left_out_of_the_sql_is_declined(lex):
    assert "'Spain'" in (
        _doubt("How many teams from Spain?", "SELECT COUNT(*) FROM team", lex) or ""
    )
    reason = _doubt("teams called 'Blue Stars'", "SELECT Name FROM team", lex)
    assert reason is not None and "'Blue Stars'" in reason


def test_a_number_left_out_or_compared_with_the_wrong_thing_is_declined(lex):
    question = "matches with more than 3 goals"
    assert "'3'" in (_doubt(question, "SELECT Match_ID FROM match", lex) or "")
    assert _doubt(question, "SELECT Match_ID FROM match WHERE Goals > 3", lex) is None
    # 'at least 2 matches' counts matches; comparing 2 with a column of the rows is a misreading
    counted = "teams that are the home team of at least 2 matches"
    misread = (
        "SELECT DISTINCT team.Name FROM team JOIN match ON match.Home_Team_ID = team.Team_ID "
        "WHERE match.Goals >= 2"
    )
    assert "'2 matches'" in (_doubt(counted, misread, lex) or "")
    having = (
        "SELECT team.Name FROM team JOIN match ON match.Home_Team_ID = team.Team_ID "
        "GROUP BY team.Team_ID, team.Name HAVING COUNT(*) >= 2"
    )
    assert _doubt(counted, having, lex) is None
    assert (
        _doubt("top 3 matches by goals", "SELECT * FROM match ORDER BY Goals DESC LIMIT 3", lex)
        is None
    )


def test_a_named_column_the_sql_never_reads_is_declined(lex):
    reason = _doubt("the goals of each match", "SELECT Match_ID FROM match", lex)
    assert reason is not None and "goals" in reason
    assert _doubt("the goals of each match", "SELECT Match_ID, Goals FROM match", lex) is None


def test_a_count_answered_with_rows_is_declined(lex):
    question = "Count the matches played in 2014."
    listed = "SELECT Match_ID, Year FROM match WHERE Year = 2014"
    assert "how many matches" in (_doubt(question, listed, lex) or "")
    counted = "SELECT COUNT(*) FROM match WHERE Year = 2014"
    assert _doubt(question, counted, lex) is None
    # a column that holds the count answers 'how many' without COUNT
    assert (
        _doubt(
            "How many goals did match 3 have?", "SELECT Goals FROM match WHERE Match_ID = 3", lex
        )
        is None
    )


def test_a_time_phrase_after_a_verb_filters_the_column_the_verb_names(lex):
    question = "How many fans joined in 2021?"
    wrong = "SELECT COUNT(*) FROM fan WHERE Birth_Year = 2021"
    reason = _doubt(question, wrong, lex)
    assert reason is not None and "Join_Date" in reason and "Birth_Year" in reason
    right = "SELECT COUNT(*) FROM fan WHERE Join_Date >= '2021-01-01' AND Join_Date < '2022-01-01'"
    assert _doubt(question, right, lex) is None
    # 'born' names no column: the birth year is read without objection
    born = "SELECT COUNT(*) FROM fan WHERE Birth_Year = 1999"
    assert _doubt("How many fans were born in 1999?", born, lex) is None


def test_a_number_of_rows_the_question_never_gave_is_declined(lex):
    question = "What is the highest rating of reviews for each team?"
    ranked = (
        "SELECT Team_ID, rating FROM (SELECT Team_ID, rating, ROW_NUMBER() OVER (PARTITION BY "
        "Team_ID ORDER BY rating DESC) AS rank_in_group FROM review) AS ranked "
        "WHERE rank_in_group <= {n}"
    )
    assert "keep 10 rows" in (_doubt(question, ranked.format(n=10), lex) or "")
    assert _doubt(question, ranked.format(n=1), lex) is None
    said = "What are the 2 highest ratings of reviews for each team?"
    assert _doubt(said, ranked.format(n=2), lex) is None
    top = "SELECT Match_ID FROM match ORDER BY Goals DESC LIMIT 10"
    assert _doubt("the top matches by goals", top, lex) is None  # 'top': the stated default
    assert _doubt("matches with the most goals", top.replace("10", "5"), lex) is not None


def test_rows_listed_without_their_key_or_name_are_declined(lex):
    question = "Show all teams sorted by country"
    bare = "SELECT Country FROM team ORDER BY Country"
    assert "the teams themselves" in (_doubt(question, bare, lex) or "")
    assert _doubt(question, "SELECT Team_ID, Name, Country FROM team ORDER BY Country", lex) is None
    # asking for a column of the rows is not asking for the rows
    assert _doubt("the countries of teams", bare, lex) is None


def test_each_group_answered_with_the_top_group_only_is_declined(lex):
    question = "What is the highest number of goals of matches in each group?"
    top_group = (
        "SELECT Group_Name, SUM(Goals) AS total FROM match GROUP BY Group_Name "
        "HAVING SUM(Goals) = (SELECT MAX(g.total) FROM (SELECT SUM(Goals) AS total FROM match "
        "GROUP BY Group_Name) AS g)"
    )
    assert "each group" in (_doubt(question, top_group, lex) or "")
    per_group = "SELECT Group_Name, MAX(Goals) FROM match GROUP BY Group_Name"
    assert _doubt(question, per_group, lex) is None
    assert _doubt("which group has the most goals", top_group, lex) is None


def test_a_number_compared_with_another_column_than_said_is_declined(lex):
    question = "List the tracks with a price above 1 and a length under 200000."
    misread = "SELECT name FROM track WHERE milliseconds > 1 AND milliseconds < 200000"
    reason = _doubt(question, misread, lex)
    assert reason is not None and "'price above 1'" in reason and "milliseconds" in reason
    right = "SELECT name FROM track WHERE unit_price > 1 AND milliseconds < 200000"
    assert _doubt(question, right, lex) is None


def test_what_a_question_may_leave_out(lex):
    # a verb that also begins a column name ('released' → release_year) is still a verb
    assert (
        _doubt(
            "matches played in group C", "SELECT Match_ID FROM match WHERE Group_Name = 'C'", lex
        )
        is None
    )
    # the rows shown by exactly the columns asked for need no key
    shown = "SELECT milliseconds, unit_price FROM track ORDER BY milliseconds"
    assert _doubt("Show the tracks, showing length and price, sorted by length", shown, lex) is None


def test_crossing_bounds_and_a_dropped_or_are_declined(lex):
    question = "matches with more than 4 goals or fewer than 2 goals"
    crossed = "SELECT Match_ID FROM match WHERE Goals > 4 AND Goals < 2"
    assert "no row can meet" in (_doubt(question, crossed, lex) or "")
    either = "SELECT Match_ID FROM match WHERE Goals > 4 OR Goals < 2"
    assert _doubt(question, either, lex) is None
    assert (
        _doubt("matches with 2 or more goals", "SELECT Match_ID FROM match WHERE Goals >= 2", lex)
        is None
    )
    both = "SELECT Name FROM team WHERE Country = 'Spain' AND Name = 'Team3'"
    reason = _doubt("teams from Spain or named Team3", both, lex)
    assert reason is not None and "'Spain or named'" in reason
    listed = "SELECT Name FROM team WHERE Country IN ('Spain', 'Japan')"
    assert _doubt("teams from Spain or Japan", listed, lex) is None


def test_rows_named_by_a_prefixed_name_column_are_shown(tmp_path):
    db = tmp_path / "s.sqlite"
    conn = sqlite3.connect(db)
    conn.executescript(
        "CREATE TABLE Student (StuID INTEGER PRIMARY KEY, Fname TEXT, Lname TEXT, Major INTEGER);"
        "INSERT INTO Student VALUES (1, 'Ann', 'Lee', 2);"
    )
    conn.close()
    store = SQLiteDatabase(db, db.stem)
    try:
        lex = build_lexicon(store.catalog(), store)
        shown = "SELECT Fname, Lname, Major FROM Student WHERE Major = 2"
        assert _doubt("students whose major is 2", shown, lex) is None
    finally:
        store.close()


def test_a_yes_no_column_only_shown_is_declined(lex):
    question = "List the names of fans born after 1999 that are premium."
    shown = "SELECT Name, Is_Premium FROM fan WHERE Birth_Year > 1999"
    reason = _doubt(question, shown, lex)
    assert reason is not None and "Is_Premium" in reason
    kept = "SELECT Name FROM fan WHERE Birth_Year > 1999 AND Is_Premium = 1"
    assert _doubt(question, kept, lex) is None
    whether = "List the names of fans and whether they are premium"
    assert _doubt(whether, "SELECT Name, Is_Premium FROM fan", lex) is None


def test_never_read_as_an_empty_column_of_joined_rows_is_declined(lex):
    question = "Which teams never received a review?"
    joined = (
        "SELECT DISTINCT team.Name FROM team JOIN review ON review.Team_ID = team.Team_ID "
        "WHERE review.rating IS NULL"
    )
    assert "'never'" in (_doubt(question, joined, lex) or "")
    anti = (
        "SELECT Name FROM team WHERE NOT Team_ID IN "
        "(SELECT review.Team_ID FROM review WHERE NOT review.Team_ID IS NULL)"
    )
    assert _doubt(question, anti, lex) is None
    own = "SELECT Name FROM team WHERE Country IS NULL"
    assert _doubt("Which teams have no country?", own, lex) is None


def test_how_many_x_counting_the_rows_joined_from_is_declined(lex):
    joined = "SELECT COUNT(*) FROM match JOIN team ON match.Home_Team_ID = team.Team_ID"
    reason = _doubt("How many match teams are there?", joined, lex)  # 'match teams': teams
    assert reason is not None and "how many teams" in reason and "match rows" in reason
    spain = joined + " WHERE team.Country = 'Spain'"
    assert _doubt("How many matches of teams from Spain are there?", spain, lex) is None


def test_have_no_x_read_as_another_value_is_declined(lex):
    question = "How many teams have no Spain?"  # a value after 'have no': absence, not inequality
    unequal = "SELECT COUNT(*) FROM team WHERE Country <> 'Spain'"
    assert "'no Spain'" in (_doubt(question, unequal, lex) or "")
    assert _doubt("How many teams are not from Spain?", unequal, lex) is None


# ------------------------------------------------------------------ end to end, through the engine
def test_engine_declines_instead_of_reading_a_table_it_cannot_name(cup):
    task = _ask(cup, "How many order items are there?")
    if task.sql:  # a correct answer is fine too: it must run and count the 19 rows
        assert cup.query(task.sql).rows == [["19"]] or cup.query(task.sql).rows == [[19]]
    else:
        assert "Order Items" in task.refusal


def test_engine_never_sums_a_sequence_column_for_how_many(cup):
    task = _ask(cup, "how many match orders does each team have")
    assert not task.sql or "SUM(" not in task.sql.upper()
    if not task.sql:
        assert "Match_Order" in task.refusal


def test_engine_never_drops_the_group_letter(cup):
    task = _ask(cup, "What are the years of matches in group A?")
    if task.sql:
        assert "'A'" in task.sql
    else:
        assert "'A'" in task.refusal


def test_engine_never_lists_rows_for_a_count(cup):
    # 'Count' also names visit_count: the rows were listed with it shown
    task = _ask(cup, "Count the fans born in 1999")
    assert not task.sql or "COUNT(" in task.sql.upper(), task.sql
    task = _ask(cup, "How many fans joined in 2021?")
    assert not task.sql or "Join_Date" in task.sql, task.sql


def test_engine_answers_each_group_or_declines(cup):
    for question in (
        "What is the highest number of goals of matches in each group?",
        "What is the highest rating of reviews for each team?",
    ):
        task = _ask(cup, question)
        assert not task.sql or ("HAVING" not in task.sql and "<= 10" not in task.sql), task.sql


def test_engine_compares_each_number_with_its_own_column(cup):
    task = _ask(cup, "List the tracks with a price above 1 and a length under 200000.")
    assert not task.sql or "unit_price > 1" in task.sql, task.sql


_FESTIVAL = """
    CREATE TABLE band (Band_ID INTEGER PRIMARY KEY, Name TEXT, Country TEXT);
    CREATE TABLE show (show_ID INTEGER PRIMARY KEY, show_Name TEXT, Theme TEXT);
    CREATE TABLE band_in_show (show_ID INTEGER REFERENCES show(show_ID),
                               Band_ID INTEGER REFERENCES band(Band_ID),
                               PRIMARY KEY (show_ID, Band_ID));
    INSERT INTO band VALUES (1, 'Ash', 'Chile'), (2, 'Birch', 'Chile'), (3, 'Cedar', 'Kenya'),
                            (4, 'Dune', 'Kenya');
    INSERT INTO show VALUES (1, 'Opening', 'Rock'), (2, 'Closing', 'Jazz');
    INSERT INTO band_in_show VALUES (1, 1), (2, 3);
"""


def test_an_opening_verb_read_as_a_table_is_declined(tmp_path):
    path = tmp_path / "festival.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(_FESTIVAL)
    conn.close()
    db = SQLiteDatabase(path, path.stem)
    try:
        lex = build_lexicon(db.catalog(), db)
        question = "Show all countries and the number of bands in each country."
        joined = (
            "SELECT band.Country, COUNT(*) FROM band JOIN band_in_show ON band_in_show.Band_ID "
            "= band.Band_ID JOIN show ON band_in_show.show_ID = show.show_ID GROUP BY band.Country"
        )
        assert "'Show' as the table show" in (_doubt(question, joined, lex) or "")
        plain = "SELECT Country, COUNT(*) FROM band GROUP BY Country"
        assert _doubt(question, plain, lex) is None
        both = "Show the themes of all shows"
        assert _doubt(both, "SELECT Theme FROM show", lex) is None
        task = _ask(db, question)  # the engine: bands per country, or a decline
        assert not task.sql or "show" not in task.sql.lower().replace("show_", ""), task.sql
    finally:
        db.close()


def test_engine_keeps_the_rows_a_yes_no_column_names(cup):
    task = _ask(cup, "List the names of fans born after 1999 that are premium.")
    assert not task.sql or "WHERE" in task.sql and "Is_Premium =" in task.sql, task.sql


def _ask_served(db, question: str):
    """Asked as `c2q sandbox serve` asks: the server's answerer after its start-up summary."""
    from c2q_repl.sandbox.answerer import build_answerer

    answerer = build_answerer("builtin")
    answerer.describe(db.catalog(), db)
    return answerer.answer(AnswerRequest(question, "direct", db.catalog(), db)).tasks[0]


def test_engine_guards_the_final_sql_after_the_columns_are_trimmed(cup, monkeypatch):
    """The guard reads the SQL the user gets: a column lost when the SELECT list is trimmed to
    what was asked (projection.py) is caught there, not let through."""
    from dataclasses import replace

    import c2q_repl.sandbox.engine.builtin as builtin

    trim = builtin.asked_projection

    def trim_too_much(task, *args):
        task = trim(task, *args)
        return replace(task, sql=task.sql.replace(", Join_Date", ""))

    monkeypatch.setattr(builtin, "asked_projection", trim_too_much)
    task = _ask_served(cup, "List the names of fans and their join date.")
    assert not task.sql and "'join date'" in task.refusal, task.sql


def test_engine_still_answers_what_it_accounts_for(cup):
    for question, needle in (
        ("list matches of group C", "'C'"),
        ("how many teams from Spain", "'Spain'"),
        ("matches in 2014 with more than 3 goals", "> 3"),
        ("teams with more than 3 matches", "HAVING COUNT(*) > 3"),
    ):
        task = _ask(cup, question)
        assert task.sql and needle in task.sql, (question, task.refusal)
