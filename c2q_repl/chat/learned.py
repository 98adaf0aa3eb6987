"""What the job poller learned about job durations, kept across c2q runs.

The poller plans its polls from recent job durations (see
:mod:`c2q_repl.api.durations`); without this file every ``c2q ask`` and every
REPL start would begin cold, spending extra requests on its first question.
Kept per endpoint in ``$XDG_STATE_HOME/c2q/durations.json``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from c2q_repl.chat.statefile import read_json_object, update_json_object
from c2q_repl.config import state_dir


def durations_path(env: Mapping[str, str] = os.environ) -> Path:
    return state_dir(env) / "durations.json"


class DurationStore:
    """Load and save one endpoint's :class:`~c2q_repl.api.durations.JobDurationModel`."""

    def __init__(self, key: str, path: Path | None = None) -> None:
        self.key = key
        self.path = path if path is not None else durations_path()

    def load_into(self, client: Any) -> None:
        """Replace the client's (empty) model with what earlier runs learned."""
        saved = read_json_object(self.path).get(self.key)
        if saved:
            from c2q_repl.api.durations import JobDurationModel

            client.job_durations = JobDurationModel.from_json(saved)

    def save_from(self, client: Any) -> None:
        """Never raises for I/O: a read-only home must not break chatting."""
        model = getattr(client, "job_durations", None)
        if model is None:
            return
        learned = model.to_json()

        def change(data: dict[str, Any]) -> None:
            data[self.key] = learned

        try:
            update_json_object(self.path, change)
        except OSError:
            pass


def apply_poll_budget(client: Any, budget: float | None) -> None:
    """Let the poller spend ``budget`` GET polls per question on average (None: its default).

    Applied after :meth:`DurationStore.load_into`, which replaces the model.
    """
    model = getattr(client, "job_durations", None)
    if budget is not None and model is not None:
        model.poll_budget = float(budget)
