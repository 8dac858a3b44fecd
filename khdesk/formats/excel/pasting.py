"""Rows copied from Excel, LibreOffice or a Word table, read as an Excel file is read (the same
column titles, sections, agency names, legacy fonts, limits) and shown in the same preview.

The clipboard offers the rows as HTML (a ``<table>``: Word, Excel and LibreOffice all write one,
with merged cells as ``rowspan``/``colspan`` and line breaks as ``<br>`` or paragraphs) and as
tab-separated text (Excel quotes a cell holding a line break). HTML is read when it holds a table;
Word's plain text cannot tell a line break in a cell from a new row.

Rows copied without their header row are mapped by position — TT (when the first column holds
only numbers), Nội dung, Cơ quan chủ trì, Cơ quan phối hợp, Thời hạn — and the preview says it is
a guess. ``rows_as_clipboard`` writes khdesk's own rows back in the same shape (with the header).
"""
from __future__ import annotations

import csv
import html
import io
import re
from html.parser import HTMLParser
from pathlib import Path

from ...domain.limits import count
from ...domain.text import nfc
from ...errors import InvalidInput
from ..tables import (
    COLUMN_NAMES,
    MAX_CELL_CHARS,
    MAX_CELLS,
    MAX_ROWS,
    MAX_TEXT_CHARS,
    Grid,
    ImportTable,
    find_header,
    parse_grid,
)

GENERATOR = '<meta name="generator" content="khdesk">'
MAX_HTML_CHARS = 3 * MAX_TEXT_CHARS        # markup around the text: styles, spans
MAX_SPAN = 100                             # a colspan wider than any task table: clipped
PASTED = Path("bảng đã dán")
_TT_LIKE = re.compile(r"^\(?(\d{1,4}|[IVXLC]{1,6}|[A-Za-z])[.)]?\)?$")
_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr"}
ORDER = ("content", "lead", "coordinators", "deadline")


def table_from_clipboard(text: str = "", html_text: str = "") -> ImportTable:
    """The copied rows as an import table (nothing is written); ``InvalidInput`` says what is wrong."""
    if len(html_text) > MAX_HTML_CHARS or len(text) > MAX_TEXT_CHARS:
        raise InvalidInput(f"Nội dung đã chép quá lớn (hơn {count(MAX_TEXT_CHARS)} ký tự) cho một bảng nhiệm vụ. "
                           "Hãy chép từng phần.")
    grid = None
    how = ""
    own = GENERATOR in html_text[:2000] and text.strip()        # khdesk's own rows: the exact text
    if html_text and "<table" in html_text.lower() and not own:
        try:
            cells, merged = _HtmlTable.read(html_text)
        except InvalidInput:
            raise
        except (AssertionError, ValueError, TypeError, IndexError, KeyError) as err:
            # html.parser gives up on some markup (a marked section it does not know, "<![foo[ … ]]>"):
            # the plain-text copy that comes with it is read instead, or the clerk is told
            if not text.strip():
                raise InvalidInput("Bảng đã chép có mã HTML hỏng nên không đọc được. Hãy chép lại, hoặc dán vào Excel "
                                   "rồi chép từ Excel.") from err
            cells = {}
        if cells:
            grid, how = Grid(cells, merged), "bảng HTML"
    if grid is None:
        if not text.strip():
            raise InvalidInput("Bộ nhớ tạm không có bảng hay chữ nào để dán. Hãy chép các dòng trong Excel hoặc Word "
                               "rồi dán lại.")
        # khdesk's own rows are Unicode whatever their letters look like (never read as TCVN3/VNI)
        grid, how = Grid(*_tsv_cells(text), unicode_only=bool(own)), "văn bản cách bằng Tab"
    try:
        header = find_header(grid)
        notes = []
    except InvalidInput:
        header = (0, _guess_columns(grid), [])
        names = " | ".join(COLUMN_NAMES[k] for k in sorted(header[1], key=header[1].get))
        notes = [f"Không có dòng tiêu đề: các cột được đoán theo thứ tự {names}. Hãy xem lại trước khi nhập."]
    table = parse_grid(PASTED, how, grid, header)
    table.notes[:0] = notes
    return table


