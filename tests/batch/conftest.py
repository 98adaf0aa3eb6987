"""`c2q ask` run as a real subprocess: an isolated environment pointing at a sandbox.

``env_for(handle, **extra)`` (fixture) builds the environment; :func:`c2q` runs
``python -m c2q_repl ARGS`` in it and returns the completed process.
"""

from __future__ import annotations

import sys

import pytest

from tests import children
from tests.e2e.harness import isolated_env, sandbox_env_vars


@pytest.fixture
def env_for(tmp_path, seed_cache_home):
    def make(handle, **extra):
        env = isolated_env(tmp_path / "env", {"XDG_CACHE_HOME": str(seed_cache_home)})
        env.update(sandbox_env_vars(handle))
        env.update(extra)
        return env

    return make


def c2q(*args, env, input=None, timeout=60):
    return children.run(
        [sys.executable, "-m", "c2q_repl", *args],
        env=env,
        input=input,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
