"""The plan itself (Nghị định 30, Mẫu 1.4): the two-column header with its drawn rules, number and
date on one line, KẾ HOẠCH and its subject, the body (14 pt, justified, 1 cm first-line indent), and
the signature block with "Nơi nhận:" beside it, never split from each other."""
from __future__ import annotations

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from .. import docformat
from ..models import Plan
from .appendix import HorizontalRule, markup, widest_line
from .document import PageSetup, PartStart
from .fonts import FontFamily, refuse_missing

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
LEFT_COLUMN = 65 * mm
SIGNATURE_SPACE = 2.8 * cm
SECTION_TITLES = ("I. NHIỆM VỤ CHUNG", "II. CÁC NHIỆM VỤ CỤ THỂ", "III. TỔ CHỨC THỰC HIỆN")


def _styles(family: FontFamily) -> dict[str, ParagraphStyle]:
    def style(name, size, face="regular", align=TA_CENTER, **kw):
        return ParagraphStyle(name, fontName=family.font(face), fontSize=size, leading=round(size * 1.2, 1),
                              alignment=align, textColor="black", **kw)

    return {
        "parent": style("parent", 13),
        "agency": style("agency", 13, "bold"),
        "number": style("number", 13),
        "national": style("national", 13, "bold"),
        "motto": style("motto", 14, "bold"),
        "date": style("date", 14, "italic"),
        "type": style("type", 14, "bold"),
        "subject": style("subject", 14, "bold"),
        "body": style("body", 14, align=TA_JUSTIFY, firstLineIndent=1 * cm, spaceAfter=6),
        "heading": style("heading", 14, "bold", align=TA_JUSTIFY, firstLineIndent=1 * cm, spaceAfter=6,
                         keepWithNext=1),
        "recipients_label": style("recipients_label", 12, "bold_italic", align=TA_LEFT),
        "recipient": style("recipient", 11, align=TA_LEFT),
        "authority": style("authority", 14, "bold"),
        "signer": style("signer", 14, "bold"),
    }


class _FixedRule(Flowable):
    """A centred rule of a width known only once the text above it is laid out."""

    def __init__(self, width_of, space_before=4):
        super().__init__()
        self.width_of = width_of
        self.spaceBefore = space_before

    def wrap(self, availWidth, availHeight):
        self.avail = availWidth
        self.rule = HorizontalRule(self.width_of(availWidth))
        return availWidth, 0.6

    def draw(self):
        self.rule.wrap(self.avail, 1)
        self.rule.drawOn(self.canv, 0, 0)


def check_plan_printable(family: FontFamily, plan: Plan) -> None:
    texts = [plan.issuing_body, plan.parent_body, plan.subject, plan.grounds, plan.specific_tasks_text,
             plan.implementation, plan.signer_authority, plan.signer_title, plan.signer_name, *plan.general_tasks,
             *plan.recipients]
    refuse_missing(family, texts, "phần thân kế hoạch")


def plan_story(plan: Plan, family: FontFamily, setup: PageSetup) -> list[Flowable]:
    check_plan_printable(family, plan)
    st = _styles(family)
    story = document_head(plan, family, setup)

    # ----- the body --------------------------------------------------------------------------
    def paragraphs(text: str, first_prefix: str = ""):
        for i, part in enumerate(p for p in text.split("\n") if p.strip()):
            story.append(Paragraph(markup((first_prefix if i == 0 else "") + part), st["body"]))

    paragraphs(plan.grounds)
    story.append(Paragraph(SECTION_TITLES[0], st["heading"]))
    for n, item in enumerate(plan.general_tasks, 1):
        paragraphs(item, f"{n}. ")
    story.append(Paragraph(SECTION_TITLES[1], st["heading"]))
    paragraphs(plan.specific_tasks_text)
    story.append(Paragraph(SECTION_TITLES[2], st["heading"]))
    paragraphs(plan.implementation)
    return story + signature_block(plan, family, setup)


def document_head(plan: Plan, family: FontFamily, setup: PageSetup) -> list[Flowable]:
    """The top of a document with a type name (Mẫu 1.4): agency | national title and motto with
    their rules; number | place and date; the type ("KẾ HOẠCH", "BÁO CÁO") and the subject."""
    st = _styles(family)
    right = setup.frame_width - LEFT_COLUMN

    # ----- the header: agency | national title, motto; number | place and date --------------------
    left_cell: list[Flowable] = []
    if plan.parent_body.strip():
        left_cell.append(Paragraph(markup(plan.parent_body.upper()), st["parent"]))
    agency = Paragraph(markup(plan.issuing_body.upper()), st["agency"])
    left_cell += [agency, _FixedRule(lambda w: widest_line(agency, w) * 0.4)]
    motto_width = stringWidth(MOTTO, family.font("bold"), 14)
    right_cell = [Paragraph(NATIONAL_TITLE, st["national"]), Paragraph(MOTTO, st["motto"]),
                  _FixedRule(lambda w: motto_width)]
    when = docformat.decree_date(plan.issued_on) if plan.issued_on else \
        f"ngày{docformat.BLANK_DAY}tháng{docformat.BLANK_DAY}năm {plan.year}"
    number = Paragraph(markup(f"Số: {docformat.number_symbol(plan)}"), st["number"])
    date_line = Paragraph(markup(f"{plan.place or '…'}, {when}"), st["date"])
    header = Table([[left_cell, right_cell], [number, date_line]], colWidths=[LEFT_COLUMN, right])
    # (a Table sets its cells' font even when they hold Paragraphs: Helvetica, unless told)
    cell_font = ("FONT", (0, 0), (-1, -1), family.font(), 14)
    header.setStyle(TableStyle([cell_font, ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
                                ("BOTTOMPADDING", (0, 0), (-1, 0), 6), ("BOTTOMPADDING", (0, 1), (-1, 1), 0)]))

    subject = Paragraph(markup(plan.subject), st["subject"])
    story: list[Flowable] = [
        PartStart(), header, Spacer(1, 20),
        Paragraph(markup(plan.doc_type.upper()), st["type"]), subject,
        _FixedRule(lambda w: widest_line(subject, w) * 0.4), Spacer(1, 14),
    ]

    return story


def signature_block(plan: Plan, family: FontFamily, setup: PageSetup) -> list[Flowable]:
    """"Nơi nhận:" and its list beside the signature, never split from each other."""
    st = _styles(family)
    cell_font = ("FONT", (0, 0), (-1, -1), family.font(), 14)
    recipients = [Paragraph("Nơi nhận:", st["recipients_label"])] + [
        Paragraph(markup(f"- {r}"), st["recipient"]) for r in plan.recipients]
    signature = [Paragraph(markup(plan.signer_authority.upper()), st["authority"]),
                 Paragraph(markup(plan.signer_title.upper()), st["authority"]),
                 Spacer(1, SIGNATURE_SPACE), Paragraph(markup(plan.signer_name), st["signer"])]
    half = setup.frame_width / 2
    block = Table([[recipients, signature]], colWidths=[half, half])
    block.setStyle(TableStyle([cell_font, ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0)]))
    return [Spacer(1, 8), KeepTogether([block])]
