"""Small SQL helpers shared by the tables' modules."""
from __future__ import annotations

import sqlite_utils


def check_fields(changes: dict, allowed: set[str]) -> None:
    """A programming error, not a clerk's: updating a field that does not exist."""
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"cannot update {sorted(unknown)}")


def update_columns(db: sqlite_utils.Database, table: str, row_id: int, columns: dict) -> None:
    """``UPDATE table SET col = ?, … WHERE id = row_id`` for the given columns (none: nothing)."""
    if columns:
        sets = ", ".join(f"{name} = ?" for name in columns)
        db.execute(f"UPDATE {table} SET {sets} WHERE id = ?", [*columns.values(), row_id])


def exists(db: sqlite_utils.Database, table: str, row_id: int | None) -> bool:
    return db.execute(f"SELECT 1 FROM {table} WHERE id = ?", [row_id]).fetchone() is not None


AGENCY_LISTS = ("task_leads", "task_coordinators")


def agency_list(db: sqlite_utils.Database, table: str, task_id: int) -> list[int]:
    """The lead agencies or the co-ordinators of a task, in order."""
    assert table in AGENCY_LISTS
    return [r[0] for r in db.execute(f"SELECT agency_id FROM {table} WHERE task_id = ? ORDER BY position", [task_id])]


def set_agency_list(db: sqlite_utils.Database, table: str, task_id: int, agency_ids) -> None:
    """Replace the lead agencies or the co-ordinators of a task; a repeated agency counts once."""
    assert table in AGENCY_LISTS
    ids = list(dict.fromkeys(agency_ids or ()))
    db.execute(f"DELETE FROM {table} WHERE task_id = ?", [task_id])
    db.conn.executemany(f"INSERT INTO {table} (task_id, agency_id, position) VALUES (?, ?, ?)",
                        [(task_id, a, i) for i, a in enumerate(ids, 1)])
