"""The appendix "NHIỆM VỤ TRỌNG TÂM THÁNG N/YYYY" (Nghị định 30, Mẫu 2.1): heading, reference line,
drawn rule, and the table of tasks with the lead agency merged over each group."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Spacer

from .. import docformat
from ..appendix_rows import appendix_rows, texts_to_check
from ..charset import describe, refuse_unsupported
from ..errors import InvalidInput
from ..models import Agency, Plan, Task
from .document import PageSetup, PartStart
from .fonts import FontFamily, missing_characters
from .grouped_table import GroupedTable, Row

HEADING_SIZE = 14
RULE_WIDTH = 0.6


@dataclass(frozen=True)
class AppendixOptions:
    with_coordinators: bool = False
    with_deadline: bool = False
    table_size: float = 13           # 12–14 pt

    def __post_init__(self):
        if not 12 <= self.table_size <= 14:
            raise InvalidInput("Cỡ chữ của bảng phải từ 12 đến 14.")


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
    }


def check_printable(family: FontFamily, tasks: list[Task], names: dict[int, str], plan: Plan) -> None:
    """Refuse, with the task's number, a text the PDF could not show as typed."""
    texts = [("tiêu đề phụ lục", plan.appendix_title), ("dòng trích dẫn", plan.appendix_reference),
             *texts_to_check(tasks, names)]
    refuse_unsupported(texts, "in", fonts=False)
    for where, text in texts:            # and what the font it prints with lacks
        bad = sorted(missing_characters(family, text))
        if bad:
            raise InvalidInput(f"Không in được {where}: có ký tự phông chữ không thể hiện ({describe(bad)}). "
                               "Hãy sửa lại nội dung đó rồi in lại.")


def column_widths(frame_width: float, options: AppendixOptions) -> tuple[list[str], list[float]]:
    mm = 72 / 25.4
    titles = ["TT", "Nội dung", "Cơ quan chủ trì thực hiện"]
    if options.with_coordinators and options.with_deadline:
        fixed = [10 * mm, None, 35 * mm, 33 * mm, 24 * mm]
        titles += ["Cơ quan phối hợp", "Thời hạn hoàn thành"]
    elif options.with_coordinators:
        fixed = [11 * mm, None, 40 * mm, 36 * mm]
        titles += ["Cơ quan phối hợp"]
    elif options.with_deadline:
        fixed = [12 * mm, None, 42 * mm, 26 * mm]
        titles += ["Thời hạn hoàn thành"]
    else:
        fixed = [12 * mm, None, 47 * mm]
    content = frame_width - sum(w for w in fixed if w)
    return titles, [content if w is None else w for w in fixed]


def appendix_story(plan: Plan, tasks: list[Task], agencies: dict[int, Agency], family: FontFamily,
                   setup: PageSetup, options: AppendixOptions = AppendixOptions()) -> list[Flowable]:
    """The flowables of the appendix, starting with its own page numbering."""
    names = {a.id: a.print_name for a in agencies.values()}
    check_printable(family, tasks, names, plan)
    st = _styles(family, options.table_size)
    reference = Paragraph(markup(docformat.appendix_reference(plan)), st["reference"])
    story: list[Flowable] = [
        PartStart(),
        Paragraph("Phụ lục", st["label"]),
        Paragraph(markup(docformat.appendix_title(plan)), st["title"]),
        reference,
        _RuleUnder(reference, setup.frame_width),
        Spacer(1, 14),
    ]
    if not tasks:
        story.append(Paragraph("(Kế hoạch chưa có nhiệm vụ nào.)", st["note"]))
        return story

    titles, widths = column_widths(setup.frame_width, options)
    header = [Paragraph(t, st["header"]) for t in titles]
    table_rows, lead_cells = appendix_rows(tasks, names)
    groups = [Paragraph(markup(text), st["centre"]) for text in lead_cells]
    rows: list[Row] = []
    for r in table_rows:
        cells = [Paragraph(str(r.task.position), st["centre"]), Paragraph(markup(r.task.content), st["content"])]
        if options.with_coordinators:
            cells.append(Paragraph(markup(r.coordinators), st["centre"]))
        if options.with_deadline:
            cells.append(Paragraph(markup(r.deadline), st["centre"]))
        carried_on = Paragraph(f"{r.task.position}<br/><font size=\"8\">(tiếp)</font>", st["centre"])  # where it goes on
        rows.append(Row(cells, r.group, repeat={0: carried_on}))
    story.append(GroupedTable(widths, header, rows, groups, merge_col=2, frame_height=setup.frame_height))
    return story


class _RuleUnder(HorizontalRule):
    """The rule under the reference line: a third of that line's width."""

    def __init__(self, paragraph: Paragraph, frame_width: float):
        super().__init__(0, space_before=4)
        self.paragraph = paragraph
        self.frame_width = frame_width

    def wrap(self, availWidth, availHeight):
        self.rule_width = widest_line(self.paragraph, availWidth) / 3
        return super().wrap(availWidth, availHeight)


def widest_line(paragraph: Paragraph, avail_width: float) -> float:
    """The width of the longest line of a paragraph wrapped at ``avail_width``."""
    paragraph.wrap(avail_width, 1e9)
    widths = []
    for line in paragraph.blPara.lines:
        extra = line[0] if isinstance(line, tuple) else line.extraSpace
        widths.append(avail_width - extra)
    return max(widths, default=avail_width)
