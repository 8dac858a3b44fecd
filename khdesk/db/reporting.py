"""The province's reporting rule and the office's working-day calendar, as kept in the database
(``domain.periods.ReportingRule``, ``domain.working_days.Calendar``): one rule per file, the calendar's edits
one row per day."""
from __future__ import annotations

from datetime import date

import sqlite_utils

from ..domain.periods import ReportingRule
from ..domain.text import nfc
from ..domain.working_days import MAX_NOTE, OFF, WORK, Calendar
from ..errors import InvalidInput
from . import values


class Reporting:
    def __init__(self, db: sqlite_utils.Database):
        self.db = db

    def rule(self) -> ReportingRule:
        cutoff_day, send_within = self.db.execute("SELECT cutoff_day, send_within FROM reporting_rule").fetchone()
        return ReportingRule(cutoff_day, send_within)

    def set_rule(self, rule: ReportingRule) -> None:
        with self.db.atomic():
            self.db.execute("UPDATE reporting_rule SET cutoff_day = ?, send_within = ?",
                            [rule.cutoff_day, rule.send_within])

    def calendar(self) -> Calendar:
        rows = self.db.execute("SELECT day, kind, note FROM calendar_days").fetchall()
        return Calendar({values.to_date(day): (kind, note) for day, kind, note in rows})

    def set_day(self, day: date, kind: str, note: str = "") -> None:
        """A day off (``OFF``) or a working day (``WORK``) decided by the office, over the national list."""
        if kind not in (OFF, WORK):
            raise InvalidInput(f"Loại ngày không hợp lệ: «{kind}» (nghỉ hoặc làm việc).")
        note = nfc(" ".join(note.split()))
        if len(note) > MAX_NOTE:
            raise InvalidInput(f"Ghi chú của ngày dài quá {MAX_NOTE} ký tự.")
        with self.db.atomic():
            self.db.execute("INSERT INTO calendar_days (day, kind, note) VALUES (?, ?, ?) ON CONFLICT (day) DO "
                            "UPDATE SET kind = excluded.kind, note = excluded.note",
                            [values.iso_date(day, "ngày"), kind, note])

    def remove_day(self, day: date) -> None:
        """The office's edit of ``day`` undone: the national list decides again."""
        with self.db.atomic():
            self.db.execute("DELETE FROM calendar_days WHERE day = ?", [values.iso_date(day, "ngày")])

    def replace_days(self, edits: dict[date, tuple[str, str]]) -> None:
        """The office's edits, all of them at once (the settings dialog's OK, and its undo)."""
        with self.db.atomic():
            self.db.execute("DELETE FROM calendar_days")
            for day, (kind, note) in sorted(edits.items()):
                self.set_day(day, kind, note)
