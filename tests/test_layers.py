"""The import layers of docs/ARCHITECTURE.md, checked by import-linter's contracts in pyproject.

The contracts are run on the real package, and on a copy with one upward
import added, to show the check can fail.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests import children

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = shutil.which("lint-imports")

pytestmark = pytest.mark.skipif(LINT_IMPORTS is None, reason="import-linter is not installed")


def lint_imports(package_parent: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(package_parent)}
    return children.run(
        [str(LINT_IMPORTS), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=package_parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def copy_package(tmp_path: Path) -> Path:
    """The package's Python files only (the data files are not imports)."""
    shutil.copytree(
        ROOT / "c2q_repl",
        tmp_path / "c2q_repl",
        ignore=lambda folder, names: [
            n for n in names if not n.endswith(".py") and not (Path(folder) / n).is_dir()
        ],
    )
    return tmp_path


def test_the_package_keeps_its_layers():
    done = lint_imports(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


@pytest.mark.parametrize(
    ("module", "upward_import", "contract"),
    [
        ("api/endpoint.py", "import c2q_repl.config", "client layers"),
        ("render/sanitize.py", "import c2q_repl.chat.round", "client layers"),
        ("transcript/replay.py", "import c2q_repl.batch", "client layers"),
        ("sandbox/limits.py", "import c2q_repl.render.sanitize", "client layers"),
        ("render/width.py", "import c2q_repl.sandbox.contracts", "sandbox"),
    ],
)
def test_an_upward_import_breaks_the_check(tmp_path, module, upward_import, contract):
    parent = copy_package(tmp_path)
    target = parent / "c2q_repl" / module
    target.write_text(target.read_text() + f"\n{upward_import}  # an upward import\n")
    done = lint_imports(parent)
    assert done.returncode != 0, done.stdout
    broken = [line for line in done.stdout.splitlines() if line.endswith("BROKEN")]
    assert any(contract in line for line in broken), done.stdout


def test_a_new_top_level_module_must_be_given_a_layer(tmp_path):
    parent = copy_package(tmp_path)
    (parent / "c2q_repl" / "stray.py").write_text('"""not in any layer"""\n')
    done = lint_imports(parent)
    assert done.returncode != 0 and "stray" in done.stdout, done.stdout


def test_start_up_modules_stay_light():
    """``c2q --version`` must not import prompt_toolkit, httpx or pygments (the leaf
    modules cli.py now imports for exit codes and option lists included)."""
    code = (
        "import sys, c2q_repl.cli, c2q_repl.repl.app, c2q_repl.render.terminal;"
        "print(sorted(m for m in ('prompt_toolkit', 'httpx', 'pygments') if m in sys.modules))"
    )
    done = children.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "[]"
