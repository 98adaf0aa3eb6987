"""The one set of exit statuses (c2q_repl/exitcodes.py) and how outcomes map to them."""

from __future__ import annotations

import pytest

from c2q_repl.api.errors import AuthError, ExpiredKeyError, QuotaExceededError, ServerError
from c2q_repl.errors import ConfigError
from c2q_repl.exitcodes import (
    EXIT_ANSWER_FAILED,
    EXIT_AUTH,
    EXIT_OK,
    EXIT_QUOTA,
    EXIT_USAGE,
    describe,
    exit_code_for,
    stops_the_run,
    worst,
)


@pytest.mark.parametrize(
    ("error", "failed", "code"),
    [
        (None, False, EXIT_OK),
        (None, True, EXIT_ANSWER_FAILED),
        (ServerError("boom"), False, EXIT_ANSWER_FAILED),
        (QuotaExceededError("quota"), True, EXIT_QUOTA),
        (ExpiredKeyError("expired"), True, EXIT_AUTH),
        (ConfigError("bad"), True, EXIT_USAGE),
    ],
)
def test_an_outcome_maps_to_one_status(error, failed, code):
    assert exit_code_for(error, failed) == code


def test_quota_auth_and_config_errors_stop_a_run():
    assert stops_the_run(QuotaExceededError("q")) and stops_the_run(AuthError("a"))
    assert stops_the_run(ConfigError("c")) and not stops_the_run(ServerError("s"))


def test_the_worst_status_wins():
    assert worst(EXIT_OK, EXIT_ANSWER_FAILED) == EXIT_ANSWER_FAILED
    assert worst(EXIT_QUOTA, EXIT_ANSWER_FAILED) == EXIT_QUOTA
    assert worst(EXIT_AUTH, EXIT_QUOTA) == EXIT_QUOTA


def test_help_text_comes_from_the_same_table():
    assert describe() == (
        "0 ok, 1 an answer failed, 2 usage/config error, 3 quota exhausted, "
        "4 authentication failed, 130 interrupted"
    )
    assert describe({EXIT_OK: "all answered"}).startswith("0 all answered, 1 ")
