"""'Which bands have more members than the average?': a column compared with its own
average over the whole table, a one-level nested query (``col > (SELECT AVG(col) …)``).

The average is always over every row of the column's table, as the phrase says; the
comparison's direction comes with the phrase ('above average') or from the comparative
before it ('more pages than the average book'). Anything less clear is declined.
"""

from __future__ import annotations

from .reading import ReadState, Refuse, col_kind, columns_of
from .spec import Col, Filter

AVERAGE_OPS = (">avg", "<avg")


def read_vs_average(st: ReadState) -> None:
    for i, it in enumerate(st.items):
        if not (st.is_kw(i, "vsavg") and st.free(i)):
            continue
        used = [i]
        op = it.arg
        if not op:
            j = next(
                (j for j in (i - 1, i - 2, i - 3) if st.is_kw(j, "comparative") and st.free(j)),
                None,
            )
            if j is None:
                raise Refuse(
                    f"I could not tell whether more or less '{it.text}' is asked.", it.text
                )
            op = st.items[j].arg
            used.append(j)
        col, at = _column_after(st, i)
        before = _column_before(st, i)
        if col is None and before is not None:
            col, at = before
        if col is None or at is None:
            raise Refuse(f"I could not tell which column '{it.text}' averages.", it.text)
        used.append(at)
        if before is not None and before[0] == col:
            used.append(before[1])  # 'earn more than the average salary': one column, said twice
        after = st.at(max(used) + 1)
        if after is not None and after.kind == "table" and after.targets[0].table == col.table:
            used.append(max(used) + 1)  # 'more pages than the average book'
        st.filters.append(Filter(col, op + "avg"))
        st.notes.append(
            (it.text, f"compared with the average {col.column} over all {col.table} rows")
        )
        st.take(*used)


def _numeric(st: ReadState, at: int) -> Col | None:
    item = st.at(at)
    if item is None or item.kind != "column" or not st.free(at):
        return None
    cols = [c for c in columns_of(item) if col_kind(st, c) == "number"]
    return cols[0] if len(cols) == 1 else None


def _column_after(st: ReadState, i: int) -> tuple[Col | None, int | None]:
    """'above the average age', 'than the average physician salary'."""
    k = i + 1
    item = st.at(k)
    if item is not None and item.kind == "table" and st.free(k):
        col = _numeric(st, k + 1)
        if col is not None and col.table == item.targets[0].table:
            st.take(k)
            return col, k + 1
        return None, None
    col = _numeric(st, k)
    return (col, k) if col is not None else (None, None)


def _column_before(st: ReadState, i: int) -> tuple[Col, int] | None:
    """'salary higher than the average', 'more pages than the average book'."""
    for j in (i - 1, i - 2):
        col = _numeric(st, j)
        if col is not None:
            return col, j
        if not st.is_kw(j, "comparative"):
            break
    return None
