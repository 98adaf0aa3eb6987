"""c2q: chat with a TiDB database through the Chat2Query API, in the terminal.

Kept import-free on purpose: ``c2q --version`` must not pay for prompt_toolkit,
httpx or pygments.
"""

__version__ = "0.1.0"
