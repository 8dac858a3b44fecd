"""The report of a month's results ("BÁO CÁO Kết quả thực hiện nhiệm vụ trọng tâm tháng N/YYYY"):
what it says, in plain values, for the PDF, the Word file and the .xlsx alike. Its figures are those
of ``khdesk.domain.progress`` — the panel's — so every output agrees to the unit."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from ..domain.models import TASK_STATUS_LABELS, Plan, Task
from ..domain.periods import MONTH, Period, ReportingRule, period_of, short
from ..domain.progress import (
    COLUMNS,
    DUE_RULE,
    Counting,
    Figures,
    done_late,
    due_by,
    is_overdue,
    month_end,
    no_report,
    percent,
    status_on,
    working_days_late,
)
from ..domain.typed_dates import decree_date
from ..domain.working_days import Calendar
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
    today: date                # the day the figures are counted to: the period's cut-off, or today before it
    period: Period
    figures: Figures
    by_agency: list[tuple[str, Figures]]
    late: list[LateTask]
    opening: str
    overall: str

    @property
    def counted(self) -> str:
        """«Số liệu tính từ ngày 15/4/2024 đến ngày 14/5/2024» (and «, tính đến ngày 10/5/2024» before the cut-off)."""
        return self.period.words() + ("" if self.today == self.period.end else f", tính đến ngày {short(self.today)}")

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


def build_report(plan: Plan, tasks: list[Task], agencies, today: date, rule: ReportingRule | None = None,
                 calendar: Calendar | None = None) -> MonthReport:
    """``agencies``: every agency in the tree's order (their printed names are used). The figures are counted
    as of the month's reporting period's cut-off (``rule``: 15/4–14/5 for May by Khánh Hòa's), or ``today``
    while the period runs; the report is dated ``today``."""
    return build_period_report([(plan, tasks)], agencies, today, period_of(rule or ReportingRule(), MONTH, plan.month),
                               calendar)


def build_period_report(plans: list[tuple[Plan, list[Task]]], agencies, today: date, period: Period,
                        calendar: Calendar | None = None) -> MonthReport:
    """The report of a period — a month, or a quarter, six or nine months, a year over the plans of its months
    (``plans``, oldest first, not empty): each task counted once, as its latest copy in the period (a task
    carried from April into May is May's), each by its own plan's rule of due days; headed and signed as the
    latest plan is."""
    names = {a.id: a.print_name for a in agencies}
    as_of = period.as_of(today)
    superseded = {t.carried_from_id for _, tasks in plans for t in tasks if t.carried_from_id is not None}
    counted_tasks = [(task, Counting.of(plan, as_of, calendar), plan) for plan, tasks in plans for task in tasks
                     if task.id not in superseded]
    figures = Figures()
    by: dict[int | None, Figures] = {}
    for task, counting, _ in counted_tasks:
        figures.add(task, counting)
        for agency_id in task.lead_agency_ids or (None,):
            by.setdefault(agency_id, Figures()).add(task, counting)
    rank = {a.id: i for i, a in enumerate(agencies)}
    rows = [(names.get(a, "(chưa có cơ quan chủ trì)") if a is not None else "(chưa có cơ quan chủ trì)", f)
            for a, f in sorted(by.items(), key=lambda item: (item[0] is None, rank.get(item[0], len(rank))
                                                               if item[0] is not None else 0, item[0] or 0))]
    several = len(plans) > 1
    late: list[LateTask] = []
    for task, counting, plan in counted_tasks:
        status = status_on(task, counting)
        if status == "done" and not done_late(task, counting):
            continue
        due = due_by(task, counting)
        if status == "done":
            state = f"Hoàn thành quá hạn ({task.completed_on:%d/%m/%Y}, hạn {due:%d/%m/%Y})"
        elif is_overdue(task, counting):
            days = working_days_late(task, counting)
            state = (f"Quá hạn {days} ngày làm việc (hạn {due:%d/%m/%Y}); " if days else
                     f"Quá hạn (hạn {due:%d/%m/%Y}); ") + (
                "chưa có báo cáo" if no_report(task, counting) else TASK_STATUS_LABELS[status].lower())
        else:
            state = "Chưa có báo cáo" if no_report(task, counting) else TASK_STATUS_LABELS[status]
        result = task.result_note                      # a dropped task: its reason, and its result when it has one
        if task.status == "dropped" and task.status_reason:
            result = f"Lý do: {task.status_reason}" + (f"\n{task.result_note}" if task.result_note.strip() else "")
        if several:                  # positions are each plan's own: a running number, and where the task stands
            state = f"Kế hoạch tháng {plan.month_number}/{plan.year}, nhiệm vụ {task.position}: {state[0].lower()}" \
                    f"{state[1:]}"
        late.append(LateTask(len(late) + 1 if several else task.position, task.content,
                             leads_text(task.lead_agency_ids, names), state, result))
    plan = plans[-1][0]
    subject = f"Kết quả thực hiện nhiệm vụ trọng tâm {period.name}"
    # dated the day it is written: «Khánh Hòa, ngày 16 tháng 5 năm 2024»; counted to its period's cut-off
    document = dataclasses.replace(plan, number="", symbol="BC-UBND", issued_on=today, doc_type="BÁO CÁO",
                                   subject=subject)
    issuer = plan.issuer_name or "Ủy ban nhân dân tỉnh"

    def cited(p: Plan) -> str:
        when = decree_date(p.issued_on) if p.issued_on else f"tháng {p.month_number} năm {p.year}"
        return (f"số {wording.number_symbol(p).strip()} " if p.number.strip() else "") + when

    if several:
        cites = "; ".join(f"{cited(p)} (tháng {p.month_number})" for p, _ in plans)
        opening = (f"Thực hiện các Kế hoạch {cites} của {issuer} về triển khai thực hiện nhiệm vụ trọng tâm phát "
                   f"triển kinh tế - xã hội hằng tháng, {issuer} báo cáo kết quả thực hiện {period.name} ({{counted}}; "
                   "nhiệm vụ chuyển tiếp giữa các tháng được tính một lần, theo tháng sau cùng) như sau:")
    else:
        opening = (f"Thực hiện Kế hoạch {cited(plan)} của {issuer} về triển khai thực hiện nhiệm vụ trọng tâm "
                   f"phát triển kinh tế - xã hội tháng {plan.month_number} năm {plan.year}, {issuer} báo cáo kết quả "
                   "thực hiện ({counted}) như sau:")
    f = figures
    ends = ", ".join(f"{month_end(p.month):%d/%m/%Y}" for p, _ in plans)
    overall = (f"Kế hoạch giao {counted(f.total)}. Đã hoàn thành {counted(f.done)}, đạt "
               f"{percent(f.done, f.total)}, trong đó {counted(f.done_on_time)} hoàn thành đúng hạn và "
               f"{counted(f.done_late)} hoàn thành quá hạn; đang thực hiện {counted(f.doing)}; chưa thực hiện "
               f"{counted(f.todo)}; chưa có báo cáo {counted(f.no_report)}; không thực hiện {counted(f.dropped)}. "
               f"Số nhiệm vụ đã quá hạn mà chưa hoàn thành: {counted(f.overdue)}. " + DUE_RULE.format(end=ends))
    report = MonthReport(plan, document, as_of, period, figures, rows, late, opening, overall)
    words = report.counted
    return dataclasses.replace(report, opening=opening.format(counted=words[0].lower() + words[1:]))
