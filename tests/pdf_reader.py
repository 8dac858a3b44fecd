"""Reading a khdesk PDF back, as a văn thư would check it: text, fonts, sizes, positions."""
from __future__ import annotations

import re
from dataclasses import dataclass

import pdfplumber
from reportlab.lib.units import mm

from khdesk.document.model import AppendixOptions, PageSetup, column_widths

A4_W, A4_H = 595.2756, 841.8898


def squash(text: str) -> str:
    """Text with its layout whitespace (line wraps, spaces) reduced to single spaces."""
    return " ".join(text.split())


@dataclass
class Columns:
    """The x extent of each appendix column on the page."""
    edges: list[float]

    def bbox(self, col: int, page) -> tuple[float, float, float, float]:
        return (self.edges[col] + 0.5, 0, self.edges[col + 1] - 0.5, page.height)


def columns(options=AppendixOptions(), setup=PageSetup()) -> Columns:
    _, widths = column_widths(setup.frame_width, options)
    edges = [setup.left * mm]
    for w in widths:
        edges.append(edges[-1] + w)
    return Columns(edges)


def table_top(page) -> float:
    """The top of the table: the highest horizontal rule spanning the text width."""
    return min(line["top"] for line in page.lines if line["width"] > 300)


def table_bottom(page) -> float:
    return max(line["bottom"] for line in page.lines if line["width"] > 300 or line["height"] > 0)


def column_text(page, cols: Columns, col: int, below_header=True) -> str:
    """The text of one column, without the repeated header row."""
    top = table_top(page)
    crop = page.crop(cols.bbox(col, page))
    words = [w for w in crop.extract_words(keep_blank_chars=False, use_text_flow=True)
             if w["top"] > top]
    header_bottom = header_row_bottom(page)
    if below_header:
        words = [w for w in words if w["top"] > header_bottom]
    return " ".join(w["text"] for w in words)


def header_row_bottom(page) -> float:
    """The rule under the header row: the second full-width rule from the top of the table."""
    tops = sorted({round(line["top"], 1) for line in page.lines if line["width"] > 300})
    return tops[1]


def tt_numbers(page, cols: Columns) -> list[int]:
    """The numbers of the tasks whose rows start on ``page`` (not the «N (tiếp)» of one going on)."""
    return [int(n) for n, going_on in re.findall(r"(\d+)(\s*\(\s*tiếp\s*\))?", column_text(page, cols, 0))
            if not going_on]


def continued_numbers(page, cols: Columns) -> list[int]:
    """The numbers shown as «N (tiếp)»: a task whose text goes on from the page before."""
    return [int(n) for n in re.findall(r"(\d+)\s*\(\s*tiếp\s*\)", column_text(page, cols, 0))]


def open_pdf(path):
    return pdfplumber.open(path)


def cell_lines(page, cols: Columns, col: int) -> list[str]:
    """The lines of text of one column below the header row, as pdfplumber reads them."""
    crop = page.crop((cols.edges[col] + 0.5, header_row_bottom(page) + 0.5, cols.edges[col + 1] - 0.5,
                      table_bottom(page)))
    return [line for line in (crop.extract_text() or "").splitlines() if line.strip()]


def header_cell(page, cols: Columns, col: int) -> str:
    crop = page.crop((cols.edges[col] + 0.5, table_top(page), cols.edges[col + 1] - 0.5, header_row_bottom(page)))
    return squash(crop.extract_text() or "")
