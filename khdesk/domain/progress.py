"""Where a month stands: overdue tasks and the figures the panel, the report and the command line
all print — one rule, so they agree to the unit (no Qt, no SQL).

- A task is **due** on its due date (Hạn hoàn thành). A task without one is due on the **last day of
  its plan's month** — the plan is the month's: its tasks are for that month — unless its Thời hạn
  says otherwise in words («Quý III/2024», «Thường xuyên»): then no day is assumed (``due_by``).
- A task is **quá hạn** (overdue) when it is due, today is after that day (the day itself is still on
  time), and it is neither done nor dropped. Computed, never stored.
- A done task is done **đúng hạn** when it was completed on or before that day, or has no day it is
  due, or its completion day is not known (no evidence it was late); else **quá hạn**.
- Plan figures count each task once. Figures by agency count a task under each of its lead agencies
  (a joint task is work for each), so their sum can exceed the plan's total; the report says so.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, timedelta

from .models import Task

DONE, DOING, TODO, DROPPED = "done", "doing", "todo", "dropped"


def status_change(task: Task, status: str, today: date) -> dict:
    """The fields a status chosen by the clerk changes, wherever it is chosen (grid or task pane):
    «Hoàn thành» without a completion day records today's (the day can be changed afterwards);
    the on-time / late split depends on that day."""
    changes: dict = {"status": status}
    if status == DONE and task.completed_on is None:
        changes["completed_on"] = today
    return changes


def month_end(month: str) -> date:
    """The last day of a plan's month ("2024-05" → 31/05/2024)."""
    year, number = int(month[:4]), int(month[5:7])
    return date(year + number // 12, number % 12 + 1, 1) - timedelta(days=1)


# What the report says of the rule (khdesk.document.month_report)
DUE_RULE = ("Nhiệm vụ không ghi hạn hoàn thành được tính hạn là ngày cuối tháng của kế hoạch ({end}); "
            "nhiệm vụ ghi thời hạn bằng lời (như «Thường xuyên», «Quý III») mà không có ngày thì không tính quá hạn.")


def due_by(task: Task, plan_end: date) -> date | None:
    """The day ``task`` is due: its due date; else, unless its Thời hạn says otherwise in words, the
    last day of its plan's month (``plan_end``)."""
    if task.due_date is not None:
        return task.due_date
    return None if task.deadline_text.strip() else plan_end


def is_overdue(task: Task, today: date, plan_end: date) -> bool:
    due = due_by(task, plan_end)
    return task.status in (TODO, DOING) and due is not None and today > due


def done_late(task: Task, plan_end: date) -> bool:
    due = due_by(task, plan_end)
    return task.status == DONE and due is not None and task.completed_on is not None and task.completed_on > due


def kinds(task: Task, today: date, plan_end: date) -> list[str]:
    """Every figure the task counts in: "total", then its state ("done_on_time" or "done_late" and
    "done"; "doing" or "todo", and "overdue" when it is; "dropped")."""
    if task.status == DONE:
        return ["total", "done_late" if done_late(task, plan_end) else "done_on_time", "done"]
    if task.status == DROPPED:
        return ["total", "dropped"]
    state = ["total", DOING if task.status == DOING else TODO]
    return state + ["overdue"] if is_overdue(task, today, plan_end) else state


@dataclass
class Figures:
    total: int = 0
    done_on_time: int = 0
    done_late: int = 0
    doing: int = 0
    todo: int = 0
    dropped: int = 0
    overdue: int = 0            # of doing + todo: past the due date
    task_ids: dict[str, list[int]] = field(default_factory=dict, compare=False, repr=False)

    @property
    def done(self) -> int:
        return self.done_on_time + self.done_late

    def add(self, task: Task, today: date, plan_end: date) -> None:
        self.total += 1
        for kind in kinds(task, today, plan_end):
            if kind not in ("total", "done"):
                setattr(self, kind, getattr(self, kind) + 1)
            self.task_ids.setdefault(kind, []).append(task.id)

    def as_row(self) -> tuple[int, ...]:
        return (self.total, self.done_on_time, self.done_late, self.doing, self.todo, self.dropped, self.overdue)


# The columns of every table of figures, in order (the panel, the report, the .xlsx, the CLI).
COLUMNS = (("total", "Tổng số"), ("done_on_time", "Hoàn thành đúng hạn"), ("done_late", "Hoàn thành quá hạn"),
           ("doing", "Đang thực hiện"), ("todo", "Chưa thực hiện"), ("dropped", "Không thực hiện"),
           ("overdue", "Quá hạn"))
assert [c for c, _ in COLUMNS] == [f.name for f in fields(Figures)][:7]
# The same, short enough for a table's narrow columns (HT: hoàn thành; TH: thực hiện)
SHORT_LABELS = ("Tổng số", "HT đúng hạn", "HT quá hạn", "Đang TH", "Chưa TH", "Không TH", "Quá hạn")
TABLE_NOTE = ("HT: hoàn thành; TH: thực hiện. Nhiệm vụ do nhiều cơ quan cùng chủ trì được tính cho mỗi cơ quan; "
              "dòng «Cả kế hoạch» tính mỗi nhiệm vụ một lần.")


def plan_figures(tasks: list[Task], today: date, plan_end: date) -> Figures:
    figures = Figures()
    for task in tasks:
        figures.add(task, today, plan_end)
    return figures


def agency_figures(tasks: list[Task], today: date, plan_end: date,
                   order: list[int]) -> list[tuple[int | None, Figures]]:
    """(lead agency id, its figures) in the order of ``order`` (the tree's); tasks without a lead
    agency under None, last."""
    by: dict[int | None, Figures] = {}
    for task in tasks:
        for agency_id in task.lead_agency_ids or (None,):
            by.setdefault(agency_id, Figures()).add(task, today, plan_end)
    rank = {a: i for i, a in enumerate(order)}
    return sorted(by.items(), key=lambda item: (item[0] is None, len(rank) if item[0] is None else rank.get(item[0], len(rank)),
                                                item[0] or 0))


def percent(part: int, whole: int) -> str:
    """"83,3 %" as Vietnamese writes it ("0 %" of nothing)."""
    if not whole:
        return "0 %"
    value = round(100 * part / whole, 1)
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") + " %"
