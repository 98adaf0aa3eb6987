"""Fixtures for pty end-to-end tests (see harness.py).

``spawn_c2q(*args)`` runs the real c2q in a 120x40 pty with an isolated
environment pointing at the ``sandbox`` fixture's server (started in the test
process), so the c2q under test never starts a sandbox of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

from .harness import DEFAULT_COLS, DEFAULT_ROWS, Screen, isolated_env, sandbox_env_vars


@pytest.fixture
def c2q_env(tmp_path, seed_cache_home) -> dict[str, str]:
    """Isolated environment with no endpoint configured (c2q would use its own sandbox).

    XDG_CACHE_HOME is the shared test cache so a c2q that starts its own
    sandbox reuses the already built sample database.
    """
    return isolated_env(tmp_path / "env", {"XDG_CACHE_HOME": str(seed_cache_home)})


@pytest.fixture
def sandbox_env(c2q_env, sandbox) -> dict[str, str]:
    """Isolated environment pointing at the test's sandbox via C2Q_* variables."""
    return {**c2q_env, **sandbox_env_vars(sandbox)}


@contextmanager
def _spawner(default_env: dict[str, str]) -> Iterator[Callable[..., Screen]]:
    """A ``spawn(*args, env=None, extra_env=None, rows=40, cols=120)`` whose screens close at exit."""
    screens: list[Screen] = []

    def spawn(
        *args: str,
        env: dict[str, str] | None = None,
        extra_env: dict[str, str] | None = None,
        rows: int = DEFAULT_ROWS,
        cols: int = DEFAULT_COLS,
        **kw,
    ) -> Screen:
        merged = dict(env if env is not None else default_env)
        merged.update(extra_env or {})
        screen = Screen(args, env=merged, rows=rows, cols=cols, **kw)
        screens.append(screen)
        return screen

    try:
        yield spawn
    finally:
        for screen in screens:
            screen.close()


@pytest.fixture
def spawn_c2q(sandbox_env):
    """Factory: ``spawn_c2q("--mode", "auto_breakdown", rows=30)`` -> Screen (closed at teardown)."""
    with _spawner(sandbox_env) as spawn:
        yield spawn


@pytest.fixture
def spawn_offline(c2q_env):
    """Factory like ``spawn_c2q`` but with no endpoint configured at all."""
    with _spawner(c2q_env) as spawn:
        yield spawn
