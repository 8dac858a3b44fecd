"""The plan and its appendix as an editable Word file (python-docx), laid out as the PDF:
A4 and the decree's margins, the header table with its rules, body and heading styles, the appendix
in its own section with its header row repeated on every page and the agency cell merged over its
group, page numbers centred in the header, not on the first page of each part."""
from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from reportlab.pdfbase.pdfmetrics import stringWidth

from ...document.charset import refuse_unsupported
from ...document.fonts import choose_family
from ...document.model import (
    AGENCY_RULE,
    LEFT_COLUMN_MM,
    MM,
    NO_TASKS,
    REFERENCE_RULE,
    SIGNATURE_SPACE_MM,
    SUBJECT_RULE,
    Appendix,
    Head,
    PageSetup,
    Part,
    PlanDocument,
    Signature,
)
from ...document.month_report import HEADINGS, MonthReport
from ...domain.progress import SHORT_LABELS as SHORT
from ...domain.progress import TABLE_NOTE
from ...errors import InvalidInput
from ...system.files import write_atomically

FONT = "Times New Roman"


def write_docx(doc: PlanDocument, output: str | Path) -> None:
    """``doc`` as an editable .docx: the plan (head, body, signature) in one section, the appendix in its own
    (new page, page numbers from 1), with the columns, widths and words the PDF has."""
    refuse_unsupported(doc.texts(), "xuất ra Word")
    word = Document()
    _styles(word)
    first = word.sections[0]
    _page(first, doc.setup)
    if doc.head is not None:
        _head(word, doc.head, doc.setup)
    _body(word, doc.body)
    if doc.signature is not None:
        _signature(word, doc.signature, doc.setup)
    if doc.appendix is not None:
        section = first if doc.head is None else word.add_section(WD_SECTION.NEW_PAGE)
        _page(section, doc.setup)
        _appendix(word, doc.appendix, doc.setup)
    word.core_properties.title, word.core_properties.author = doc.title, doc.author
    _save(word, Path(output))


# ----- page, styles, small helpers ----------------------------------------------------------------
def _page(section, setup: PageSetup) -> None:
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(setup.top), Mm(setup.bottom)
    section.left_margin, section.right_margin = Mm(setup.left), Mm(setup.right)
    section.header_distance = Mm(10)
    section.different_first_page_header_footer = True         # no number on a part's first page
    section.header.is_linked_to_previous = False
    section.first_page_header.is_linked_to_previous = False
    start = section._sectPr.find(qn("w:pgNumType"))
    if start is None:
        start = OxmlElement("w:pgNumType")
        section._sectPr.append(start)
    start.set(qn("w:start"), "1")                             # each part numbers from 1
    header = section.header.paragraphs[0]
    header.text = ""
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(header, "PAGE", size=14)


def _field(paragraph, instruction: str, size: int) -> None:
    run = paragraph.add_run()
    run.font.name, run.font.size = FONT, Pt(size)
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
            run._r.append(element)
        elif text == instruction:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instruction} "
            run._r.append(element)
        else:
            element = OxmlElement("w:t")
            element.text = text
            run._r.append(element)


def _styles(doc) -> None:
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(14)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(6), 1.0
    body = doc.styles.add_style("Nội dung kế hoạch", 1)
    body.base_style = normal
    body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    body.paragraph_format.first_line_indent = Cm(1)
    heading = doc.styles.add_style("Mục kế hoạch", 1)
    heading.base_style = body
    heading.font.bold = True
    heading.paragraph_format.keep_with_next = True


def _text(paragraph, text: str, size: float = 14, bold=False, italic=False):
    """Add ``text`` exactly (line breaks as Word line breaks inside the same formatting)."""
    for i, line in enumerate(text.replace("\r\n", "\n").split("\n")):
        run = paragraph.add_run()
        if i:
            run.add_break()
        run.add_text(line)
        run.font.name, run.font.size, run.font.bold, run.font.italic = FONT, Pt(size), bold, italic
    return paragraph


def _line(container, text: str, size=14, bold=False, italic=False, align=WD_ALIGN_PARAGRAPH.CENTER, after=0):
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(after)
    paragraph.paragraph_format.first_line_indent = Cm(0)
    return _text(paragraph, text, size, bold, italic)


def _rule(container, width_pt: float, column_pt: float) -> None:
    """A drawn rule of ``width_pt``, centred in a column ``column_pt`` wide: the bottom border of
    an empty paragraph indented from both sides."""
    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    side = max(0.0, (column_pt - width_pt) / 2)
    fmt.left_indent = fmt.right_indent = Pt(side)
    fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(2)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _column_widths(table, widths) -> None:
    """Column widths Word and LibreOffice both respect: the grid and every cell."""
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)


def _width(text: str, bold: bool, size: float) -> float:
    family = choose_family()
    return stringWidth(text, family.font("bold" if bold else "regular"), size)


