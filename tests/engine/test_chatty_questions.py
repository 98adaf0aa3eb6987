"""A question inside sentences about the asker's life: the context is set aside and said so;
a pronoun that needs it reads the one thing it names, or the engine still declines."""

from __future__ import annotations

import pytest
from test_honesty import ask, same_rows, session

from c2q_repl.sandbox.engine.asides import Mention, is_request, question_of


def _none(text):
    return ""


def _unknown(text):
    words = (w.strip(".,?!").lower() for w in text.split())
    return tuple(w for w in words if w in {"grandson", "tomatoes", "nephew", "grows"})


@pytest.mark.parametrize(
    "sentence,asks",
    [
        ("Which sectors have more than 60 companies?", True),
        ("Could you tell me how many there are", True),
        ("I'd like to know which ones", True),
        ("My grandson says Tesla is always in the news.", False),
        ("I'd bet my good pie dish it's California.", False),
    ],
)
def test_a_request_is_told_from_context(sentence, asks):
    assert is_request(sentence) is asks


def test_context_is_set_aside_only_when_the_engine_cannot_read_it():
    text = "My grandson loves tomatoes. How many companies are in Texas?"
    asked, aside = question_of(text, _none, lambda t: False, _unknown)
    assert asked == "How many companies are in Texas?"
    assert aside == "My grandson loves tomatoes."
    # 'top 5' after the question edits it: kept
    asked, aside = question_of("which stocks did users pick most? top 5", _none, bool, _unknown)
    assert asked == "which stocks did users pick most? top 5" and aside == ""


def test_a_pronoun_reads_the_one_thing_the_context_names():
    text = "My nephew grows tomatoes and NVIDIA. What was its highest close in 2023?"
    nvidia = (Mention("entity", "NVIDIA", "companies.short_name=NVIDIA", "short_name"),)
    asked, aside = question_of(
        text, lambda t: "its" if " its " in t else "", bool, _unknown, lambda t: nvidia
    )
    assert asked == "What was NVIDIA's highest close in 2023?"
    assert "NVIDIA's highest close" in aside
    two = nvidia + (Mention("entity", "AMD", "companies.short_name=AMD", "short_name"),)
    asked, aside = question_of(
        text, lambda t: "its" if " its " in t else "", bool, _unknown, lambda t: two
    )
    assert asked == text and aside == ""  # two companies: 'its' is not guessed


@pytest.mark.parametrize(
    "question,gold",
    [
        (
            "Good morning! I taught fourth grade in Houston for thirty-one years before I "
            "retired, so I've always had a soft spot for Texas. Could you tell me how many of "
            "the companies you have are headquartered in Texas?",
            "SELECT COUNT(*) FROM companies WHERE state = 'TX'",
        ),
        (
            "Which stock has been picked by the most users on the site? I have a suspicion "
            "it's Apple, since everybody at church seems to have one of those iPhones now.",
            "SELECT stock_symbol, COUNT(*) FROM user_selected_stocks GROUP BY stock_symbol"
            " ORDER BY COUNT(*) DESC LIMIT 1",
        ),
        (
            "I like to root for the underdog, always did with my quieter students. Which "
            "Energy companies has nobody on the site picked yet?",
            "SELECT stock_symbol FROM companies WHERE sector = 'Energy' AND stock_symbol NOT IN"
            " (SELECT stock_symbol FROM user_selected_stocks)",
        ),
        (
            "My granddaughter bought me a few shares of Coca-Cola for my 70th birthday, bless "
            "her. What was its closing price on the most recent day you have?",
            "SELECT close FROM stock_price_history WHERE stock_symbol = 'KO' AND record_date ="
            " (SELECT MAX(record_date) FROM stock_price_history WHERE stock_symbol = 'KO')",
        ),
        (
            "My friend Evelyn showed me her account on your site, she's user 25. Which stocks "
            "did she pick?",
            "SELECT stock_symbol FROM user_selected_stocks WHERE user_id = 25",
        ),
        (
            "I signed up in July of 2023, right after the Fourth. How many users signed up "
            "that month?",
            "SELECT COUNT(*) FROM users WHERE created_date >= '2023-07-01'"
            " AND created_date < '2023-08-01'",
        ),
        (
            "My grandson told me to watch Tesla during the first week of December 2023. Could "
            "you show me its closing prices for those days?",
            "SELECT record_date, close FROM stock_price_history WHERE stock_symbol = 'TSLA'"
            " AND record_date BETWEEN '2023-12-01' AND '2023-12-07'",
        ),
    ],
)
def test_chatty_questions_are_answered(engine, seed_db, question, gold):
    plan = ask(engine, seed_db, question)
    assert plan.tasks[0].sql, plan.tasks[0].refusal
    assert same_rows(seed_db, plan, gold)
    notes = " ".join(a["explanation"] for a in plan.tasks[0].assumptions)
    assert "set aside" in notes


def test_a_pronoun_with_two_candidates_in_the_context_is_still_declined(engine, seed_db):
    plan = ask(
        engine,
        seed_db,
        "My son likes Apple and my daughter likes Microsoft. What was its highest close?",
    )
    assert not plan.tasks[0].sql


def test_which_sectors_have_many_companies_in_them(engine, seed_db):
    plan = ask(engine, seed_db, "Which sectors have more than 60 companies in them?")
    gold = "SELECT sector FROM companies GROUP BY sector HAVING COUNT(*) > 60"
    assert same_rows(seed_db, plan, gold)


def test_how_many_of_them_after_one_picked_among_them_counts_the_set(engine, seed_db):
    """'how many of them are in Houston' after 'which of them has the most employees': the
    Energy companies, not the one row the ranking kept."""
    plan = session(
        engine,
        seed_db,
        "Please list the companies in the Energy sector with their market cap, biggest first.",
        "Which of them has the most full time employees?",
        "how many of them are based in Houston",
    )
    gold = "SELECT COUNT(*) FROM companies WHERE sector = 'Energy' AND city = 'Houston'"
    assert same_rows(seed_db, plan, gold)


def test_the_most_recent_date_after_a_declined_question_is_a_question_of_its_own(engine, seed_db):
    plan = session(
        engine, seed_db, "aapl close on jan 5 2024", "ok whats the most recent date you have"
    )
    assert same_rows(seed_db, plan, "SELECT MAX(record_date) FROM stock_price_history")


def test_a_wish_about_my_own_things_and_an_exclamation_are_set_aside(engine, seed_db):
    plan = ask(
        engine,
        seed_db,
        "What was the S&P 500 index at on the last trading day of 2022? I want to see how my "
        "year went.",
    )
    gold = "SELECT price FROM index_price_history WHERE record_date = '2022-12-30'"
    assert same_rows(seed_db, plan, gold)
    plan = session(
        engine,
        seed_db,
        "Which companies are headquartered in Oregon?",
        "Oh my, more than I expected. Which of those is the biggest by market cap?",
    )
    gold = "SELECT stock_symbol FROM companies WHERE state = 'OR' ORDER BY market_cap DESC LIMIT 1"
    assert same_rows(seed_db, plan, gold)
