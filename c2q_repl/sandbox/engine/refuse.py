"""The one exception a reader raises to decline a question, with the words it could not place.

Its own module, importing nothing, so the lowest layers (time phrases) can decline too without
an import cycle through the readers' shared state (reading.py, which re-exports it).
"""

from __future__ import annotations


class Refuse(Exception):
    def __init__(self, message: str, *words: str):
        super().__init__(message)
        self.words = words
