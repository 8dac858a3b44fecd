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

from . import docformat
from .appendix_rows import appendix_rows, texts_to_check, unprintable_tasks
from .charset import refuse_unsupported
from .db import Store
from .errors import InvalidInput
from .files import write_atomically
from .pdf.appendix import AppendixOptions, column_widths
from .pdf.document import PageSetup
from .pdf.fonts import choose_family
from .pdf.plan_body import MOTTO, NATIONAL_TITLE, SECTION_TITLES
from .printing import PARTS

FONT = "Times New Roman"
LEFT_COLUMN_MM = 65


def export_docx(store: Store, month: str, output: str | Path, part: str = "all", setup: PageSetup = PageSetup(),
                today=None, options: AppendixOptions = AppendixOptions()) -> None:
    """The plan and/or its appendix as .docx; ``options`` adds the columns the printed appendix can have
    (co-ordinators, deadline), with the same titles and widths (``pdf.appendix.column_widths``)."""
    if part == "report":
        return export_report_docx(store, month, output, setup, today)
    if part not in PARTS:
        raise InvalidInput(f"Phần cần xuất không hợp lệ: «{part}».")
    plan = store.plans.by_month(month)
    tasks = store.tasks.of_plan(plan.id)
    names = {a.id: a.print_name for a in store.agencies.all()}
    if part != "plan":
        problem = unprintable_tasks(tasks)
        if problem:
            raise InvalidInput(f"Chưa xuất được kế hoạch: {problem}. Hãy bổ sung rồi xuất lại.")
    body = [plan.subject, plan.grounds, plan.implementation, plan.specific_tasks_text, *plan.general_tasks,
            *plan.recipients]
    refuse_unsupported([("phần kế hoạch", text) for text in body] + texts_to_check(tasks, names), "xuất ra Word")
    doc = Document()
    _styles(doc)
    first = doc.sections[0]
    _page(first, setup)
    if part in ("plan", "all"):
        _plan(doc, plan, setup)
    if part in ("appendix", "all"):
        section = first if part == "appendix" else doc.add_section(WD_SECTION.NEW_PAGE)
        _page(section, setup)
        _appendix(doc, plan, tasks, names, setup, options)
    _save(doc, Path(output))


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
def _plan(doc, plan, setup: PageSetup) -> None:
    _head(doc, plan, setup)

    def paragraphs(text: str, prefix: str = ""):
        for i, part in enumerate(p for p in text.split("\n") if p.strip()):
            _text(doc.add_paragraph(style="Nội dung kế hoạch"), (prefix if i == 0 else "") + part)

    paragraphs(plan.grounds)
    _text(doc.add_paragraph(style="Mục kế hoạch"), SECTION_TITLES[0], bold=True)
    for n, item in enumerate(plan.general_tasks, 1):
        paragraphs(item, f"{n}. ")
    _text(doc.add_paragraph(style="Mục kế hoạch"), SECTION_TITLES[1], bold=True)
    paragraphs(plan.specific_tasks_text)
    _text(doc.add_paragraph(style="Mục kế hoạch"), SECTION_TITLES[2], bold=True)
    paragraphs(plan.implementation)
    _signature(doc, plan, setup)


