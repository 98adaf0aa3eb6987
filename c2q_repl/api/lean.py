"""httpx and httpcore imported without the optional parts c2q never uses.

When the packages happen to be installed, ``import httpx`` also loads its command-line
client (click, rich and pygments) and httpcore loads trio: about 0.1 s on the way to the
first open session, for code a synchronous client never runs. Those two modules are
reported missing while httpx and httpcore import (their documented fallbacks take over),
then left importable again for anyone else in the process.
"""

from __future__ import annotations

import sys

_UNUSED = ("httpx._main", "trio")

_hidden = [name for name in _UNUSED if name not in sys.modules]
for _name in _hidden:
    sys.modules[_name] = None  # type: ignore[assignment]  # makes `import` raise ImportError
try:
    import httpcore as httpcore
    import httpx as httpx
finally:
    for _name in _hidden:
        if _name in sys.modules and sys.modules[_name] is None:
            del sys.modules[_name]

__all__ = ["httpcore", "httpx"]
