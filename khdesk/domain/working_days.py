"""Working days as Vietnam counts them: Monday to Friday, less the public holidays of Bộ luật Lao động
2019, Điều 112 — Tết Dương lịch, Tết Nguyên đán, Giỗ Tổ Hùng Vương (10/3 âm lịch), 30/4, 1/5, Quốc khánh
— and the days the Government swaps each year (a weekday off, a Saturday worked in its place).

The lunar holidays and the swaps are the ``holidays`` library's (MIT, maintained, its Vietnamese names):
computed, not typed here. An office edits the list where a decision differs (``Calendar.edits``: a day
off added, a day worked); the edits are kept in the database and win over the library.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

OFF, WORK = "off", "work"
MAX_NOTE = 300                  # the characters an edited day's note may have


@lru_cache(maxsize=64)
def _national(year: int) -> tuple[dict[date, str], frozenset[date]]:
    """The library's holidays of ``year`` (day → Vietnamese name) and its weekend days worked."""
    import holidays

    days = holidays.country_holidays("VN", years=year, language="vi")
    worked = frozenset(d for d in getattr(days, "weekend_workdays", ()) if d.year == year)
    return dict(days), worked


@dataclass(frozen=True)
class Calendar:
    """The working days; ``edits``: day → (OFF or WORK, the office's note), over the library's."""
    edits: dict[date, tuple[str, str]] = field(default_factory=dict)

    def holidays(self, year: int) -> list[tuple[date, str, str]]:
        """(day, OFF or WORK, what it is) of ``year``: the library's holidays and weekend days worked, with
        the office's edits, in order of the day."""
        named, worked = _national(year)
        found = {d: (OFF, name) for d, name in named.items()}
        found.update({d: (WORK, "Làm việc bù (theo quyết định hoán đổi ngày làm việc)") for d in worked})
        found.update({d: edit for d, edit in self.edits.items() if d.year == year})
        return sorted((d, kind, note) for d, (kind, note) in found.items())

    def is_working_day(self, day: date) -> bool:
        edit = self.edits.get(day)
        if edit is not None:
            return edit[0] == WORK
        named, worked = _national(day.year)
        if day in worked:
            return True
        return day.weekday() < 5 and day not in named

    def add_working_days(self, start: date, count: int) -> date:
        """The ``count``-th working day after ``start`` (``start`` itself not counted): «trong 05 ngày làm
        việc» from 13/5/2024 is 20/5/2024; two working days after Tuesday 14/5/2024, Thursday 16/5/2024."""
        day = start
        while count > 0:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count -= 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to ``end`` included (0 when ``end`` is not after ``start``): how
        many working days a task due on ``start`` is late on ``end``."""
        if end <= start:
            return 0
        return sum(1 for n in range(1, (end - start).days + 1) if self.is_working_day(start + timedelta(days=n)))
