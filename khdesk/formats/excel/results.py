"""Results from the agencies by Excel. khdesk writes one sheet per lead agency — its tasks of the
month with columns to fill in (Trạng thái from a list, Kết quả, Ngày hoàn thành, Lý do) — and reads
filled-in sheets back: matched by task (a key column the sheet carries), changes only, all or none.

A sheet remembers what each task said when it was exported (a hidden sheet). A field the agency
changed is a **conflict** when khdesk's value changed too since the export, to something else: it is
shown, never overwritten. What an import of a sheet wrote is remembered (``store.result_imports``): the
same sheet sent again, corrected, changes the agency's own earlier value — that is not a conflict. A task that is no longer in the plan, a status not in the list, a date that
is not a date: the file is refused with the row named.

A sheet acts only within its right: it changes only the tasks its agency leads in its plan, and only
their follow-up (``FIELDS`` ⊂ ``FOLLOW_UP_FIELDS``). Its hidden part — plan, agency, the tasks and their
values — is signed with the database's own secret (``Store.sign``): a hidden part altered by hand (any
Excel user can unhide it), or a sheet exported by another database, is refused whole.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils.datetime import from_excel
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from ...domain import typed_dates
from ...domain.limits import too_long
from ...domain.models import RESULT_FIELDS, TASK_STATUS_LABELS, Task
from ...domain.text import nfc
from ...errors import InvalidInput, KhdeskError, NotFound, os_reason
from .export import FONT, _save_atomically, _set_text, refuse_overlong
from .reading import _DAMAGED, EXPORT_CREATOR, MAX_FILE_BYTES, check_zip

FIELDS = RESULT_FIELDS                            # (⊂ FOLLOW_UP_FIELDS: a sheet never touches what the plan says)
FIELD_NAMES = {"status": "Trạng thái", "result_note": "Kết quả", "completed_on": "Ngày hoàn thành",
               "status_reason": "Lý do (nếu không thực hiện)"}
HEADER = ["Mã", "TT", "Nội dung nhiệm vụ", *FIELD_NAMES.values()]
KEY = re.compile(r"^khdesk:(\d+)$")
META_SHEET = "khdesk"
META_MARK = "khdesk-ket-qua"
FILL = PatternFill("solid", fgColor="FFF2CC")       # the cells to fill in


def _value(task: Task, name: str):
    value = getattr(task, name)
    return value.isoformat() if isinstance(value, date) else (value or None)


def _signed_text(head: list, rows: list) -> bytes:
    """What the signature covers: the hidden part's plan, agency and export time, and every task's id
    and exported values, as the sheet holds them."""
    return json.dumps([head, rows], ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")


def task_digest(task) -> str:
    """What the task read when its sheet was exported: its text and its leads, digested. A sheet's row is
    taken only for the task that still reads the same (ids are reused when a plan is replaced, and a result
    once landed on the task that had swapped places with the agency's)."""
    import hashlib

    text = json.dumps([task.content, list(task.lead_agency_ids)], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _stored(name: str, value):
    """A value of the hidden sheet back as the task holds it."""
    if name == "completed_on":
        return date.fromisoformat(value) if value else None
    return str(value) if value is not None else ""


def export_results(store, month: str, agency_id: int, output: str | Path) -> int:
    """The result sheet of one lead agency for the plan of ``month``; returns its number of tasks."""
    plan = store.plans.by_month(month)
    agency = store.agencies.get(agency_id)
    tasks = [t for t in store.tasks.of_plan(plan.id) if agency_id in t.lead_agency_ids]
    if not tasks:
        raise InvalidInput(f"«{agency.print_name}» không chủ trì nhiệm vụ nào trong kế hoạch tháng "
                           f"{plan.month_number}/{plan.year}.")
    refuse_overlong((f"Nhiệm vụ số {t.position}", text) for t in tasks
                    for text in (t.content, t.result_note, t.status_reason))
    wb = Workbook()
    wb.properties.creator = EXPORT_CREATOR
    ws = wb.active
    ws.title = "Kết quả"
    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    regular, bold = Font(name=FONT, size=12), Font(name=FONT, size=12, bold=True)
    _set_text(ws.cell(1, 2), f"KẾT QUẢ THỰC HIỆN NHIỆM VỤ TRỌNG TÂM THÁNG {plan.month_number}/{plan.year}")
    ws.cell(1, 2).font = Font(name=FONT, size=13, bold=True)
    _set_text(ws.cell(2, 2), f"Cơ quan chủ trì: {agency.name}. Điền các ô tô vàng rồi gửi lại tệp này; không sửa "
                             "cột «Mã», không thêm hay xóa dòng.")
    ws.cell(2, 2).font = Font(name=FONT, size=12, italic=True)
    for c, text in enumerate(HEADER, 1):
        cell = ws.cell(4, c)
        _set_text(cell, text)
        cell.font, cell.border = bold, box
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    labels = list(TASK_STATUS_LABELS.values())
    status_list = DataValidation(type="list", formula1='"' + ",".join(labels) + '"', allow_blank=False,
                                 showErrorMessage=True, errorTitle="Trạng thái",
                                 error="Chọn một trạng thái trong danh sách.")
    date_rule = DataValidation(type="date", operator="between", formula1="DATE(2000,1,1)",
                               formula2="DATE(2999,12,31)", allow_blank=True, showErrorMessage=True,
                               errorTitle="Ngày hoàn thành", error="Nhập một ngày, ví dụ 28/05/2024.")
    ws.add_data_validation(status_list)
    ws.add_data_validation(date_rule)
    for r, task in enumerate(tasks, 5):
        values = [f"khdesk:{task.id}", task.position, task.content, TASK_STATUS_LABELS[task.status],
                  task.result_note, task.completed_on, task.status_reason]
        for c, value in enumerate(values, 1):
            cell = ws.cell(r, c)
            if isinstance(value, str):
                _set_text(cell, value)
            else:
                cell.value = value
            cell.font, cell.border = regular, box
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if c >= 4:
                cell.fill = FILL
        ws.cell(r, 6).number_format = "DD/MM/YYYY"
        status_list.add(ws.cell(r, 4))
        date_rule.add(ws.cell(r, 6))
    for c, width in zip("ABCDEFG", (12, 6, 60, 18, 45, 16, 30)):
        ws.column_dimensions[c].width = width
    ws.column_dimensions["A"].hidden = True
    ws.freeze_panes = "D5"
    ws.print_title_rows = "4:4"
    # what each task said at the export, one row each (one cell per value: a cell holds 32,767 characters)
    meta = wb.create_sheet(META_SHEET)
    meta.sheet_state = "hidden"
    head = [META_MARK, plan.month, agency.name, datetime.now().isoformat(timespec="seconds"), plan.id, agency.id]
    rows = [[t.id, *(_value(t, name) for name in FIELDS), task_digest(t)] for t in tasks]
    meta.append(head + [store.sign(_signed_text(head, rows))])
    for row in rows:
        meta.append(row)
    for row in meta.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"             # never a formula, whatever the text starts with
    _save_atomically(wb, Path(output))
    return len(tasks)


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


def read_results(store, path: str | Path) -> ResultSheet:
    """What a filled-in sheet changes in the plan it came from (nothing is written here)."""
    path = Path(path)
    if path.exists() and not path.is_file():          # before opening it: opening a named pipe waits forever
        raise InvalidInput(f"«{path.name}» không phải tệp thường (thiết bị hoặc đường ống), không phải bảng kết quả.")
    if not path.exists():
        raise KhdeskError(f"Không tìm thấy tệp «{path}».")
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InvalidInput(f"Tệp «{path.name}» quá lớn cho một bảng kết quả.")
        with path.open("rb") as f:
            if f.read(4) != b"PK\x03\x04":
                raise InvalidInput(f"Tệp «{path.name}» không phải bảng tính Excel (.xlsx).")
    except OSError as err:
        raise KhdeskError(f"Không đọc được tệp «{path.name}»: {os_reason(err)}.") from err
    check_zip(path)                       # a zip bomb, or more rows than a plan has, is refused here
    try:
        wb = load_workbook(path, read_only=True, data_only=True)      # (streamed: a crafted file cannot swell)
    except (InvalidFileException, *_DAMAGED) as err:
        raise InvalidInput(f"Tệp «{path.name}» hỏng hoặc không phải bảng tính Excel.") from err
    try:
        try:
            return _read_sheet(store, path, wb)
        except _DAMAGED as err:
            if isinstance(err, KhdeskError):
                raise
            raise InvalidInput(f"Không đọc được «{path.name}»: bảng bị hỏng.") from err
    finally:
        wb.close()


def _read_sheet(store, path: Path, wb) -> ResultSheet:
    if META_SHEET not in wb.sheetnames or "Kết quả" not in wb.sheetnames:
        raise InvalidInput(f"«{path.name}» không phải bảng kết quả do khdesk xuất (thiếu trang «Kết quả»). Hãy "
                           "dùng Kế hoạch › Xuất bảng kết quả cho cơ quan… rồi gửi lại đúng tệp đó.")
    meta_rows = [tuple(r) for r in wb[META_SHEET].iter_rows(max_col=max(7, 2 + len(FIELDS)), values_only=True)]
    if not meta_rows or not meta_rows[0] or meta_rows[0][0] != META_MARK:
        raise InvalidInput(f"Phần ẩn của «{path.name}» đã bị sửa; khdesk không biết bảng này thuộc kế hoạch nào.")
    head = list(meta_rows[0][:6])
    signature = meta_rows[0][6] if len(meta_rows[0]) > 6 else None
    rows = [list(r[:2 + len(FIELDS)]) + [None] * (2 + len(FIELDS) - len(r[:2 + len(FIELDS)]))
            for r in meta_rows[1:] if any(v is not None for v in r)]
    if rows and any(row[-1] is None for row in rows):        # exported before a task's text was recorded
        raise InvalidInput(f"«{path.name}» được xuất bởi một phiên bản khdesk cũ, chưa ghi nội dung từng nhiệm vụ lúc "
                           "xuất nên không biết kết quả thuộc đúng nhiệm vụ nào. Không có gì được nhập. Hãy xuất lại "
                           "bảng cho cơ quan (Kế hoạch › Xuất bảng kết quả cho cơ quan…).")
    import hmac

    if not isinstance(signature, str) or not hmac.compare_digest(signature, store.sign(_signed_text(head, rows))):
        raise InvalidInput(f"«{path.name}» không phải bảng kết quả do tệp dữ liệu này xuất, hoặc phần ẩn của nó đã "
                           "bị sửa (mã nhiệm vụ, cơ quan hay kế hoạch khác với lúc xuất). Không có gì được nhập. "
                           "Hãy xuất lại bảng cho cơ quan (Kế hoạch › Xuất bảng kết quả cho cơ quan…).")
    month, agency, plan_id, agency_id = str(head[1]), str(head[2] or ""), head[4], head[5]
    base, digests = {}, {}
    for row in rows:
        try:
            base[int(row[0])] = {name: _stored(name, v) for name, v in zip(FIELDS, row[1:])}
            digests[int(row[0])] = str(row[-1])
        except (TypeError, ValueError):
            raise InvalidInput(f"Phần ẩn của «{path.name}» đã bị sửa; không có gì được nhập.") from None
    plan = store.plans.by_month(month)
    landed = store.result_imports.landed(signature)     # what an earlier import of this same sheet wrote
    by_label = {label: code for code, label in TASK_STATUS_LABELS.items()}
    changes, unchanged, seen, refused = [], 0, set(), []
    for r, values in enumerate(wb["Kết quả"].iter_rows(min_row=5, max_col=7, values_only=True), start=5):
        values = tuple(values) + (None,) * (7 - len(values))
        key = values[0]
        if key is None and all(v in (None, "") for v in values[1:]):
            continue
        match = KEY.match(str(key or "").strip())
        if not match or int(match.group(1)) not in base:
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
        if task.plan_id != plan.id or plan.id != plan_id or agency_id not in task.lead_agency_ids:
            raise InvalidInput(f"Dòng {r}: nhiệm vụ số {task.position} không do «{agency}» chủ trì trong kế hoạch "
                               f"tháng {plan.month_number}/{plan.year}; bảng của một cơ quan chỉ ghi kết quả cho "
                               "nhiệm vụ cơ quan đó chủ trì. Không có gì được nhập.")
        if digests[task_id] != task_digest(task):
            refused.append(f"Dòng {r}: nhiệm vụ số {task.position} đã đổi nội dung hoặc cơ quan chủ trì từ khi xuất bảng; "
                           "kết quả của dòng này không được nhập (có thể thuộc nhiệm vụ khác). Hãy xuất lại bảng cho cơ "
                           "quan.")
            continue
        label = nfc(str(values[3] or "").strip())
        if label not in by_label:
            raise InvalidInput(f"Dòng {r}: trạng thái «{label}» không có trong danh sách ("
                               + ", ".join(by_label) + "). Không có gì được nhập.")
        sheet = {"status": by_label[label], "result_note": nfc(str(values[4] or "")),
                 "completed_on": _completed(values[5], r), "status_reason": nfc(str(values[6] or ""))}
        for name in ("result_note", "status_reason"):             # (a 148 KB sheet once wrote 48 million)
            overlong = too_long(f"Dòng {r}, ô «{FIELD_NAMES[name]}»", sheet[name])
            if overlong:
                raise InvalidInput(f"{overlong}. Không có gì được nhập.")
        was = dict(base[task_id])
        for name, value in landed.get(task_id, {}).items():
            if _stored(name, value) == getattr(task, name):
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
    return ResultSheet(month, agency, changes, unchanged, refused, signature)


def _completed(value, row: int) -> date | None:
    """The completion day as the agency left it: a date cell, a typed "28/05/2024", or the number a
    date cell becomes when its format is lost."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 1 <= value < 2_958_466:
        return from_excel(value).date()
    try:
        return typed_dates.parse(str(value))
    except InvalidInput as err:
        raise InvalidInput(f"Dòng {row}, cột «Ngày hoàn thành»: {err} Không có gì được nhập.") from None


def shown(name: str, value) -> str:
    """A field's value as the preview shows it."""
    if name == "status":
        return TASK_STATUS_LABELS.get(value, str(value))
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return str(value or "")


def apply_results(store, sheet: ResultSheet) -> list[tuple[int, dict, dict]]:
    """Write the sheet's changes (never its conflicts), all or none; returns (task id, before,
    after) for each task changed, which is what undo needs."""
    done = []
    with store.transaction():
        for change in sheet.changes:
            if not change.changes:
                continue
            task = store.tasks.get(change.task.id)
            before = {name: getattr(task, name) for name in change.changes}
            store.tasks.update(task.id, **change.changes)
            if sheet.sheet_id:
                written = store.tasks.get(task.id)
                store.result_imports.record(sheet.sheet_id, task.id,
                                            {name: _value(written, name) for name in change.changes})
            done.append((task.id, before, dict(change.changes)))
    return done
