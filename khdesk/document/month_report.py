"""The report of a month's results ("BÁO CÁO Kết quả thực hiện nhiệm vụ trọng tâm tháng N/YYYY"):
what it says, in plain values, for the PDF, the Word file and the .xlsx alike. Its figures are those
of ``khdesk.domain.progress`` — the panel's — so every output agrees to the unit."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from ..domain.models import TASK_STATUS_LABELS, Plan, Task
from ..domain.progress import (
    COLUMNS,
    DUE_RULE,
    Figures,
    agency_figures,
    done_late,
    due_by,
    is_overdue,
    month_end,
    percent,
    plan_figures,
)
from ..domain.typed_dates import decree_date
from . import wording
from .appendix_rows import leads_text
from .model import Head, PlanDocument, Signature, head_of, signature_of

HEADINGS = ("I. KẾT QUẢ CHUNG", "II. KẾT QUẢ THEO CƠ QUAN CHỦ TRÌ", "III. NHIỆM VỤ QUÁ HẠN, CHƯA HOÀN THÀNH")
_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")


def number_in_words(n: int) -> str:
    """A whole number as Vietnamese reads it: 47 → "bốn mươi bảy", 105 → "một trăm linh năm",
    21 → "hai mươi mốt", 15 → "mười lăm", 1 200 → "một nghìn hai trăm"."""
    if n < 0:
        return "âm " + number_in_words(-n)
    if n < 10:
        return _DIGITS[n]
    if n < 100:
        tens, unit = divmod(n, 10)
        head = "mười" if tens == 1 else f"{_DIGITS[tens]} mươi"
        if unit == 0:
            return head
        tail = {1: "mốt" if tens > 1 else "một", 5: "lăm"}.get(unit, _DIGITS[unit])
        return f"{head} {tail}"
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = f"{_DIGITS[hundreds]} trăm"
        if rest == 0:
            return head
        return f"{head} linh {_DIGITS[rest]}" if rest < 10 else f"{head} {number_in_words(rest)}"
    for size, word in ((1_000_000_000, "tỷ"), (1_000_000, "triệu"), (1000, "nghìn")):
        if n >= size:
            high, rest = divmod(n, size)
            head = f"{number_in_words(high)} {word}"
            if rest == 0:
                return head
            if rest < 100:          # 1 005 → "một nghìn không trăm linh năm"
                return f"{head} không trăm {'linh ' + _DIGITS[rest] if rest < 10 else number_in_words(rest)}"
            return f"{head} {number_in_words(rest)}"
    raise AssertionError(n)


def counted(n: int, noun: str = "nhiệm vụ") -> str:
    """"47 (bốn mươi bảy) nhiệm vụ"."""
    return f"{n} ({number_in_words(n)}) {noun}"


@dataclass(frozen=True)
class LateTask:
    position: int
    content: str
    leads: str
    state: str                 # "Quá hạn (hạn 31/05/2024)", "Chưa thực hiện", …
    result: str                # the result or the reason


@dataclass(frozen=True)
class MonthReport:
    plan: Plan
    document: Plan             # the report as a document: number, type, subject, signer (for the head)
    today: date
    figures: Figures
    by_agency: list[tuple[str, Figures]]
    late: list[LateTask]
    opening: str
    overall: str

    @property
    def columns(self) -> tuple[tuple[str, str], ...]:
        return COLUMNS

    @property
    def head(self) -> Head:
        return head_of(self.document)

    @property
    def signature(self) -> Signature:
        return signature_of(self.document)

    def texts(self) -> list[tuple[str, str]]:
        """Every text of the report with where it stands (what the writers check they can show)."""
        found = PlanDocument(self.head, (), self.signature, None).texts()
        found += [("báo cáo", t) for t in (self.opening, self.overall, *(n for n, _ in self.by_agency))]
        return found + [("báo cáo", t) for late in self.late for t in (late.content, late.leads, late.result)]


def build_report(plan: Plan, tasks: list[Task], agencies, today: date) -> MonthReport:
    """``agencies``: every agency in the tree's order (their printed names are used)."""
    names = {a.id: a.print_name for a in agencies}
    end = month_end(plan.month)
    figures = plan_figures(tasks, today, end)
    rows = [(names.get(a, "(chưa có cơ quan chủ trì)"), f)
            for a, f in agency_figures(tasks, today, end, [a.id for a in agencies])]
    late = []
    for task in tasks:
        if task.status == "done" and not done_late(task, end):
            continue
        if task.status == "done":
            state = f"Hoàn thành quá hạn ({task.completed_on:%d/%m/%Y}, hạn {due_by(task, end):%d/%m/%Y})"
        elif is_overdue(task, today, end):
            state = f"Quá hạn (hạn {due_by(task, end):%d/%m/%Y}); {TASK_STATUS_LABELS[task.status].lower()}"
        else:
            state = TASK_STATUS_LABELS[task.status]
        result = task.result_note                      # a dropped task: its reason, and its result when it has one
        if task.status == "dropped" and task.status_reason:
            result = f"Lý do: {task.status_reason}" + (f"\n{task.result_note}" if task.result_note.strip() else "")
        late.append(LateTask(task.position, task.content, leads_text(task.lead_agency_ids, names), state, result))
    month, year = plan.month_number, plan.year
    subject = f"Kết quả thực hiện nhiệm vụ trọng tâm tháng {month}/{year}"
    # dated the day it counts to: «Khánh Hòa, ngày 05 tháng 6 năm 2024» and «(tính đến ngày 05/06/2024)»
    document = dataclasses.replace(plan, number="", symbol="BC-UBND", issued_on=today, doc_type="BÁO CÁO",
                                   subject=subject)
    when = decree_date(plan.issued_on) if plan.issued_on else f"tháng {month} năm {year}"
    number = f"số {wording.number_symbol(plan).strip()} " if plan.number.strip() else ""
    issuer = plan.issuer_name or "Ủy ban nhân dân tỉnh"
    opening = (f"Thực hiện Kế hoạch {number}{when} của {issuer} về triển khai thực hiện nhiệm vụ trọng tâm "
               f"phát triển kinh tế - xã hội tháng {month} năm {year}, {issuer} báo cáo kết quả thực hiện "
               f"(tính đến ngày {today:%d/%m/%Y}) như sau:")
    f = figures
    overall = (f"Kế hoạch giao {counted(f.total)}. Đã hoàn thành {counted(f.done)}, đạt "
               f"{percent(f.done, f.total)}, trong đó {counted(f.done_on_time)} hoàn thành đúng hạn và "
               f"{counted(f.done_late)} hoàn thành quá hạn; đang thực hiện {counted(f.doing)}; chưa thực hiện "
               f"{counted(f.todo)}; không thực hiện {counted(f.dropped)}. Số nhiệm vụ đã quá hạn mà chưa hoàn "
               f"thành: {counted(f.overdue)}. " + DUE_RULE.format(end=f"{end:%d/%m/%Y}"))
    return MonthReport(plan, document, today, figures, rows, late, opening, overall)