def _guess_columns(grid: Grid) -> dict[str, int]:
    first = [grid.text(r, 1)[0].strip() for r in grid.rows()]
    numbered = grid.max_col > 1 and all(not v or _TT_LIKE.match(v) for v in first) and any(first)
    columns = {"tt": 1} if numbered else {}
    start = 2 if numbered else 1
    for offset, key in enumerate(ORDER):
        if start + offset <= grid.max_col:
            columns[key] = start + offset
    return columns


def _tsv_cells(text: str) -> tuple[dict, list]:
    """Tab-separated rows as Excel writes them (a cell with a line break, a tab or a quote is quoted)."""
    cells: dict[tuple[int, int], tuple[object, None]] = {}
    reader = csv.reader(io.StringIO(text.replace("\r\n", "\n").replace("\r", "\n"), newline=""),
                        dialect="excel-tab")
    for r, row in enumerate(reader, start=1):
        if r > MAX_ROWS:
            raise InvalidInput(f"Đã chép hơn {count(MAX_ROWS)} dòng; khdesk chỉ dán bảng nhiệm vụ của một kế hoạch.")
        for c, value in enumerate(row, start=1):
            if value.strip():
                _check_cell(value, len(cells))
                cells[(r, c)] = (value, None)
    return cells, []


def _check_cell(value: str, cells_so_far: int) -> None:
    if len(value) > MAX_CELL_CHARS:
        raise InvalidInput(f"Một ô đã chép có {count(len(value))} ký tự, nhiều hơn một ô Excel chứa được "
                           f"({count(MAX_CELL_CHARS)}). Hãy chép lại phần cần dùng.")
    if cells_so_far >= MAX_CELLS:
        raise InvalidInput(f"Đã chép hơn {count(MAX_CELLS)} ô; khdesk chỉ dán bảng nhiệm vụ của một kế hoạch.")


