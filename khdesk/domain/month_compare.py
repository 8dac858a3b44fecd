"""A month beside the one before it: what is new, what came over (from when, how many times), what was left
behind without being done, what has stayed overdue longest — by lead agency, with the agencies ranked by
their completion rate (Đà Nẵng praises above 90 %, criticises under 50 %). What the panel's «So với tháng
trước» tab, ``khdesk compare`` and its .xlsx show alike. Plain data in and out (no Qt, no SQL)."""
from __future__ import annotations

from dataclasses import dataclass, field

from .carrying import Carry
from .models import Plan, Task
from .progress import DOING, DONE, DROPPED, TODO, Counting, month_end, status_on

LONGEST = 15                      # how many of the longest-overdue tasks are listed
GOOD, POOR = 0.9, 0.5             # a completion rate praised above, criticised under


@dataclass
class AgencyRow:
    agency_id: int | None
    total: int = 0               # the month's tasks it leads
    new: int = 0
    carried: int = 0
    done: int = 0                # done by the day counted to
    left_behind: int = 0         # last month's tasks it led, not done and not carried over

    @property
    def rate(self) -> float:
        return self.done / self.total if self.total else 0.0

    @property
    def judged(self) -> str:
        """«tốt» at or above 90 %, «thấp» under 50 %, "" between (or with no task)."""
        if not self.total:
            return ""
        return "tốt" if self.rate >= GOOD else "thấp" if self.rate < POOR else ""


@dataclass(frozen=True)
class Overdue:
    task: Task
    carry: Carry
    since: object                # the day it was first due (a ``date``)
    working_days: int            # working days overdue by the day counted to


@dataclass(frozen=True)
class Comparison:
    plan: Plan
    previous: Plan | None
    counting: Counting
    new: list[Task]
    carried: list[tuple[Task, Carry]]
    left_behind: list[Task]      # last month's tasks not done and not carried over (dropped included)
    longest: list[Overdue]
    agencies: list[AgencyRow] = field(default_factory=list)   # ranked: completion rate, then size


def compare(plan: Plan, tasks: list[Task], previous: Plan | None, previous_tasks: list[Task],
            carried_into: dict[int, int], history: dict[int, Carry], counting: Counting, order: list[int]) -> Comparison:
    """``carried_into``: last month's task id → this month's copy; ``history``: each of this month's tasks'
    ``Carry``; ``counting``: this month's (its period's cut-off); ``order``: the agencies in the tree's order."""
    calendar = counting.calendar
    rows: dict[int | None, AgencyRow] = {}

    def row(agency_id):
        return rows.setdefault(agency_id, AgencyRow(agency_id))

    new: list[Task] = []
    carried: list[tuple[Task, Carry]] = []
    longest: list[Overdue] = []
    for task in tasks:
        carry = history.get(task.id) or Carry(plan.month, 0, task.id)
        for lead in task.lead_agency_ids or (None,):
            r = row(lead)
            r.total += 1
            r.new += not carry.times
            r.carried += bool(carry.times)
            r.done += status_on(task, counting) == DONE
        if carry.times:
            carried.append((task, carry))
        else:
            new.append(task)
        if status_on(task, counting) in (TODO, DOING):
            since = task.due_date or (month_end(carry.first_month) if carry.times or not task.deadline_text.strip()
                                      else None)
            if since is not None and counting.today > since:
                days = calendar.working_days_between(since, counting.today) if calendar else \
                    (counting.today - since).days
                longest.append(Overdue(task, carry, since, days))
    left_behind = [t for t in previous_tasks if t.id not in carried_into and t.status != DONE]
    for task in left_behind:
        for lead in task.lead_agency_ids or (None,):
            row(lead).left_behind += 1
    longest.sort(key=lambda o: (-o.working_days, o.task.position))
    rank: dict[int | None, int] = {a: i for i, a in enumerate(order)}
    ranked = sorted(rows.values(), key=lambda r: (-r.rate, -r.total, rank.get(r.agency_id, len(rank))))
    return Comparison(plan, previous, counting, new, carried, left_behind, longest[:LONGEST], ranked)


def dropped_state(task: Task) -> str:
    """How a task left behind stood: «không thực hiện» (with its reason), no report, or not done."""
    if task.status == DROPPED:
        return "Không thực hiện" + (f": {task.status_reason}" if task.status_reason.strip() else "")
    if task.followed_up_on is None:
        return "Chưa có báo cáo, không chuyển sang"
    return "Chưa hoàn thành, không chuyển sang"
