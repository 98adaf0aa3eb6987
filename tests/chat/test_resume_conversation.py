"""A conversation that continues a recorded server session (``c2q --resume``)."""

from __future__ import annotations

from c2q_repl.chat.conversation import Conversation
from tests.transcript.helpers import sample_rounds


def test_a_session_the_server_no_longer_has_opens_a_new_one(sandbox, connection_to):
    conv = Conversation(connection_to(sandbox), resume_session_id="987654321")
    conv.continue_rounds(sample_rounds()[:2])
    new_id = conv.open()
    assert conv.resume_lost == "987654321" and new_id != "987654321"
    round_ = conv.ask("how many companies are there?")
    assert round_.number == 3  # after the recorded rounds


def test_the_same_session_is_reopened_when_the_server_has_it(sandbox, connection_to):
    first = Conversation(connection_to(sandbox))
    session_id = first.open()
    again = Conversation(connection_to(sandbox), resume_session_id=session_id)
    assert again.open() == session_id and not again.resume_lost
