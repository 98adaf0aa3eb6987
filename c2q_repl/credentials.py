"""A Data App API key pair: a leaf module shared by settings and the wire.

The wire (:mod:`c2q_repl.api`) signs requests with it and the settings
(:mod:`c2q_repl.config`) resolve it; keeping it here lets neither import the other.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, repr=False)
class Credentials:
    """A Data App API key. ``repr``/``str`` never show the private key."""

    public_key: str
    private_key: str

    def __repr__(self) -> str:
        return f"Credentials(public_key={self.public_key!r}, private_key='****')"

    __str__ = __repr__
