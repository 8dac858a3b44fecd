"""The appendix table as every output prints it and the grid shows it: one rule for each fact the
PDF, the Word file, the Excel file and the window share.

* a task is printable when it has content and at least one lead agency (``unprintable_tasks``);
* the lead agencies of a task stand in one cell in their order, one per line, each but the last
  followed by ";" (``leads_text``): "Sở Tư pháp;\\nSở Nội vụ". On one line (the grid, a search
  hit) the line break is a space: "Sở Tư pháp; Sở Nội vụ";
* consecutive tasks with the same lead agencies, in the same order, form one group, printed as one
  merged cell (``appendix_rows``);
* co-ordinating agencies are one per line; the deadline is the text typed, else the due date as
  dd/mm/yyyy (``deadline_text``).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..domain import typed_dates
from ..domain.models import Task
from ..errors import InvalidInput

LEAD_SEPARATOR = ";\n"


def leads_text(agency_ids, names: dict[int, str], one_line: bool = False) -> str:
    text = LEAD_SEPARATOR.join(names.get(a, "") for a in agency_ids)
    return text.replace("\n", " ") if one_line else text


def coordinators_text(agency_ids, names: dict[int, str]) -> str:
    return "\n".join(names.get(a, "") for a in agency_ids)


def deadline_text(task: Task) -> str:
    return task.deadline_text or typed_dates.show(task.due_date)


NO_CONTENT, NO_LEAD = "chưa có nội dung", "chưa có cơ quan chủ trì"


def task_problems(task: Task) -> list[str]:
    """Why a task cannot be printed yet (empty when it can)."""
    return [p for p, missing in ((NO_CONTENT, not task.content.strip()), (NO_LEAD, not task.lead_agency_ids))
            if missing]


def unprintable_tasks(tasks: list[Task]) -> str:
    """Which tasks stop the plan from being printed, in words ("" when none)."""
    parts = []
    for problem in (NO_CONTENT, NO_LEAD):
        numbers = [str(t.position) for t in tasks if problem in task_problems(t)]
        if numbers:
            parts.append(f"nhiệm vụ số {', '.join(numbers)} {problem}")
    return "; ".join(parts)


def texts_to_check(tasks: list[Task], names: dict[int, str]) -> list[tuple[str, str]]:
    """Every text of the appendix, with where it stands in words (for ``charset.refuse_unsupported``)."""
    texts = [(f"nhiệm vụ số {t.position}", f"{t.content}\n{t.deadline_text}") for t in tasks]
    return texts + [(f"tên cơ quan «{name}»", name) for name in names.values()]


@dataclass(frozen=True)
class AppendixRow:
    """One task as the appendix prints it."""
    position: int
    content: str
    group: int                  # index into the groups' lead texts
    coordinators: str = ""
    deadline: str = ""
    given_in: str = ""          # where the task was given (the Excel file's «Giao tại»)


def appendix_rows(tasks: list[Task], names: dict[int, str]) -> tuple[list[AppendixRow], list[str]]:
    """The rows of the appendix, and the lead cell of each group of consecutive tasks with the same
    lead agencies in the same order."""
    rows: list[AppendixRow] = []
    groups: list[str] = []
    last = None
    for task in tasks:
        if task.lead_agency_ids != last:
            groups.append(leads_text(task.lead_agency_ids, names))
            last = task.lead_agency_ids
        rows.append(AppendixRow(task.position, task.content, len(groups) - 1,
                                coordinators_text(task.coordinator_ids, names), deadline_text(task), task.given_in))
    return rows, groups


CARRIED_PART, NEW_PART = "NHIỆM VỤ THÁNG TRƯỚC CHUYỂN SANG", "NHIỆM VỤ MỚI TRONG THÁNG"
_ROMAN = ("I", "II")


def carried_parts(tasks: list[Task]) -> list[tuple[str, list[Task]]]:
    """The appendix in its parts, as real plans print carried tasks: «I. NHIỆM VỤ THÁNG TRƯỚC CHUYỂN SANG» and
    «II. NHIỆM VỤ MỚI TRONG THÁNG» (in the order they stand). A part needs its tasks together — the TT printed
    is the task's number, which result sheets refer to — so carried tasks scattered among new ones are refused,
    naming them; a plan with only new (or only carried) tasks is one part without a heading."""
    runs: list[tuple[bool, list[Task]]] = []
    for task in tasks:
        carried = task.carried_from_id is not None
        if runs and runs[-1][0] == carried:
            runs[-1][1].append(task)
        else:
            runs.append((carried, [task]))
    if len(runs) <= 1:
        return [("", list(tasks))]
    if len(runs) > 2:
        scattered = [t.position for carried, block in runs[2:] if carried for t in block] or \
            [t.position for carried, block in runs[:1] if carried for t in block]
        shown = ", ".join(map(str, scattered[:10])) + (" …" if len(scattered) > 10 else "")
        raise InvalidInput(f"Nhiệm vụ chuyển tiếp không liền nhau (nhiệm vụ {shown}): hãy xếp chúng liền nhau (ở đầu "
                           "hoặc cuối phụ lục) rồi in thành phần riêng.")
    return [(f"{_ROMAN[i]}. {CARRIED_PART if carried else NEW_PART}", block) for i, (carried, block) in enumerate(runs)]
