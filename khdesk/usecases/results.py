"""Results from the agencies by Excel, on the store: a lead agency's result sheet exported (signed with the
database's own key), a filled-in sheet compared with the plan — changes, conflicts (a field khdesk changed too
since the export: shown, never overwritten), rows refused because their task no longer reads as it did — and
its changes written all or none. The sheet itself, written and read, is ``khdesk.formats.excel.results``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..db import Store
from ..domain.limits import too_long
from ..domain.models import TASK_STATUS_LABELS, Task
from ..domain.progress import NO_REPORT_LABEL, Counting, no_report
from ..domain.text import nfc
from ..errors import InvalidInput, NotFound
from ..formats.excel.results import (
    FIELD_NAMES,
    KEY,
    completed_on,
    read_result_sheet,
    stored_value,
    task_digest,
    value_of,
    write_result_sheet,
)

__all__ = ["ResultChange", "ResultSheet", "apply_results", "export_results", "read_results", "shown"]


def export_results(store: Store, month: str, agency_id: int, output: str | Path) -> int:
    """The result sheet of one lead agency for the plan of ``month``; returns its number of tasks."""
    plan = store.plans.by_month(month)
    agency = store.agencies.get(agency_id)
    tasks = [t for t in store.tasks.of_plan(plan.id) if agency_id in t.lead_agency_ids]
    if not tasks:
        raise InvalidInput(f"«{agency.print_name}» không chủ trì nhiệm vụ nào trong kế hoạch tháng "
                           f"{plan.month_number}/{plan.year}.")
    counting = Counting.of(plan, date.today())
    unreported = frozenset(t.id for t in tasks if no_report(t, counting))
    return write_result_sheet(plan, agency, tasks, store.sign, output, unreported)


@dataclass
class ResultChange:
    task: Task                               # as khdesk holds it now
    changes: dict[str, object]               # field → the agency's value (only what differs)
    conflicts: dict[str, tuple] = field(default_factory=dict)   # field → (khdesk's value, the agency's)


@dataclass
class ResultSheet:
    month: str
    agency: str
    changes: list[ResultChange]
    unchanged: int
    refused: list[str] = field(default_factory=list)     # rows whose task no longer reads as it did
    sheet_id: str = ""                                   # which export this is (its signature)

    @property
    def conflicts(self) -> int:
        return sum(len(c.conflicts) for c in self.changes)


def read_results(store: Store, path: str | Path) -> ResultSheet:
    """What a filled-in sheet changes in the plan it came from (nothing is written here)."""
    filled = read_result_sheet(path, store.sign)
    plan = store.plans.by_month(filled.month)
    landed = store.result_imports.landed(filled.signature)     # what an earlier import of this same sheet wrote
    by_label = {label: code for code, label in TASK_STATUS_LABELS.items()}
    changes, unchanged, seen, refused = [], 0, set(), []
    for r, values in filled.rows:
        key = values[0]
        match = KEY.match(str(key or "").strip())
        if not match or int(match.group(1)) not in filled.base:
            raise InvalidInput(f"Dòng {r}: cột «Mã» không phải của bảng này ({key!r}); không thêm dòng mới vào "
                               "bảng kết quả. Không có gì được nhập.")
        task_id = int(match.group(1))
        if task_id in seen:
            raise InvalidInput(f"Dòng {r}: nhiệm vụ đã có ở dòng trên. Không có gì được nhập.")
        seen.add(task_id)
        try:
            task = store.tasks.get(task_id)
        except NotFound:
            raise InvalidInput(f"Dòng {r}: nhiệm vụ số {values[1]} không còn trong kế hoạch tháng "
                               f"{plan.month_number}/{plan.year}. Không có gì được nhập.") from None
        if task.plan_id != plan.id or plan.id != filled.plan_id or filled.agency_id not in task.lead_agency_ids:
            raise InvalidInput(f"Dòng {r}: nhiệm vụ số {task.position} không do «{filled.agency}» chủ trì trong kế hoạch "
                               f"tháng {plan.month_number}/{plan.year}; bảng của một cơ quan chỉ ghi kết quả cho "
                               "nhiệm vụ cơ quan đó chủ trì. Không có gì được nhập.")
        if filled.digests[task_id] != task_digest(task):
            refused.append(f"Dòng {r}: nhiệm vụ số {task.position} đã đổi nội dung hoặc cơ quan chủ trì từ khi xuất bảng; "
                           "kết quả của dòng này không được nhập (có thể thuộc nhiệm vụ khác). Hãy xuất lại bảng cho cơ "
                           "quan.")
            continue
        label = nfc(str(values[3] or "").strip())
        if label not in by_label and label != NO_REPORT_LABEL:
            raise InvalidInput(f"Dòng {r}: trạng thái «{label}» không có trong danh sách ("
                               + ", ".join([NO_REPORT_LABEL, *by_label]) + "). Không có gì được nhập.")
        # «Chưa có báo cáo» left as it was: the agency said nothing of the status (it stays as exported)
        status = filled.base[task_id]["status"] if label == NO_REPORT_LABEL else by_label[label]
        sheet = {"status": status, "result_note": nfc(str(values[4] or "")),
                 "completed_on": completed_on(values[5], r), "status_reason": nfc(str(values[6] or ""))}
        for name in ("result_note", "status_reason"):             # (a 148 KB sheet once wrote 48 million)
            overlong = too_long(f"Dòng {r}, ô «{FIELD_NAMES[name]}»", sheet[name])
            if overlong:
                raise InvalidInput(f"{overlong}. Không có gì được nhập.")
        was = dict(filled.base[task_id])
        for name, value in landed.get(task_id, {}).items():
            if stored_value(name, value) == getattr(task, name):
                was[name] = getattr(task, name)      # the agency's own earlier value, still as it wrote it
        change = ResultChange(task, {})
        for name, theirs in sheet.items():
            ours = getattr(task, name)
            if theirs == ours or theirs == was.get(name):
                continue                        # nothing new from the agency (or khdesk already has it)
            if ours != was.get(name):
                change.conflicts[name] = (ours, theirs)
            else:
                change.changes[name] = theirs
        if change.changes or change.conflicts:
            changes.append(change)
        else:
            unchanged += 1
    return ResultSheet(filled.month, filled.agency, changes, unchanged, refused, filled.signature)


def shown(name: str, value) -> str:
    """A field's value as the preview shows it."""
    if name == "status":
        return TASK_STATUS_LABELS.get(value, str(value))
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return str(value or "")


def apply_results(store: Store, sheet: ResultSheet) -> list[tuple[int, dict, dict]]:
    """Write the sheet's changes (never its conflicts), all or none; returns (task id, before,
    after) for each task changed, which is what undo needs."""
    done = []
    with store.transaction():
        for change in sheet.changes:
            if not change.changes:
                continue
            task = store.tasks.get(change.task.id)
            before = {name: getattr(task, name) for name in [*change.changes, "followed_up_on"]}
            store.tasks.update(task.id, **change.changes)
            if sheet.sheet_id:
                written = store.tasks.get(task.id)
                store.result_imports.record(sheet.sheet_id, task.id,
                                            {name: value_of(written, name) for name in change.changes})
            after = dict(change.changes, followed_up_on=store.tasks.get(task.id).followed_up_on)
            done.append((task.id, before, after))
    return done
