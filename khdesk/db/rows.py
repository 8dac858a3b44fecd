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
