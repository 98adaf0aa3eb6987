"""Issue 12, "any database": a schema the engine has no synonym file for."""

from __future__ import annotations

import sqlite3

import pytest

from c2q_repl.sandbox.backends.sqlite import SQLiteDatabase
from c2q_repl.sandbox.contracts import AnswerRequest, PriorRound
from c2q_repl.sandbox.engine import create_answerer
from c2q_repl.sandbox.engine.golden import rows_match
from c2q_repl.sandbox.engine.names import column_phrases, split_words, superlatives_for


@pytest.fixture(scope="module")
def clinic(tmp_path_factory):
    """A small clinic: abbreviated identifiers, TEXT columns, declared and undeclared keys."""
    path = tmp_path_factory.mktemp("clinic") / "clinic.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        CREATE TABLE Ward (WardID INTEGER PRIMARY KEY, WName TEXT, Floor INTEGER);
        CREATE TABLE Doctor (EmpID INTEGER PRIMARY KEY, Fname TEXT, Lname TEXT, DOB DATE,
                             Sex TEXT, Salary INTEGER, WardID INTEGER REFERENCES Ward(WardID));
        CREATE TABLE Patient (PatID INTEGER PRIMARY KEY, Fname TEXT, Lname TEXT, Age INTEGER,
                              Country TEXT, Weight REAL, Doctor INTEGER REFERENCES Doctor(EmpID));
        """
    )
    wards = [(1, "Cardiology", 2), (2, "Oncology", 3), (3, "Pediatrics", 1)]
    doctors = [
        (10, "Ana", "Silva", "1970-03-01", "F", 9000, 1),
        (11, "Ben", "Okafor", "1985-07-12", "M", 7000, 2),
        (12, "Chen", "Li", "1990-01-30", "F", 6500, 3),
    ]
    countries = ["France", "Japan", "Brazil", "France", "Japan", "France"]
    patients = [
        (100 + k, f"P{k}", f"L{k}", 20 + 7 * k, countries[k], 60.5 + 3 * k, 10 + k % 3)
        for k in range(6)
    ]
    conn.executemany("INSERT INTO Ward VALUES (?,?,?)", wards)
    conn.executemany("INSERT INTO Doctor VALUES (?,?,?,?,?,?,?)", doctors)
    conn.executemany("INSERT INTO Patient VALUES (?,?,?,?,?,?,?)", patients)
    conn.commit()
    conn.close()
    db = SQLiteDatabase(path)
    yield db
    db.close()


def ask(db, question, history=()):
    engine = create_answerer("builtin")
    return engine.answer(AnswerRequest(question, "direct", db.catalog(), db, history=history))


def check(db, question, gold_sql):
    task = ask(db, question).tasks[0]
    assert not task.refusal, task.refusal
    got = db.query(task.sql).rows
    assert rows_match(db.query(gold_sql).rows, got, " order by " in gold_sql.lower()), task.sql


def test_identifier_words():
    assert split_words("DeptID") == ["dept", "id"]
    assert split_words("DName") == ["d", "name"]
    assert "employee id" in column_phrases("Teacher", "EmpID")
    assert "last name" in column_phrases("Student", "Lname")
    assert {"department name", "name"} <= set(column_phrases("Department", "DName"))
    assert "student id" in column_phrases("Student", "StuID")
    assert "birth date" in column_phrases("Person", "DOB")
    assert "sex" in column_phrases("Person", "Gender")
    assert ("oldest", "desc") in superlatives_for("Age")
    assert ("oldest", "asc") in superlatives_for("DOB")


def test_text_values_are_indexed(clinic):
    check(
        clinic,
        "How many patients are from France?",
        "SELECT COUNT(*) FROM Patient WHERE Country = 'France'",
    )


def test_abbreviated_columns_are_understood(clinic):
    check(clinic, "list the last names of doctors", "SELECT Lname FROM Doctor")
    check(
        clinic,
        "average salary of doctors by gender",
        "SELECT Sex, AVG(Salary) FROM Doctor GROUP BY Sex",
    )


def test_english_superlative_ranks_the_named_tables_column(clinic):
    check(
        clinic, "who is the oldest patient?", "SELECT PatID FROM Patient ORDER BY Age DESC LIMIT 1"
    )
    check(clinic, "the heaviest patient", "SELECT PatID FROM Patient ORDER BY Weight DESC LIMIT 1")


def test_ambiguous_superlative_is_declined(clinic):
    # oldest: Patient.Age (desc) or Doctor.DOB (asc); nothing names the table
    assert ask(clinic, "who is the oldest?").tasks[0].refusal


def test_rows_are_shown_with_their_name(clinic):
    task = ask(clinic, "which ward is on the highest floor").tasks[0]
    assert "WName" in task.sql and not task.refusal


def test_a_key_is_never_compared_as_a_measure(clinic):
    task = ask(clinic, "patients with doctor over 10").tasks[0]
    assert "Doctor > 10" not in task.sql


def test_those_points_back_to_the_previous_rows(clinic):
    first = ask(clinic, "doctors in Cardiology")
    t = first.tasks[0]
    history = (
        PriorRound("doctors in Cardiology", "a0", t.clarified_task, t.sql, state=first.state),
    )
    plan = ask(clinic, "how many patients do those doctors have?", history)
    task = plan.tasks[0]
    assert not task.refusal, task.refusal
    gold = (
        "SELECT COUNT(*) FROM Patient JOIN Doctor ON Patient.Doctor = Doctor.EmpID "
        "JOIN Ward ON Doctor.WardID = Ward.WardID WHERE Ward.WName = 'Cardiology'"
    )
    assert clinic.query(task.sql).rows == clinic.query(gold).rows


@pytest.fixture(scope="module")
def films(tmp_path_factory):
    """Directors with a birth year, members with a date of birth who rate films: 'born'
    names both, and only the director's is meant in 'directors born before 1960'."""
    path = tmp_path_factory.mktemp("films") / "films.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        CREATE TABLE director (director_id INTEGER PRIMARY KEY, name TEXT, birth_year INTEGER);
        CREATE TABLE Film (FilmID INTEGER PRIMARY KEY, Title TEXT, RunTimeMins INTEGER,
                           Price REAL, director_id INTEGER REFERENCES director(director_id));
        CREATE TABLE member (member_id INTEGER PRIMARY KEY, first_name TEXT, DOB DATE);
        CREATE TABLE rating (member_id INTEGER REFERENCES member(member_id),
                             FilmID INTEGER REFERENCES Film(FilmID), score INTEGER);
        INSERT INTO director VALUES (1, 'Ray', 1921), (2, 'Varda', 1928), (3, 'Kiarostami', 1940),
                                    (4, 'Bigelow', 1951);
        INSERT INTO Film VALUES (1, 'Apu', 105, 9.5, 1), (2, 'Cleo', 90, 7.0, 2),
                                (3, 'Close-Up', 98, 12.0, 3), (4, 'Point Break', 122, 5.5, 4);
        INSERT INTO member VALUES (1, 'Ann', '1950-02-01'), (2, 'Bo', '1990-06-01');
        INSERT INTO rating VALUES (1, 1, 8), (1, 4, 6), (2, 2, 9), (2, 3, 7);
        """
    )
    conn.commit()
    conn.close()
    db = SQLiteDatabase(path)
    yield db
    db.close()


def test_born_reads_the_named_tables_own_birth_year(films):
    """Once read as the rating members' DOB, reached through films and ratings."""
    check(
        films,
        "What are the names of directors born before 1930?",
        ("SELECT name FROM director WHERE birth_year < 1930"),
    )
    check(
        films, "members born before 1960", "SELECT first_name FROM member WHERE DOB < '1960-01-01'"
    )


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "List the titles of all films, from the cheapest to the most expensive.",
            "SELECT Title FROM Film ORDER BY Price ASC",
        ),
        ("List the film titles, cheapest first", "SELECT Title FROM Film ORDER BY Price ASC"),
        (
            "List the titles of all films sorted by running time from longest to shortest.",
            "SELECT Title FROM Film ORDER BY RunTimeMins DESC",
        ),
        (
            "films from the longest to the shortest",
            "SELECT Title FROM Film ORDER BY RunTimeMins DESC",
        ),
    ],
)
def test_adjective_orderings_list_every_row(films, question, gold):
    """'from the cheapest to the most expensive' once came back as MIN and MAX prices."""
    check(films, question, gold)
    task = ask(films, question).tasks[0]
    assert len(films.query(task.sql).rows) == 4


