"""Where a month stands: overdue tasks and the figures the panel, the report and the command line
all print — one rule, so they agree to the unit (no Qt, no SQL). How a plan is counted on a day is a
``Counting``: the day, the plan's last day, whether it is issued and when, the working-day calendar.

- A task is **due** on its due date (Hạn hoàn thành). A task without one is due on the **last day of
  its plan's month** — the plan is the month's: its tasks are for that month — unless its Thời hạn
  says otherwise in words («Quý III/2024», «Thường xuyên»): then no day is assumed (``due_by``).
- A Thời hạn «trong 05 ngày làm việc» is due that many working days after the plan's issue
  (``working_days.Calendar``): weekends, Vietnam's holidays and the office's swapped days skipped.
- A task of an issued plan with no follow-up recorded since it entered the plan is **chưa có báo cáo**
  (no report): counted apart from «chưa thực hiện» — no report is not «not done»; recording any
  follow-up (a status, a result, a date) ends it.
- Figures are counted **to a day** (``Counting.today``; a report's: its period's cut-off): a task done
  after that day counts as being done then (``status_on``).
- A task is **quá hạn** (overdue) when it is due, today is after that day (the day itself is still on
  time), and it is neither done nor dropped. Computed, never stored.
- A done task is done **đúng hạn** when it was completed on or before that day, or has no day it is
  due, or its completion day is not known (no evidence it was late); else **quá hạn**.
- Plan figures count each task once. Figures by agency count a task under each of its lead agencies
  (a joint task is work for each), so their sum can exceed the plan's total; the report says so.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from datetime import date, timedelta

from .models import Plan, Task
from .working_days import Calendar

DONE, DOING, TODO, DROPPED = "done", "doing", "todo", "dropped"
NO_REPORT = "no_report"
NO_REPORT_LABEL = "Chưa có báo cáo"
_WORKING_DAYS = re.compile(r"\btrong\s+(?:vòng\s+)?(\d{1,3})\s+ngày\s+làm\s+việc\b", re.IGNORECASE)


@dataclass(frozen=True)
class Counting:
    """How a plan's tasks are counted: on ``today`` (the day counted to), the plan's last day, whether the
    plan is issued (its tasks with no follow-up are then «chưa có báo cáo»), the day it was issued and the
    working-day calendar (for a Thời hạn in working days)."""
    today: date
    plan_end: date
    issued: bool = False
    issued_on: date | None = None
    calendar: Calendar | None = None

    @classmethod
    def of(cls, plan: Plan, today: date, calendar: Calendar | None = None) -> Counting:
        return cls(today, month_end(plan.month), plan.status == "issued", plan.issued_on, calendar)


def status_change(task: Task, status: str, today: date) -> dict:
    """The fields a status chosen by the clerk changes, wherever it is chosen (grid or task pane):
    «Hoàn thành» without a completion day records today's (the day can be changed afterwards);
    the on-time / late split depends on that day."""
    changes: dict = {"status": status}
    if status == DONE and task.completed_on is None:
        changes["completed_on"] = today
    return changes


def follow_up_day(status: str, result_note: str, completed_on: date | None, reported_on: date | None,
                  status_reason: str, today: date) -> date | None:
    """The day a task that comes with these values had its follow-up recorded: the day it was reported or
    done, else ``today``; None when they record nothing (a new task: «chưa có báo cáo» once issued)."""
    if status == TODO and not result_note.strip() and completed_on is None and reported_on is None \
            and not status_reason.strip():
        return None
    return reported_on or completed_on or today


def month_end(month: str) -> date:
    """The last day of a plan's month ("2024-05" → 31/05/2024)."""
    year, number = int(month[:4]), int(month[5:7])
    return date(year + number // 12, number % 12 + 1, 1) - timedelta(days=1)


# What the report says of the rule (khdesk.document.month_report)
DUE_RULE = ("Nhiệm vụ không ghi hạn hoàn thành được tính hạn là ngày cuối tháng của kế hoạch ({end}); "
            "nhiệm vụ ghi thời hạn bằng lời (như «Thường xuyên», «Quý III») mà không có ngày thì không tính quá hạn.")


def working_days_asked(deadline_text: str) -> int | None:
    """N of a Thời hạn «trong N ngày làm việc» (None otherwise)."""
    match = _WORKING_DAYS.search(deadline_text)
    return int(match.group(1)) if match else None


def due_by(task: Task, counting: Counting) -> date | None:
    """The day ``task`` is due: its due date; a Thời hạn «trong N ngày làm việc», N working days after the
    plan's issue; else, unless its Thời hạn says otherwise in words, the last day of its plan's month."""
    if task.due_date is not None:
        return task.due_date
    asked = working_days_asked(task.deadline_text)
    if asked is not None and counting.issued_on is not None:
        return (counting.calendar or Calendar()).add_working_days(counting.issued_on, asked)
    return None if task.deadline_text.strip() else counting.plan_end


def status_on(task: Task, counting: Counting) -> str:
    """The task's status on the day counted to: one done after that day was still being done then (a
    report counted to its period's cut-off does not count what was finished after it)."""
    if task.status == DONE and task.completed_on is not None and task.completed_on > counting.today:
        return DOING
    return task.status


def is_overdue(task: Task, counting: Counting) -> bool:
    due = due_by(task, counting)
    return status_on(task, counting) in (TODO, DOING) and due is not None and counting.today > due


def working_days_late(task: Task, counting: Counting) -> int:
    """How many working days an overdue task is past its day (0 when it is not overdue)."""
    due = due_by(task, counting)
    if due is None or not is_overdue(task, counting):
        return 0
    return (counting.calendar or Calendar()).working_days_between(due, counting.today)


def done_late(task: Task, counting: Counting) -> bool:
    due = due_by(task, counting)
    return status_on(task, counting) == DONE and due is not None and task.completed_on is not None \
        and task.completed_on > due


def no_report(task: Task, counting: Counting) -> bool:
    """«Chưa có báo cáo»: a task of an issued plan, not done or dropped, with no follow-up recorded since it
    entered the plan."""
    return counting.issued and status_on(task, counting) in (TODO, DOING) and task.followed_up_on is None


def kinds(task: Task, counting: Counting) -> list[str]:
    """Every figure the task counts in: "total", then its state ("done_on_time" or "done_late" and
    "done"; "no_report", "doing" or "todo", and "overdue" when it is; "dropped")."""
    status = status_on(task, counting)
    if status == DONE:
        return ["total", "done_late" if done_late(task, counting) else "done_on_time", "done"]
    if status == DROPPED:
        return ["total", "dropped"]
    state = ["total", NO_REPORT if no_report(task, counting) else DOING if status == DOING else TODO]
    return state + ["overdue"] if is_overdue(task, counting) else state


@dataclass
class Figures:
    total: int = 0
    done_on_time: int = 0
    done_late: int = 0
    doing: int = 0
    todo: int = 0
    no_report: int = 0          # of the issued plan's doing + todo: nothing recorded since (``no_report``)
    dropped: int = 0
    overdue: int = 0            # of doing + todo: past the due date
    task_ids: dict[str, list[int]] = field(default_factory=dict, compare=False, repr=False)

    @property
    def done(self) -> int:
        return self.done_on_time + self.done_late

    def add(self, task: Task, counting: Counting) -> None:
        self.total += 1
        for kind in kinds(task, counting):
            if kind not in ("total", "done"):
                setattr(self, kind, getattr(self, kind) + 1)
            self.task_ids.setdefault(kind, []).append(task.id)

    def as_row(self) -> tuple[int, ...]:
        return (self.total, self.done_on_time, self.done_late, self.doing, self.todo, self.no_report, self.dropped,
                self.overdue)


# The columns of every table of figures, in order (the panel, the report, the .xlsx, the CLI).
COLUMNS = (("total", "Tổng số"), ("done_on_time", "Hoàn thành đúng hạn"), ("done_late", "Hoàn thành quá hạn"),
           ("doing", "Đang thực hiện"), ("todo", "Chưa thực hiện"), ("no_report", "Chưa có báo cáo"),
           ("dropped", "Không thực hiện"), ("overdue", "Quá hạn"))
assert [c for c, _ in COLUMNS] == [f.name for f in fields(Figures)][:8]
# The same, short enough for a table's narrow columns (HT: hoàn thành; TH: thực hiện; BC: báo cáo)
SHORT_LABELS = ("Tổng số", "HT đúng hạn", "HT quá hạn", "Đang TH", "Chưa TH", "Chưa có BC", "Không TH", "Quá hạn")
TABLE_NOTE = ("HT: hoàn thành; TH: thực hiện; BC: báo cáo. Nhiệm vụ do nhiều cơ quan cùng chủ trì được tính cho "
              "mỗi cơ quan; dòng «Cả kế hoạch» tính mỗi nhiệm vụ một lần.")


def plan_figures(tasks: list[Task], counting: Counting) -> Figures:
    figures = Figures()
    for task in tasks:
        figures.add(task, counting)
    return figures


def agency_figures(tasks: list[Task], counting: Counting, order: list[int]) -> list[tuple[int | None, Figures]]:
    """(lead agency id, its figures) in the order of ``order`` (the tree's); tasks without a lead
    agency under None, last."""
    by: dict[int | None, Figures] = {}
    for task in tasks:
        for agency_id in task.lead_agency_ids or (None,):
            by.setdefault(agency_id, Figures()).add(task, counting)
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
