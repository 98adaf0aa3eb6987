"""httpx and httpcore load without their unused optional parts, and leave them importable."""

from __future__ import annotations

import json
import sys

from tests import children

PROBE = """
import importlib.util, json, sys
import c2q_repl.api.client
loaded = sorted(m for m in ("httpx._main", "trio", "rich", "click") if m in sys.modules)
hidden = sorted(m for m in ("httpx._main", "trio") if m in sys.modules and sys.modules[m] is None)
installed = importlib.util.find_spec("trio") is not None
importable = True
if installed:
    import trio  # someone else in the process may still use it
    importable = trio.__name__ == "trio"
print(json.dumps({"loaded": loaded, "hidden": hidden, "importable": importable}))
"""


def test_the_client_does_not_load_httpx_cli_or_trio_and_leaves_them_importable():
    done = children.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=60
    )
    seen = json.loads(done.stdout)
    assert seen == {"loaded": [], "hidden": [], "importable": True}, seen
