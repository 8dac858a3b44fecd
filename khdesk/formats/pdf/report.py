"""The month's report as a PDF (Nghị định 30, Mẫu 1.4 like the plan): the head, the opening, the
overall figures in words, the table by agency with its bar chart (reportlab.graphics), the tasks
overdue or not done with their results, then "Nơi nhận" and the signature."""
from __future__ import annotations

import dataclasses

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, LongTable, Paragraph, Spacer, TableStyle

from ...document.fonts import FontFamily
from ...document.model import ISSUING_SIGNATURE_SPACE_MM, PageSetup
from ...document.month_report import HEADINGS, MonthReport
from ...domain.progress import COLUMNS, TABLE_NOTE
from ...domain.progress import SHORT_LABELS as SHORT
from .appendix import check_printable, markup
from .plan_body import SignatureSpace, document_head, signature_block

SERIES = (("done_on_time", colors.Color(0.3, 0.6, 0.3)), ("done_late", colors.Color(0.55, 0.75, 0.35)),
          ("doing", colors.Color(0.27, 0.47, 0.78)), ("todo", colors.Color(0.78, 0.78, 0.78)),
          ("no_report", colors.Color(0.92, 0.63, 0.27)),
          ("dropped", colors.Color(0.47, 0.47, 0.47)))
CHART_ROWS = 25                 # a chart of more agencies than this would be unreadable: the biggest are shown


def _styles(family: FontFamily) -> dict[str, ParagraphStyle]:
    def style(name, size, face="regular", align=TA_JUSTIFY, **kw):
        return ParagraphStyle(name, fontName=family.font(face), fontSize=size, leading=round(size * 1.2, 1),
                              alignment=align, textColor="black", **kw)

    return {"body": style("body", 14, firstLineIndent=1 * cm, spaceAfter=6),
            "heading": style("heading", 14, "bold", firstLineIndent=1 * cm, spaceAfter=6),
            "cell": style("cell", 11, align=TA_LEFT),
            "number": style("number", 11, align=TA_CENTER),
            "head": style("head", 10, "bold", align=TA_CENTER),
            "note": style("note", 12, "italic")}


def report_story(report: MonthReport, family: FontFamily, setup: PageSetup,
                 spaces: list[SignatureSpace] | None = None, issuing: bool = False) -> list[Flowable]:
    check_printable(family, report.texts())
    st = _styles(family)
    width = setup.frame_width
    story = document_head(report.head, family, setup)
    # a heading never ends a page: it starts the next one when less than 4 cm are left (a table
    # after it may then split across pages, which keepWithNext would not allow)
    story += [Paragraph(markup(report.opening), st["body"]),
              CondPageBreak(4 * cm), Paragraph(HEADINGS[0], st["heading"]), Paragraph(markup(report.overall), st["body"]),
              CondPageBreak(4 * cm), Paragraph(HEADINGS[1], st["heading"])]

    # ----- the table by agency ---------------------------------------------------------------------
    name_w = width * 0.30
    number_w = (width - 1.0 * cm - name_w) / len(SHORT)       # «Không TH» whole on a line (not «Khôn / g TH»)
    head = [Paragraph("TT", st["head"]), Paragraph("Cơ quan chủ trì", st["head"])] + \
        [Paragraph(h, st["head"]) for h in SHORT]
    rows = [head]
    for i, (name, f) in enumerate(report.by_agency, 1):
        rows.append([Paragraph(str(i), st["number"]), Paragraph(markup(name), st["cell"])]
                    + [Paragraph(str(v), st["number"]) for v in f.as_row()])
    rows.append([Paragraph("", st["number"]), Paragraph("<b>Cả kế hoạch</b>", st["cell"])]
                + [Paragraph(f"<b>{v}</b>", st["number"]) for v in report.figures.as_row()])
    table = LongTable(rows, colWidths=[1.0 * cm, name_w] + [number_w] * len(SHORT), repeatRows=1)
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), family.font(), 11),
                               ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                               ("LEFTPADDING", (2, 0), (-1, -1), 2), ("RIGHTPADDING", (2, 0), (-1, -1), 2),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    story += [table, Paragraph(TABLE_NOTE, st["note"]), Spacer(1, 6)]
    story.append(KeepTogether([_chart(report, family, width)]))

    # ----- overdue and not done ------------------------------------------------------------------
    story += [CondPageBreak(4 * cm), Paragraph(HEADINGS[2], st["heading"])]
    if not report.late:
        story.append(Paragraph("Không có nhiệm vụ quá hạn hay chưa hoàn thành.", st["body"]))
    else:
        widths = [1.0 * cm, width * 0.40, width * 0.20, width * 0.17]
        widths.append(width - sum(widths))
        rows = [[Paragraph(h, st["head"]) for h in ("TT", "Nội dung", "Cơ quan chủ trì", "Tình trạng",
                                                    "Kết quả, lý do")]]
        room = setup.frame_height * 0.45           # what a row may take: two to a page under the header
        style = [("FONT", (0, 0), (-1, -1), family.font(), 11), ("BOX", (0, 0), (-1, -1), 0.5, colors.black),
                 ("LINEAFTER", (0, 0), (-2, -1), 0.5, colors.black), ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
                 ("VALIGN", (0, 0), (-1, -1), "TOP")]
        for late in report.late:
            # a long text goes on in the rows below it, so that no row is taller than a page
            content = _pieces(late.content, widths[1], st["cell"], room)
            result = _pieces(late.result, widths[4], st["cell"], room)
            for i in range(max(len(content), len(result))):
                first = i == 0
                rows.append([Paragraph(str(late.position) if first else "", st["number"]),
                             Paragraph(markup(content[i] if i < len(content) else ""), st["cell"]),
                             Paragraph(markup(late.leads) if first else "", st["cell"]),
                             Paragraph(markup(late.state) if first else "", st["cell"]),
                             Paragraph(markup(result[i] if i < len(result) else ""), st["cell"])])
            style.append(("LINEBELOW", (0, len(rows) - 1), (-1, len(rows) - 1), 0.5, colors.black))
        table = LongTable(rows, colWidths=widths, repeatRows=1)
        table.setStyle(TableStyle(style))
        story.append(table)
    signature = report.signature
    if issuing:
        signature = dataclasses.replace(signature, space_mm=ISSUING_SIGNATURE_SPACE_MM)
    return story + signature_block(signature, family, setup, spaces)