@pytest.fixture(scope="module")
def depot(tmp_path_factory):
    """Suppliers and the products they supply: 'supplied by' names the suppliers table."""
    path = tmp_path_factory.mktemp("depot") / "depot.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        CREATE TABLE suppliers (supplier_id INTEGER PRIMARY KEY, supplier_name TEXT,
                                country TEXT);
        CREATE TABLE products (product_id INTEGER PRIMARY KEY, product_name TEXT,
                               supplier_id INTEGER REFERENCES suppliers(supplier_id));
        INSERT INTO suppliers VALUES (1, 'Shenzhen Parts', 'China'), (2, 'Acme', 'USA'),
                                     (3, 'Idle Co', 'Peru');
        INSERT INTO products VALUES (1, 'Mouse', 1), (2, 'Hub', 1), (3, 'Anvil', 2),
                                    (4, 'Rope', 2), (5, 'Cable', 1);
        """
    )
    conn.commit()
    conn.close()
    db = SQLiteDatabase(path)
    yield db
    db.close()


def test_a_verb_made_from_a_tables_name_links_its_rows(films, depot):
    """'directed by', 'supplied by', 'do not supply': once 'could not map' or 'what does by
    apply to'."""
    check(
        films,
        "What are the titles of the films directed by Ray?",
        "SELECT Title FROM Film WHERE director_id = 1",
    )
    check(
        depot,
        "List the names of products supplied by suppliers from China.",
        "SELECT product_name FROM products WHERE supplier_id = 1",
    )
    check(
        depot,
        "What are the names of the suppliers that do not supply any products?",
        "SELECT supplier_name FROM suppliers WHERE supplier_id = 3",
    )


