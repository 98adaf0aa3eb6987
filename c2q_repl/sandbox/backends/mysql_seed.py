"""Load the sp500insight seed into an empty MySQL-protocol database.

A user who runs ``c2q sandbox serve --db mysql://…/sp500insight`` against an
empty database expects the sample there: the tables are created with their
real COMMENTs and filled from the same deterministic generator as the SQLite
file. A named lock keeps two servers from seeding the same database at once.
"""

from __future__ import annotations

from c2q_repl.sandbox.schema import SP500_TABLES, mysql_ddl

BATCH = 20000


def _in_key_order(table, rows: list[tuple]) -> list[tuple]:
    """Rows sorted by primary key: InnoDB appends to its clustered index instead of splitting pages."""
    positions = [table.column_names().index(k) for k in table.primary_key]
    return sorted(rows, key=lambda r: tuple(r[i] for i in positions))


def is_empty(db) -> bool:
    conn = db.connection()
    try:
        with conn.cursor() as cur:
            cur.execute(
                "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = %s", (db.name,)
            )
            return int(cur.fetchone()[0]) == 0
    finally:
        db.release(conn)


def seed_if_empty(db) -> bool:
    """Create and fill the sp500insight tables when ``db`` has no tables; True when it seeded."""
    from c2q_repl.sandbox.seed import SEED
    from c2q_repl.sandbox.seed_data import generate

    conn = db._connect()
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT GET_LOCK(%s, 120)", (f"c2q-seed:{db.name}",))
            try:
                cur.execute(
                    "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = %s",
                    (db.name,),
                )
                if int(cur.fetchone()[0]) != 0:
                    return False
                data = generate(SEED)
                conn.autocommit(False)
                for table in SP500_TABLES:
                    cur.execute(mysql_ddl(table))
                    marks = ", ".join(["%s"] * len(table.columns))
                    names = ", ".join(f"`{c}`" for c in table.column_names())
                    rows = _in_key_order(table, data.rows[table.name])
                    for start in range(0, len(rows), BATCH):
                        cur.executemany(
                            f"INSERT INTO `{table.name}` ({names}) VALUES ({marks})",
                            rows[start : start + BATCH],
                        )
                    conn.commit()
                return True
            finally:
                conn.autocommit(True)
                cur.execute("SELECT RELEASE_LOCK(%s)", (f"c2q-seed:{db.name}",))
    finally:
        conn.close()
        db.invalidate_catalog()
