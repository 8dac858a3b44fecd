"""What each imported result sheet wrote, task by task and field by field: an agency that sends its own
sheet again, corrected, changes its own earlier value (not a conflict with khdesk's, which it is)."""
from __future__ import annotations

import sqlite_utils


class ResultImports:
    def __init__(self, db: sqlite_utils.Database):
        self.db = db

    def landed(self, sheet: str) -> dict[int, dict[str, str | None]]:
        """task id → field → the value (as the sheet's hidden part writes it) the sheet last wrote."""
        found: dict[int, dict[str, str | None]] = {}
        for task_id, name, value in self.db.execute(
                "SELECT task_id, field, value FROM result_imports WHERE sheet = ?", [sheet]).fetchall():
            found.setdefault(task_id, {})[name] = value
        return found

    def record(self, sheet: str, task_id: int, written: dict[str, str | None]) -> None:
        self.db.conn.executemany(
            "INSERT INTO result_imports (sheet, task_id, field, value) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (sheet, task_id, field) DO UPDATE SET value = excluded.value",
            [(sheet, task_id, name, value) for name, value in written.items()])
