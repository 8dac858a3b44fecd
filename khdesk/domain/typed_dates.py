"""Dates as a clerk types and reads them: day first, "14/06/2024", "14/6/2024", "14-6-24",
"14.06.2024", "14062024", "140624". Plain text in, a ``date`` out (no Qt)."""
from __future__ import annotations

import re
from datetime import date

from ..errors import InvalidInput

_SEPARATED = re.compile(r"^\s*(\d{1,2})\s*[/.\-\s]\s*(\d{1,2})\s*[/.\-\s]\s*(\d{2}|\d{4})\s*$")
_RUN = re.compile(r"^\s*(\d{2})(\d{2})(\d{2}|\d{4})\s*$")


def parse(text: str) -> date | None:
    """The date ``text`` means (None for an empty text); ``InvalidInput`` saying what is wrong."""
    if not text.strip():
        return None
    match = _SEPARATED.match(text) or _RUN.match(text)
    if not match:
        raise InvalidInput(f"«{text.strip()}» không phải ngày. Hãy gõ ngày/tháng/năm, ví dụ 14/06/2024 hoặc 14062024.")
    day, month, year = (int(g) for g in match.groups())
    if year < 100:
        year += 2000
    try:
        return date(year, month, day)
    except ValueError:
        raise InvalidInput(f"«{text.strip()}»: không có ngày {day} tháng {month} năm {year}.") from None


def show(d: date | None) -> str:
    """dd/mm/yyyy, as the appendix and the window show a date."""
    return d.strftime("%d/%m/%Y") if d else ""


def day_month(d: date) -> tuple[str, str]:
    """Day and month as the decree writes them: a leading zero for days below 10 and for months
    1 and 2 ("ngày 05 tháng 01", but "tháng 5")."""
    day = f"{d.day:02d}"
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return day, month


def decree_date(d: date) -> str:
    """"ngày 13 tháng 5 năm 2024"."""
    day, month = day_month(d)
    return f"ngày {day} tháng {month} năm {d.year}"