# ----- the plan -------------------------------------------------------------------------------------
def _body(word, body: tuple[Part, ...]) -> None:
    for part in body:
        if part.title:
            _text(word.add_paragraph(style="Mục kế hoạch"), part.title, bold=True)
        for text in part.paragraphs:
            _text(word.add_paragraph(style="Nội dung kế hoạch"), text)


def _head(doc, head: Head, setup: PageSetup) -> None:
    """Issuing body | national title and motto; number | place and date; the type and the subject."""
    frame_mm = setup.frame_width_mm
    table = doc.add_table(rows=2, cols=2)
    _no_borders(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _column_widths(table, [Mm(LEFT_COLUMN_MM), Mm(frame_mm - LEFT_COLUMN_MM)])
    left, right = table.cell(0, 0), table.cell(0, 1)
    left.paragraphs[0]._p.getparent().remove(left.paragraphs[0]._p)
    right.paragraphs[0]._p.getparent().remove(right.paragraphs[0]._p)
    if head.parent_body:
        _line(left, head.parent_body, 13)
    _line(left, head.issuing_body, 13, bold=True)
    widest = max((_width(x, True, 13) for x in head.issuing_body.split("\n")), default=0)
    _rule(left, widest * AGENCY_RULE, LEFT_COLUMN_MM * MM)
    _line(right, head.national_title, 13, bold=True)
    _line(right, head.motto, 14, bold=True)
    _rule(right, _width(head.motto, True, 14), (frame_mm - LEFT_COLUMN_MM) * MM)
    number, when = table.cell(1, 0), table.cell(1, 1)
    number.paragraphs[0].alignment = when.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _text(number.paragraphs[0], head.number_line, 13)
    _text(when.paragraphs[0], head.place_date, 14, italic=True)

    _line(doc, "", after=6)
    _line(doc, head.doc_type, 14, bold=True)
    _line(doc, head.subject, 14, bold=True)
    frame_pt = setup.frame_width
    _rule(doc, min(_width(head.subject, True, 14), frame_pt) * SUBJECT_RULE, frame_pt)     # the subject may wrap
    _line(doc, "", after=6)


def _signature(doc, signature: Signature, setup: PageSetup) -> None:
    """"Nơi nhận:" beside the signature, in one row that is never split."""
    block = doc.add_table(rows=1, cols=2)
    _no_borders(block)
    _column_widths(block, [Mm(setup.frame_width_mm / 2)] * 2)
    recipients, signs = block.cell(0, 0), block.cell(0, 1)
    first = recipients.paragraphs[0]
    _text(first, signature.recipients_label, 12, bold=True, italic=True)
    for name in signature.recipients:
        _line(recipients, f"- {name}", 11, align=WD_ALIGN_PARAGRAPH.LEFT)
    signs.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _text(signs.paragraphs[0], signature.authority, 14, bold=True)
    _line(signs, signature.title, 14, bold=True, after=SIGNATURE_SPACE_MM * MM)
    _line(signs, signature.name, 14, bold=True)
    for paragraph in recipients.paragraphs + signs.paragraphs:      # never split from each other
        paragraph.paragraph_format.keep_with_next = True
        paragraph.paragraph_format.keep_together = True
    tr_pr = block.rows[0]._tr.get_or_add_trPr()
    cant_split = OxmlElement("w:cantSplit")
    tr_pr.append(cant_split)


# ----- the month's report ---------------------------------------------------------------------------
def write_report_docx(report: MonthReport, setup: PageSetup, output: str | Path) -> None:
    """The report of ``khdesk.document.month_report`` as .docx: the same words and figures as the PDF."""
    refuse_unsupported(report.texts(), "xuất ra Word")
    doc = Document()
    _styles(doc)
    _page(doc.sections[0], setup)
    _head(doc, report.head, setup)
    _text(doc.add_paragraph(style="Nội dung kế hoạch"), report.opening)
    _text(doc.add_paragraph(style="Mục kế hoạch"), HEADINGS[0], bold=True)
    _text(doc.add_paragraph(style="Nội dung kế hoạch"), report.overall)
    _text(doc.add_paragraph(style="Mục kế hoạch"), HEADINGS[1], bold=True)
    rows = [[str(i), name, *map(str, f.as_row())] for i, (name, f) in enumerate(report.by_agency, 1)]
    rows.append(["", "Cả kế hoạch", *map(str, report.figures.as_row())])
    _grid(doc, ["TT", "Cơ quan chủ trì", *SHORT], rows, [10, 55] + [15] * len(SHORT), setup, narrow=True)
    _line(doc, TABLE_NOTE, 12, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, after=6)
    _text(doc.add_paragraph(style="Mục kế hoạch"), HEADINGS[2], bold=True)
    if report.late:
        _grid(doc, ["TT", "Nội dung", "Cơ quan chủ trì", "Tình trạng", "Kết quả, lý do"],
              [[str(t.position), t.content, t.leads, t.state, t.result] for t in report.late],
              [10, 70, 35, 30, 30], setup)
    else:
        _text(doc.add_paragraph(style="Nội dung kế hoạch"), "Không có nhiệm vụ quá hạn hay chưa hoàn thành.")
    _signature(doc, report.signature, setup)
    _save(doc, Path(output))


def _grid(doc, header: list[str], rows: list[list[str]], weights: list[int], setup: PageSetup,
          narrow: bool = False) -> None:
    """A bordered table, 11 pt, its header repeated on every page. ``narrow``: the columns of figures as the
    PDF has them — 1 mm margins, a 10 pt header — so that «Không TH» stays whole in eight of them."""
    frame_mm = setup.frame_width_mm
    table = doc.add_table(rows=1 + len(rows), cols=len(header))
    table.style = "Table Grid"
    _column_widths(table, [Mm(frame_mm * w / sum(weights)) for w in weights])
    for r, values in enumerate([header] + rows):
        for c, value in enumerate(values):
            paragraph = table.cell(r, c).paragraphs[0]
            if r == 0 or c != 1:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if narrow and c != 1:
                _narrow_margins(table.cell(r, c))
            _text(paragraph, value, 10 if narrow and r == 0 else 11, bold=r == 0)
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header_flag = OxmlElement("w:tblHeader")
    tr_pr.append(header_flag)


# ----- the appendix ---------------------------------------------------------------------------------
def _appendix(doc, appendix: Appendix, setup: PageSetup) -> None:
    appendix.refuse_unprintable_columns()
    frame_pt = setup.frame_width
    size = appendix.table_size
    _line(doc, appendix.label, 14, bold=True)
    _line(doc, appendix.title, 14, bold=True)
    _line(doc, appendix.reference, 14, italic=True)
    _rule(doc, min(_width(appendix.reference, False, 14), frame_pt) * REFERENCE_RULE, frame_pt)
    _line(doc, "", after=6)
    if not appendix.rows:
        _line(doc, NO_TASKS, size, italic=True)
        return
    for heading, part in appendix.sections():
        if heading:                                      # a part of its own: its heading, then its table
            line = _line(doc, heading, 14, bold=True, after=3, align=WD_ALIGN_PARAGRAPH.LEFT)
            line.paragraph_format.space_before = Pt(6)
            line.paragraph_format.keep_with_next = True
        _task_table(doc, appendix, part, size)


def _task_table(doc, appendix: Appendix, rows, size: float) -> None:
    """A table of the appendix's ``rows`` under its header (repeated on every page), the lead merged over
    each group."""
    table = doc.add_table(rows=1 + len(rows), cols=len(appendix.columns))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = [Mm(round(p / MM, 1)) for p in appendix.widths]       # the PDF's columns, the same widths
    _column_widths(table, widths)
    header = table.rows[0]
    header_pr = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")                        # repeated at the top of every page
    header_pr.append(repeat)
    optional = [c not in ("tt", "content", "lead") for c in appendix.columns]
    for cell, title, width, narrow in zip(header.cells, appendix.titles, widths, optional):
        cell.width = width
        if narrow:
            _narrow_margins(cell)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _text(cell.paragraphs[0], title, size, bold=True)
    # Rows are filled and merged through their XML elements: python-docx's ``table.rows[i]``,
    # ``row.cells``, ``table.cell()`` and ``merge()`` each walk the whole table (quadratic time).
    for i, (r, tr) in enumerate(zip(rows, table._tbl.tr_lst[1:])):
        first_of_group = i == 0 or rows[i - 1].group != r.group
        last_of_group = i + 1 == len(rows) or rows[i + 1].group != r.group
        cells = [_Cell(tc, table) for tc in tr.tc_lst]
        for cell, width, column, text, narrow in zip(cells, widths, appendix.columns, appendix.cells(r), optional):
            cell.width = width
            if narrow:
                _narrow_margins(cell)
            paragraph = cell.paragraphs[0]
            if column == "content":
                paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            else:
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if column == "lead":
                if not (first_of_group and last_of_group):     # the agency cell merged over its group
                    cell._tc.vMerge = "restart" if first_of_group else "continue"
                if not first_of_group:
                    continue
            _text(paragraph, text, size)
    for p in table._tbl.iter(qn("w:p")):
        paragraph_format = Paragraph(p, table).paragraph_format
        paragraph_format.space_after = Pt(0)
        paragraph_format.first_line_indent = Cm(0)


def _narrow_margins(cell) -> None:
    """1 mm left and right in the narrow optional columns, as the PDF pads them: with Word's 1.9 mm a date
    «31/05/2024» broke over two lines in the 24 mm deadline column."""
    margins = OxmlElement("w:tcMar")
    for side in ("left", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), "57")                  # twentieths of a point: 1 mm
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    cell._tc.get_or_add_tcPr().append(margins)


def _save(doc, path: Path) -> None:
    def save(tmp: str) -> None:
        try:
            doc.save(tmp)
        except ValueError as err:             # lxml refuses control characters
            raise InvalidInput("Có ký tự mà Word không lưu được; hãy sửa nội dung rồi xuất lại.") from err

    write_atomically(path, "tệp Word", save)
