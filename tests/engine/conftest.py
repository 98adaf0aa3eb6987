from __future__ import annotations

import pytest

from c2q_repl.sandbox.backends.sqlite import SQLiteDatabase
from c2q_repl.sandbox.engine import create_answerer
from c2q_repl.sandbox.seed import ensure_sp500insight


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory):
    db = SQLiteDatabase(ensure_sp500insight(tmp_path_factory.mktemp("seed")))
    yield db
    db.close()


@pytest.fixture(scope="session")
def engine():
    return create_answerer("builtin")
