"""The bundled database's data-summary text, computed ahead and shipped beside it.

Describing a database builds the engine's whole vocabulary (its value index included, about
0.3 s) after importing the engine (about 0.2 s): on a first run that alone was most of the time
to an open session. The bundled database never changes within a seed version, so its
description is computed when the package data is refreshed
(``python -m c2q_repl.sandbox.prebuilt``) and ``tests/sandbox/test_prebuilt.py`` checks that it
still equals what the built-in engine says now.
"""

from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path

from c2q_repl.sandbox.contracts import SchemaDescription
from c2q_repl.sandbox.seed import DATABASE_NAME, SEED_VERSION


def description_file_name() -> str:
    return f"{DATABASE_NAME}-seed{SEED_VERSION}.description.json"


def description_to_json(description: SchemaDescription) -> dict:
    return {
        "database": description.database,
        "summary": description.summary,
        "keywords": list(description.keywords),
        "tables": dict(description.tables),
        "columns": {table: dict(cols) for table, cols in description.columns.items()},
    }


def description_from_json(data: dict) -> SchemaDescription:
    return SchemaDescription(
        database=str(data["database"]),
        summary=str(data["summary"]),
        keywords=tuple(str(k) for k in data["keywords"]),
        tables={str(t): str(text) for t, text in data["tables"].items()},
        columns={
            str(t): {str(c): str(text) for c, text in cols.items()}
            for t, cols in data["columns"].items()
        },
    )


def packaged_description() -> SchemaDescription | None:
    """The shipped description of the bundled database (None if absent or unreadable:
    the server then describes the database itself, as it does any other)."""
    found = resources.files("c2q_repl.sandbox").joinpath("data", description_file_name())
    try:
        return description_from_json(json.loads(found.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def describe_bundled_database(cache_dir: Path | None = None) -> SchemaDescription:
    """What the built-in engine says of the bundled database now (slow: the whole vocabulary)."""
    from c2q_repl.sandbox.backends.sqlite import SQLiteDatabase
    from c2q_repl.sandbox.engine.builtin import BuiltinAnswerer
    from c2q_repl.sandbox.seed import ensure_sp500insight

    database = SQLiteDatabase(ensure_sp500insight(cache_dir), DATABASE_NAME, immutable=True)
    try:
        return BuiltinAnswerer().describe(database.catalog(), database)
    finally:
        database.close()


def write_packaged_description(directory: Path) -> Path:
    """Refresh the shipped description (after changing the engine's vocabulary or the seed)."""
    target = directory / description_file_name()
    for old in directory.glob(f"{DATABASE_NAME}-seed*.description.json"):
        if old != target:
            old.unlink()
    text = json.dumps(description_to_json(describe_bundled_database()), indent=1, sort_keys=True)
    target.write_text(text + "\n", encoding="utf-8")
    return target


if __name__ == "__main__":  # python -m c2q_repl.sandbox.prebuilt: refresh sandbox/data
    print(write_packaged_description(Path(__file__).resolve().parent / "data"), file=sys.stderr)