def _pieces(text: str, width: float, style: ParagraphStyle, room: float) -> list[str]:
    """``text`` cut, at spaces where it can, into pieces that each lay out no taller than ``room``
    points in a cell ``width`` wide (so no row is taller than a page); every character is kept, in
    order. Short texts (almost all) are one piece, measured once."""
    inner = width - 12                                  # (a table cell's left and right padding)

    def fits(piece: str) -> bool:
        return Paragraph(markup(piece), style).wrap(inner, room * 10)[1] <= room

    pieces, size = [], len(text)
    while not (len(text) <= size and fits(text)):
        size = min(size, len(text))
        while size > 1 and not fits(text[:size]):
            size = size * 2 // 3
        cut = max(text.rfind(" ", 0, size), text.rfind("\n", 0, size))
        cut = cut + 1 if cut > size // 2 else size
        pieces.append(text[:cut])
        text = text[cut:]
        size = cut * 3 // 2                             # the next piece is about as long: tried first
    return pieces + [text]


class _Drawing(Drawing):
    """A drawing whose renderer starts in the document's font: reportlab's starts every drawing in
    ``rl_config.defaultGraphicsFontName`` (Helvetica), which would name a font not embedded."""
    font = None

    def drawOn(self, canvas, x, y, _sW=0):
        from reportlab import rl_config

        before = rl_config.defaultGraphicsFontName
        rl_config.defaultGraphicsFontName = self.font or before
        try:
            return super().drawOn(canvas, x, y, _sW)
        finally:
            rl_config.defaultGraphicsFontName = before


def _chart(report: MonthReport, family: FontFamily, width: float) -> Drawing:
    """A stacked horizontal bar per agency (the biggest CHART_ROWS), the legend under it."""
    rows = sorted(report.by_agency, key=lambda r: -r[1].total)[:CHART_ROWS][::-1]
    bar_h = 14
    height = 40 + bar_h * max(1, len(rows))
    drawing = _Drawing(width, height + 30)
    drawing.__dict__["font"] = family.font()          # (a Drawing refuses attributes it does not know)
    chart = HorizontalBarChart()
    chart.x, chart.y = width * 0.36, 30
    chart.width, chart.height = width * 0.6, height - 20
    chart.categoryAxis.style = "stacked"
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueStep = max(1, max((f.total for _, f in rows), default=1) // 5)
    chart.data = [[getattr(f, key) for _, f in rows] for key, _ in SERIES] if rows else [[0]]
    chart.categoryAxis.categoryNames = [name if len(name) <= 40 else name[:39] + "…" for name, _ in rows] or [""]
    for label in (chart.categoryAxis.labels, chart.valueAxis.labels):
        label.fontName, label.fontSize = family.font(), 8
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.barSpacing = 1
    for i, (_, colour) in enumerate(SERIES):
        chart.bars[i].fillColor = colour
        chart.bars[i].strokeColor = colors.black
        chart.bars[i].strokeWidth = 0.3
    drawing.add(chart)
    legend = Legend()
    legend.fontName, legend.fontSize = family.font(), 8
    legend.x, legend.y = width * 0.05, 12
    legend.alignment = "right"
    legend.columnMaximum = 1
    short = dict(zip((key for key, _ in COLUMNS), SHORT, strict=True))
    legend.colorNamePairs = [(colour, short[key]) for key, colour in SERIES]
    drawing.add(legend)
    return drawing
