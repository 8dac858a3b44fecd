"""Carry-over on evidence: which of last month's tasks a new month takes over, and how long a task has been
carried. Real monthly plans carry «Nhiệm vụ tháng trước chuyển sang» as their own part, and count «kỳ trước
chuyển sang» beside the new; here the evidence decides:

- a task **reported** not done or in progress is proposed;
- a task with **no report** («chưa có báo cáo») is listed for the clerk to decide one by one (not proposed:
  nobody knows whether it is done);
- a task done or dropped is never carried.

A carried task remembers the task it came from (``Task.carried_from_id``), so its history is a chain back to
the month it was first given in: «chuyển tiếp lần 3, giao từ tháng 2/2024».
"""
from __future__ import annotations

from dataclasses import dataclass

from .models import Task
from .progress import DOING, TODO, Counting, no_report, status_on

MAX_CHAIN = 1200                  # a hundred years of months: a longer chain is a loop in a crafted file


@dataclass(frozen=True)
class Carry:
    first_month: str             # the month the task was first given in ("2024-02")
    times: int                   # how many times it was carried (0: given this month)
    first_task_id: int           # the task as it was first given

    def words(self) -> str:
        """«chuyển tiếp lần 3, giao từ tháng 2/2024» ("" for a task given this month)."""
        if not self.times:
            return ""
        return f"chuyển tiếp lần {self.times}, giao từ tháng {int(self.first_month[5:])}/{self.first_month[:4]}"


def carry_proposal(tasks: list[Task], counting: Counting) -> tuple[list[Task], list[Task]]:
    """(proposed, to decide) of a month's ``tasks``: reported not done or in progress; «chưa có báo cáo»."""
    proposed: list[Task] = []
    to_decide: list[Task] = []
    for task in tasks:
        if status_on(task, counting) not in (TODO, DOING):
            continue
        (to_decide if no_report(task, counting) else proposed).append(task)
    return proposed, to_decide


def histories(links: dict[int, tuple[int | None, str]], task_ids) -> dict[int, Carry]:
    """Each task's ``Carry``, from ``links``: task id → (the task it was carried from, its plan's month)."""
    found = {}
    for task_id in task_ids:
        current, times, seen = task_id, 0, {task_id}
        while True:
            source = links[current][0]
            if source is None or source not in links or source in seen or times >= MAX_CHAIN:
                break
            current, times = source, times + 1
            seen.add(current)
        found[task_id] = Carry(links[current][1], times, current)
    return found
