"""Word files in the shapes the office's plans have, made with python-docx for the import tests:
the seed plan laid out as its original (header as paragraphs, the appendix after a section break,
the lead cell merged down over its group), an appendix in section rows by agency (no lead column),
and one in section rows by field (a lead column, the Lâm Đồng 03 table)."""
from __future__ import annotations

import csv
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from seed_data import FIXTURES, GROUPS, expected_leads, read_seed_rows


def _para(doc, text, bold=False, italic=False, font=None):
    paragraph = doc.add_paragraph()
    for i, line in enumerate(text.split("\n")):
        run = paragraph.add_run()
        if i:
            run.add_break()
        run.add_text(line)
        run.bold, run.italic = bold, italic
        if font:
            run.font.name = font
    return paragraph


def _cell_text(cell, text, font=None, bold=False):
    paragraph = cell.paragraphs[0]
    for i, line in enumerate(text.split("\n")):
        run = paragraph.add_run()
        if i:
            run.add_break()
        run.add_text(line)
        run.bold = bold
        if font:
            run.font.name = font


def _merge_down(table, column: int, first: int, last: int) -> None:
    """Word's vertical merge (vMerge restart/continue), as a real appendix has it."""
    for r in range(first, last + 1):
        tc_pr = table.cell(r, column)._tc.get_or_add_tcPr()
        merge = OxmlElement("w:vMerge")
        if r == first:
            merge.set(qn("w:val"), "restart")
        tc_pr.append(merge)


def plan_head(doc, plan) -> None:
    _para(doc, plan.issuing_body, bold=True)
    _para(doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True)
    _para(doc, "Độc lập - Tự do - Hạnh phúc", bold=True)
    _para(doc, f"Số: {plan.number}/{plan.symbol}")
    _para(doc, f"{plan.place}, ngày {plan.issued_on.day} tháng {plan.issued_on.month} năm {plan.issued_on.year}",
          italic=True)
    _para(doc, plan.doc_type, bold=True)
    _para(doc, plan.subject, bold=True)
    for part in plan.grounds.split("\n"):
        _para(doc, part)
    _para(doc, "I. Nhiệm vụ chung", bold=True)
    for n, item in enumerate(plan.general_tasks, 1):
        for i, part in enumerate(item.split("\n")):
            _para(doc, f"{n}. {part}" if i == 0 else part)
    _para(doc, "II. Các nhiệm vụ cụ thể", bold=True)
    _para(doc, plan.specific_tasks_text)
    _para(doc, "III. Tổ chức thực hiện", bold=True)
    _para(doc, plan.implementation)
    _para(doc, "Nơi nhận:", bold=True, italic=True)
    for name in plan.recipients:
        _para(doc, f"- {name}")
    _para(doc, plan.signer_authority, bold=True)
    _para(doc, plan.signer_title, bold=True)
    _para(doc, "")
    _para(doc, plan.signer_name, bold=True)


def seed_as_word(path: Path, plan) -> Path:
    """The seed plan as its original Word file: the plan's parts as paragraphs (the plan's own
    fields), then, after a section break, the appendix whose lead cell is merged over each group."""
    doc = Document()
    plan_head(doc, plan)
    doc.add_section(WD_SECTION.NEW_PAGE)
    _para(doc, plan.appendix_title, bold=True)
    _para(doc, f"({plan.appendix_reference})", italic=True)
    rows = read_seed_rows()
    leads = expected_leads(rows)
    table = doc.add_table(rows=1 + len(rows), cols=3)
    for c, title in enumerate(["TT", "Nội dung", "Cơ quan chủ trì thực hiện"]):
        _cell_text(table.cell(0, c), title, bold=True)
    for n in sorted(rows):
        _cell_text(table.cell(n, 0), str(n))
        _cell_text(table.cell(n, 1), rows[n][0])
    for first, last in GROUPS:
        _cell_text(table.cell(first, 2), leads[first])
        if last > first:
            _merge_down(table, 2, first, last)
    doc.save(path)
    return path


