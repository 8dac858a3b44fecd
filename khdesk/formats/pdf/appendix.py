"""The appendix "NHIỆM VỤ TRỌNG TÂM THÁNG N/YYYY" (Nghị định 30, Mẫu 2.1): heading, reference line,
drawn rule, and the table of tasks with the lead agency merged over each group."""
from __future__ import annotations

import unicodedata
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Spacer

from ...document.charset import describe, refuse_unsupported
from ...document.fonts import FontFamily, missing_characters
from ...document.model import NO_TASKS, REFERENCE_RULE, Appendix, PageSetup
from ...errors import InvalidInput
from .document import PartStart
from .grouped_table import GroupedTable, Row

HEADING_SIZE = 14
RULE_WIDTH = 0.6


def markup(text: str) -> str:
    """Stored text as reportlab Paragraph markup: the characters exactly (NFC), line breaks kept."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return escape(text).replace("\n", "<br/>")


class HorizontalRule(Flowable):
    """A solid drawn line, centred, of a given width."""

    def __init__(self, width: float, space_before: float = 3, space_after: float = 0):
        super().__init__()
        self.rule_width = width
        self.spaceBefore = space_before
        self.spaceAfter = space_after

    def wrap(self, availWidth, availHeight):
        self.avail = availWidth
        return availWidth, RULE_WIDTH

    def draw(self):
        x = (self.avail - self.rule_width) / 2
        self.canv.setLineWidth(RULE_WIDTH)
        self.canv.setStrokeColorRGB(0, 0, 0)
        self.canv.line(x, 0, x + self.rule_width, 0)


def _styles(family: FontFamily, size: float) -> dict[str, ParagraphStyle]:
    leading = round(size * 1.2, 1)
    base = dict(fontName=family.font(), fontSize=size, leading=leading, textColor="black")
    heading = dict(fontName=family.font("bold"), fontSize=HEADING_SIZE, leading=HEADING_SIZE * 1.2,
                   alignment=TA_CENTER, textColor="black")
    return {
        "label": ParagraphStyle("label", **heading),
        "title": ParagraphStyle("title", **heading),
        "reference": ParagraphStyle("reference", **{**heading, "fontName": family.font("italic")}),
        "header": ParagraphStyle("header", **{**base, "fontName": family.font("bold"), "alignment": TA_CENTER}),
        "content": ParagraphStyle("content", **{**base, "alignment": TA_JUSTIFY}),
        "centre": ParagraphStyle("centre", **{**base, "alignment": TA_CENTER}),
        "note": ParagraphStyle("note", **{**base, "fontName": family.font("italic"), "alignment": TA_CENTER}),
        # a part's heading keeps with its table's first rows (a heading never ends a page)
        "part": ParagraphStyle("part", **{**base, "fontName": family.font("bold"), "fontSize": HEADING_SIZE,
                                          "leading": HEADING_SIZE * 1.2, "spaceAfter": 4, "keepWithNext": 1}),
    }


def check_printable(family: FontFamily, texts: list[tuple[str, str]]) -> None:
    """Refuse, saying where (the task's number, the field), a text the PDF could not show as typed."""
    refuse_unsupported(texts, "in", fonts=False)
    for where, text in texts:            # and what the font it prints with lacks
        bad = sorted(missing_characters(family, text))
        if bad:
            raise InvalidInput(f"Không in được {where}: có ký tự phông chữ không thể hiện ({describe(bad)}). "
                               "Hãy sửa lại nội dung đó rồi in lại.")


def appendix_story(appendix: Appendix, family: FontFamily, setup: PageSetup) -> list[Flowable]:
    """The flowables of the appendix, starting with its own page numbering."""
    appendix.refuse_unprintable_columns()
    st = _styles(family, appendix.table_size)
    reference = Paragraph(markup(appendix.reference), st["reference"])
    story: list[Flowable] = [
        PartStart(),
        Paragraph(markup(appendix.label), st["label"]),
        Paragraph(markup(appendix.title), st["title"]),
        reference,
        _RuleUnder(reference, setup.frame_width),
        Spacer(1, 14),
    ]
    if not appendix.rows:
        story.append(Paragraph(markup(NO_TASKS), st["note"]))
        return story

    header = [Paragraph(markup(t), st["header"]) for t in appendix.titles]
    groups = [Paragraph(markup(text), st["centre"]) for text in appendix.lead_cells]
    lead = appendix.columns.index("lead")
    for heading, part in appendix.sections():
        if heading:                       # a part of its own: its heading, then its table with the header
            story += [Spacer(1, 6), Paragraph(markup(heading), st["part"])]
        rows: list[Row] = []
        for r in part:
            cells = [Paragraph(markup(text), st["content" if column == "content" else "centre"])
                     for column, text in zip(appendix.columns, appendix.cells(r)) if column != "lead"]
            carried_on = Paragraph(f"{r.position}<br/><font size=\"8\">(tiếp)</font>", st["centre"])  # goes on
            rows.append(Row(cells, r.group, repeat={0: carried_on}))
        story.append(GroupedTable(list(appendix.widths), header, rows, groups, merge_col=lead,
                                  frame_height=setup.frame_height))
    return story


class _RuleUnder(HorizontalRule):
    """The rule under the reference line: a third of that line's width."""

    def __init__(self, paragraph: Paragraph, frame_width: float):
        super().__init__(0, space_before=4)
        self.paragraph = paragraph
        self.frame_width = frame_width

    def wrap(self, availWidth, availHeight):
        self.rule_width = widest_line(self.paragraph, availWidth) * REFERENCE_RULE
        return super().wrap(availWidth, availHeight)


def widest_line(paragraph: Paragraph, avail_width: float) -> float:
    """The width of the longest line of a paragraph wrapped at ``avail_width``."""
    paragraph.wrap(avail_width, 1e9)
    widths = []
    for line in paragraph.blPara.lines:
        extra = line[0] if isinstance(line, tuple) else line.extraSpace
        widths.append(avail_width - extra)
    return max(widths, default=avail_width)