class _HtmlTable(HTMLParser):
    """The first outermost ``<table>`` of an HTML fragment as cells and merged ranges. Text follows
    HTML's rules (source line breaks are spaces) with ``<br>`` and paragraph ends as line breaks; a
    table inside a cell is read as that cell's text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0                 # table nesting
        self.done = False
        self.row = 0
        self.col = 0
        self.cell: list[str] | None = None
        self.cell_at = (0, 0)
        self.span = (1, 1)
        self.font: str | None = None
        self.fonts: list[str | None] = []
        self.pending: dict[int, int] = {}      # column → rows still covered by a rowspan from above
        self.cells: dict[tuple[int, int], tuple[object, str | None]] = {}
        self.merged: list[tuple[int, int, int, int]] = []
        self.skip = 0                  # inside <style>, <script>, <head>
        self.in_style = False
        self.class_fonts: dict[str, str] = {}   # Excel names fonts in its style sheet: .xl65 {font-family: …}

    @classmethod
    def read(cls, text: str):
        parser = cls()
        parser.feed(text)
        parser.close()
        parser._end_cell()
        return parser.cells, parser.merged

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script", "head", "title"):
            self.skip += 1
            self.in_style = self.in_style or tag == "style"
            return
        if self.done:
            return
        attrs = dict(attrs)
        font = _font_of(attrs) or next((self.class_fonts[c] for c in (attrs.get("class") or "").split()
                                        if c in self.class_fonts), None)
        if tag == "table":
            self.depth += 1
            if self.depth > 1 and self.cell is not None:
                self.cell.append("\n")
            return
        if self.depth != 1:
            if self.depth > 1 and self.cell is not None:
                if tag in ("br", "tr"):
                    self._newline(force=tag == "br")
                elif tag in ("td", "th"):
                    self.cell.append(" ")
            return
        if tag == "tr":
            self._end_cell()
            self.row += 1
            if self.row > MAX_ROWS:
                raise InvalidInput(f"Đã chép hơn {count(MAX_ROWS)} dòng; khdesk chỉ dán bảng nhiệm vụ của một "
                                   "kế hoạch.")
            self.col = 0
            self.pending = {c: n - 1 for c, n in self.pending.items() if n > 1}
        elif tag in ("td", "th"):
            self._end_cell()
            if self.row == 0:
                self.row = 1
            self.col += 1
            while self.pending.get(self.col, 0) > 0:
                self.col += 1
            rows = _span(attrs.get("rowspan"), MAX_ROWS)
            cols = _span(attrs.get("colspan"), MAX_SPAN)
            self.cell, self.cell_at, self.span = [], (self.row, self.col), (rows, cols)
            self.font = font
            for c in range(self.col, self.col + cols):
                if rows > 1:
                    self.pending[c] = rows
            self.col += cols - 1
        elif self.cell is not None:
            if tag == "br":
                self._newline(force=True)
            elif tag in _BLOCKS:
                self._newline()
            if font and self.font is None:
                self.font = font

    def handle_endtag(self, tag):
        if tag in ("style", "script", "head", "title"):
            self.skip = max(0, self.skip - 1)
            self.in_style = self.in_style and tag != "style"
            return
        if self.done:
            return
        if tag == "table":
            self.depth -= 1
            if self.depth == 0:
                self._end_cell()
                self.done = bool(self.cells)      # the first table that holds something
            return
        if self.depth == 1 and tag in ("td", "th"):
            self._end_cell()
        elif self.cell is not None and tag in _BLOCKS and tag != "tr":
            self._newline()

    def handle_data(self, data):
        if self.in_style:
            for name, family in re.findall(r"\.([\w-]+)\s*\{[^}]*?font-family\s*:\s*([^;}]+)", data, re.I):
                self.class_fonts[name] = family.split(",")[0].strip(" '\"\r\n")
            return
        if self.skip or self.done or self.cell is None:
            return
        self.cell.append(re.sub(r"[ \t\r\n\f]+", " ", data))

    def _newline(self, force: bool = False) -> None:
        """A line break: always for <br>; at a paragraph's edge only when the line holds something
        (an empty paragraph between two is a blank line the clerk made)."""
        if force or (self.cell and not self.cell[-1].endswith("\n") and "".join(self.cell).strip()):
            self.cell.append("\n")

    def _end_cell(self):
        if self.cell is None:
            return
        # spaces collapsed as a browser does, but Word's line break (U+000B) kept for office_text, which
        # makes it a line break (str.split() would have taken it for a space)
        lines = [re.sub(r"[ \t\r\f\xa0]+", " ", line).strip(" ") for line in "".join(self.cell).split("\n")]
        text = "\n".join(lines).strip("\n")
        r, c = self.cell_at
        rows, cols = self.span
        if text:
            _check_cell(text, len(self.cells))
            self.cells[(r, c)] = (nfc(text), self.font)
        if rows > 1 or cols > 1:
            self.merged.append((r, c, r + rows - 1, c + cols - 1))
        self.cell = None


def _span(value, limit: int) -> int:
    try:
        return max(1, min(int(str(value).strip()), limit))
    except (TypeError, ValueError):
        return 1


def _font_of(attrs: dict) -> str | None:
    """The font a cell's text is in, when the markup names one (old TCVN3/VNI fonts are told by it)."""
    if attrs.get("face"):
        return attrs["face"].split(",")[0].strip(" '\"")
    match = re.search(r"font-family\s*:\s*([^;]+)", attrs.get("style") or "", re.I)
    return match.group(1).split(",")[0].strip(" '\"") if match else None


# ----- copying rows out ---------------------------------------------------------------------------------
def rows_as_clipboard(header: list[str], rows: list[list[str]]) -> tuple[str, str]:
    """Rows as tab-separated text (quoted as Excel quotes) and as an HTML table, header first. Pasted
    back into khdesk the text is read (HTML would fold runs of spaces); Excel and Word take the HTML."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, dialect="excel-tab", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)

    def cell(tag, value):
        return f"<{tag}>" + "<br>".join(html.escape(line) for line in value.split("\n")) + f"</{tag}>"

    body = "".join("<tr>" + "".join(cell("td", v) for v in row) + "</tr>" for row in rows)
    table = (f"<html><head><meta charset=\"utf-8\">{GENERATOR}</head><body><table border=\"1\"><tr>"
             + "".join(cell("th", h) for h in header) + "</tr>" + body + "</table></body></html>")
    return buffer.getvalue(), table
