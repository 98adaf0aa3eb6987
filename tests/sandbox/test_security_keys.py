"""A keys-file entry with a missing or unknown role is an error at start-up (issue 10 item 7):
the sandbox fails closed instead of making the key an Admin."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from c2q_repl.sandbox.keys import KeysFileError, parse_keys
from tests import children

ENTRY = '[[keys]]\npublic = "ROLELESS"\nprivate = "ffffffff-0000-4000-8000-000000000001"\n'


@pytest.mark.parametrize("role_line", ["", 'role = ""\n', "role = 1\n", 'role = "root"\n'])
def test_a_key_without_a_known_role_is_refused(role_line):
    with pytest.raises(KeysFileError, match="ROLELESS|role"):
        parse_keys(ENTRY + role_line)


@pytest.mark.parametrize("role_line", ["", 'role = "superuser"\n'])
def test_serve_refuses_to_start_with_such_a_keys_file(tmp_path, seed_cache_home, role_line):
    keys = tmp_path / "keys.toml"
    keys.write_text(ENTRY + role_line)
    keys.chmod(0o600)
    env = {**os.environ, "XDG_CACHE_HOME": str(seed_cache_home)}
    try:
        done = children.run(
            [
                sys.executable,
                "-m",
                "c2q_repl",
                "sandbox",
                "serve",
                "--port",
                "0",
                "--keys",
                str(keys),
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=20,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("the sandbox started with a key that has no valid role")
    assert done.returncode == 2
    assert "role" in done.stderr
    assert "endpoint:" not in done.stdout
