"""A table named in generated SQL, quoted when its name needs it.

sqlglot parses a string given to ``from_``/``join`` as SQL, so a table named ``Order Items``
became ``Order AS Items`` (a user's database may name tables with spaces, hyphens or
reserved words); building the identifier directly quotes exactly the names that need it.
"""

from __future__ import annotations

from sqlglot import exp


def table_ref(name: str) -> exp.Table:
    return exp.Table(this=exp.to_identifier(name))
