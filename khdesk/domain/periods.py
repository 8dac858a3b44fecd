"""Reporting periods as a province's rule counts them (Khánh Hòa: Quyết định 01/2023/QĐ-UBND, Điều 4; the same
frame as Nghị định 09/2019/NĐ-CP): a month's report counts from the day after the previous month's cut-off
to its own cut-off — **15/4 to 14/5** — a quarter's from the 15th of the month before it to the 14th of its
last month, six months 15/12 → 14/6, nine months 15/12 → 14/9, the year 15/12 → 14/12; and the report is
sent within **2 working days** of the cut-off. The cut-off day and the days to send are a setting of the
database (``ReportingRule``): another province's rule fits, and cut-off day 0 is the calendar month.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .working_days import Calendar

MONTH, QUARTER, HALF, NINE, YEAR = "month", "quarter", "half", "nine", "year"
KINDS = {MONTH: "tháng", QUARTER: "quý", HALF: "6 tháng", NINE: "9 tháng", YEAR: "năm"}
_ROMAN = ("I", "II", "III", "IV")


@dataclass(frozen=True)
class ReportingRule:
    cutoff_day: int = 14           # 1–28: the day the figures stop; 0: the month's last day (calendar months)
    send_within: int = 2           # working days after the cut-off the report is due

    def __post_init__(self):
        if not 0 <= self.cutoff_day <= 28:
            raise ValueError("cutoff_day: 0 (cuối tháng) hoặc 1–28")
        if not 0 <= self.send_within <= 30:
            raise ValueError("send_within: 0–30 ngày làm việc")

    def cutoff(self, year: int, month: int) -> date:
        """The cut-off of a month: its ``cutoff_day``, or its last day."""
        if self.cutoff_day:
            return date(year, month, self.cutoff_day)
        return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)

    def words(self) -> str:
        if not self.cutoff_day:
            return "số liệu theo tháng dương lịch (từ ngày 01 đến ngày cuối tháng)"
        return (f"số liệu tính từ ngày {self.cutoff_day + 1} tháng trước đến ngày {self.cutoff_day} tháng báo cáo; "
                f"gửi báo cáo trong {self.send_within} ngày làm việc sau ngày chốt số liệu")


@dataclass(frozen=True)
class Period:
    kind: str                      # a key of KINDS
    year: int
    first_month: int               # the period's months, as the plans' months: 4..6 for the second quarter
    last_month: int
    start: date                    # the first day counted
    end: date                      # the cut-off, counted

    @property
    def name(self) -> str:
        """«tháng 5/2024», «quý II/2024», «6 tháng đầu năm 2024», «9 tháng đầu năm 2024», «năm 2024»."""
        if self.kind == MONTH:
            return f"tháng {self.last_month}/{self.year}"
        if self.kind == QUARTER:
            return f"quý {_ROMAN[(self.last_month - 1) // 3]}/{self.year}"
        if self.kind in (HALF, NINE):
            return f"{KINDS[self.kind]} đầu năm {self.year}"
        return f"năm {self.year}"

    @property
    def months(self) -> list[str]:
        """The plans' months it covers: ["2024-04", "2024-05", "2024-06"]."""
        return [f"{self.year}-{m:02d}" for m in range(self.first_month, self.last_month + 1)]

    def words(self) -> str:
        """«Số liệu tính từ ngày 15/4/2024 đến ngày 14/5/2024»."""
        return f"Số liệu tính từ ngày {short(self.start)} đến ngày {short(self.end)}"

    def as_of(self, today: date) -> date:
        """The day the figures are counted to: the cut-off, or today while the period runs."""
        return min(today, self.end)

    def send_by(self, rule: ReportingRule, calendar: Calendar) -> date:
        """The day the report must be sent: ``rule.send_within`` working days after the cut-off."""
        return calendar.add_working_days(self.end, rule.send_within)


def short(day: date) -> str:
    """«15/4/2024», as a report's running text writes a day."""
    return f"{day.day}/{day.month}/{day.year}"


def period_of(rule: ReportingRule, kind: str, month: str) -> Period:
    """The period of ``kind`` that holds the plan's ``month`` ("2024-05"): the month itself, its quarter,
    the first six or nine months of its year, or its year (a six-month period of a month after June is
    the year's first half all the same: it is what is reported in June)."""
    year, number = int(month[:4]), int(month[5:7])
    first, last = {MONTH: (number, number), QUARTER: (3 * ((number - 1) // 3) + 1, 3 * ((number - 1) // 3) + 3),
                   HALF: (1, 6), NINE: (1, 9), YEAR: (1, 12)}[kind]
    before = (year - 1, 12) if first == 1 else (year, first - 1)
    start = rule.cutoff(*before) + timedelta(days=1)
    return Period(kind, year, first, last, start, rule.cutoff(year, last))
