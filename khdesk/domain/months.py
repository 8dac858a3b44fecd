"""A new month's plan from the previous one: what is copied, what starts empty, and how the month
and the dates in the copied wording move to the new month. Plain text in and out (no Qt, no SQL).

The rules, as the clerk reads them in the review before the plan is created:

1. "tháng 5 năm 2024", "tháng 5/2024" naming the previous plan's month become the new month.
2. The month before it (the "phiên họp thường kỳ tháng 4 năm 2024" whose conclusions the plan
   follows) becomes the month before the new one.
3. A deadline inside the previous month ("trước ngày 31/5/2024", "đến ngày 25 tháng 5 năm 2024")
   moves to the new month: the last day stays the last day (31/5 → 30/6), another day keeps its
   number (or the month's last day when the new month is shorter).
4. Every other date or month of the previous month (a document's date, "ngày 10/5/2024") and every
   other month that is neither of these is left as written and marked for the clerk to look at; so
   is "năm 2024" when the new plan is in another year.

Number, issue date and the appendix's reference line start empty (a draft prints "Số:      /KH-UBND"
and "ngày … tháng … năm …"); the status is "Dự thảo".
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from ..errors import InvalidInput
from .models import Plan
from .typed_dates import decree_date

# What a new month copies from the previous plan (the month-specific parts start empty).
COPIED_FIELDS = ("symbol", "place", "parent_body", "issuing_body", "issuer_name", "doc_type", "grounds",
                 "general_tasks", "specific_tasks_text", "implementation", "report_via_agency_id", "recipients",
                 "signer_authority", "signer_title", "signer_name")
# The copied wording the month rules go through, with the names the clerk knows them by.
ROLLED_FIELDS = {"subject": "Trích yếu", "grounds": "Căn cứ", "general_tasks": "I. Nhiệm vụ chung",
                 "specific_tasks_text": "II. Nhiệm vụ cụ thể", "implementation": "III. Tổ chức thực hiện"}
GENERAL_TASK_SEPARATOR = "\n\n"       # the general tasks as one text, as the plan dialog shows them

ROLLED, DOUBT = "rolled", "doubt"

_DEADLINE_WORDS = r"(?:trước|đến|tới|hạn|chậm nhất|trong)\s+(?:ngày\s+)?$"
_DATE = re.compile(r"(?<!\d)(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})(?!\d)"
                   r"|ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)
_MONTH = re.compile(r"tháng\s+(\d{1,2})(\s+năm\s+|\s*/\s*)(\d{4})(?!\s*/)", re.IGNORECASE)
_BARE_MONTH = re.compile(r"(?<!\d\s)tháng\s+(\d{1,2})(?!\s*(?:năm|/|\d))", re.IGNORECASE)
_YEAR = re.compile(r"năm\s+(\d{4})(?!\d)", re.IGNORECASE)
# a day or a span of days of one month: "16/5/2024", "16-17/5/2024", "16 - 17/5/2024"
_DAYS = re.compile(r"(?<![\d/])(\d{1,2})(?:\s*[-–]\s*\d{1,2})?\s*/\s*(\d{1,2})\s*/\s*(\d{4})(?!\d)")
_DOCUMENT_BEFORE = re.compile(r"\bsố\s+\S*\d\S*\s+(?:của\s+[^,;.]{1,40}\s+)?ngày\s+$", re.IGNORECASE)
_WORDED_DATE = re.compile(r"ngày\s+\d{1,2}\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)


_PLAN_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def checked_month(value: str) -> str:
    """A plan month, "YYYY-MM"."""
    if not isinstance(value, str) or not _PLAN_MONTH.match(value) or not 1900 <= int(value[:4]) <= 2999:
        raise InvalidInput(f"Tháng không hợp lệ: «{value}». Hãy ghi theo dạng NĂM-THÁNG, ví dụ 2024-05.")
    return value


def month_label(value: str) -> str:
    """"2024-05" → "5/2024", the form clerks read."""
    return f"{int(value[5:7])}/{value[:4]}"



@dataclass(frozen=True)
class Mark:
    """A part of the new text the clerk should look at: ``start``/``end`` in the new text."""
    start: int
    end: int
    kind: str            # ROLLED (changed by a rule) or DOUBT (left as written, looks like another month)
    before: str          # the words in the previous plan
    note: str            # the rule, or why it is doubtful, in Vietnamese


@dataclass(frozen=True)
class RolledText:
    field: str
    label: str
    text: str
    marks: tuple[Mark, ...]


def month_mentions(text: str) -> list[re.Match]:
    """"tháng 5 năm 2024", "tháng 5/2024" naming a month (group 1) of a year (group 3), not the month
    of a whole date ("ngày 25 tháng 12 năm 2023" is a date, not a month)."""
    dates = [(m.start(), m.end()) for m in _DATE.finditer(text)]
    return [m for m in _MONTH.finditer(text) if not any(s <= m.start() < e for s, e in dates)]


def last_months_words(text: str, month: str) -> list[str]:
    """The dates and months of the month before ``month`` ("YYYY-MM") left in a task's wording: a task
    carried into June that still says «dự kiến vào tháng 5», «từ ngày 16-17/5/2024» or «tháng 5/2024».
    (A month named with its year, a day or a span of days, a date in words, a bare «tháng 5».)"""
    year, number = month_shift(month, -1)
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for pattern, groups in ((_DAYS, (2, 3)), (_WORDED_DATE, (1, 2))):
        for m in pattern.finditer(text):
            taken.append((m.start(), m.end()))
            document = _DOCUMENT_BEFORE.search(text[max(0, m.start() - 60):m.start()])  # "số 33/NQ-CP ngày …"
            if (int(m.group(groups[0])), int(m.group(groups[1]))) == (number, year) and not document:
                found.append((m.start(), m.group(0)))
    for m in _MONTH.finditer(text):
        if not any(s <= m.start() < e for s, e in taken) and (int(m.group(1)), int(m.group(3))) == (number, year):
            found.append((m.start(), m.group(0)))
            taken.append((m.start(), m.end()))
    for m in _BARE_MONTH.finditer(text):
        if not any(s <= m.start() < e for s, e in taken) and int(m.group(1)) == number \
                and not re.search(r"ngày\s+\d{1,2}\s+$", text[max(0, m.start() - 12):m.start()]):
            found.append((m.start(), m.group(0)))
    return [words.strip() for _, words in sorted(found)]


def month_shift(month: str, step: int) -> tuple[int, int]:
    """(year, month) ``step`` months after "YYYY-MM"."""
    index = int(month[:4]) * 12 + int(month[5:7]) - 1 + step
    return index // 12, index % 12 + 1


def next_month(month: str) -> str:
    year, number = month_shift(month, 1)
    return f"{year:04d}-{number:02d}"


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def months_between(old: str, new: str) -> int:
    return (int(new[:4]) - int(old[:4])) * 12 + int(new[5:7]) - int(old[5:7])


def moved_date(d: date, months: int) -> date:
    """``d`` moved by ``months`` months: the last day of a month stays the last day (31/5 → 30/6),
    another day keeps its number unless the month is shorter."""
    year, month = month_shift(f"{d.year:04d}-{d.month:02d}", months)
    if d.day == _last_day(d.year, d.month):
        return date(year, month, _last_day(year, month))
    return date(year, month, min(d.day, _last_day(year, month)))


def roll_text(text: str, old: str, new: str) -> tuple[str, tuple[Mark, ...]]:
    """``text`` of the plan for month ``old`` ("YYYY-MM") rewritten for month ``new``, and the marks."""
    oy, om = int(old[:4]), int(old[5:7])
    ny, nm = int(new[:4]), int(new[5:7])
    before_old = month_shift(old, -1)
    before_new = month_shift(new, -1)
    found: list[tuple[int, int, str | None, str, str]] = []      # (start, end, replacement, kind, note)

    for m in _DATE.finditer(text):
        slash = m.group(1) is not None
        day, month, year = (int(g) for g in (m.groups()[:3] if slash else m.groups()[3:]))
        try:
            d = date(year, month, day)
        except ValueError:
            found.append((m.start(), m.end(), None, DOUBT, "ngày không có thật"))
            continue
        if (year, month) != (oy, om):
            continue
        if re.search(_DEADLINE_WORDS, text[max(0, m.start() - 20):m.start()], re.IGNORECASE):
            moved = moved_date(d, months_between(old, new))
            words = f"{moved.day}/{moved.month}/{moved.year}" if slash else decree_date(moved)
            rule = ("hạn là ngày cuối tháng cũ → ngày cuối tháng mới" if d.day == _last_day(year, month)
                    else "hạn trong tháng cũ → cùng ngày của tháng mới")
            found.append((m.start(), m.end(), words, ROLLED, rule))
        else:
            found.append((m.start(), m.end(), None, DOUBT, f"ngày của tháng {om}/{oy}, giữ nguyên — có phải ngày "
                                                           "của văn bản? Nếu là hạn, hãy sửa."))
    for m in month_mentions(text):
        month, year = int(m.group(1)), int(m.group(3))
        joiner = m.group(2)
        if (year, month) == (oy, om):
            found.append((m.start(), m.end(), f"tháng {nm}{joiner}{ny}", ROLLED,
                          "tháng của kế hoạch → tháng mới"))
        elif (year, month) == before_old:
            found.append((m.start(), m.end(), f"tháng {before_new[1]}{joiner}{before_new[0]}", ROLLED,
                          "tháng trước kế hoạch → tháng trước tháng mới"))
        elif 1 <= month <= 12:
            found.append((m.start(), m.end(), None, DOUBT, f"tháng {month}/{year} không phải tháng của kế hoạch "
                                                           "hay tháng trước nó: giữ nguyên"))
    taken = [(s, e) for s, e, *_ in found]
    for m in _BARE_MONTH.finditer(text):
        if any(s <= m.start() < e for s, e in taken) or re.search(r"ngày\s+\d{1,2}\s+$", text[max(0, m.start() - 12):m.start()]):
            continue
        month = int(m.group(1))
        if month == om:
            found.append((m.start(), m.end(), f"tháng {nm}", ROLLED, "tháng của kế hoạch → tháng mới"))
        elif month == before_old[1]:
            found.append((m.start(), m.end(), f"tháng {before_new[1]}", ROLLED,
                          "tháng trước kế hoạch → tháng trước tháng mới"))
    if ny != oy:
        taken = [(s, e) for s, e, *_ in found]
        for m in _YEAR.finditer(text):
            if int(m.group(1)) == oy and not any(s <= m.start() < e for s, e in taken):
                found.append((m.start(), m.end(), None, DOUBT, f"kế hoạch mới thuộc năm {ny}: «{m.group(0)}» giữ "
                                                               "nguyên, hãy xem lại"))
    found.sort()
    pieces: list[str] = []
    marks: list[Mark] = []
    at = 0
    length = 0
    for start, end, replacement, kind, note in found:
        if start < at:                    # overlapping matches: the first one wins
            continue
        pieces.append(text[at:start])
        length += start - at
        words = text[start:end] if replacement is None else replacement
        marks.append(Mark(length, length + len(words), kind, text[start:end], note))
        pieces.append(words)
        length += len(words)
        at = end
    pieces.append(text[at:])
    return "".join(pieces), tuple(marks)


def _field_text(plan: Plan, field: str) -> str:
    value = getattr(plan, field)
    return GENERAL_TASK_SEPARATOR.join(value) if field == "general_tasks" else value


def field_value(field: str, text: str):
    """A reviewed text back into the plan's field (the general tasks are a list)."""
    if field == "general_tasks":
        return tuple(p.strip("\n") for p in text.split(GENERAL_TASK_SEPARATOR) if p.strip())
    return text