def _head(doc, plan, setup: PageSetup) -> None:
    """Agency | national title and motto; number | place and date; the type and the subject."""
    frame_mm = 210 - setup.left - setup.right
    table = doc.add_table(rows=2, cols=2)
    _no_borders(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _column_widths(table, [Mm(LEFT_COLUMN_MM), Mm(frame_mm - LEFT_COLUMN_MM)])
    left, right = table.cell(0, 0), table.cell(0, 1)
    left.paragraphs[0]._p.getparent().remove(left.paragraphs[0]._p)
    right.paragraphs[0]._p.getparent().remove(right.paragraphs[0]._p)
    if plan.parent_body.strip():
        _line(left, plan.parent_body.upper(), 13)
    agency_lines = plan.issuing_body.upper()
    _line(left, agency_lines, 13, bold=True)
    widest = max((_width(x, True, 13) for x in agency_lines.split("\n")), default=0)
    _rule(left, widest * 0.4, LEFT_COLUMN_MM * 72 / 25.4)
    _line(right, NATIONAL_TITLE, 13, bold=True)
    _line(right, MOTTO, 14, bold=True)
    _rule(right, _width(MOTTO, True, 14), (frame_mm - LEFT_COLUMN_MM) * 72 / 25.4)
    number, when = table.cell(1, 0), table.cell(1, 1)
    number.paragraphs[0].alignment = when.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _text(number.paragraphs[0], f"Số: {docformat.number_symbol(plan)}", 13)
    date_text = docformat.decree_date(plan.issued_on) if plan.issued_on else \
        f"ngày{docformat.BLANK_DAY}tháng{docformat.BLANK_DAY}năm {plan.year}"
    _text(when.paragraphs[0], f"{plan.place or '…'}, {date_text}", 14, italic=True)

    _line(doc, "", after=6)
    _line(doc, plan.doc_type.upper(), 14, bold=True)
    _line(doc, plan.subject, 14, bold=True)
    frame_pt = frame_mm * 72 / 25.4
    _rule(doc, min(_width(plan.subject, True, 14), frame_pt) * 0.4, frame_pt)     # the subject may wrap
    _line(doc, "", after=6)


def _signature(doc, plan, setup: PageSetup) -> None:
    """"Nơi nhận:" beside the signature, in one row that is never split."""
    frame_mm = 210 - setup.left - setup.right
    block = doc.add_table(rows=1, cols=2)
    _no_borders(block)
    _column_widths(block, [Mm(frame_mm / 2)] * 2)
    recipients, signature = block.cell(0, 0), block.cell(0, 1)
    first = recipients.paragraphs[0]
    _text(first, "Nơi nhận:", 12, bold=True, italic=True)
    for name in plan.recipients:
        _line(recipients, f"- {name}", 11, align=WD_ALIGN_PARAGRAPH.LEFT)
    signature.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _text(signature.paragraphs[0], plan.signer_authority.upper(), 14, bold=True)
    _line(signature, plan.signer_title.upper(), 14, bold=True, after=72)
    _line(signature, plan.signer_name, 14, bold=True)
    for paragraph in recipients.paragraphs + signature.paragraphs:      # never split from each other
        paragraph.paragraph_format.keep_with_next = True
        paragraph.paragraph_format.keep_together = True
    tr_pr = block.rows[0]._tr.get_or_add_trPr()
    cant_split = OxmlElement("w:cantSplit")
    tr_pr.append(cant_split)


# ----- the month's report ---------------------------------------------------------------------------
def export_report_docx(store: Store, month: str, output: str | Path, setup: PageSetup = PageSetup(),
                       today=None) -> None:
    """The report of ``khdesk.month_report`` as .docx: the same words and figures as the PDF."""
    from .month_report import report_of
    from .pdf.report import HEADINGS
    from .progress import SHORT_LABELS as SHORT
    from .progress import TABLE_NOTE

    report = report_of(store, month, today)
    texts = [report.opening, report.overall, *(n for n, _ in report.by_agency)]
    texts += [t for late in report.late for t in (late.content, late.leads, late.result)]
    refuse_unsupported([("báo cáo", t) for t in texts], "xuất ra Word")
    doc = Document()
    _styles(doc)
    _page(doc.sections[0], setup)
    _head(doc, report.document, setup)
    _text(doc.add_paragraph(style="Nội dung kế hoạch"), report.opening)
    _text(doc.add_paragraph(style="Mục kế hoạch"), HEADINGS[0], bold=True)
    _text(doc.add_paragraph(style="Nội dung kế hoạch"), report.overall)
    _text(doc.add_paragraph(style="Mục kế hoạch"), HEADINGS[1], bold=True)
    rows = [[str(i), name, *map(str, f.as_row())] for i, (name, f) in enumerate(report.by_agency, 1)]
    rows.append(["", "Cả kế hoạch", *map(str, report.figures.as_row())])
    _grid(doc, ["TT", "Cơ quan chủ trì", *SHORT], rows, [10, 55] + [15] * len(SHORT), setup)
    _line(doc, TABLE_NOTE, 12, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, after=6)
    _text(doc.add_paragraph(style="Mục kế hoạch"), HEADINGS[2], bold=True)
    if report.late:
        _grid(doc, ["TT", "Nội dung", "Cơ quan chủ trì", "Tình trạng", "Kết quả, lý do"],
              [[str(t.position), t.content, t.leads, t.state, t.result] for t in report.late],
              [10, 70, 35, 30, 30], setup)
    else:
        _text(doc.add_paragraph(style="Nội dung kế hoạch"), "Không có nhiệm vụ quá hạn hay chưa hoàn thành.")
    _signature(doc, report.document, setup)
    _save(doc, Path(output))


def _grid(doc, header: list[str], rows: list[list[str]], weights: list[int], setup: PageSetup) -> None:
    """A bordered table, 11 pt, its header repeated on every page."""
    frame_mm = 210 - setup.left - setup.right
    table = doc.add_table(rows=1 + len(rows), cols=len(header))
    table.style = "Table Grid"
    _column_widths(table, [Mm(frame_mm * w / sum(weights)) for w in weights])
    for r, values in enumerate([header] + rows):
        for c, value in enumerate(values):
            paragraph = table.cell(r, c).paragraphs[0]
            if r == 0 or c != 1:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _text(paragraph, value, 11, bold=r == 0)
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header_flag = OxmlElement("w:tblHeader")
    tr_pr.append(header_flag)


# ----- the appendix ---------------------------------------------------------------------------------
def _appendix(doc, plan, tasks, names, setup: PageSetup, options: AppendixOptions = AppendixOptions()) -> None:
    frame_mm = 210 - setup.left - setup.right
    label = doc.add_paragraph()
    label.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _text(label, "Phụ lục", 14, bold=True)
    _line(doc, docformat.appendix_title(plan), 14, bold=True)
    reference = docformat.appendix_reference(plan)
    _line(doc, reference, 14, italic=True)
    _rule(doc, min(_width(reference, False, 14), frame_mm * 72 / 25.4) / 3, frame_mm * 72 / 25.4)
    _line(doc, "", after=6)
    if not tasks:
        _line(doc, "(Kế hoạch chưa có nhiệm vụ nào.)", 13, italic=True)
        return
    titles, points = column_widths(frame_mm * 72 / 25.4, options)       # the PDF's columns, the same widths
    table = doc.add_table(rows=1 + len(tasks), cols=len(titles))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = [Mm(round(p * 25.4 / 72, 1)) for p in points]
    _column_widths(table, widths)
    header = table.rows[0]
    header_pr = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")                        # repeated at the top of every page
    header_pr.append(repeat)
    for c, (cell, title, width) in enumerate(zip(header.cells, titles, widths)):
        cell.width = width
        if c >= 3:
            _narrow_margins(cell)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _text(cell.paragraphs[0], title, 13, bold=True)
    # Rows are filled and merged through their XML elements: python-docx's ``table.rows[i]``,
    # ``row.cells``, ``table.cell()`` and ``merge()`` each walk the whole table (quadratic time).
    table_rows, lead_cells = appendix_rows(tasks, names)
    for i, (r, tr) in enumerate(zip(table_rows, table._tbl.tr_lst[1:])):
        cells = [_Cell(tc, table) for tc in tr.tc_lst]
        for cell, width in zip(cells, widths):
            cell.width = width
        cells[0].vertical_alignment = cells[2].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _text(cells[0].paragraphs[0], str(r.task.position), 13)
        cells[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        _text(cells[1].paragraphs[0], r.task.content, 13)
        first_of_group = i == 0 or table_rows[i - 1].group != r.group
        last_of_group = i + 1 == len(table_rows) or table_rows[i + 1].group != r.group
        if first_of_group:
            cells[2].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            _text(cells[2].paragraphs[0], lead_cells[r.group], 13)
        if not (first_of_group and last_of_group):             # the agency cell merged over its group
            cells[2]._tc.vMerge = "restart" if first_of_group else "continue"
        extra = ([r.coordinators] if options.with_coordinators else []) + ([r.deadline] if options.with_deadline else [])
        for cell, value in zip(cells[3:], extra):
            _narrow_margins(cell)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            _text(cell.paragraphs[0], value, 13)
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