def by_agency_as_word(path: Path, plan, tasks, names) -> Path:
    """The appendix in section rows by agency ("I. SỞ KẾ HOẠCH VÀ ĐẦU TƯ" across the table), with
    no lead column; in two tables, the header repeated in the second."""
    doc = Document()
    plan_head(doc, plan)
    doc.add_page_break()
    _para(doc, plan.appendix_title, bold=True)
    groups: list[tuple[str, list]] = []
    for task in tasks:
        lead = names[task.lead_agency_ids[0]]
        if not groups or groups[-1][0] != lead:
            groups.append((lead, []))
        groups[-1][1].append(task)
    roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI",
             "XVII", "XVIII", "XIX", "XX"]
    halves = [groups[: len(groups) // 2], groups[len(groups) // 2:]]
    number = 0
    for k, half in enumerate(halves):
        table = doc.add_table(rows=1, cols=3)
        for c, title in enumerate(["STT", "Nội dung nhiệm vụ", "Thời gian hoàn thành"]):
            _cell_text(table.cell(0, c), title, bold=True)
        for g, (lead, group) in enumerate(half):
            row = table.add_row()
            merged = row.cells[0].merge(row.cells[2])
            _cell_text(merged, f"{roman[g + k * len(halves[0])]}. {lead.upper()}", bold=True)
            for task in group:
                number += 1
                row = table.add_row()
                _cell_text(row.cells[0], str(number))
                _cell_text(row.cells[1], task.content)
                _cell_text(row.cells[2], task.deadline_text)
        if k == 0:
            _para(doc, "")
    doc.save(path)
    return path


LAMDONG_03 = FIXTURES / "samples" / "03_lamdong_cv-bcd_2025-08_nhiem-vu-trong-tam-chinh-quyen-2-cap.csv"
FIELDS_03 = {"1": "HOÀN THIỆN HẠ TẦNG CÔNG NGHỆ THÔNG TIN",
             "2": "HOÀN THIỆN CƠ CẤU TỔ CHỨC, CHỨC NĂNG GIẢI QUYẾT TTHC TẠI CẤP XÃ"}


def lamdong_rows() -> list[dict]:
    with LAMDONG_03.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def by_field_as_word(path: Path, plan) -> Path:
    """The Lâm Đồng 03 table as a Word appendix: section rows by field (I., II.) across the table,
    then tasks with their lead, co-ordinators and deadline."""
    doc = Document()
    plan_head(doc, plan)
    doc.add_section(WD_SECTION.NEW_PAGE)
    _para(doc, "NHIỆM VỤ TRỌNG TÂM THÁNG 8/2025", bold=True)
    table = doc.add_table(rows=1, cols=5)
    for c, title in enumerate(["TT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn hoàn thành"]):
        _cell_text(table.cell(0, c), title, bold=True)
    section = None
    for row_data in lamdong_rows():
        field_number = row_data["tt"].split(".")[0]
        if field_number != section:
            section = field_number
            row = table.add_row()
            merged = row.cells[0].merge(row.cells[4])
            _cell_text(merged, f"{'I' * int(field_number)}. {FIELDS_03[field_number]}", bold=True)
        row = table.add_row()
        for c, key in enumerate(["tt", "noi_dung", "co_quan_chu_tri", "co_quan_phoi_hop", "thoi_han"]):
            _cell_text(row.cells[c], row_data[key])
    doc.save(path)
    return path


def no_month_docx(path: Path) -> Path:
    """A plan whose title, subject and date name no month: one task in a table."""
    doc = Document()
    doc.add_paragraph("KẾ HOẠCH")
    doc.add_paragraph("Triển khai nhiệm vụ trọng tâm")
    table = doc.add_table(rows=2, cols=3)
    for c, text in enumerate(["TT", "Nội dung", "Cơ quan chủ trì"]):
        table.cell(0, c).text = text
    for c, text in enumerate(["1", "Việc một", "Sở Y tế"]):
        table.cell(1, c).text = text
    doc.save(path)
    return path
