"""An agency's result sheet, the file: written with its tasks of the month and the columns to fill in
(Trạng thái from a list, Kết quả, Ngày hoàn thành, Lý do), each row keyed by its task; read back bounded
against crafted files. Its hidden part — plan, agency, the tasks and what each said at the export — is
signed with the database's own secret (``sign``, ``Store.sign``): a hidden part altered by hand (any Excel
user can unhide it), or a sheet exported by another database, is refused whole. Comparing a sheet with the
plan and writing its changes is ``khdesk.usecases.results``.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils.datetime import from_excel
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from ...domain import typed_dates
from ...domain.models import RESULT_FIELDS, TASK_STATUS_LABELS, Agency, Plan, Task
from ...domain.progress import NO_REPORT_LABEL
from ...errors import InvalidInput, KhdeskError, os_reason
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


def value_of(task: Task, name: str):
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


def stored_value(name: str, value):
    """A value of the hidden sheet back as the task holds it."""
    if name == "completed_on":
        return date.fromisoformat(value) if value else None
    return str(value) if value is not None else ""


def write_result_sheet(plan: Plan, agency: Agency, tasks: list[Task], sign: Callable[[bytes], str],
                       output: str | Path, unreported: frozenset[int] = frozenset()) -> int:
    """The result sheet of ``agency``'s ``tasks`` of ``plan``, its hidden part signed by ``sign`` (the database's
    own key, ``Store.sign``); returns its number of tasks. A task of ``unreported`` (nothing recorded since it
    entered the plan) shows «Chưa có báo cáo» in Trạng thái, for the agency to replace."""
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
    labels = [NO_REPORT_LABEL, *TASK_STATUS_LABELS.values()]
    status_list = DataValidation(type="list", formula1='"' + ",".join(labels) + '"', allow_blank=False,
                                 showErrorMessage=True, errorTitle="Trạng thái",
                                 error="Chọn một trạng thái trong danh sách.")
    date_rule = DataValidation(type="date", operator="between", formula1="DATE(2000,1,1)",
                               formula2="DATE(2999,12,31)", allow_blank=True, showErrorMessage=True,
                               errorTitle="Ngày hoàn thành", error="Nhập một ngày, ví dụ 28/05/2024.")
    ws.add_data_validation(status_list)
    ws.add_data_validation(date_rule)
    for r, task in enumerate(tasks, 5):
        status = NO_REPORT_LABEL if task.id in unreported else TASK_STATUS_LABELS[task.status]
        values = [f"khdesk:{task.id}", task.position, task.content, status,
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
    rows = [[t.id, *(value_of(t, name) for name in FIELDS), task_digest(t)] for t in tasks]
    meta.append(head + [sign(_signed_text(head, rows))])
    for row in rows:
        meta.append(row)
    for row in meta.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"             # never a formula, whatever the text starts with
    _save_atomically(wb, Path(output))
    return len(tasks)


@dataclass
class FilledSheet:
    """A filled-in result sheet as read, its hidden part checked against its signature: the export's plan and
    agency, what each task said then, and the rows as the agency left them (nothing compared yet)."""
    month: str
    agency: str
    plan_id: object
    agency_id: object
    signature: str
    base: dict[int, dict]            # task id → the follow-up values exported
    digests: dict[int, str]          # task id → what the task read at the export (``task_digest``)
    rows: list[tuple[int, tuple]]    # (row number, the seven cells) of the «Kết quả» sheet


def read_result_sheet(path: str | Path, sign: Callable[[bytes], str]) -> FilledSheet:
    """A filled-in sheet read and its hidden part checked with ``sign`` (the database's key); refused whole,
    with the reason, when it is not one this database exported or was altered (nothing is written here)."""
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
            return _read_sheet(path, wb, sign)
        except _DAMAGED as err:
            if isinstance(err, KhdeskError):
                raise
            raise InvalidInput(f"Không đọc được «{path.name}»: bảng bị hỏng.") from err
    finally:
        wb.close()


def _read_sheet(path: Path, wb, sign: Callable[[bytes], str]) -> FilledSheet:
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

    if not isinstance(signature, str) or not hmac.compare_digest(signature, sign(_signed_text(head, rows))):
        raise InvalidInput(f"«{path.name}» không phải bảng kết quả do tệp dữ liệu này xuất, hoặc phần ẩn của nó đã "
                           "bị sửa (mã nhiệm vụ, cơ quan hay kế hoạch khác với lúc xuất). Không có gì được nhập. "
                           "Hãy xuất lại bảng cho cơ quan (Kế hoạch › Xuất bảng kết quả cho cơ quan…).")
    month, agency, plan_id, agency_id = str(head[1]), str(head[2] or ""), head[4], head[5]
    base, digests = {}, {}
    for row in rows:
        try:
            base[int(row[0])] = {name: stored_value(name, v) for name, v in zip(FIELDS, row[1:])}
            digests[int(row[0])] = str(row[-1])
        except (TypeError, ValueError):
            raise InvalidInput(f"Phần ẩn của «{path.name}» đã bị sửa; không có gì được nhập.") from None
    filled = []
    for r, values in enumerate(wb["Kết quả"].iter_rows(min_row=5, max_col=7, values_only=True), start=5):
        values = tuple(values) + (None,) * (7 - len(values))
        if values[0] is None and all(v in (None, "") for v in values[1:]):
            continue
        filled.append((r, values))
    return FilledSheet(month, agency, plan_id, agency_id, signature, base, digests, filled)


def completed_on(value, row: int) -> date | None:
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
