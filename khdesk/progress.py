"""Where a month stands: overdue tasks and the figures the panel, the report and the command line
all print — one rule, so they agree to the unit (no Qt, no SQL).

- A task is **quá hạn** (overdue) when it has a due date, today is after it (the due day itself is
  still on time), and it is neither done nor dropped. Computed, never stored.
- A done task is done **đúng hạn** when it was completed on or before its due date, or has no due
  date, or its completion day is not known (no evidence it was late); else **quá hạn**.
- Plan figures count each task once. Figures by agency count a task under each of its lead agencies
  (a joint task is work for each), so their sum can exceed the plan's total; the report says so.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date

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


def is_overdue(task: Task, today: date) -> bool:
    return task.status in (TODO, DOING) and task.due_date is not None and today > task.due_date


def done_late(task: Task) -> bool:
    return (task.status == DONE and task.due_date is not None and task.completed_on is not None
            and task.completed_on > task.due_date)


def kinds(task: Task, today: date) -> list[str]:
    """Every figure the task counts in: "total", then its state ("done_on_time" or "done_late" and
    "done"; "doing" or "todo", and "overdue" when it is; "dropped")."""
    if task.status == DONE:
        return ["total", "done_late" if done_late(task) else "done_on_time", "done"]
    if task.status == DROPPED:
        return ["total", "dropped"]
    state = ["total", DOING if task.status == DOING else TODO]
    return state + ["overdue"] if is_overdue(task, today) else state


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

    def add(self, task: Task, today: date) -> None:
        self.total += 1
        for kind in kinds(task, today):
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


def plan_figures(tasks: list[Task], today: date) -> Figures:
    figures = Figures()
    for task in tasks:
        figures.add(task, today)
    return figures


def agency_figures(tasks: list[Task], today: date, order: list[int]) -> list[tuple[int | None, Figures]]:
    """(lead agency id, its figures) in the order of ``order`` (the tree's); tasks without a lead
    agency under None, last."""
    by: dict[int | None, Figures] = {}
    for task in tasks:
        for agency_id in task.lead_agency_ids or (None,):
            by.setdefault(agency_id, Figures()).add(task, today)
    rank = {a: i for i, a in enumerate(order)}
    return sorted(by.items(), key=lambda item: (item[0] is None, rank.get(item[0], len(rank)), item[0] or 0))


def percent(part: int, whole: int) -> str:
    """"83,3 %" as Vietnamese writes it ("0 %" of nothing)."""
    if not whole:
        return "0 %"
    value = round(100 * part / whole, 1)
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") + " %"
