"""A plan's tasks as an .xlsx laid out like the appendix: title rows, bold header, the lead agency
merged over its group, Times New Roman 13, wrapped text, A4, header repeated on every printed page."""
from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils.exceptions import IllegalCharacterError

from ...document.charset import refuse_unsupported
from ...document.comparison import ComparisonTables
from ...document.model import COLUMN_TITLES, Appendix, PlanDocument
from ...document.month_report import MonthReport
from ...domain.progress import COLUMNS
from ...errors import InvalidInput
from ...system.files import write_atomically
from .reading import EXPORT_CREATOR

FONT = "Times New Roman"
EXCEL_CELL_LIMIT = 32_767            # characters a cell holds; Excel cuts the rest
WIDTHS = {"tt": 6, "content": 70, "lead": 26, "coordinators": 24, "deadline": 16, "given_in": 30}


def refuse_overlong(texts) -> None:
    """``InvalidInput`` for the first (what, text) longer than an Excel cell holds: Excel would cut it,
    and khdesk never cuts a clerk's text."""
    for what, text in texts:
        if len(text) > EXCEL_CELL_LIMIT:
            length, limit = (f"{n:,}".replace(",", ".") for n in (len(text), EXCEL_CELL_LIMIT))
            raise InvalidInput(f"{what} dài {length} ký tự, quá {limit} ký tự một ô Excel chứa được; khdesk không "
                               "cắt bớt. Hãy chia nội dung, hoặc xuất ra Word hay in PDF.")


def _set_text(cell, text: str) -> None:
    """A text cell, never a formula, whatever the text starts with (=, +, -, @)."""
    cell.value = text
    cell.data_type = "s"


def write_appendix_xlsx(appendix: Appendix, sheet_title: str, output: str | Path) -> int:
    """The appendix written to ``output`` (.xlsx), its columns as the document has them (with «Giao tại» when
    it has it); returns the number of tasks written."""
    refuse_unsupported(PlanDocument(None, (), None, appendix).texts(), "xuất ra Excel")
    refuse_overlong((f"Nhiệm vụ số {r.position}", r.content) for r in appendix.rows)
    columns = list(appendix.columns)

    wb = Workbook()
    wb.properties.creator = EXPORT_CREATOR
    ws = wb.active
    ws.title = sheet_title
    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    regular, bold = Font(name=FONT, size=13), Font(name=FONT, size=13, bold=True)
    last_col = len(columns)
    for row, (text, font) in enumerate(((appendix.label, Font(name=FONT, size=14, bold=True)),
                                        (appendix.title, Font(name=FONT, size=14, bold=True)),
                                        (appendix.reference, Font(name=FONT, size=14, italic=True))), 1):
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_col)
        cell = ws.cell(row, 1)
        _set_text(cell, text)
        cell.font = font
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    header_row = 5
    for col, key in enumerate(columns, 1):
        cell = ws.cell(header_row, col)
        _set_text(cell, COLUMN_TITLES[key])
        cell.font = bold
        cell.border = box
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[cell.column_letter].width = WIDTHS[key]
    row = header_row
    group_start, group = None, None
    lead_col = columns.index("lead") + 1
    table_rows = appendix.rows
    for heading, part in appendix.sections():
        if heading:                       # a part of its own: a heading row across the table, bold
            if group is not None:
                _merge_group(ws, group_start, row, lead_col)
            group_start, group = None, None
            row += 1
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_col)
            _set_text(ws.cell(row, 1), heading)
            ws.cell(row, 1).font = bold
            ws.cell(row, 1).alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
            for col in range(1, last_col + 1):
                ws.cell(row, col).border = box
        for r in part:
            row += 1
            for col, (key, text) in enumerate(zip(columns, appendix.cells(r)), 1):
                cell = ws.cell(row, col)
                if key == "tt":
                    cell.value = r.position
                else:
                    _set_text(cell, text)
                cell.font = regular
                cell.border = box
                horizontal = "justify" if key == "content" else "center"
                cell.alignment = Alignment(horizontal=horizontal, vertical="center" if key != "content" else "top",
                                           wrap_text=True)
            if r.group != group:
                if group is not None:
                    _merge_group(ws, group_start, row - 1, lead_col)
                group_start, group = row, r.group
    if table_rows:
        _merge_group(ws, group_start, row, lead_col)
    ws.freeze_panes = ws.cell(header_row + 1, 1)
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left, ws.page_margins.right = 30 / 25.4, 15 / 25.4
    ws.page_margins.top = ws.page_margins.bottom = 20 / 25.4
    _save_atomically(wb, Path(output))
    return len(table_rows)


