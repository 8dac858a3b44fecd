"""The plan itself (Nghị định 30, Mẫu 1.4): the two-column header with its drawn rules, number and
date on one line, KẾ HOẠCH and its subject, the body (14 pt, justified, 1 cm first-line indent), and
the signature block with "Nơi nhận:" beside it, never split from each other."""
from __future__ import annotations

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from ...document.fonts import FontFamily
from ...document.model import (
    AGENCY_RULE,
    LEFT_COLUMN_MM,
    SUBJECT_RULE,
    Head,
    PageSetup,
    Part,
    Signature,
)
from .appendix import HorizontalRule, markup, widest_line
from .document import PartStart

LEFT_COLUMN = LEFT_COLUMN_MM * mm


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


def plan_story(body: tuple[Part, ...], family: FontFamily) -> list[Flowable]:
    """The body of the plan: its parts, each heading kept with what follows."""
    st = _styles(family)
    story: list[Flowable] = []
    for part in body:
        if part.title:
            story.append(Paragraph(markup(part.title), st["heading"]))
        story += [Paragraph(markup(text), st["body"]) for text in part.paragraphs]
    return story


def document_head(head: Head, family: FontFamily, setup: PageSetup) -> list[Flowable]:
    """The top of a document with a type name (Mẫu 1.4): agency | national title and motto with
    their rules; number | place and date; the type ("KẾ HOẠCH", "BÁO CÁO") and the subject."""
    st = _styles(family)
    right = setup.frame_width - LEFT_COLUMN

    # ----- the header: agency | national title, motto; number | place and date --------------------
    left_cell: list[Flowable] = []
    if head.parent_body:
        left_cell.append(Paragraph(markup(head.parent_body), st["parent"]))
    agency = Paragraph(markup(head.issuing_body), st["agency"])
    left_cell += [agency, _FixedRule(lambda w: widest_line(agency, w) * AGENCY_RULE)]
    motto_width = stringWidth(head.motto, family.font("bold"), 14)
    right_cell = [Paragraph(markup(head.national_title), st["national"]), Paragraph(markup(head.motto), st["motto"]),
                  _FixedRule(lambda w: motto_width)]
    number = Paragraph(markup(head.number_line), st["number"])
    date_line = Paragraph(markup(head.place_date), st["date"])
    header = Table([[left_cell, right_cell], [number, date_line]], colWidths=[LEFT_COLUMN, right])
    # (a Table sets its cells' font even when they hold Paragraphs: Helvetica, unless told)
    cell_font = ("FONT", (0, 0), (-1, -1), family.font(), 14)
    header.setStyle(TableStyle([cell_font, ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
                                ("BOTTOMPADDING", (0, 0), (-1, 0), 6), ("BOTTOMPADDING", (0, 1), (-1, 1), 0)]))

    subject = Paragraph(markup(head.subject), st["subject"])
    story: list[Flowable] = [
        PartStart(), header, Spacer(1, 20),
        Paragraph(markup(head.doc_type), st["type"]), subject,
        _FixedRule(lambda w: widest_line(subject, w) * SUBJECT_RULE), Spacer(1, 14),
    ]

    return story


class SignatureSpace(Spacer):
    """The room between the signer's title and name; where it was drawn (page, rectangle in points from the
    page's lower left) is kept in ``placed`` — the issuing form puts the signature fields there."""

    def __init__(self, width: float, height: float):
        super().__init__(width, height)
        self.placed: tuple[int, tuple[float, float, float, float]] | None = None

    def draw(self):
        x, y = self.canv.absolutePosition(0, 0)
        self.placed = (self.canv.getPageNumber() - 1, (x, y, x + self.width, y + self.height))


def signature_block(signature: Signature, family: FontFamily, setup: PageSetup,
                    spaces: list[SignatureSpace] | None = None) -> list[Flowable]:
    """"Nơi nhận:" and its list beside the signature, never split from each other; the room for the
    signature is added to ``spaces`` (to find where it was drawn)."""
    st = _styles(family)
    cell_font = ("FONT", (0, 0), (-1, -1), family.font(), 14)
    recipients = [Paragraph(markup(signature.recipients_label), st["recipients_label"])] + [
        Paragraph(markup(f"- {r}"), st["recipient"]) for r in signature.recipients]
    signs = [Paragraph(markup(signature.authority), st["authority"]),
             Paragraph(markup(signature.title), st["authority"]),
             Paragraph(markup(signature.name), st["signer"])]
    half = setup.frame_width / 2
    space = SignatureSpace(half, signature.space_mm * mm)
    signs.insert(2, space)
    if spaces is not None:
        spaces.append(space)
    block = Table([[recipients, signs]], colWidths=[half, half])
    block.setStyle(TableStyle([cell_font, ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0)]))
    return [Spacer(1, 8), KeepTogether([block])]