@pytest.fixture(scope="module")
def screenings(tmp_path_factory):
    """Dates stored as TEXT (as hand-written SQLite schemas often do)."""
    path = tmp_path_factory.mktemp("screenings") / "screenings.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        CREATE TABLE Film (FilmID INTEGER PRIMARY KEY, Title TEXT, ReleaseYear INTEGER);
        CREATE TABLE screening (screening_id INTEGER PRIMARY KEY,
                                FilmID INTEGER REFERENCES Film(FilmID), screen_date TEXT,
                                room TEXT);
        INSERT INTO Film VALUES (1, 'Apu', 1955), (2, 'Cleo', 1962), (3, 'Ikiru', 2024);
        INSERT INTO screening VALUES (1, 1, '2023-11-02', 'Main'), (2, 1, '2024-02-01', 'Main'),
                                     (3, 2, '2024-05-09', 'Roof'), (4, 2, '2024-06-01', 'Main'),
                                     (5, 3, '2023-01-01', 'Roof');
        """
    )
    conn.commit()
    conn.close()
    db = SQLiteDatabase(path)
    yield db
    db.close()


def test_text_dates_and_a_verb_made_from_a_table_date_its_rows(screenings):
    """'films screened in 2024': once the films released in 2024 (the one year column),
    because a TEXT screen_date was not a date."""
    check(
        screenings,
        "How many different films were screened in 2024?",
        "SELECT COUNT(DISTINCT FilmID) FROM screening WHERE screen_date LIKE '2024%'",
    )
    check(
        screenings,
        "How many screenings were there in 2024?",
        "SELECT COUNT(*) FROM screening WHERE screen_date LIKE '2024%'",
    )
    check(
        screenings,
        "How many films were released in 2024?",
        "SELECT COUNT(*) FROM Film WHERE ReleaseYear = 2024",
    )


def test_born_never_reads_another_date_of_the_rows(tmp_path):
    """Members with a TEXT join date and a birth year: 'born after 1990' once read the join
    date (the rows' one event date)."""
    path = tmp_path / "riders.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        CREATE TABLE Member (MemberID INTEGER PRIMARY KEY, Name TEXT, Gender TEXT,
                             Birth_Year INTEGER, Join_Date TEXT);
        INSERT INTO Member VALUES (1, 'Ana', 'F', 1995, '2019-03-01'),
                                  (2, 'Bea', 'F', 1980, '2021-06-01'),
                                  (3, 'Cy', 'M', 1999, '2020-01-05');
        """
    )
    conn.commit()
    conn.close()
    db = SQLiteDatabase(path)
    try:
        check(
            db,
            "What are the names of female members born after 1990?",
            "SELECT Name FROM Member WHERE Gender = 'F' AND Birth_Year > 1990",
        )
        check(db, "members who joined in 2020", "SELECT Name FROM Member WHERE MemberID = 3")
    finally:
        db.close()


def test_full_name_names_the_rows_and_a_value_after_its_table_is_that_tables(tmp_path):
    """'Who is the oldest developer?' once answered with ids (full_name was not a name
    column); 'a race in Japan' once read as the sponsor's own country."""
    path = tmp_path / "races.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        CREATE TABLE developers (dev_id INTEGER PRIMARY KEY, full_name TEXT, DOB DATE);
        INSERT INTO developers VALUES (1, 'Ada', '1980-01-01'), (2, 'Bo', '1970-05-05');
        CREATE TABLE race (race_id INTEGER PRIMARY KEY, name TEXT, country TEXT);
        CREATE TABLE Sponsor (SponsorID INTEGER PRIMARY KEY, SponsorName TEXT,
                              HQ_Country TEXT);
        CREATE TABLE race_sponsor (race_id INTEGER REFERENCES race(race_id),
                                   sponsor_id INTEGER REFERENCES Sponsor(SponsorID));
        INSERT INTO race VALUES (1, 'Tokyo', 'Japan'), (2, 'Berlin', 'Germany');
        INSERT INTO Sponsor VALUES (1, 'Kaze', 'Japan'), (2, 'Stride', 'Germany');
        INSERT INTO race_sponsor VALUES (1, 2), (2, 1);
        """
    )
    conn.commit()
    conn.close()
    db = SQLiteDatabase(path)
    try:
        check(
            db, "Who is the oldest developer?", "SELECT full_name FROM developers WHERE dev_id = 2"
        )
        check(
            db,
            "Which sponsors have sponsored a race in Japan?",
            "SELECT SponsorName FROM Sponsor WHERE SponsorID = 2",
        )
        check(
            db,
            "Which sponsors are from Japan?",
            "SELECT SponsorName FROM Sponsor WHERE SponsorID = 1",
        )
    finally:
        db.close()


@pytest.fixture(scope="module")
def gym(tmp_path_factory):
    """A database named 'gym' with TEXT birth dates and a film called 'Persona'."""
    from c2q_repl.sandbox.embedded import open_database

    path = tmp_path_factory.mktemp("gym") / "gym.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        CREATE TABLE member (member_id INTEGER PRIMARY KEY, name TEXT, DOB TEXT, city TEXT);
        CREATE TABLE Trainer (TrainerID INTEGER PRIMARY KEY, FullName TEXT, Specialty TEXT);
        CREATE TABLE race (race_id INTEGER PRIMARY KEY, race_name TEXT, country TEXT);
        CREATE TABLE film (film_id INTEGER PRIMARY KEY, title TEXT);
        INSERT INTO member VALUES (1, 'Ann', '1965-02-01', 'Leeds'), (2, 'Bo', '1990-06-01', 'York'),
                                  (3, 'Cy', '1975-03-03', 'Leeds');
        INSERT INTO Trainer VALUES (1, 'Dee', 'Yoga'), (2, 'Eli', 'Boxing');
        INSERT INTO race VALUES (1, 'Berlin', 'Germany'), (2, 'Tokyo', 'Japan'), (3, 'Hamburg', 'Germany');
        INSERT INTO film VALUES (1, 'Persona'), (2, 'Ran');
        """
    )
    conn.commit()
    conn.close()
    db = open_database(str(path))
    yield db
    db.close()


