"""The table of tasks as a clerk reads it, whatever file it came from: an Excel sheet, rows pasted from the
clipboard, a table of a Word document. Each reader puts its cells into a ``Grid``; ``find_header`` finds the
header row wherever it is and maps the columns by their (folded) titles, ``parse_grid`` fills merged cells
down, understands section rows («I. SỞ TƯ PHÁP» above its tasks), skips blank, total and signature rows,
converts legacy-font text (TCVN3/VNI) and gives an ``ImportTable``: a preview, nothing written. No file
format library here.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

from ..domain.agency_names import agency_behind_role, is_capitals, sentence_case, split_agencies
from ..domain.legacy_text import Evidence, is_legacy_font, to_unicode
from ..domain.limits import FIELD_CHARS, NAME_CHARS, TASKS_PER_PLAN, count, too_long
from ..domain.text import fold, nfc, office_text
from ..errors import InvalidInput

MAX_ROWS = 20_000
HEADER_SCAN_ROWS = 40
MAX_CELLS = 1_000_000                       # cells with a value, in one sheet
MAX_CELL_CHARS = 32_767                     # what one Excel cell can hold
MAX_TEXT_CHARS = 20_000_000                 # all the text of a sheet, counted where it is used
MAX_MERGED_CELLS = 2_000_000                # cells covered by merged ranges, within the used range

# Column titles, folded (see khdesk.domain.text.fold), most specific first.
COLUMN_TITLES = {
    "tt": ["tt", "stt", "so tt", "so thu tu", "thu tu"],
    "content": ["noi dung nhiem vu", "noi dung cong viec", "noi dung", "nhiem vu", "ten nhiem vu", "cong viec"],
    "lead": ["co quan chu tri thuc hien", "co quan chu tri", "don vi chu tri thuc hien", "don vi chu tri",
             "co quan, don vi chu tri", "co quan/don vi chu tri", "don vi/co quan chu tri", "co quan thuc hien",
             "don vi thuc hien", "don vi/co quan thuc hien", "co quan/don vi thuc hien", "trach nhiem thuc hien",
             "trach nhiem chu tri", "trach nhiem", "chu tri thuc hien", "chu tri", "lanh dao thuc hien",
             "lanh dao chu tri", "nguoi thuc hien", "phan cong thuc hien", "phan cong"],
    "coordinators": ["co quan phoi hop thuc hien", "co quan phoi hop", "don vi phoi hop", "phoi hop"],
    "deadline": ["thoi han hoan thanh", "thoi gian hoan thanh", "thoi han", "thoi gian thuc hien", "tien do",
                 "thoi gian"],
    "given_in": ["giao tai", "nguon giao", "noi giao", "van ban giao"],
}
COLUMN_NAMES = {"tt": "TT", "content": "Nội dung", "lead": "Cơ quan chủ trì", "coordinators": "Cơ quan phối hợp",
                "deadline": "Thời hạn", "given_in": "Giao tại"}
_SECTION = re.compile(r"^\s*(?:[IVXLC]+|[A-Z])\s*[.\-–)]\s*(.+)$", re.S)
_SKIP = ("tong cong", "tong so", "cong:", "noi nhan", "tm.", "tm ", "kt.", "kt ", "chu tich", "nguoi lap",
         "nguoi ky", "thu truong", "giam doc", "xac nhan")


@dataclass
class ImportRow:
    source_row: int                 # row number in the sheet, as Excel shows it
    tt: str
    content: str
    leads: list[str]                # the lead agencies as written (after fill-down and sections), in order
    coordinators: list[str] = field(default_factory=list)
    deadline_text: str = ""
    due_date: date | None = None
    given_in: str = ""              # where the task was given (a document's number, date and item), if known


@dataclass
class ImportTable:
    path: Path
    sheet: str
    header_row: int
    columns: dict[str, int]         # key → 1-based column
    unplaced: list[str]             # header titles of columns khdesk does not use
    rows: list[ImportRow]
    converted_cells: int
    notes: list[str] = field(default_factory=list)
    # cells khdesk cannot keep, each named by row and column: the preview shows the whole table with
    # them marked, and nothing is imported until they are fixed in the file
    problems: dict[int, str] = field(default_factory=dict)     # source row → what is wrong there
    # the month the sheet says it is for, in its title above the table («NHIỆM VỤ TRỌNG TÂM THÁNG
    # 7/2024») or its name («Tháng 7-2024»): "2024-07", or None
    month: str | None = None

    def refuse_problems(self) -> None:
        """``InvalidInput`` naming the first problem cell (and how many more), if any."""
        if self.problems:
            first = next(iter(self.problems.values()))
            more = f" (và {len(self.problems) - 1} dòng khác)" if len(self.problems) > 1 else ""
            raise InvalidInput(f"«{self.path.name}», {first[:1].lower() + first[1:]}{more}; chưa có dòng nào được nhập.")

    def agency_names(self) -> list[str]:
        names: list[str] = []
        for row in self.rows:
            for name in [*row.leads, *row.coordinators]:
                if name and name not in names:
                    names.append(name)
        return names


# ----- opening the file safely ---------------------------------------------------------------------


class Grid:
    """The cells that hold a value, by (row, column), 1-based; merged ranges clipped to the range in
    use. Only rows and columns that hold something are ever visited."""

    def __init__(self, cells: dict[tuple[int, int], tuple[object, str | None]], merged: list[tuple[int, int, int, int]],
                 unicode_only: bool = False):
        self.cells = cells
        self.office_fixes: dict[tuple[int, int], tuple[int, int]] = {}    # cell → (line breaks, invisible marks)
        self._legacy_columns, self._legacy_sheet = (set(), False) if unicode_only else _legacy_evidence(cells)
        self.row_columns: dict[int, list[int]] = {}
        for r, c in cells:
            self.row_columns.setdefault(r, []).append(c)
        for columns in self.row_columns.values():
            columns.sort()
        self.max_row = max(self.row_columns, default=0)
        self.max_col = max((c for _, c in cells), default=0)
        self._merges: dict[int, list[tuple[int, int, tuple]]] = {}     # column → (first row, last row, range)
        covered = 0
        for r1, c1, r2, c2 in merged:
            if r1 > self.max_row or c1 > self.max_col:
                continue                                   # entirely outside what the sheet holds
            span = (r1, c1, min(r2, self.max_row), min(c2, self.max_col))
            covered += (span[2] - r1 + 1) * (span[3] - c1 + 1)
            if covered > MAX_MERGED_CELLS:
                raise InvalidInput(f"Bảng có các vùng gộp ô phủ hơn {count(MAX_MERGED_CELLS)} ô; khdesk không mở để tránh "
                                   "treo máy.")
            for c in range(c1, span[3] + 1):
                self._merges.setdefault(c, []).append((r1, span[2], span))
        self._merge_starts = {}
        for c, spans in self._merges.items():
            spans.sort()
            self._merge_starts[c] = [r1 for r1, _, _ in spans]

    def rows(self, after: int = 0) -> list[int]:
        """The rows below ``after`` that hold a value, in order."""
        return sorted(r for r in self.row_columns if r > after)

    def converts(self, col: int, font: str | None) -> bool:
        """Whether legacy-looking text in this column is converted: a legacy font on the cell, or
        the column or the sheet as a whole reads as legacy text."""
        return self._legacy_sheet or col in self._legacy_columns or is_legacy_font(font) is not None

    def raw(self, r: int, c: int):
        return self.cells.get((r, c), (None, None))

    def merge_of(self, r: int, c: int):
        """The merged range (first row, first column, last row, last column) holding the cell, if any."""
        starts = self._merge_starts.get(c)
        if not starts:
            return None
        i = bisect_right(starts, r) - 1
        if i >= 0 and self._merges[c][i][1] >= r:
            return self._merges[c][i][2]
        return None

    def text(self, r: int, c: int, fill_down: bool = False) -> tuple[str, str | None]:
        """The cell's text (a merged cell reads its range's value when ``fill_down``), with legacy
        fonts converted; the second item says which encoding was converted from, if any."""
        value, font = self.raw(r, c)
        where = (r, c)
        if value is None:
            span = self.merge_of(r, c)
            if span and (fill_down or span[0] == r):
                value, font = self.raw(span[0], span[1])
                where = (span[0], span[1])
        text, encoding = _as_text(value, font, self.converts(c, font))
        text, breaks, hidden = office_text(text)
        if breaks or hidden:
            self.office_fixes[where] = (breaks, hidden)
        return text, encoding


def _legacy_evidence(cells: dict) -> tuple[set[int], bool]:
    """The columns whose text reads as legacy, and whether the whole sheet does."""
    columns: dict[int, Evidence] = {}
    sheet = Evidence()
    for (_, c), (value, _) in cells.items():
        if isinstance(value, str):
            columns.setdefault(c, Evidence()).add(value)
            sheet.add(value)
    return {c for c, e in columns.items() if e.reads_legacy()}, sheet.reads_legacy()


def _as_text(value, font, legacy: bool = False) -> tuple[str, str | None]:
    if value is None:
        return "", None
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y"), None
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y"), None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    if not legacy:
        return nfc(text), None
    converted, encoding = to_unicode(text, font)
    return nfc(converted), encoding


def column_letter(col: int) -> str:
    """Excel's name of a 1-based column: 1 → A, 27 → AA (what a clerk sees above the column)."""
    letters = ""
    while col > 0:
        col, rest = divmod(col - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


# ----- understanding the table ---------------------------------------------------------------------
def _match_title(text: str) -> str | None:
    key = fold(text).strip(" .:")
    if not key:
        return None
    for column, titles in COLUMN_TITLES.items():
        if key in titles:
            return column
    for column, titles in COLUMN_TITLES.items():
        if any(key.startswith(t) for t in titles if len(t) > 3):
            return column
    return None


def find_header(grid: Grid) -> tuple[int, dict[str, int], list[str]]:
    for r in grid.rows():
        if r > HEADER_SCAN_ROWS:
            break
        found: dict[str, int] = {}
        other: list[str] = []
        for c in grid.row_columns[r]:
            text, _ = grid.text(r, c)
            if not text.strip():
                continue
            column = _match_title(text)
            if column and column not in found:
                found[column] = c
            else:
                other.append(" ".join(text.split()))
        if "content" in found and ("tt" in found or "lead" in found):
            return r, found, other
    raise InvalidInput("Không tìm thấy dòng tiêu đề của bảng (cần có cột «Nội dung» và cột «TT» hoặc "
                       "«Cơ quan chủ trì»).")


def parse_grid(path: Path, sheet: str, grid: Grid, found: tuple[int, dict[str, int], list[str]] | None = None) \
        -> ImportTable:
    """The tasks below the header row (``found``: the header row, columns and unused titles, else
    looked for)."""
    header, columns, unplaced = found or find_header(grid)
    # a second header row right below ("(1)", "(2)" … or sub-titles) is skipped
    rows: list[ImportRow] = []
    converted: set[tuple[int, int]] = set()
    section_lead = ""
    from_section: set[int] = set()          # rows whose lead is a section row's heading
    roles: dict[str, None] = {}             # «Lãnh đạo Sở X» read as Sở X, said in the preview
    notes: list[str] = []
    c_tt, c_content, c_lead = columns.get("tt"), columns["content"], columns.get("lead")

    def cell(r, c, fill_down=False):
        if c is None:
            return ""
        text, encoding = grid.text(r, c, fill_down)
        if encoding:
            converted.add(grid.merge_of(r, c)[:2] if grid.merge_of(r, c) else (r, c))
        return text

    mapped = set(columns.values())
    for r in grid.rows(after=header):
        values = {c: cell(r, c) for c in sorted(mapped.union(grid.row_columns[r]))}
        filled = [v for v in values.values() if v.strip()]
        if not filled:
            continue
        if all(re.fullmatch(r"\(?\d+\)?", v.strip()) for v in filled) and len(filled) > 1:
            continue                                   # column numbering row "(1) (2) (3)"
        content = values.get(c_content, "")
        tt = values.get(c_tt, "").strip() if c_tt else ""
        heading = _section_heading(grid, r, values, filled, tt, content, c_lead)
        if heading is not None:
            if not fold(heading).startswith(_SKIP):
                section_lead = heading
            continue
        if not tt and fold(content if content.strip() else " ".join(filled)).startswith(_SKIP):
            continue                       # a total or signature line (a numbered task is never one)
        if not content.strip():
            span = grid.merge_of(r, c_content)
            own = [values.get(c, "") for c in (c_lead, columns.get("coordinators"), columns.get("deadline")) if c]
            if (span is None or span[0] >= r) and rows and any(v.strip() for v in own):
                # Nội dung left empty under a task, the row with its own lead or deadline: the same task for
                # another agency, as a merged cell would say — a guess, said, never a row dropped
                rows.append(replace(rows[-1], source_row=r, leads=split_agencies(own[0]) if c_lead else [],
                                    coordinators=split_agencies(values.get(columns.get("coordinators"), ""), commas=True),
                                    deadline_text=values.get(columns.get("deadline"), "").strip(), due_date=None,
                                    tt=tt or rows[-1].tt))
                notes.append(f"Dòng {r}: ô Nội dung trống nhưng có cơ quan hoặc thời hạn riêng: hiểu là cùng nhiệm vụ "
                             f"với dòng {rows[-2].source_row} — hãy kiểm tra.")
                continue
            if span is None or span[0] >= r:
                kept = "; ".join(f"«{v.strip()}»" for v in filled)
                notes.append(f"Dòng {r}: không có nội dung (chỉ có {kept}), không nhập.")
                continue
            # the Nội dung cell merged down from the task above, this row with its own lead, product or
            # deadline: a task of its own with the same text (one task on two rows, two responsibilities)
            content = cell(r, c_content, fill_down=True)
            tt = cell(r, c_tt, fill_down=True).strip() if c_tt else ""
            notes.append(f"Dòng {r}: cùng nội dung với dòng {span[0]} (ô gộp) nhưng có cơ quan, sản phẩm hoặc thời hạn "
                         "riêng: thành một nhiệm vụ riêng.")
        leads = split_agencies(cell(r, c_lead, fill_down=True) if c_lead else "")
        for i, lead in enumerate(leads):              # «Lãnh đạo Sở Công Thương» is Sở Công Thương's task
            agency = agency_behind_role(lead)
            if agency:
                roles.setdefault(f"«{lead}» hiểu là «{agency}»", None)
                leads[i] = agency
        if not leads and section_lead:
            leads = split_agencies(section_lead)
            from_section.add(len(rows))
        coordinators = split_agencies(cell(r, columns.get("coordinators"), fill_down=True), commas=True)
        deadline_text = cell(r, columns.get("deadline"), fill_down=True).strip()
        due = None
        raw, _ = grid.raw(r, columns["deadline"]) if "deadline" in columns else (None, None)
        if isinstance(raw, (datetime, date)):
            due = raw.date() if isinstance(raw, datetime) else raw
        rows.append(ImportRow(r, tt, content, leads, coordinators, deadline_text, due,
                              cell(r, columns.get("given_in"), fill_down=True).strip()))
    if not rows:
        raise InvalidInput(f"Bảng «{sheet}» có dòng tiêu đề nhưng không có nhiệm vụ nào.")
    if len(rows) > TASKS_PER_PLAN:
        raise InvalidInput(f"Bảng «{sheet}» của «{path.name}» có {count(len(rows))} nhiệm vụ, quá {count(TASKS_PER_PLAN)} "
                           "nhiệm vụ một kế hoạch nhận; không nhập.")
    if roles:
        notes.append("Cơ quan chủ trì theo người đứng đầu: " + "; ".join(roles) + ".")
    if not any(row.leads for row in rows):
        others = "; ".join(f"«{t}»" for t in unplaced)
        notes.insert(0, "⚠ Không nhiệm vụ nào có cơ quan chủ trì: không cột nào là «Cơ quan chủ trì»"
                     + (f" (khdesk không hiểu các cột {others})" if others else "") + ". Hãy chọn cơ quan sau khi nhập.")
    problems = _unprintable(rows, columns)
    _recase_section_names(rows, from_section)
    breaks = sum(b for b, _ in grid.office_fixes.values())
    hidden = sum(h for _, h in grid.office_fixes.values())
    if breaks:
        notes.insert(0, f"{count(breaks)} chỗ xuống dòng của Word (Shift+Enter) thành xuống dòng.")
    if hidden:
        notes.insert(0, f"Đã bỏ {count(hidden)} ký tự ẩn (gạch nối mềm, ký tự độ rộng 0) không in ra được.")
    title = [cell(r, c) for r in sorted(grid.row_columns) if r < header for c in sorted(grid.row_columns[r])]
    return ImportTable(path, sheet, header, columns, unplaced, rows, len(converted), notes, problems,
                       stated_month([*title, sheet]))


_STATED_MONTH = re.compile(r"tháng\s+(\d{1,2})\s*(?:/|-|\s+năm\s+)\s*(\d{4})(?!\d)", re.IGNORECASE)


def stated_month(texts: list[str]) -> str | None:
    """The first «tháng 7/2024», «THÁNG 7-2024» or «tháng 7 năm 2024» of ``texts`` as "2024-07"."""
    for text in texts:
        for m in _STATED_MONTH.finditer(text or ""):
            if 1 <= int(m.group(1)) <= 12:
                return f"{int(m.group(2)):04d}-{int(m.group(1)):02d}"
    return None


def _unprintable(rows: list[ImportRow], columns: dict[str, int]) -> dict[int, str]:
    """The cells with a character khdesk cannot keep (a control character, one the font cannot draw),
    each named by row and column — rather than "Nội dung có ký tự không in" at the end with no place."""
    from ..document.charset import describe, unsupported

    problems: dict[int, str] = {}
    for row in rows:
        for key, texts in (("content", [row.content]), ("lead", row.leads), ("coordinators", row.coordinators),
                           ("deadline", [row.deadline_text]), ("given_in", [row.given_in])):
            limit = NAME_CHARS if key in ("lead", "coordinators") else FIELD_CHARS
            overlong = next((t for t in texts if len(t) > limit), None)
            if overlong is not None:
                column = columns.get(key)
                where = f"cột {column_letter(column)} «{COLUMN_NAMES[key]}»" if column else f"«{COLUMN_NAMES[key]}»"
                problems.setdefault(row.source_row, f"Dòng {row.source_row}, {where}: "
                                    f"{too_long('ô này', overlong, limit)}. Hãy chia nhỏ hoặc sửa ô đó trong tệp")
                continue
            bad = [c for text in texts for c in unsupported(text)]
            if bad:
                column = columns.get(key)
                where = f"cột {column_letter(column)} «{COLUMN_NAMES[key]}»" if column else f"«{COLUMN_NAMES[key]}»"
                problems.setdefault(row.source_row, f"Dòng {row.source_row}, {where}: có ký tự không in và không "
                                    f"xuất được ({describe(list(dict.fromkeys(bad)))}). Hãy xóa ký tự đó trong ô này "
                                    "rồi nhập lại")
    return problems


def _section_heading(grid: Grid, r: int, values: dict, filled: list[str], tt: str, content: str,
                     c_lead: int | None) -> str | None:
    """The agency named by a section row ("I. SỞ TƯ PHÁP" across the table, or "I" | "SỞ TƯ PHÁP"),
    or None when the row is a task."""
    lead_text = values.get(c_lead, "").strip() if c_lead else ""
    if re.fullmatch(r"[IVXLC]+\.?|[A-Z]\.?", tt) and content.strip() and not lead_text:
        return " ".join(content.split())
    distinct = {" ".join(v.split()) for v in filled}
    if len(distinct) != 1:
        return None
    text = next(iter(distinct))
    first = min(c for c, v in values.items() if v.strip())
    span = grid.merge_of(r, first)
    spans_row = bool(span and span[3] > span[1])
    match = _SECTION.match(text)
    if spans_row or (match and not tt):
        return (match.group(1) if match else text).strip()
    return None


def _recase_section_names(rows: list[ImportRow], from_section: set[int]) -> None:
    """Section headings are typed in capitals ("I. BỘ Y TẾ"); the agency is named as the file
    writes it elsewhere ("Bộ Y tế" in a cell), else in sentence case (``agency_names.sentence_case``)."""
    written = {fold(n): n for row in rows for n in [*row.leads, *row.coordinators] if not is_capitals(n)}
    for i in from_section:
        rows[i].leads = [written.get(fold(n), sentence_case(n)) if is_capitals(n) else n for n in rows[i].leads]
