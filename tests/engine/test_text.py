"""Pure parts: tokenising questions and time phrases."""

from __future__ import annotations

from c2q_repl.sandbox.engine.normalize import singular, split_identifier, tokenize
from c2q_repl.sandbox.engine.timeexpr import parse_time, resolve


def test_numbers_scales_percent_and_money():
    toks = tokenize(
        "market cap over 100 billion, growth above 5% and price under $25 with 10k staff"
    )
    nums = [(t.number, t.percent, t.money) for t in toks if t.kind == "number"]
    assert nums == [
        (100e9, False, False),
        (5.0, True, False),
        (25.0, False, True),
        (10e3, False, False),
    ]


def test_negative_numbers_keep_their_sign():
    nums = [
        t.number for t in tokenize("growth below -10% from 2021-2023 and -5") if t.kind == "number"
    ]
    assert nums == [-10.0, 2021.0, 2023.0, -5.0]


def test_number_words_dates_possessives_and_quotes():
    toks = tokenize('Apple\'s top five stocks since 2023-06-01 in "Real Estate"')
    assert [t.text for t in toks][:2] == ["Apple", "top"]
    assert any(t.kind == "number" and t.number == 5 for t in toks)
    assert any(t.kind == "date" and t.text == "2023-06-01" for t in toks)
    assert any(t.kind == "quoted" and t.text == "Real Estate" for t in toks)


def test_identifiers_and_singulars():
    assert split_identifier("full_time_employees") == ["full", "time", "employees"]
    assert split_identifier("fullTimeEmployees") == ["full", "time", "employees"]
    assert (
        singular("companies") == "company"
        and singular("indexes") == "index"
        and singular("sales") == "sales"
    )


def _time(text: str):
    toks = tokenize(text)
    parsed = parse_time(toks, 0)
    assert parsed is not None, text
    return parsed


def test_year_month_and_between():
    spec, used = _time("in 2023")
    assert (spec.start, spec.end, used) == ("2023-01-01", "2024-01-01", 2)
    spec, _ = _time("in March 2023")
    assert (spec.start, spec.end) == ("2023-03-01", "2023-04-01")
    spec, _ = _time("between 2023-01-01 and 2023-06-30")
    assert (spec.start, spec.end) == ("2023-01-01", "2023-07-01")


def test_relative_ranges_are_anchored_and_explained():
    spec, _ = _time("in the last 30 days")
    rng = resolve(spec, "2023-12-29")
    assert (rng.start, rng.end) == ("2023-11-30", "2023-12-30")
    assert "latest date in the data (2023-12-29)" in rng.explanation
    spec, _ = _time("this year")
    assert resolve(spec, "2023-11-15").start == "2023-01-01"
    spec, _ = _time("last year")
    assert (resolve(spec, "2023-11-15").start, resolve(spec, "2023-11-15").end) == (
        "2022-01-01",
        "2023-01-01",
    )
    spec, _ = _time("since 2023-06-01")
    assert resolve(spec, None).start == "2023-06-01" and resolve(spec, None).end == ""


def test_plain_numbers_are_not_time():
    assert parse_time(tokenize("5 companies"), 0) is None
    assert parse_time(tokenize("100000 employees"), 0) is None


def test_month_name_dates_and_a_trailing_comma():
    from c2q_repl.sandbox.engine.normalize import tokenize as tok
    from c2q_repl.sandbox.engine.timeexpr import parse_time

    for text, start in [
        ("Dec 29, 2023", "2023-12-29"),
        ("on 3 March 2023", "2023-03-03"),
        ("December 1st 2023", "2023-12-01"),
        ("3rd of March, 2023", "2023-03-03"),
    ]:
        spec, _ = parse_time(tok(text), 0)
        assert spec.start == start, text
    assert [t.text for t in tok("in 2023, per month")][:3] == ["in", "2023", ","]
