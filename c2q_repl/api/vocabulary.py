"""The values the Chat2Query API accepts for the client's options: one home for each list.

Settings validate against these, ``c2q --help`` offers them as choices and
request bodies check them, so the lists cannot drift apart. Imported at
start-up: no imports at all.
"""

from __future__ import annotations

#: ``sql_generate_mode`` of ``POST /v3/sessions/{id}/chat2data``
MODES = ("direct", "auto_breakdown")
#: HTTP authentication schemes a Data App key works with
AUTH_SCHEMES = ("digest", "basic")
