"""A user's own tiny database with opaque names (no synonyms file knows them): only the
descriptions the user writes make its tables and columns speakable (tests of described.py)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

# employees per office (LOC_ID), as the questions in these tests expect them
PER_OFFICE = [["10", "2"], ["20", "2"], ["30", "1"]]


def write_hr_database(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        CREATE TABLE tbl_emp (EMP_ID INTEGER PRIMARY KEY, EMP_NM TEXT, LOC_ID INTEGER,
                              SITE_CD INTEGER, GRD INTEGER);
        INSERT INTO tbl_emp VALUES (1,'Ann',10,7,3),(2,'Bob',10,8,4),(3,'Cid',20,7,2),
                                   (4,'Dee',30,8,5),(5,'Eve',20,7,1);
        """
    )
    conn.commit()
    conn.close()
    return path
