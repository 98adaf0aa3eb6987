"""The REPL's command-line options, read from argparse once, at the edge."""

from __future__ import annotations

import argparse
from dataclasses import dataclass


@dataclass(frozen=True)
class ChatOptions:
    """What ``c2q`` (the ``chat`` command) was asked to do, besides which Data App to use."""

    theme: str | None = None
    #: where to record the transcript; None: the default file in the sessions directory
    transcript: str | None = None
    no_transcript: bool = False
    vi: bool = False
    #: ``--resume [N]``: the recorded session to continue ("last" without N)
    resume: str | None = None

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> ChatOptions:
        given = vars(args)
        return cls(
            theme=given.get("theme"),
            transcript=given.get("transcript"),
            no_transcript=bool(given.get("no_transcript")),
            vi=bool(given.get("vi")),
            resume=given.get("resume"),
        )
