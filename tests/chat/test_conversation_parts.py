"""The parts a Conversation is made of, each on its own (no server needed)."""

from __future__ import annotations

import pytest

from c2q_repl.api.errors import ValidationError
from c2q_repl.chat.feedback import feedback_on
from c2q_repl.chat.history import RoundHistory
from c2q_repl.chat.recorder import TranscriptRecorder
from tests.transcript.helpers import make_round, sample_rounds


def test_history_numbers_after_resumed_rounds_and_marks_the_takeover():
    history = RoundHistory()
    history.prepend(sample_rounds())  # rounds 1-3, the last an error
    assert history.next_number() == 4
    assert history.boundaries == [(3, "resumed")]
    assert history.last_answered().number == 2  # the resumed context is still the server's
    history.prepend([])
    assert history.boundaries == [(3, "resumed")]  # nothing resumed: no mark


def test_a_restarted_context_keeps_the_rounds_but_none_can_be_corrected():
    history = RoundHistory()
    for round_ in sample_rounds():
        history.add(round_)
    history.restart_context("context reset")
    assert [r.number for r in history.rounds] == [1, 2, 3]
    assert history.context_rounds == [] and history.last_answered() is None
    assert history.boundaries == [(3, "context reset")]
    assert history.asked_as("job-1").number == 1 and history.asked_as("job-9") is None


def test_malformed_answers_are_skipped_for_feedback():
    history = RoundHistory()
    good, _, _ = sample_rounds()
    history.add(good)
    history.add(make_round(2, "broken", {"job_id": "job-x", "result": {}}))  # no status: raises
    assert history.last_answered() is good


def test_feedback_defaults_to_the_last_answer_and_its_task():
    first, second, _ = sample_rounds()
    assert feedback_on(first) == ("job-1", "0")
    assert feedback_on(second, "3") == ("job-2", "3")
    with pytest.raises(ValidationError, match="no answer"):
        feedback_on(None)


class _Writer:
    def __init__(self, fail_with: Exception | None = None) -> None:
        self.fail_with = fail_with
        self.events: list[tuple] = []

    def command(self, *args, **details) -> None:
        if self.fail_with is not None:
            raise self.fail_with
        self.events.append((args, details))


def test_recorder_passes_details_and_a_failed_write_stops_recording_only():
    writer = _Writer()
    recorder = TranscriptRecorder(writer)
    recorder.record("command", "kb", "add term x = y", {}, knowledge={"type": "term-sheet"})
    assert writer.events == [(("kb", "add term x = y", {}), {"knowledge": {"type": "term-sheet"}})]

    full = OSError(28, "No space left on device")
    recorder = TranscriptRecorder(_Writer(fail_with=full))
    recorder.record("command", "mode", "direct", {})  # does not raise
    assert recorder.writer is None and recorder.error is full
    recorder.record("command", "mode", "auto_breakdown", {})  # recording stays stopped
    assert recorder.error is full
    TranscriptRecorder(None).record("command", "x", "", {})  # nothing to record to