@pytest.mark.parametrize(
    "question,gold",
    [
        ("How many members does the gym have?", "SELECT COUNT(*) FROM member"),
        ("What is the name of the oldest member?", "SELECT name FROM member WHERE member_id = 1"),
        (
            "How many members were born before 1970?",
            "SELECT COUNT(*) FROM member WHERE member_id = 1",
        ),
        (
            "List the names of the trainers who specialise in yoga.",
            "SELECT FullName FROM Trainer WHERE TrainerID = 1",
        ),
        (
            "How many races were held in Germany?",
            "SELECT COUNT(*) FROM race WHERE country = 'Germany'",
        ),
    ],
)
def test_database_name_text_birth_dates_and_linking_verbs(gym, question, gold):
    """The database's own name, a TEXT DOB, 'specialise', 'held in': each once declined."""
    check(gym, question, gold)


def test_a_word_inside_a_value_is_not_a_typo_of_it(gym):
    """'people' (read as 'person') once matched the film 'Persona' as a misspelling."""
    task = ask(gym, "How many people belong to the gym?").tasks[0]
    assert task.refusal and "Persona" not in (task.sql or "")


def test_never_through_a_chain_of_tables_is_declined(tmp_path):
    """'hotels that never received a review' was answered as hotels with no rooms."""
    path = tmp_path / "hotels.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        CREATE TABLE Hotel (HotelID INTEGER PRIMARY KEY, HotelName TEXT);
        CREATE TABLE rooms (room_id INTEGER PRIMARY KEY, hotel_id INTEGER REFERENCES Hotel(HotelID));
        CREATE TABLE stays (stay_id INTEGER PRIMARY KEY, room_id INTEGER REFERENCES rooms(room_id));
        CREATE TABLE reviews (review_id INTEGER PRIMARY KEY,
                              stay_id INTEGER REFERENCES stays(stay_id), score INTEGER);
        INSERT INTO Hotel VALUES (1, 'Alpha'), (2, 'Beta');
        INSERT INTO rooms VALUES (1, 1), (2, 2);
        INSERT INTO stays VALUES (1, 1), (2, 2);
        INSERT INTO reviews VALUES (1, 1, 9);
        """
    )
    conn.commit()
    conn.close()
    db = SQLiteDatabase(path)
    try:
        task = ask(db, "Which hotels have never received a review?").tasks[0]
        assert task.refusal and not task.sql
    finally:
        db.close()


def test_each_before_a_table_groups_even_when_it_is_a_stored_value(tmp_path):
    """'how many sales did each vendor make' once filtered products.unit = 'each'."""
    db = _unit_each_db(tmp_path)
    check(
        db,
        "how many sales did each vendor make",
        "SELECT v.name, COUNT(*) FROM sales s JOIN vendors v ON v.vendor_id = s.vendor_id"
        " GROUP BY v.vendor_id",
    )


def test_never_with_a_verb_made_from_a_table(tmp_path):
    """'products never sold' once declined ('sold' links nothing): the sales table."""
    db = _unit_each_db(tmp_path)
    check(
        db,
        "List the names of the products that have never been sold.",
        "SELECT name FROM products WHERE product_id NOT IN (SELECT product_id FROM sales)",
    )


def test_for_each_row_they_is_that_row(tmp_path):
    db = _unit_each_db(tmp_path)
    check(
        db,
        "For each vendor, how many different products did they sell?",
        "SELECT v.name, COUNT(DISTINCT s.product_id) FROM sales s"
        " JOIN vendors v ON v.vendor_id = s.vendor_id GROUP BY v.vendor_id",
    )


def test_a_whole_number_after_an_integer_column_is_its_value(tmp_path):
    db = _unit_each_db(tmp_path)
    check(db, "names of the vendors on floor 2", "SELECT name FROM vendors WHERE floor = 2")


def _unit_each_db(tmp_path):
    return _script_db(
        tmp_path,
        "market",
        """
        CREATE TABLE vendors (vendor_id INTEGER PRIMARY KEY, name TEXT, floor INTEGER);
        CREATE TABLE products (product_id INTEGER PRIMARY KEY, name TEXT, unit TEXT);
        CREATE TABLE sales (sale_id INTEGER PRIMARY KEY,
            vendor_id INTEGER REFERENCES vendors(vendor_id),
            product_id INTEGER REFERENCES products(product_id), qty INTEGER);
        INSERT INTO vendors VALUES (1, 'Green Acres', 1), (2, 'Hill Dairy', 2),
            (3, 'Bread Box', 2);
        INSERT INTO products VALUES (1, 'Eggs', 'each'), (2, 'Milk', 'litre'),
            (3, 'Rye loaf', 'each'), (4, 'Honey', 'jar');
        INSERT INTO sales VALUES (1, 1, 1, 12), (2, 2, 2, 3), (3, 2, 2, 4), (4, 3, 3, 2),
            (5, 1, 2, 1);
        """,
    )


def test_a_capital_letter_before_a_hyphen_is_a_value(tmp_path):
    """'R-rated' once became 'are-rated' (chat shorthand) and the rating was dropped."""
    db = _script_db(
        tmp_path,
        "films",
        """
        CREATE TABLE Film (film_id INTEGER PRIMARY KEY, Title TEXT, rating TEXT,
            release_year INTEGER, length_min INTEGER, genre TEXT);
        INSERT INTO Film VALUES (1, 'Night Road', 'R', 2015, 120, 'Horror'),
            (2, 'Sun Day', 'PG', 2016, 95, 'Comedy'), (3, 'Old Keys', 'R', 2005, 101, 'Horror'),
            (4, 'Deep Lake', 'PG-13', 2019, 130, 'Horror');
        """,
    )
    check(
        db,
        "What are the titles of the R-rated films released after 2010?",
        "SELECT Title FROM Film WHERE rating = 'R' AND release_year > 2010",
    )
    # 'which of them is the longest?' after a list: the one row (once every row, sorted)
    first = ask(db, "List the titles of the horror films.")
    prior = PriorRound(
        "List the titles of the horror films.",
        "a0",
        first.tasks[0].clarified_task,
        first.tasks[0].sql,
        state=first.state,
    )
    task = ask(db, "Which of them is the longest?", history=(prior,)).tasks[0]
    assert db.query(task.sql).rows == [["Deep Lake"]], task.sql


@pytest.mark.parametrize(
    "question",
    [
        "first and last names of the 2 members who rented the most films",
        "Who are the 2 members that rented the most films? Give first and last names.",
    ],
)
def test_names_beside_rows_ranked_by_a_count(tmp_path, question):
    """Once declined ('how FirstName relates to the count') or shown by key only."""
    db = _script_db(
        tmp_path,
        "rental",
        """
        CREATE TABLE members (MemberID INTEGER PRIMARY KEY, FirstName TEXT, LastName TEXT);
        CREATE TABLE films (film_id INTEGER PRIMARY KEY, Title TEXT);
        CREATE TABLE rentals (rental_id INTEGER PRIMARY KEY,
            member_id INTEGER REFERENCES members(MemberID),
            film_id INTEGER REFERENCES films(film_id));
        INSERT INTO members VALUES (1, 'Mia', 'Rossi'), (2, 'Tom', 'Becker'), (3, 'Ana', 'Lima');
        INSERT INTO films VALUES (1, 'A'), (2, 'B'), (3, 'C');
        INSERT INTO rentals VALUES (1, 1, 1), (2, 1, 2), (3, 1, 3), (4, 2, 1), (5, 2, 2),
            (6, 3, 1);
        """,
    )
    task = ask(db, question).tasks[0]
    assert not task.refusal, task.refusal
    got = db.query(task.sql).rows
    assert rows_match([["Mia", "Rossi"], ["Tom", "Becker"]], got, ordered=False), task.sql


def _museum(tmp_path):
    return _script_db(
        tmp_path,
        "museum",
        """
        CREATE TABLE Galleries (GalleryID INTEGER PRIMARY KEY, GalleryName TEXT);
        CREATE TABLE artworks (artwork_id INTEGER PRIMARY KEY, title TEXT,
            year_created INTEGER, list_price REAL,
            gallery_id INTEGER REFERENCES Galleries(GalleryID));
        CREATE TABLE exhibitions (exhibition_id INTEGER PRIMARY KEY, title TEXT,
            start_date TEXT);
        CREATE TABLE sales (sale_id INTEGER PRIMARY KEY,
            artwork_id INTEGER REFERENCES artworks(artwork_id), price_paid REAL);
        INSERT INTO Galleries VALUES (1, 'North Hall'), (2, 'South Hall');
        INSERT INTO artworks VALUES (1, 'Dawn', 1910, 500, 1), (2, 'Dusk', 1960, 900, 1),
            (3, 'Noon', 1930, 700, 2);
        INSERT INTO exhibitions VALUES (1, 'Modern Days', '2024-03-01');
        INSERT INTO sales VALUES (1, 2, 850);
        """,
    )


def test_the_table_named_after_a_column_decides_it(tmp_path):
    """'titles of the artworks created between …' once listed exhibitions' titles (the dated
    table won)."""
    db = _museum(tmp_path)
    check(
        db,
        "List the titles of the artworks created between 1900 and 1950.",
        "SELECT title FROM artworks WHERE year_created BETWEEN 1900 AND 1950",
    )


def test_a_gallery_is_named_by_gallery_name(tmp_path):
    """'Galleries' once did not match 'GalleryName' (the key was shown instead)."""
    db = _museum(tmp_path)
    task = ask(db, "Which gallery holds the most artworks?").tasks[0]
    assert db.query(task.sql).rows[0][0] == "North Hall", task.sql


def test_a_verb_two_columns_spell_is_not_guessed(tmp_path):
    """'priced' once read as sales.price_paid for artworks (list_price says 'price' too)."""
    db = _museum(tmp_path)
    task = ask(db, "List the titles of the artworks priced between 600 and 1000.").tasks[0]
    assert not task.sql or "list_price" in task.sql, task.sql


def _buses(tmp_path):
    return _script_db(
        tmp_path,
        "buses",
        """
        CREATE TABLE Routes (RouteNo varchar(4) PRIMARY KEY, RouteName varchar(60));
        CREATE TABLE Bus (FleetNo INTEGER PRIMARY KEY, year_built INTEGER, capacity INTEGER,
            depot TEXT);
        CREATE TABLE trips (trip_id INTEGER PRIMARY KEY,
            RouteNo varchar(4) REFERENCES Routes(RouteNo),
            FleetNo INTEGER REFERENCES Bus(FleetNo), pax INTEGER);
        INSERT INTO Routes VALUES ('24', 'Harbour Loop'), ('X1', 'Airport Express');
        INSERT INTO Bus VALUES (101, 2011, 80, 'West'), (102, 2015, 90, 'West'),
            (103, 2009, 70, 'East');
        INSERT INTO trips VALUES (1, '24', 101, 40), (2, '24', 102, 55), (3, 'X1', 103, 20);
        """,
    )


@pytest.mark.parametrize(
    "question,gold",
    [
        # 'buses' once read as 'buse'
        ("How many buses does each depot have?", "SELECT depot, COUNT(*) FROM Bus GROUP BY depot"),
        # the route's number is stored as text
        ("trips on route 24", "SELECT trip_id FROM trips WHERE RouteNo = '24'"),
        # 'pax' says passengers
        (
            "What is the largest number of passengers on a single trip?",
            "SELECT MAX(pax) FROM trips",
        ),
        # 'its' in a second sentence is the first sentence's bus
        (
            "Which bus is the oldest? Give its fleet number.",
            "SELECT FleetNo FROM Bus WHERE FleetNo = 103",
        ),
        # 'per trip' says what is averaged; the groups are the routes (once grouped by trip)
        (
            "For each route, what is the average number of passengers per trip?",
            "SELECT AVG(pax) FROM trips GROUP BY RouteNo",
        ),
    ],
)
def test_bus_network_words(tmp_path, question, gold):
    check(_buses(tmp_path), question, gold)


def _script_db(tmp_path, name: str, script: str):
    """A small SQLite database made from one SQL script, opened as the sandbox opens a file."""
    from c2q_repl.sandbox.embedded import open_database

    path = tmp_path / f"{name}.sqlite"
    con = sqlite3.connect(path)
    con.executescript(script)
    con.commit()
    con.close()
    return open_database(str(path))


def test_a_two_part_key_of_the_rows_own_words_is_not_shown_as_codes(tmp_path):
    """A course keyed by (dept, code) and named by its title: 'the credits of Linear Algebra'
    is the credits alone, as Spider's exact match reads it; only a key made of other tables'
    codes (an index member: the index's symbol and the stock's) is shown beside the value."""
    path = tmp_path / "school.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        CREATE TABLE Course (dept TEXT, code TEXT, title TEXT, credits INTEGER,
                             PRIMARY KEY (dept, code));
        INSERT INTO Course VALUES ('MATH', '201', 'Linear Algebra', 4),
                                  ('MATH', '101', 'Calculus', 5), ('CS', '101', 'Programming', 3);
        """
    )
    conn.commit()
    conn.close()
    db = SQLiteDatabase(path)
    try:
        task = ask(db, "what are the credits of Linear Algebra").tasks[0]
        assert not task.refusal, task.refusal
        shown = [[str(v) for v in row] for row in db.query(task.sql).rows]
        assert shown == [["4"]], task.sql
    finally:
        db.close()
