"""The synthetic sp500insight seed: schema, realism, determinism, caching."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from c2q_repl.sandbox import seed_data
from c2q_repl.sandbox.schema import SP500_TABLES, infer_relationships
from c2q_repl.sandbox.seed import ensure_sp500insight, seed_file_name


def _rows(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_schema_matches_the_original_tables(sp500_path: Path):
    names = {
        r[0]
        for r in _rows(
            sp500_path,
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'",
        )
    }
    assert names == {t.name for t in SP500_TABLES}
    cols = [r[1] for r in _rows(sp500_path, "PRAGMA table_info(stock_price_history)")]
    assert cols == [
        "record_date",
        "stock_symbol",
        "adj_close",
        "close",
        "high",
        "low",
        "open",
        "volume",
    ]


def test_companies_cover_the_eleven_sectors_with_realistic_values(sp500_path: Path):
    sectors = dict(_rows(sp500_path, "SELECT sector, COUNT(*) FROM companies GROUP BY sector"))
    assert len(sectors) == 11
    assert 480 <= sum(sectors.values()) <= 520
    assert _rows(sp500_path, "SELECT COUNT(DISTINCT industry) FROM companies")[0][0] >= 40
    apple = _rows(
        sp500_path, "SELECT short_name, sector, market_cap FROM companies WHERE stock_symbol='AAPL'"
    )
    assert apple[0][:2] == ("Apple Inc.", "Technology")
    assert apple[0][2] > 10**12
    smallest, largest = _rows(sp500_path, "SELECT MIN(market_cap), MAX(market_cap) FROM companies")[
        0
    ]
    assert 10**9 < smallest < 20 * 10**9 and largest > 10**12


def test_index_weights_sum_to_one_and_prices_span_two_years(sp500_path: Path):
    (total,) = _rows(
        sp500_path, "SELECT SUM(weight) FROM index_compositions WHERE index_symbol='SP500'"
    )[0]
    assert abs(total - 1.0) < 1e-4
    first, last, days = _rows(
        sp500_path,
        "SELECT MIN(record_date), MAX(record_date), COUNT(DISTINCT record_date) "
        "FROM stock_price_history",
    )[0]
    assert first <= "2021-12-31" and last >= "2023-12-01" and days >= 500
    weekend = _rows(
        sp500_path,
        "SELECT COUNT(*) FROM stock_price_history WHERE strftime('%w', record_date) IN ('0','6')",
    )
    assert weekend[0][0] == 0
    bad = _rows(
        sp500_path,
        "SELECT COUNT(*) FROM stock_price_history WHERE low > high OR close > high "
        "OR close < low OR open > high OR open < low OR close <= 0",
    )
    assert bad[0][0] == 0
    assert _rows(sp500_path, "SELECT COUNT(*) FROM index_price_history")[0][0] == days


def test_users_select_existing_stocks(sp500_path: Path):
    assert _rows(sp500_path, "SELECT COUNT(user_id) FROM users")[0][0] > 50
    orphans = _rows(
        sp500_path,
        "SELECT COUNT(*) FROM user_selected_stocks s LEFT JOIN companies c "
        "ON c.stock_symbol = s.stock_symbol WHERE c.stock_symbol IS NULL",
    )
    assert orphans[0][0] == 0
    assert _rows(sp500_path, "SELECT COUNT(*) FROM user_selected_stocks")[0][0] > 100


def test_company_draws_depend_only_on_the_seed():
    import random

    a = seed_data.make_companies(random.Random(7))
    assert a == seed_data.make_companies(random.Random(7))
    assert a != seed_data.make_companies(random.Random(8))


def test_cache_builds_once_and_is_reused(tmp_path: Path):
    path = ensure_sp500insight(tmp_path)
    assert path.name == seed_file_name() and path.parent == tmp_path
    stamp = path.stat().st_mtime_ns
    assert ensure_sp500insight(tmp_path) == path
    assert path.stat().st_mtime_ns == stamp
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_cache_dir_defaults_to_xdg_cache_home(tmp_path: Path, monkeypatch, sp500_path: Path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    target = tmp_path / "c2q" / seed_file_name()
    target.parent.mkdir()
    target.write_bytes(sp500_path.read_bytes())  # pre-seeded: must be found, not rebuilt
    assert ensure_sp500insight() == target


def test_inferred_relationships_follow_the_implicit_join_keys(sp500_db):
    rels = {
        (r.from_table, r.from_column, r.to_table)
        for r in infer_relationships(sp500_db.catalog().tables)
    }
    assert ("stock_price_history", "stock_symbol", "companies") in rels
    assert ("index_compositions", "index_symbol", "indexes") in rels
    assert ("user_selected_stocks", "user_id", "users") in rels
    assert all(r[0] != r[2] for r in rels)


def test_seed_fingerprint_is_pinned_to_the_seed_version():
    """The same rows on every machine and every run. If you change the generator on purpose,
    bump SEED_VERSION (so caches rebuild) and record the new fingerprint here."""
    from c2q_repl.sandbox.seed import SEED, SEED_VERSION

    data = seed_data.generate(SEED)
    digest = hashlib.sha256()
    for table in sorted(data.rows):
        digest.update(table.encode())
        digest.update(repr(data.rows[table]).encode())
    assert (SEED_VERSION, digest.hexdigest()) == (
        3,
        "81c2bd952b4b19cbcb9a121c503e50971d80bcd86605a9cbbbd22e681f6bf155",
    )


# fmt: off
US_STATES = {
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID",
    "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO",
    "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA",
    "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
}
# fmt: on


def test_well_known_companies_have_real_magnitudes(sp500_path: Path):
    """A room of business people knows Apple trades near $190 with ~15.5 billion shares."""
    rows = {
        r[0]: r[1:]
        for r in _rows(
            sp500_path,
            "SELECT stock_symbol, current_price, market_cap, full_time_employees FROM companies "
            "WHERE stock_symbol IN ('AAPL', 'MSFT', 'NVDA', 'AMZN', 'WMT', 'JPM')",
        )
    }
    price, cap, employees = rows["AAPL"]
    assert 150 <= price <= 250 and 2.5e12 <= cap <= 3.2e12 and 14e9 <= cap / price <= 17e9
    assert 120_000 <= employees <= 200_000
    assert 300 <= rows["MSFT"][0] <= 450 and 6e9 <= rows["MSFT"][1] / rows["MSFT"][0] <= 8.5e9
    assert rows["AMZN"][2] > 1_000_000 and rows["WMT"][2] > 1_500_000  # the big employers
    assert rows["NVDA"][2] < 50_000


def test_every_company_is_internally_consistent(sp500_path: Path):
    """price × shares = market cap with a plausible share count; head counts plausible;
    the current price is the last close of the price history."""
    rows = _rows(
        sp500_path,
        "SELECT c.stock_symbol, c.current_price, c.market_cap, c.full_time_employees, p.close "
        "FROM companies c JOIN stock_price_history p ON p.stock_symbol = c.stock_symbol "
        "AND p.record_date = (SELECT MAX(record_date) FROM stock_price_history)",
    )
    assert len(rows) >= 480
    for symbol, price, cap, employees, last_close in rows:
        assert 10 <= price <= 1200, symbol
        assert 5e7 <= cap / price <= 2e10, symbol
        assert 1_000 <= employees <= 3_000_000, symbol
        assert last_close == price, symbol


def test_us_head_offices_are_real_us_places(sp500_path: Path):
    from c2q_repl.sandbox.seed_names import CITIES

    places = set(_rows(sp500_path, "SELECT city, state FROM companies WHERE country_code = 'US'"))
    assert {state for _, state in places} <= US_STATES
    invented_cities = places - {(c[5], c[6]) for c in seed_data.WELL_KNOWN}
    assert invented_cities <= set(CITIES)
    assert ("Cupertino", "CA") in places


def test_the_packaged_database_is_what_the_generator_builds(tmp_path: Path):
    """The prebuilt copy shipped in the package must never drift from the generator
    (regenerate it with ``python -m c2q_repl.sandbox.seed``)."""
    import gzip

    from c2q_repl.sandbox.seed import packaged_database, write_sqlite

    packaged = packaged_database()
    assert packaged is not None, "sandbox/data has no database for this SEED_VERSION"
    shipped = tmp_path / "shipped.sqlite"
    with packaged.open("rb") as raw, gzip.GzipFile(fileobj=raw) as source:
        shipped.write_bytes(source.read())
    built = tmp_path / "built.sqlite"
    write_sqlite(built)
    for table in SP500_TABLES:
        order = ", ".join(f'"{k}"' for k in table.primary_key)
        sql = f'SELECT * FROM "{table.name}" ORDER BY {order}'
        assert _rows(shipped, sql) == _rows(built, sql), table.name
    index = "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
    assert _rows(shipped, index) == _rows(built, index)