def _merge_group(ws, first: int | None, last: int, col: int) -> None:
    if first is not None and last > first:
        ws.merge_cells(start_row=first, start_column=col, end_row=last, end_column=col)


def _save_atomically(wb: Workbook, path: Path) -> None:
    def save(tmp: str) -> None:
        try:
            wb.save(tmp)
        except IllegalCharacterError as err:
            raise InvalidInput("Có ký tự mà Excel không lưu được; hãy sửa nội dung rồi xuất lại.") from err

    write_atomically(path, "tệp Excel", save)


def _table(ws, title: str, subtitle: str, header: list[str], rows: list[list], widths: list[int],
           bold_last: bool = False) -> None:
    """A sheet of one table: its title and subtitle, a bold header repeated on every printed page, boxed
    cells, numbers centred, texts wrapped (and never taken for formulas)."""
    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    regular, bold = Font(name=FONT, size=12), Font(name=FONT, size=12, bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    _set_text(ws.cell(1, 1), title)
    ws.cell(1, 1).font = Font(name=FONT, size=13, bold=True)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    _set_text(ws.cell(2, 1), subtitle)
    ws.cell(2, 1).font = Font(name=FONT, size=12, italic=True)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(header))
    for c, text in enumerate(header, 1):
        cell = ws.cell(4, c)
        _set_text(cell, text)
        cell.font, cell.border, cell.alignment = bold, box, centre
    for r, values in enumerate(rows, 5):
        for c, value in enumerate(values, 1):
            cell = ws.cell(r, c)
            if isinstance(value, int):
                cell.value = value
            else:
                _set_text(cell, value)
            last = bold_last and r == 4 + len(rows)
            cell.font, cell.border = (bold if last else regular), box
            cell.alignment = centre if isinstance(value, int) or c == 1 else wrap
    for c, width in enumerate(widths, 1):
        ws.column_dimensions[ws.cell(4, c).column_letter].width = width
    ws.print_title_rows = "4:4"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4


def write_comparison_xlsx(tables: ComparisonTables, output: str | Path) -> int:
    """The month-to-month view as .xlsx: a sheet per table (by agency, carried, new, left behind, longest
    overdue), each under the comparison's title and period. Returns the number of sheets."""
    refuse_unsupported(tables.texts(), "xuất ra Excel")
    refuse_overlong(("Nội dung nhiệm vụ", text) for _, text in tables.texts())
    wb = Workbook()
    wb.properties.creator = EXPORT_CREATOR
    for i, table in enumerate(tables.tables):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = table.name
        _table(ws, f"{tables.title} — {table.title}", f"({tables.counted}) {tables.summary}" if i == 0 else
               f"({tables.counted})", list(table.header), table.rows, list(table.widths))
    _save_atomically(wb, Path(output))
    return len(tables.tables)


def write_report_xlsx(report: MonthReport, output: str | Path) -> int:
    """The month's report tables as .xlsx: the figures by lead agency (the panel's and the report's),
    then the tasks overdue or not done. Returns the number of agencies."""
    refuse_unsupported(report.texts(), "xuất ra Excel")
    refuse_overlong((f"Nhiệm vụ số {late.position}", t) for late in report.late for t in (late.content, late.result))
    wb = Workbook()
    wb.properties.creator = EXPORT_CREATOR
    subtitle = f"({report.counted})"
    ws = wb.active
    ws.title = "Theo cơ quan"
    rows = [[i, name, *f.as_row()] for i, (name, f) in enumerate(report.by_agency, 1)]
    rows.append(["", "Cả kế hoạch", *report.figures.as_row()])
    _table(ws, report.document.subject.upper(), subtitle, ["TT", "Cơ quan chủ trì", *(label for _, label in COLUMNS)],
           rows, [6, 40] + [13] * len(COLUMNS), bold_last=True)
    late = wb.create_sheet("Quá hạn, chưa hoàn thành")
    _table(late, "NHIỆM VỤ QUÁ HẠN, CHƯA HOÀN THÀNH", subtitle,
           ["TT", "Nội dung", "Cơ quan chủ trì", "Tình trạng", "Kết quả, lý do"],
           [[t.position, t.content, t.leads, t.state, t.result] for t in report.late], [6, 70, 26, 26, 40])
    _save_atomically(wb, Path(output))
    return len(report.by_agency)