def new_plan_header(previous: Plan | None, month: str) -> tuple[dict, tuple[RolledText, ...]]:
    """The fields of month ``month``'s new plan made from ``previous`` (None: the first plan), and
    the copied texts after the month rules, with what the clerk should review."""
    year, number = int(month[:4]), int(month[5:7])
    header: dict = {"number": "", "issued_on": None, "status": "draft", "appendix_reference": "",
                    "appendix_title": f"NHIỆM VỤ TRỌNG TÂM THÁNG {number}/{year}"}
    if previous is None:
        return header, ()
    header.update({f: getattr(previous, f) for f in COPIED_FIELDS})
    header["subject"] = previous.subject
    if previous.report_deadline is not None:
        header["report_deadline"] = moved_date(previous.report_deadline, months_between(previous.month, month))
    reviewed = []
    for field, label in ROLLED_FIELDS.items():
        text, marks = roll_text(_field_text(previous, field), previous.month, month)
        header[field] = field_value(field, text)
        reviewed.append(RolledText(field, label, text, marks))
    return header, tuple(reviewed)


def insert_position(tasks, lead_agency_id: int | None) -> int:
    """Where a new task goes in the plan (``tasks`` in print order): after the last task that the
    same agency leads, so an agency's tasks stay together; at the end otherwise."""
    same = [t.position for t in tasks if lead_agency_id is not None and lead_agency_id in t.lead_agency_ids]
    return max(same) + 1 if same else len(tasks) + 1
