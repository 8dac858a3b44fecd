"""Excel files shaped like the ones agencies send, built from the seed and the real samples."""
from __future__ import annotations

import csv
import unicodedata
from pathlib import Path

import openpyxl
from openpyxl.styles import Font
from seed_data import FIXTURES

from khdesk.domain import legacy_text


def sample_rows(prefix: str) -> list[dict]:
    path = next((FIXTURES / "samples").glob(f"{prefix}_*.csv"))
    return list(csv.DictReader(path.open(encoding="utf-8")))


def to_legacy(text: str, encoding: str) -> str:
    """Unicode → the characters Excel stores for a TCVN3 or VNI font (the inverse table)."""
    table = legacy_text.tables()[encoding]
    inverse = {v: k for k, v in table.items()}
    if encoding == legacy_text.TCVN3:
        inverse.update({c: c for c in "ýÝ"})
        text = text.lower() if any(c.isupper() and not c.isascii() and c not in "ĂÂÊÔƠƯĐ" for c in text) else text
    out = []
    for ch in unicodedata.normalize("NFC", text):
        out.append(inverse.get(ch, ch))
    return "".join(out)


def merged_column_workbook(path: Path, rows: list[tuple[str, str]], *, title_rows=True, font=None,
                           encoding=None, extra_column=True) -> Path:
    """The seed's shape: title rows, a header, the lead agency merged over its group (value in the
    group's top cell), a blank row, a total row and a signature line at the end."""
    wb = openpyxl.Workbook()
    ws = wb.active
    r = 1
    if title_rows:
        ws.cell(1, 1, "ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA")
        ws.cell(2, 1, "NHIỆM VỤ TRỌNG TÂM THÁNG 5/2024")
        ws.merge_cells("A2:D2")
        r = 4
    headers = ["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì"] + (["Ghi chú"] if extra_column else [])
    for c, h in enumerate(headers, 1):
        ws.cell(r, c, h)
    r += 1
    ws.cell(r, 1, "(1)"), ws.cell(r, 2, "(2)"), ws.cell(r, 3, "(3)")
    first_data = r + 1
    group_start, last_lead = None, None
    for i, (content, lead) in enumerate(rows, 1):
        r = first_data + i - 1
        text = to_legacy(content, encoding) if encoding else content
        ws.cell(r, 1, i)
        cell = ws.cell(r, 2, text)
        if font:
            cell.font = Font(name=font)
        if lead != last_lead:
            if group_start is not None and r - 1 > group_start:
                ws.merge_cells(start_row=group_start, start_column=3, end_row=r - 1, end_column=3)
            lead_cell = ws.cell(r, 3, to_legacy(lead, encoding) if encoding else lead)
            if font:
                lead_cell.font = Font(name=font)
            group_start, last_lead = r, lead
    if r > group_start:
        ws.merge_cells(start_row=group_start, start_column=3, end_row=r, end_column=3)
    ws.cell(r + 2, 2, "Tổng cộng: " + str(len(rows)) + " nhiệm vụ")
    ws.cell(r + 4, 2, "Nơi nhận:")
    ws.cell(r + 4, 3, "TM. ỦY BAN NHÂN DÂN")
    wb.save(path)
    return path


def section_workbook(path: Path, rows: list[dict]) -> Path:
    """The other real shape: "I. SỞ …" section rows spanning the table, numbering restarting in each
    section, columns "Nhiệm vụ | Đơn vị phối hợp | Thời gian hoàn thành", no lead column."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["KẾ HOẠCH TRIỂN KHAI"])
    ws.append([])
    ws.append(["TT", "Nhiệm vụ", "Đơn vị phối hợp", "Thời gian hoàn thành"])
    roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
    groups: dict[str, list[dict]] = {}
    for row in rows:
        groups.setdefault(row["co_quan_chu_tri"], []).append(row)
    for g, (lead, items) in enumerate(groups.items()):
        ws.append([f"{roman[g]}. {lead.upper()}"])
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=4)
        for n, item in enumerate(items, 1):
            ws.append([n, item["noi_dung"], item["co_quan_phoi_hop"], item["thoi_han"]])
        ws.append([])
    wb.save(path)
    return path
